import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  KubeApiError,
  type KubeClient,
  type KubeObject,
} from '../../KubeClient';
import { manifestsAt } from '../../manifests/__testUtils__/capiActions';

const run = promisify(execFile);

export const ARGO_NAMESPACE = 'argocd';

/**
 * Just enough of Argo CD's `Application` CRD for the API server to store
 * Applications with any spec and status (the real CRD's schema is not
 * vendored here; capi-backend reads only the fields Argo CD documents).
 */
const APPLICATION_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'applications.argoproj.io' },
  spec: {
    group: 'argoproj.io',
    scope: 'Namespaced',
    names: {
      kind: 'Application',
      listKind: 'ApplicationList',
      plural: 'applications',
      singular: 'application',
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

const keyOf = (o: KubeObject) =>
  `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The outcome of one folder's last sync, as its Application reports it. */
export interface FolderSync {
  revision: string;
  phase: 'Succeeded' | 'Failed';
  message: string;
  finishedAt: string;
}

/**
 * Plays Argo CD's part against the real API server: whenever the GitOps
 * branch moves, every cluster folder of one management cluster
 * (`clusters/<mc>/<namespace>/<cluster>/cluster.yaml`) is applied with
 * server-side apply (so upstream's webhooks judge it), objects that left
 * the folder are pruned, and one `Application` per folder (namespace
 * `argocd`, `spec.source.path` = the folder) reports the sync the way Argo
 * CD does: `Synced`/`OutOfSync`, the operation `Succeeded` or `Failed` with
 * the API server's refusal as its message. A failed folder is tried again
 * on every pass, as Argo CD's automated sync retries.
 */
export class ArgoCdStandIn {
  readonly #client: KubeClient;
  readonly #bare: string;
  readonly #managementCluster: string;
  /** Objects applied per folder, to prune what leaves it. */
  readonly #applied = new Map<string, Map<string, KubeObject>>();
  readonly #synced = new Map<string, FolderSync>();
  #revision?: string;
  #timer?: NodeJS.Timeout;
  #running?: Promise<void>;

  /** Installs the Application CRD and the `argocd` namespace, and waits until they serve. */
  static async install(client: KubeClient): Promise<void> {
    await client.apply(APPLICATION_CRD, { dryRun: false });
    await client.ensureNamespace(ARGO_NAMESPACE);
    const deadline = Date.now() + 60_000;
    for (;;) {
      client.resetDiscovery();
      if (await client.resourceFor('argoproj.io/v1alpha1', 'Application')) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error('the Application CRD was not served within 60 s');
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }

  constructor(options: {
    client: KubeClient;
    bare: string;
    managementCluster: string;
  }) {
    this.#client = options.client;
    this.#bare = options.bare;
    this.#managementCluster = options.managementCluster;
  }

  /** The last sync of a folder, if it was synced. */
  lastSync(folder: string): FolderSync | undefined {
    return this.#synced.get(folder);
  }

  /** Syncs every `intervalMs` (Argo CD polls its repositories). */
  start(intervalMs = 1_000): void {
    this.#timer ??= setInterval(() => {
      this.sync().catch(() => {
        // a pass that met a transport error is simply tried again
      });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
  }

  /** One pass; concurrent calls share it. */
  sync(): Promise<void> {
    this.#running ??= this.#sync().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', ['--git-dir', this.#bare, ...args]);
    return stdout.trim();
  }

  async #sync(): Promise<void> {
    const revision = await this.#git('rev-parse', 'main');
    const retry = [...this.#synced].some(([, s]) => s.phase === 'Failed');
    if (revision === this.#revision && !retry) return;
    const root = `clusters/${this.#managementCluster}`;
    const files = (
      await this.#git('ls-tree', '-r', '--name-only', 'main', '--', root)
    )
      .split('\n')
      .filter(f => f.endsWith('/cluster.yaml'));
    const folders = files.map(f => f.slice(0, -'/cluster.yaml'.length));
    for (const folder of folders) {
      const unchanged =
        revision === this.#revision &&
        this.#synced.get(folder)?.phase !== 'Failed';
      if (!unchanged) await this.#syncFolder(folder, revision);
    }
    for (const folder of [...this.#applied.keys()]) {
      if (!folders.includes(folder)) await this.#removeFolder(folder);
    }
    this.#revision = revision;
  }

  async #syncFolder(folder: string, revision: string): Promise<void> {
    const objects = await manifestsAt(this.#bare, folder);
    const applied = this.#applied.get(folder) ?? new Map();
    const errors: string[] = [];
    for (const obj of objects) {
      try {
        await this.#client.apply(obj, {
          dryRun: false,
          fieldManager: 'argocd-controller',
        });
        applied.set(keyOf(obj), obj);
      } catch (error) {
        if (!(error instanceof KubeApiError) || error.status >= 500) {
          throw error;
        }
        errors.push(error.message);
      }
    }
    const wanted = new Set(objects.map(keyOf));
    for (const [key, obj] of applied) {
      if (wanted.has(key)) continue;
      await this.#client.delete(obj);
      applied.delete(key);
    }
    this.#applied.set(folder, applied);
    const failed = errors.length > 0;
    const message = failed
      ? `one or more objects failed to apply, reason: ${errors.join('; ')}`
      : 'successfully synced (all tasks run)';
    const previous = this.#synced.get(folder);
    const phase = failed ? 'Failed' : 'Succeeded';
    const same =
      previous?.phase === phase &&
      previous.message === message &&
      previous.revision === revision;
    const outcome: FolderSync = {
      revision,
      phase,
      message,
      finishedAt: same ? previous.finishedAt : new Date().toISOString(),
    };
    this.#synced.set(folder, outcome);
    if (!same) await this.#publish(folder, outcome);
  }

  async #removeFolder(folder: string): Promise<void> {
    for (const obj of this.#applied.get(folder)?.values() ?? []) {
      await this.#client.delete(obj);
    }
    this.#applied.delete(folder);
    this.#synced.delete(folder);
    await this.#client.delete(this.#application(folder));
  }

  #application(folder: string): KubeObject {
    const [, , namespace, name] = folder.split('/');
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: `${namespace}.${name}`, namespace: ARGO_NAMESPACE },
      spec: {
        project: 'default',
        source: { repoURL: this.#bare, path: folder, targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    };
  }

  async #publish(folder: string, outcome: FolderSync): Promise<void> {
    const failed = outcome.phase === 'Failed';
    await this.#client.apply(
      {
        ...this.#application(folder),
        status: {
          sync: {
            status: failed ? 'OutOfSync' : 'Synced',
            revision: outcome.revision,
          },
          health: { status: failed ? 'Degraded' : 'Healthy' },
          operationState: {
            phase: outcome.phase,
            message: outcome.message,
            finishedAt: outcome.finishedAt,
            syncResult: { revision: outcome.revision },
          },
        },
      },
      { dryRun: false, fieldManager: 'argocd-controller' },
    );
  }
}
