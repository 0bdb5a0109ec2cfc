import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { KubeObject } from '../types';
import { selectorMatches } from './machineDeploymentWebhook';
import {
  compareKubeVersions,
  KubeVersion,
  parseKubeVersion,
} from './kubeVersions';
import { AdmissionReader, field } from './types';

const CONTROL_PLANES = 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io';
const MACHINE_DEPLOYMENTS = 'machinedeployments.cluster.x-k8s.io';
const MACHINES = 'machines.cluster.x-k8s.io';

export interface TopologyVersionUpdate {
  reader: AdmissionReader;
  oldCluster: KubeObject;
  newVersion: KubeVersion;
  oldVersion: KubeVersion;
  validateCeiling: boolean;
}

/**
 * CAPI v1.14 `validateTopologyVersionUpdate` (core/webhooks/admission/cluster.go): why a
 * new `spec.topology.version` is refused, or undefined. The version only goes up, at most
 * one minor at a time (when the ceiling applies), and only once the previous version is
 * everywhere: the control plane has it in spec and in every status version and is not
 * provisioning, and every topology-owned MachineDeployment and its Machines (spec.version
 * and the kubelet's version) have it. The upgrade hooks and MachinePools are not modelled.
 */
export function validateTopologyVersionUpdate(
  update: TopologyVersionUpdate,
): string | undefined {
  const { newVersion, oldVersion } = update;
  if (compareKubeVersions(newVersion, oldVersion) < 0) {
    return `version cannot be decreased from "${oldVersion.text}" to "${newVersion.text}"`;
  }
  if (
    update.validateCeiling &&
    (newVersion.major > oldVersion.major ||
      (newVersion.major === oldVersion.major &&
        newVersion.minor >= oldVersion.minor + 2))
  ) {
    return `version cannot be increased from "${oldVersion.text}" to "${newVersion.text}"`;
  }
  const reasons = [
    controlPlaneReason(update),
    machineDeploymentsReason(update),
  ].filter((reason): reason is string => Boolean(reason));
  if (reasons.length === 0) return undefined;
  const aggregate =
    reasons.length === 1 ? reasons[0] : `[${reasons.join(', ')}]`;
  return `version cannot be changed: ${aggregate}`;
}

function controlPlaneReason({
  reader,
  oldCluster,
  oldVersion,
}: TopologyVersionUpdate): string | undefined {
  const ref = field(oldCluster, 'spec', 'controlPlaneRef');
  const name = field(ref, 'name');
  const cp =
    typeof name === 'string'
      ? reader.get(CONTROL_PLANES, oldCluster.metadata.namespace, name)
      : undefined;
  if (!cp) {
    return `failed to check if control plane is upgrading: failed to get control plane object: ${
      typeof name === 'string'
        ? `kubeadmcontrolplanes.controlplane.cluster.x-k8s.io "${name}" not found`
        : 'spec.controlPlaneRef is not set'
    }`;
  }
  const specVersion = parseKubeVersion(field(cp, 'spec', 'version'));
  if (!specVersion || compareKubeVersions(specVersion, oldVersion) !== 0) {
    return `Cluster.spec.topology.version ${
      oldVersion.text
    } was not propagated to control plane yet (control plane version ${
      specVersion?.text ?? field(cp, 'spec', 'version')
    })`;
  }
  const statusVersions = (
    (field(cp, 'status', 'versions') ?? []) as Array<{ version?: string }>
  )
    .map(v => parseKubeVersion(v.version))
    .filter((v): v is KubeVersion => Boolean(v));
  const statusVersion = field(cp, 'status', 'version');
  if (statusVersions.length === 0 && !statusVersion) {
    return 'control plane is currently provisioning';
  }
  const running =
    statusVersions.length > 0
      ? statusVersions
      : [parseKubeVersion(statusVersion)].filter((v): v is KubeVersion =>
          Boolean(v),
        );
  if (running.some(v => compareKubeVersions(specVersion, v) > 0)) {
    return 'control plane is still completing a previous upgrade';
  }
  return undefined;
}

function machineDeploymentsReason({
  reader,
  oldCluster,
  oldVersion,
}: TopologyVersionUpdate): string | undefined {
  const namespace = oldCluster.metadata.namespace;
  const deployments = reader
    .list(MACHINE_DEPLOYMENTS, namespace)
    .filter(
      md =>
        md.metadata.labels?.[CAPI_LABELS.clusterName] ===
          oldCluster.metadata.name &&
        md.metadata.labels?.[CAPI_LABELS.topologyOwned] !== undefined,
    );
  if (deployments.length === 0) return undefined;
  const machines = reader.list(MACHINES, namespace);
  const upgrading = deployments
    .filter(md => {
      const text = field(md, 'spec', 'template', 'spec', 'version');
      const version = parseKubeVersion(text);
      if (!version || compareKubeVersions(version, oldVersion) !== 0)
        return true;
      const selector = field(md, 'spec', 'selector');
      return machines.some(
        m =>
          selectorMatches(selector, m.metadata.labels) &&
          (field(m, 'spec', 'version') !== text ||
            ![undefined, '', text].includes(
              field(m, 'status', 'nodeInfo', 'kubeletVersion') as string,
            )),
      );
    })
    .map(md => md.metadata.name);
  if (upgrading.length === 0) return undefined;
  return `there are still MachineDeployments completing a previous upgrade: [${upgrading.join(
    ', ',
  )}]`;
}
