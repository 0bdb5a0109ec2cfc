import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ResourceDefinition,
  ResourceRegistry,
  resourceKey,
} from '../api/resources';
import { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import { KubeObject } from '../types';
import { admit } from '../admission';
import { admissionRefusal } from './admission';
import { folderOf, publishArgoApplications } from './ArgoApplications';
import { git, readBlobs, redactRepoUrl } from './git';

export { redactRepoUrl } from './git';
import { DivergenceClock, divergesFromGit } from './selfHeal';
import { parseManifestFile, type DesiredObject } from './manifestFile';
import { applyMergePatch, createMergePatch, type Json } from './threeWayMerge';

/** Annotation Argo CD uses to know which objects an application manages (used for pruning). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** The last manifest applied, for three-way merges like client-side apply. */
export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';

export interface GitOpsTarget {
  name: string;
  store: InMemoryObjectStore;
}

export interface GitOpsSyncOptions {
  repo: string;
  pollIntervalMs: number;
  targets: GitOpsTarget[];
  registry: ResourceRegistry;
  onError?: (error: unknown) => void;
  /**
   * Reverts hand changes to objects from Git, like Argo CD's self-heal, once
   * they have differed for `selfHealAfterMs` (default 5 s). Default true.
   */
  selfHeal?: boolean;
  selfHealAfterMs?: number;
  /**
   * Clusters (`<managementCluster>/<namespace>/<name>`) whose hand changes
   * are never reverted, as an Application with `selfHeal: false`: their
   * drift stays for tools to see. Their Applications say so and show
   * `OutOfSync` while the live objects differ from Git.
   */
  selfHealOff?: readonly string[];
  /** Publishes an Argo CD Application per cluster folder with its sync and health. Default true. */
  publishApplications?: boolean;
}

export interface GitOpsTargetStatus {
  repo: string;
  revision?: string;
  syncedAt?: string;
  applied: number;
  pruned: number;
  errors: string[];
}

// Namespaces first, then classes and templates, then everything else: like Argo CD's default sync order.
function kindOrder(kind: string): number {
  if (kind === 'Namespace') return 0;
  if (kind === 'ClusterClass' || kind.endsWith('Template')) return 1;
  return 2;
}

/**
 * Syncs a Git repository into the simulated management clusters the way
 * Argo CD would: every manifest under `clusters/<managementCluster>/` is
 * applied to that management cluster, new commits are picked up by polling,
 * objects removed from Git are pruned, and the synced revision is recorded.
 */
export class GitOpsSync {
  readonly #options: GitOpsSyncOptions;
  readonly #status = new Map<string, GitOpsTargetStatus>();
  #mirror?: string;
  #workDir?: string;
  #timer?: NodeJS.Timeout;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;
  #lastError?: string;
  /** Per management cluster: what the last sync applied, for self-heal and Applications. */
  readonly #last = new Map<
    string,
    {
      revision: string;
      folders: string[];
      errors: string[];
      desired: Array<DesiredObject & { trackingId: string }>;
    }
  >();
  readonly #divergence = new DivergenceClock();

  constructor(options: GitOpsSyncOptions) {
    this.#options = options;
    for (const target of options.targets) {
      this.#status.set(target.name, {
        repo: options.repo,
        applied: 0,
        pruned: 0,
        errors: [],
      });
    }
  }

  syncedRevision(managementCluster: string): string | undefined {
    return this.#status.get(managementCluster)?.revision;
  }

  status(
    managementCluster: string,
  ): GitOpsTargetStatus & { lastError?: string } {
    const status = this.#status.get(managementCluster)!;
    return {
      ...status,
      errors: [...status.errors],
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  /** Clones the repository and applies it once; then polls. Rejects when the repository cannot be read. */
  async start(): Promise<void> {
    this.#workDir = await mkdtemp(join(tmpdir(), 'capi-simulator-gitops-'));
    this.#mirror = join(this.#workDir, 'mirror.git');
    await git([
      'clone',
      '--quiet',
      '--mirror',
      this.#options.repo,
      this.#mirror,
    ]);
    await this.syncNow();
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.syncNow()
        .catch(error => this.#options.onError?.(error))
        .finally(() => this.#schedule());
    }, this.#options.pollIntervalMs);
    this.#timer.unref?.();
  }

  /** Fetches and applies now; concurrent calls run one after another. */
  syncNow(): Promise<void> {
    const run = this.#running.then(() => this.#sync());
    this.#running = run.catch(() => {});
    return run;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (this.#workDir)
      await rm(this.#workDir, { recursive: true, force: true });
  }

  async #sync(): Promise<void> {
    if (this.#stopped || !this.#mirror) return;
    const gitDir = this.#mirror;
    try {
      await git(['--git-dir', gitDir, 'fetch', '--quiet', '--prune', 'origin']);
      const revision = (
        await git([
          '--git-dir',
          gitDir,
          'rev-parse',
          '--verify',
          '--quiet',
          'HEAD^{commit}',
        ]).catch(() => Buffer.from(''))
      )
        .toString('utf8')
        .trim();
      if (!revision) {
        this.#lastError = 'the repository has no commits yet';
        return;
      }
      this.#lastError = undefined;
      if ([...this.#status.values()].every(s => s.revision === revision)) {
        for (const target of this.#options.targets) this.#heal(target);
        return;
      }
      const listing = (
        await git([
          '--git-dir',
          gitDir,
          'ls-tree',
          '-r',
          '--name-only',
          '-z',
          revision,
          '--',
          'clusters/',
        ])
      )
        .toString('utf8')
        .split('\0')
        .filter(p => /\.ya?ml$/.test(p));
      const files = await readBlobs(gitDir, revision, listing);
      for (const target of this.#options.targets) {
        if (this.#status.get(target.name)?.revision === revision) {
          this.#heal(target);
          continue;
        }
        const prefix = `clusters/${target.name}/`;
        this.#apply(
          target,
          revision,
          [...files].filter(([path]) => path.startsWith(prefix)),
        );
      }
    } catch (error) {
      this.#lastError = redactRepoUrl((error as Error).message);
      throw new Error(this.#lastError);
    }
  }

  #apply(
    target: GitOpsTarget,
    revision: string,
    files: Array<[string, string]>,
  ) {
    const errors: string[] = [];
    const desired = files.flatMap(([path, text]) =>
      parseManifestFile(this.#options.registry, path, text, errors),
    );
    desired.sort((a, b) => kindOrder(a.def.kind) - kindOrder(b.def.kind));
    const store = target.store;
    const wanted = new Set<string>();
    let applied = 0;
    const tracked: Array<DesiredObject & { trackingId: string }> = [];
    for (const { def, obj, source } of desired) {
      const resource = resourceKey(def);
      const trackingId = `capi-simulator:${def.group}/${def.kind}:${
        obj.metadata.namespace ?? ''
      }/${obj.metadata.name}`;
      wanted.add(trackingId);
      tracked.push({ def, obj, source, trackingId });
      try {
        if (this.#applyOne(store, def, resource, obj, trackingId)) applied++;
      } catch (error) {
        errors.push(`${source}: ${(error as Error).message}`);
      }
    }
    let pruned = 0;
    for (const def of this.#options.registry.definitions) {
      const resource = resourceKey(def);
      for (const entry of store.entries(resource)) {
        if (!entry.json.includes(TRACKING_ANNOTATION)) continue;
        const live: KubeObject = JSON.parse(entry.json);
        const id = live.metadata.annotations?.[TRACKING_ANNOTATION];
        if (
          id &&
          !wanted.has(id) &&
          store.entry(resource, entry.namespace, entry.name)
        ) {
          store.delete(resource, entry.namespace, entry.name);
          pruned++;
        }
      }
    }
    this.#status.set(target.name, {
      repo: redactRepoUrl(this.#options.repo),
      revision,
      syncedAt: new Date().toISOString(),
      applied,
      pruned,
      errors,
    });
    this.#last.set(target.name, {
      revision,
      folders: [
        ...new Set(
          files
            .map(([path]) => folderOf(path))
            .filter((f): f is string => Boolean(f)),
        ),
      ],
      errors,
      desired: tracked,
    });
    this.#publish(target, new Set());
  }

  /** Whether hand changes to a folder's objects are reverted. */
  #selfHeals(folder: string | undefined): boolean {
    if (this.#options.selfHeal === false) return false;
    const off = this.#options.selfHealOff;
    return !folder || !off?.includes(folder.slice('clusters/'.length));
  }

  /** Re-applies objects that were changed by hand for longer than the self-heal delay. */
  #heal(target: GitOpsTarget) {
    const last = this.#last.get(target.name);
    if (!last) return;
    const outOfSync = new Set<string>();
    const now = Date.now();
    const afterMs = this.#options.selfHealAfterMs ?? 5_000;
    for (const { def, obj, source, trackingId } of last.desired) {
      const folder = folderOf(source);
      const resource = resourceKey(def);
      const live = target.store.get(
        resource,
        obj.metadata.namespace,
        obj.metadata.name,
      );
      // Refused objects stay refused until Git changes; not a hand change.
      if (last.errors.some(e => e.startsWith(`${source}:`))) continue;
      const diverges = !live || divergesFromGit(obj, live);
      const key = `${target.name}\0${trackingId}`;
      // Without self-heal the difference stays, and the Application says so.
      if (
        !this.#selfHeals(folder) ||
        !this.#divergence.due(key, diverges, now, afterMs)
      ) {
        if (diverges && folder) outOfSync.add(folder);
        continue;
      }
      try {
        this.#applyOne(target.store, def, resource, obj, trackingId, true);
        this.#divergence.forget(key);
      } catch (error) {
        this.#options.onError?.(error);
      }
    }
    this.#publish(target, outOfSync);
  }

  #publish(target: GitOpsTarget, outOfSync: ReadonlySet<string>) {
    const last = this.#last.get(target.name);
    if (!last || this.#options.publishApplications === false) return;
    if (
      !this.#options.registry.byApiVersionKind(
        'argoproj.io/v1alpha1',
        'Application',
      )
    ) {
      return;
    }
    try {
      publishArgoApplications(target.store, {
        repo: redactRepoUrl(this.#options.repo),
        revision: last.revision,
        folders: last.folders,
        errors: last.errors,
        outOfSync,
        selfHeals: folder => this.#selfHeals(folder),
        at: new Date().toISOString(),
      });
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  /** Applies one manifest; returns whether it changed the live object. */
  #applyOne(
    store: InMemoryObjectStore,
    def: ResourceDefinition,
    resource: string,
    manifest: KubeObject,
    trackingId: string,
    heal = false,
  ): boolean {
    const refusal = admissionRefusal(manifest);
    if (refusal) throw new Error(refusal);
    const { status: _status, ...withoutStatus } = manifest;
    const desired: KubeObject = def.statusSubresource
      ? withoutStatus
      : manifest;
    const desiredText = JSON.stringify(desired);
    const annotations = {
      ...desired.metadata.annotations,
      [TRACKING_ANNOTATION]: trackingId,
      [LAST_APPLIED_ANNOTATION]: desiredText,
    };
    const live = store.get(
      resource,
      desired.metadata.namespace,
      desired.metadata.name,
    );
    if (!live) {
      const created = {
        ...desired,
        metadata: { ...desired.metadata, annotations },
      };
      // CAPI's webhooks refuse what the API server would not store (src/admission).
      admit(def, { object: created, reader: store });
      store.create(resource, created);
      return true;
    }
    const lastAppliedText =
      live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    if (
      !heal &&
      lastAppliedText === desiredText &&
      live.metadata.annotations?.[TRACKING_ANNOTATION] === trackingId
    )
      return false;
    const lastApplied = lastAppliedText
      ? JSON.parse(lastAppliedText)
      : undefined;
    const patch = (
      lastApplied ? createMergePatch(lastApplied, desired) : desired
    ) as Json;
    // Self-heal also sets every field Git has, as kubectl apply does against a changed live object.
    const next = (
      heal
        ? applyMergePatch(applyMergePatch(live, patch), desired)
        : applyMergePatch(live, patch)
    ) as KubeObject;
    next.metadata = {
      ...next.metadata,
      annotations: {
        ...next.metadata.annotations,
        [TRACKING_ANNOTATION]: trackingId,
        [LAST_APPLIED_ANNOTATION]: desiredText,
      },
      resourceVersion: live.metadata.resourceVersion,
    };
    if (def.statusSubresource) next.status = live.status;
    admit(def, { object: next, oldObject: live, reader: store });
    store.update(resource, next);
    return true;
  }
}
