import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  CAPI_API_PATHS,
  CLUSTER_CLASSES_PATH,
  type ClusterClassesResponse,
  type ManagementClustersResponse,
} from '@capstan/plugin-capi-common';

/**
 * Stands in for the capi backend, which the render action asks whether a
 * cluster name is free: the given management clusters are synced and hold no
 * clusters, and they serve no ClusterClass API. The write-path benchmark
 * measures rendering and Git, not the cache.
 */
export function emptyFleetCapiBackend(managementClusters: string[]) {
  return createBackendPlugin({
    pluginId: 'capi',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res) => {
            const now = new Date().toISOString();
            const items: ManagementClustersResponse['items'] =
              managementClusters.map(name => ({
                name,
                title: name,
                state: 'synced',
                apiVersion: 'v1beta2',
                lastSyncAt: now,
                stale: false,
                clusterCount: 0,
                machineCount: 0,
              }));
            if (req.path === CAPI_API_PATHS.managementClusters) {
              res.json({ items });
            } else if (req.path === CLUSTER_CLASSES_PATH) {
              // No ClusterClass API to check topology variables against.
              const body: ClusterClassesResponse = {
                items: [],
                synced: [],
                withoutClusterClassApi: managementClusters,
              };
              res.json(body);
            } else if (req.path === CAPI_API_PATHS.fleet) {
              res.json({ items: [], total: 0, managementClusters: items });
            } else {
              res.status(404).json({
                error: { name: 'NotFoundError', message: 'no such cluster' },
              });
            }
          });
        },
      });
    },
  });
}
