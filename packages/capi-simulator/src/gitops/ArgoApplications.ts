import type { ResourceDefinition } from '../api/resources';
import type { InMemoryObjectStore } from '../store/InMemoryObjectStore';
import type { KubeObject } from '../types';

/** Argo CD's Application, served so that tools read sync status as from Argo CD. */
export const ARGO_APPLICATION_DEFINITION: ResourceDefinition = {
  group: 'argoproj.io',
  versions: ['v1alpha1'],
  kind: 'Application',
  plural: 'applications',
  singular: 'application',
  namespaced: true,
  shortNames: ['app', 'apps'],
  statusSubresource: false,
  columns: [
    { name: 'Sync Status', type: 'string', path: 'status.sync.status' },
    { name: 'Health Status', type: 'string', path: 'status.health.status' },
  ],
};

/** Namespace the Applications live in, as in a default Argo CD install. */
export const ARGO_NAMESPACE = 'argocd';
/** Label on the Applications the simulator publishes (it prunes only those). */
export const ARGO_MANAGED_LABEL = 'capi-simulator.capstan.dev/gitops-sync';

const APPLICATIONS = 'applications.argoproj.io';
const CLUSTERS = 'clusters.cluster.x-k8s.io';

/** What one sync (or self-heal pass) found for one management cluster. */
export interface SyncOutcome {
  repo: string;
  revision: string;
  /** Cluster folders (`clusters/<mc>/<ns>/<name>`) in Git for this management cluster. */
  folders: string[];
  /** Failures, each starting with the file's path. */
  errors: string[];
  /** Folders with objects that differ from Git and are not healed yet. */
  outOfSync: ReadonlySet<string>;
  /** Whether the folder's hand changes are reverted (`syncPolicy.automated.selfHeal`); default yes. */
  selfHeals?: (folder: string) => boolean;
  /** RFC 3339 */
  at: string;
}

/** Folder a path (`clusters/<mc>/<ns>/<name>/<file>`) belongs to. */
export function folderOf(path: string): string | undefined {
  const match = /^(clusters\/[^/\s]+\/[^/\s]+\/[^/\s:]+)\//.exec(path);
  return match?.[1];
}

function healthOf(store: InMemoryObjectStore, namespace: string, name: string) {
  const cluster = store.get(CLUSTERS, namespace, name);
  if (!cluster)
    return { status: 'Missing', message: 'the Cluster is not there' };
  if (cluster.metadata.deletionTimestamp) return { status: 'Progressing' };
  const conditions = (cluster.status as { conditions?: unknown[] } | undefined)
    ?.conditions;
  const available = (Array.isArray(conditions) ? conditions : []).find(
    c => (c as { type?: string }).type === 'Available',
  ) as { status?: string; message?: string } | undefined;
  if (available?.status === 'True') return { status: 'Healthy' };
  return {
    status: 'Progressing',
    ...(available?.message ? { message: available.message } : {}),
  };
}

/**
 * Publishes one Argo CD Application per cluster folder on the management
 * cluster, with the sync and health status Argo CD would report: `Synced` or
 * `OutOfSync`, the last operation `Succeeded` or `Failed` with the refusal's
 * message, and health from the Cluster's `Available` condition. Objects are
 * only written when their status changes.
 */
export function publishArgoApplications(
  store: InMemoryObjectStore,
  outcome: SyncOutcome,
): void {
  const wanted = new Set<string>();
  for (const folder of outcome.folders) {
    const [, , namespace, name] = folder.split('/');
    const appName = `${namespace}.${name}`;
    wanted.add(appName);
    const errors = outcome.errors.filter(e => e.startsWith(`${folder}/`));
    const failed = errors.length > 0;
    const live = store.get(APPLICATIONS, ARGO_NAMESPACE, appName);
    const previous = live?.status as
      | {
          operationState?: {
            finishedAt?: string;
            message?: string;
            phase?: string;
            syncResult?: { revision?: string };
          };
        }
      | undefined;
    const message = failed
      ? `one or more objects failed to apply, reason: ${errors
          .map(e => e.slice(folder.length + 1))
          .join('; ')}`
      : 'successfully synced (all tasks run)';
    const phase = failed ? 'Failed' : 'Succeeded';
    // A new revision is a new sync operation, even with the same outcome.
    const sameOperation =
      previous?.operationState?.phase === phase &&
      previous.operationState.message === message &&
      previous.operationState.syncResult?.revision === outcome.revision;
    const status = {
      sync: {
        status:
          failed || outcome.outOfSync.has(folder) ? 'OutOfSync' : 'Synced',
        revision: outcome.revision,
      },
      health: healthOf(store, namespace, name),
      operationState: {
        phase,
        message,
        finishedAt:
          sameOperation && previous?.operationState?.finishedAt
            ? previous.operationState.finishedAt
            : outcome.at,
        syncResult: { revision: outcome.revision },
      },
    };
    const spec = {
      project: 'default',
      source: { repoURL: outcome.repo, path: folder, targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: {
        automated: {
          prune: true,
          selfHeal: outcome.selfHeals?.(folder) ?? true,
        },
      },
    };
    if (!live) {
      store.create(APPLICATIONS, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: appName,
          namespace: ARGO_NAMESPACE,
          labels: { [ARGO_MANAGED_LABEL]: 'true' },
        },
        spec,
        status,
      } as KubeObject);
      continue;
    }
    if (
      JSON.stringify(live.status) !== JSON.stringify(status) ||
      JSON.stringify(live.spec) !== JSON.stringify(spec)
    ) {
      store.update(APPLICATIONS, { ...live, spec, status } as KubeObject);
    }
  }
  for (const app of store.list(APPLICATIONS, ARGO_NAMESPACE)) {
    if (
      app.metadata.labels?.[ARGO_MANAGED_LABEL] === 'true' &&
      !wanted.has(app.metadata.name)
    ) {
      store.delete(APPLICATIONS, ARGO_NAMESPACE, app.metadata.name);
    }
  }
}
