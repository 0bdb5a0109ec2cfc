import {
  machineSizeInWords,
  NodePoolInput,
  validateNodePool,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ClusterManifests } from '../manifests/ClusterManifests';
import {
  findMachineSize,
  renderClassicNodePool,
  renderMachineTemplate,
} from '../render/renderClassicCluster';
import {
  renderTopologyMachineDeployment,
  machineSizeValue,
} from '../render/renderTopologyCluster';
import { throwIfProblems } from '../validation/collectProblems';
import { poolRuleProblems } from '../validation/poolRules';
import { nodePoolLimits } from '../validation/profiles';
import {
  derivedNameProblemsFor,
  toNodePoolRequest,
} from '../validation/validateClusterRequest';
import { ChangeImpact, emptyImpact, summarize } from './impact';
import {
  atMostOf,
  isUpperBound,
  describeScaling,
  machinesOf,
} from './poolDescriptions';

/** `capi:nodepool:add` */
export function planAddNodePool(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  input: { pool: NodePoolInput },
): ChangeImpact {
  const existing = manifests.nodePools();
  const limits = nodePoolLimits(profile);
  const problems = validateNodePool(input.pool, limits);
  if (existing.some(p => p.name === input.pool.name)) {
    problems.push(
      `cluster "${manifests.name}" already has a node pool "${input.pool.name}"`,
    );
  }
  if (existing.length + 1 > limits.maxNodePools) {
    problems.push(
      `cluster "${manifests.name}" has ${existing.length} node pools; the profile allows at most ${limits.maxNodePools}`,
    );
  }
  problems.push(
    ...poolRuleProblems(input.pool),
    ...derivedNameProblemsFor(profile, manifests.name, [input.pool], 'pools'),
  );
  throwIfProblems(
    `Cannot add node pool to cluster "${manifests.name}"`,
    problems,
  );

  const pool = toNodePoolRequest(input.pool);
  if (manifests.isTopology) {
    manifests.addTopologyPool(
      renderTopologyMachineDeployment({ profile }, pool),
    );
  } else {
    manifests.addObjects(
      renderClassicNodePool(
        {
          profile,
          name: manifests.name,
          kubernetesVersion: manifests.kubernetesVersion,
        },
        pool,
      ),
    );
  }
  const impact = emptyImpact();
  impact.created.push({
    target: `node pool ${pool.name}`,
    machines: pool.replicas ?? pool.autoscaling?.min ?? 0,
    reason: `new pool of ${machineSizeInWords(
      pool.size,
      profile.machineSizes,
    )} machines, ${describeScaling(pool)}`,
  });
  return summarize(impact);
}

/** Inputs of `capi:nodepool:update`. */
export interface NodePoolUpdate {
  name: string;
  replicas?: number;
  /** `enabled: false` hands the count back to `replicas`. */
  autoscaling?: { enabled: boolean; min?: number; max?: number };
  size?: string;
  labels?: Record<string, string>;
}

