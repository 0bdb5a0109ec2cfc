import {
  NodePoolInput,
  checkUpgrade,
  compareKubernetesVersions,
  normalizeKubernetesVersion,
  validateNodePool,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type {
  ClusterManifests,
  ExistingNodePool,
} from '../manifests/ClusterManifests';
import {
  classicNames,
  findMachineSize,
  renderClassicNodePool,
  renderMachineTemplate,
} from '../render/renderClassicCluster';
import {
  renderTopologyMachineDeployment,
  machineSizeValue,
} from '../render/renderTopologyCluster';
import { withVersion } from '../render/providers/types';
import { throwIfProblems } from '../validation/collectProblems';
import { poolRuleProblems } from '../validation/poolRules';
import { nodePoolLimits } from '../validation/profiles';
import {
  derivedNameProblemsFor,
  toNodePoolRequest,
} from '../validation/validateClusterRequest';
import { ChangeImpact, emptyImpact, summarize } from './impact';

/** Machines of a pool: its replicas, or the autoscaler's upper bound. */
function machinesOf(pool: ExistingNodePool): number {
  return pool.replicas ?? pool.autoscaling?.max ?? 1;
}

/** Says when a count is the autoscaler's upper bound rather than a known number. */
function countNote(pool: ExistingNodePool): string {
  return pool.replicas === undefined && pool.autoscaling
    ? ' (autoscaled: at most)'
    : '';
}

function describeScaling(pool: {
  replicas?: number;
  autoscaling?: { min: number; max: number };
}) {
  return pool.autoscaling
    ? `autoscaled ${pool.autoscaling.min}–${pool.autoscaling.max}`
    : `${pool.replicas ?? '?'} replicas`;
}

/**
 * Classic mode: machine templates are immutable, so a version change
 * copies each template (comments and extra fields included) under a new
 * content-derived name and points its user at the copy.
 */
function upgradeClassicTemplate(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  ref: { kind: string; name: string },
  baseName: string,
  version: string,
): string {
  const old = manifests.getObject(ref.kind, ref.name) as
    | { spec?: { template?: { spec?: Record<string, unknown> } } }
    | undefined;
  const spec = { ...(old?.spec?.template?.spec ?? {}) };
  const patches: Array<[string[], unknown]> = [];
  if (
    profile.provider === 'vsphere' &&
    profile.vsphere?.template.includes('{version}')
  ) {
    patches.push([
      ['template'],
      withVersion(profile.vsphere.template, version),
    ]);
  }
  const customImage = profile.docker?.customImage;
  if (profile.provider === 'docker' && customImage?.includes('{version}')) {
    patches.push([
      ['backend', 'docker', 'customImage'],
      withVersion(customImage, version),
    ]);
  }
  for (const [path, value] of patches) {
    if (path.length === 1) {
      spec[path[0]] = value;
    }
  }
  const newName = classicNames.machineTemplate(baseName, {
    templateSpec: spec,
    patches,
    kubernetesVersion: version,
  });
  manifests.cloneObject(ref.kind, ref.name, newName);
  for (const [path, value] of patches) {
    manifests.setField(
      ref.kind,
      newName,
      ['spec', 'template', 'spec', ...path],
      value,
    );
  }
  return newName;
}

/** The Kubernetes version each classic pool's MachineDeployment asks for. */
export function classicPoolVersions(
  manifests: ClusterManifests,
): Array<{ name: string; objectName: string; version?: string }> {
  return manifests.nodePools().map(pool => {
    const md = manifests.getObject('MachineDeployment', pool.objectName) as
      | { spec?: { template?: { spec?: { version?: unknown } } } }
      | undefined;
    const version = md?.spec?.template?.spec?.version;
    return {
      name: pool.name,
      objectName: pool.objectName,
      version: typeof version === 'string' ? version : undefined,
    };
  });
}

/** Points a classic pool at `target`, with a new machine template. */
function raiseClassicPool(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  objectName: string,
  target: string,
) {
  const md = manifests.getObject('MachineDeployment', objectName) as
    | {
        spec?: {
          template?: {
            spec?: { infrastructureRef?: { kind: string; name: string } };
          };
        };
      }
    | undefined;
  manifests.setField(
    'MachineDeployment',
    objectName,
    ['spec', 'template', 'spec', 'version'],
    target,
  );
  const ref = md?.spec?.template?.spec?.infrastructureRef;
  if (ref) {
    const name = upgradeClassicTemplate(
      manifests,
      profile,
      ref,
      objectName,
      target,
    );
    manifests.setField(
      'MachineDeployment',
      objectName,
      ['spec', 'template', 'spec', 'infrastructureRef', 'name'],
      name,
    );
  }
}

/**
 * Classic mode, in CAPI's order: the KubeadmControlPlane first; the
 * MachineDeployments in a second run with the same version, once the
 * control plane runs it (the caller checks what runs), so kubelets never
 * get ahead of the API server.
 */
function planClassicUpgrade(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  current: string,
  target: string,
): ChangeImpact {
  const impact = emptyImpact();
  const pools = manifests.nodePools();
  const poolVersions = classicPoolVersions(manifests);
  const behind = poolVersions.filter(
    p => p.version && compareKubernetesVersions(p.version, current) < 0,
  );
  if (current && compareKubernetesVersions(current, target) === 0) {
    if (behind.length === 0) {
      return {
        ...impact,
        summary: `The cluster is already on ${target}; nothing changes.`,
      };
    }
    // Second step: the pools follow the control plane.
    for (const p of behind) {
      const pool = pools.find(x => x.name === p.name)!;
      impact.replaced.push({
        target: `node pool ${p.name}`,
        machines: machinesOf(pool),
        reason: `Kubernetes ${p.version} → ${target}${countNote(pool)}`,
      });
      raiseClassicPool(manifests, profile, p.objectName, target);
    }
    return summarize(impact);
  }
  const problems: string[] = [];
  const problem = checkUpgrade(current, target, profile.kubernetesVersions);
  if (problem) problems.push(problem);
  if (behind.length > 0) {
    problems.push(
      `node pool${behind.length === 1 ? '' : 's'} ${behind
        .map(p => `${p.name} (${p.version})`)
        .join(', ')} still ${
        behind.length === 1 ? 'asks' : 'ask'
      } for an older version than the control plane (${current}); upgrade the pools to ${current} first (run this upgrade with ${current})`,
    );
  }
  throwIfProblems(`Cannot upgrade cluster "${manifests.name}"`, problems);

  impact.replaced.push({
    target: 'control plane',
    machines: manifests.controlPlaneReplicas,
    reason: `Kubernetes ${current} → ${target}`,
  });
  const cp = manifests.controlPlaneDoc();
  const cpName = String(cp.getIn(['metadata', 'name']));
  const cpRef = (
    cp.getIn(['spec', 'machineTemplate', 'spec', 'infrastructureRef']) as any
  )?.toJSON?.();
  manifests.setField(
    'KubeadmControlPlane',
    cpName,
    ['spec', 'version'],
    target,
  );
  if (cpRef) {
    const name = upgradeClassicTemplate(
      manifests,
      profile,
      cpRef,
      cpName,
      target,
    );
    manifests.setField(
      'KubeadmControlPlane',
      cpName,
      ['spec', 'machineTemplate', 'spec', 'infrastructureRef', 'name'],
      name,
    );
  }
  const result = summarize(impact);
  return pools.length === 0
    ? result
    : {
        ...result,
        summary: `${result.summary} The node pools follow in a second step once the control plane runs ${target}: run this upgrade again with ${target}.`,
      };
}

/** `capi:cluster:upgrade`: no downgrade, no skipped minor, only the profile's versions. */
export function planUpgrade(
  manifests: ClusterManifests,
  profile: ClusterProfile,
  input: { kubernetesVersion: string },
): ChangeImpact {
  const current = manifests.kubernetesVersion;
  const target = normalizeKubernetesVersion(input.kubernetesVersion);
  if (!manifests.isTopology) {
    return planClassicUpgrade(manifests, profile, current, target);
  }
  const impact = emptyImpact();
  if (current && compareKubernetesVersions(current, target) === 0) {
    return {
      ...impact,
      summary: `The cluster is already on ${target}; nothing changes.`,
    };
  }
  const problem = checkUpgrade(current, target, profile.kubernetesVersions);
  throwIfProblems(
    `Cannot upgrade cluster "${manifests.name}"`,
    problem ? [problem] : [],
  );

  const reason = `Kubernetes ${current} → ${target}`;
  impact.replaced.push({
    target: 'control plane',
    machines: manifests.controlPlaneReplicas,
    reason,
  });
  for (const pool of manifests.nodePools()) {
    impact.replaced.push({
      target: `node pool ${pool.name}`,
      machines: machinesOf(pool),
      reason: `${reason}${countNote(pool)}`,
    });
  }
  manifests.setTopologyVersion(target);
  return summarize(impact);
}

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
    reason: `new pool of ${pool.size} machines, ${describeScaling(pool)}`,
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
      reason: `size ${current.size ?? 'unknown'} → ${size.name}`,
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
    reason: `pool removed; its machines are drained and deleted${countNote(
      pool,
    )}`,
  });
  return summarize(impact);
}

/** `capi:cluster:decommission`: every machine goes. */
export function planDecommission(manifests: ClusterManifests): ChangeImpact {
  const impact = emptyImpact();
  impact.deleted.push({
    target: 'control plane',
    machines: manifests.controlPlaneReplicas,
    reason: 'cluster deleted',
  });
  for (const pool of manifests.nodePools()) {
    impact.deleted.push({
      target: `node pool ${pool.name}`,
      machines: machinesOf(pool),
      reason: `cluster deleted${countNote(pool)}`,
    });
  }
  return summarize(impact);
}
