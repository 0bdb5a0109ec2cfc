import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { KubernetesTransport } from '../kubernetes/KubernetesClient';
import { ClusterClassIndex } from './ClusterClassIndex';
import { createClusterClassRouter } from './clusterClassRouter';
import { watchClusterClasses } from './watchClusterClasses';

/**
 * ClusterClasses and their variables, wired together: a watch on each
 * management cluster's connection and `GET /cluster-classes`.
 */
export class ClusterClassFeature {
  readonly index = new ClusterClassIndex();
  readonly #logger: LoggerService;

  static create(options: { logger: LoggerService }) {
    return new ClusterClassFeature(options);
  }

  private constructor(options: { logger: LoggerService }) {
    this.#logger = options.logger;
  }

  /** For the fleet cache: a ClusterClass watch on each management cluster. */
  readonly extraWatches = (mc: string, transport: KubernetesTransport) =>
    watchClusterClasses({
      managementCluster: mc,
      transport,
      index: this.index,
      logger: this.#logger,
    });

  /** The ClusterClass watch next to other extra watches on the same connection. */
  alongside(
    other?: (
      mc: string,
      transport: KubernetesTransport,
    ) => { stop(): Promise<void> } | undefined,
  ) {
    return (mc: string, transport: KubernetesTransport) => {
      const watches = [
        other?.(mc, transport),
        this.extraWatches(mc, transport),
      ];
      return {
        stop: async () => {
          await Promise.all(watches.map(w => w?.stop()));
        },
      };
    };
  }

  router(options: { httpAuth: HttpAuthService }) {
    return createClusterClassRouter({ ...options, index: this.index });
  }
}
