import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesApiError,
  type KubernetesTransport,
} from '../kubernetes/KubernetesClient';
import {
  ResourceWatcher,
  type ResourceWatcherTimings,
} from '../kubernetes/ResourceWatcher';
import type { ClusterClassIndex } from './ClusterClassIndex';

const VERSIONS = ['v1beta2', 'v1beta1'];

/**
 * Watches the ClusterClasses of one management cluster into the index, like
 * the other CAPI kinds (list, watch, relist on 410, back off on errors):
 * v1beta2 first, v1beta1 when the server does not serve v1beta2 (404).
 */
export function watchClusterClasses(options: {
  managementCluster: string;
  transport: KubernetesTransport;
  index: ClusterClassIndex;
  logger: LoggerService;
  timings?: Partial<ResourceWatcherTimings>;
}): { stop(): Promise<void> } {
  const { managementCluster: mc, index } = options;
  let current: ResourceWatcher | undefined;
  let stopped = false;
  let lastError: string | undefined;

  const start = (versionIndex: number) => {
    const version = VERSIONS[versionIndex];
    const watcher = ResourceWatcher.create({
      transport: options.transport,
      path: `/apis/cluster.x-k8s.io/${version}/clusterclasses`,
      timings: options.timings,
      handlers: {
        onReplace: items => {
          lastError = undefined;
          index.replace(mc, items);
        },
        onUpsert: item => index.upsert(mc, item),
        onDelete: item => index.remove(mc, item),
        onError: (error, retryInMs) => {
          const notServed =
            error instanceof KubernetesApiError && error.status === 404;
          if (notServed && versionIndex + 1 < VERSIONS.length && !stopped) {
            const old = watcher;
            current = start(versionIndex + 1);
            old.stop().catch(() => undefined);
            return;
          }
          // Neither version served: nothing to check variables against.
          if (notServed) index.markWithoutApi(mc);
          const message = error.message.replace(/Bearer\s+\S+/gi, 'Bearer ***');
          if (message !== lastError) {
            options.logger.info(
              `Management cluster ${mc}: reading ClusterClasses failed (retrying in ${retryInMs} ms): ${message}`,
            );
          }
          lastError = message;
        },
      },
    });
    watcher.start();
    return watcher;
  };
  current = start(0);
  return {
    stop: async () => {
      stopped = true;
      await current?.stop();
    },
  };
}
