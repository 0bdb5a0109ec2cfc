// jest transforms this static import of the ESM-only client to CommonJS; a
// dynamic import() would need --experimental-vm-modules. Tests only.
import * as clientNode from '@kubernetes/client-node';
import { SimulatedManagementCluster } from '../types';

export { clientNode };

export function kubeConfigFor(
  mc: Pick<SimulatedManagementCluster, 'kubeconfig'>,
) {
  const config = new clientNode.KubeConfig();
  config.loadFromString(mc.kubeconfig);
  return config;
}
