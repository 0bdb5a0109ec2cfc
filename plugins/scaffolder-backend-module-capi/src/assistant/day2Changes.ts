import type { NodePoolInput } from '@capstan/plugin-capi-common';
import {
  planAddNodePool,
  planUpdateNodePool,
} from '../day2/planNodePoolChanges';
import { planUpgrade } from '../day2/planUpgrade';
import { planDecommission } from '../day2/planDecommission';
import { parseClusterInput } from '../day2/runDay2Change';
import { assertUpgradeCanStart } from '../actions/upgradeReadiness';
import type { CapiActionOptions } from '../options';
import type { AssistantChange } from './runAssistantChange';

/** What the scale template (and its assistant action) asks of a pool. */
export interface ScaleNodePoolRequest {
  cluster: string;
  pool: string;
  replicas?: number;
  /** Set: the pool is autoscaled within these bounds. */
  autoscaling?: { min?: number; max?: number };
}

/**
 * The scale change, as runDay2Change plans it: the same for the template's
 * form check, its impact preview and the assistant action.
 */
export function scaleNodePoolChange(
  request: ScaleNodePoolRequest,
): AssistantChange {
  const { cluster, pool, replicas, autoscaling } = request;
  const scaling = autoscaling
    ? `autoscale node pool ${pool} of ${cluster} between ${autoscaling.min} and ${autoscaling.max}`
    : `scale node pool ${pool} of ${cluster} to ${replicas}`;
  return {
    actionId: 'scaffolder:capi-scale-node-pool',
    clusterRef: cluster,
    verb: 'update-pool',
    description: scaling,
    edit: (manifests, profile) => ({
      impact: planUpdateNodePool(manifests, profile, {
        name: pool,
        replicas: autoscaling ? undefined : replicas,
        // A fixed count turns the autoscaler off, as the template's action
        // input does (`enabled: false`); leaving it out would keep it on.
        autoscaling: autoscaling
          ? { enabled: true, min: autoscaling.min, max: autoscaling.max }
          : { enabled: false },
      }),
    }),
  };
}

/**
 * The add-pool change, as `capi:nodepool:add` plans it: the same for the
 * template's form check, its impact preview and the assistant action.
 */
export function addNodePoolChange(request: {
  cluster: string;
  pool: NodePoolInput;
}): AssistantChange {
  const { cluster, pool } = request;
  return {
    actionId: 'scaffolder:capi-add-node-pool',
    clusterRef: cluster,
    verb: 'add-pool',
    description: `add node pool ${pool.name} to ${cluster}`,
    edit: (manifests, profile) => ({
      impact: planAddNodePool(manifests, profile, { pool }),
    }),
  };
}

/**
 * The upgrade change: refused while the cluster is not ready for it (what
 * runs live), else planned like the template's action.
 */
export async function upgradeKubernetesChange(
  options: Pick<CapiActionOptions, 'liveClusters'>,
  request: { cluster: string; kubernetesVersion: string },
): Promise<AssistantChange> {
  const { cluster, kubernetesVersion } = request;
  const live = await options.liveClusters.summary(parseClusterInput(cluster));
  return {
    actionId: 'scaffolder:capi-upgrade-kubernetes',
    clusterRef: cluster,
    verb: 'upgrade',
    description: `upgrade ${cluster} to ${kubernetesVersion}`,
    edit: (manifests, profile) => {
      assertUpgradeCanStart(live, manifests, kubernetesVersion);
      return {
        impact: planUpgrade(manifests, profile, { kubernetesVersion }),
      };
    },
  };
}

/**
 * The decommission change: the whole folder goes, every machine with it.
 * The template's action and the form's impact preview both plan it here;
 * the caller needs `delete` on the cluster.
 */
export function decommissionChange(request: {
  cluster: string;
}): AssistantChange {
  return {
    actionId: 'capi:cluster:decommission',
    permission: 'delete',
    clusterRef: request.cluster,
    verb: 'decommission',
    description: `decommission ${request.cluster}`,
    edit: manifests => ({
      impact: planDecommission(manifests),
      delete: true,
    }),
  };
}
