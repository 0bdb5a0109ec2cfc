import {
  checkUpgrade,
  compareKubernetesVersions,
} from '@capstan/plugin-capi-common';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ClusterManifests } from '../manifests/ClusterManifests';
import { classicNames } from '../render/renderClassicCluster';
import { withVersion } from '../render/providers/types';
import { throwIfProblems } from '../validation/collectProblems';
import { ChangeImpact, emptyImpact, summarize } from './impact';
import { atMostOf, isUpperBound, machinesOf } from './poolDescriptions';

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
export function planClassicUpgrade(
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
        reason: `Kubernetes ${p.version} → ${target}`,
        ...atMostOf(isUpperBound(pool)),
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
  if (pools.length === 0) return result;
  const staying = pools
    .map(p => {
      const n = machinesOf(p);
      const upTo = isUpperBound(p) ? 'up to ' : '';
      return `${p.name} (${upTo}${n} machine${n === 1 ? '' : 's'})`;
    })
    .join(', ');
  return {
    ...result,
    summary: `${
      result.summary
    } This upgrades the control plane only: node pool${
      pools.length === 1 ? '' : 's'
    } ${staying} stay${
      pools.length === 1 ? 's' : ''
    } on ${current}, because the node pools of a classic cluster must not run a newer Kubernetes than its control plane. The node pools follow in a second step once the control plane runs ${target}: run this upgrade again with ${target} (the cluster's card then offers "Upgrade node pools to ${target}").`,
  };
}
