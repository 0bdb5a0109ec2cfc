import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesTransport } from '../kubernetes/KubernetesClient';
import {
  ResourceWatcher,
  ResourceWatcherTimings,
} from '../kubernetes/ResourceWatcher';
import type { ArgoApplicationIndex } from './ArgoApplicationIndex';

/** Where a management cluster's Argo CD Applications are read from. */
export interface ArgoCdWatchSettings {
  /** Namespace of the Applications; all namespaces when unset. */
  namespace?: string;
}

/**
 * Watches the Argo CD Applications (`argoproj.io/v1alpha1`) of one
 * management cluster into the index, like the CAPI objects: list, then
 * watch, relist on 410, back off on errors. A cluster without Argo CD (404)
 * is retried quietly; it never affects the management cluster's health.
 */
export function watchArgoApplications(options: {
  managementCluster: string;
  transport: KubernetesTransport;
  index: ArgoApplicationIndex;
  settings: ArgoCdWatchSettings;
  logger: LoggerService;
  timings?: Partial<ResourceWatcherTimings>;
}): { stop(): Promise<void> } {
  const { managementCluster: mc, index, settings } = options;
  const base = '/apis/argoproj.io/v1alpha1';
  const path = settings.namespace
    ? `${base}/namespaces/${encodeURIComponent(
        settings.namespace,
      )}/applications`
    : `${base}/applications`;
  let lastError: string | undefined;
  const watcher = ResourceWatcher.create({
    transport: options.transport,
    path,
    timings: options.timings,
    handlers: {
      onReplace: items => {
        lastError = undefined;
        index.replace(mc, items);
      },
      onUpsert: item => index.upsert(mc, item),
      onDelete: item => index.remove(mc, item),
      onError: (error, retryInMs) => {
        const message = error.message.replace(/Bearer\s+\S+/gi, 'Bearer ***');
        if (message !== lastError) {
          options.logger.info(
            `Management cluster ${mc}: reading Argo CD Applications failed (retrying in ${retryInMs} ms): ${message}`,
          );
        }
        lastError = message;
      },
    },
  });
  watcher.start();
  return { stop: () => watcher.stop() };
}
