import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CapiActionServices } from './CapiActionServices';
import { registerDescribeClusterAction } from './describeClusterAction';
import { registerFleetComplianceAction } from './fleetComplianceAction';
import { registerListClustersAction } from './listClustersAction';
import { registerManagementClusterHealthAction } from './managementClusterHealthAction';

export type { CapiActionServices } from './CapiActionServices';

/**
 * Registers Capstan's read-only actions (`capi:list-clusters`,
 * `capi:describe-cluster`, `capi:fleet-compliance`,
 * `capi:management-cluster-health`) with the actions registry, for MCP
 * clients and other action consumers.
 */
export function registerCapiActions(
  registry: ActionsRegistryService,
  services: CapiActionServices,
): void {
  registerListClustersAction(registry, services);
  registerDescribeClusterAction(registry, services);
  registerFleetComplianceAction(registry, services);
  registerManagementClusterHealthAction(registry, services);
}