/** `capi:nodepool:update`: replicas, autoscaling bounds, labels in place; size by rollout. */
export function planUpdateNodePool(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  input: NodePoolUpdate,
): ChangeImpact {
  const current = manifests.nodePool(input.name);
  let autoscaling = current.autoscaling as NodePoolInput['autoscaling'];
  if (input.autoscaling) {
    autoscaling = input.autoscaling.enabled
      ? { min: input.autoscaling.min, max: input.autoscaling.max }
      : undefined;
  }
  const autoscaled = !!autoscaling;
  const wanted: NodePoolInput = {
    name: current.name,
    size: input.size ?? current.size ?? '',
    replicas: input.replicas ?? (autoscaled ? undefined : current.replicas),
    autoscaling,
    labels: input.labels ?? current.labels,
  };
  const problems = [
    ...validateNodePool(wanted, nodePoolLimits(profile)),
    ...(input.labels
      ? poolRuleProblems({ name: '', size: '', labels: input.labels }).map(p =>
          p.replace('node pool ""', `node pool "${current.name}"`),
        )
      : []),
  ];
  const sizeChanges = input.size !== undefined && input.size !== current.size;
  if (
    sizeChanges &&
    manifests.isTopology &&
    !profile.clusterClass?.machineSizeVariable
  ) {
    problems.push(
      `profile "${profile.name}" maps no ClusterClass variable to machine sizes, so the size of a pool can't be changed`,
    );
  }
  throwIfProblems(`Cannot update node pool "${input.name}"`, problems);

  const impact = emptyImpact();
  const request = toNodePoolRequest(wanted);
  const scalingChanges =
    request.replicas !== (current.autoscaling ? undefined : current.replicas) ||
    JSON.stringify(request.autoscaling) !== JSON.stringify(current.autoscaling);
  if (scalingChanges) {
    manifests.setScaling(current.name, request);
    impact.inPlace.push({
      target: `node pool ${current.name}`,
      change: `${describeScaling(current)} → ${describeScaling(request)}`,
    });
  }
  if (
    input.labels &&
    JSON.stringify(input.labels) !== JSON.stringify(current.labels)
  ) {
    manifests.setPoolLabels(current.name, input.labels);
    impact.inPlace.push({
      target: `node pool ${current.name}`,
      change: 'labels updated',
    });
  }
  if (sizeChanges) {
    const size = findMachineSize({ profile }, input.size!);
    manifests.setPoolSizeAnnotation(current.name, size.name);
    if (manifests.isTopology) {
      manifests.setTopologyPoolVariable(
        current.name,
        profile.clusterClass!.machineSizeVariable!,
        machineSizeValue(size),
      );
    } else {
      const template = renderMachineTemplate(
        { profile, name: manifests.name },
        current.objectName,
        size.name,
        manifests.kubernetesVersion,
        'worker',
      );
      manifests.addObjects([template]);
      manifests.setField(
        'MachineDeployment',
        current.objectName,
        ['spec', 'template', 'spec', 'infrastructureRef', 'name'],
        template.metadata.name,
      );
    }
    impact.replaced.push({
      target: `node pool ${current.name}`,
      machines:
        request.replicas ?? request.autoscaling?.max ?? machinesOf(current),
      ...atMostOf(
        request.replicas === undefined &&
          (!!request.autoscaling || isUpperBound(current)),
      ),
      reason: `size ${
        current.size
          ? machineSizeInWords(current.size, profile.machineSizes)
          : 'not recorded'
      } → ${machineSizeInWords(size.name, profile.machineSizes)}`,
    });
  }
  if (impact.inPlace.length === 0 && impact.replaced.length === 0) {
    return {
      ...impact,
      summary: `Node pool ${current.name} already looks like this; nothing changes.`,
    };
  }
  return summarize(impact);
}

/** `capi:nodepool:remove`: the pool's machines are drained and deleted. */
export function planRemoveNodePool(
  manifests: ClusterManifests,
  _profile: ClusterProfile,
  input: { name: string },
): ChangeImpact {
  const pool = manifests.nodePool(input.name);
  throwIfProblems(
    `Cannot remove node pool "${input.name}"`,
    manifests.nodePools().length <= 1
      ? [
          `"${input.name}" is the cluster's last node pool; decommission the cluster instead`,
        ]
      : [],
  );
  if (manifests.isTopology) {
    manifests.removeTopologyPool(pool.objectName);
  } else {
    const md = manifests.getObject('MachineDeployment', pool.objectName) as any;
    manifests.removeObject('MachineDeployment', pool.objectName);
    for (const ref of [
      md?.spec?.template?.spec?.bootstrap?.configRef,
      md?.spec?.template?.spec?.infrastructureRef,
    ]) {
      if (ref && !manifests.isReferenced(ref.kind, ref.name)) {
        manifests.removeObject(ref.kind, ref.name);
      }
    }
  }
  const impact = emptyImpact();
  impact.deleted.push({
    target: `node pool ${pool.name}`,
    machines: machinesOf(pool),
    reason: 'pool removed; its machines are drained and deleted',
    ...atMostOf(isUpperBound(pool)),
  });
  return summarize(impact);
}
