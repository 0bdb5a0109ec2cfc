import {
  compareKubeVersions,
  parseKubeVersion,
} from '../admission/kubeVersions';
import { KubeObject } from '../types';

type Spec = Record<string, any>;

/** Per-MachineSet opt-out, as in CAPI (`All` or a comma-separated list of checks). */
export const SKIP_PREFLIGHT_CHECKS_ANNOTATION =
  'machineset.cluster.x-k8s.io/skip-preflight-checks';

/** The Cluster annotation the topology controller sets during a multi-step upgrade. */
const UPGRADE_STEP_ANNOTATION = 'topology.cluster.x-k8s.io/upgrade-step';

/** kubelet may be at most this many minors older than kube-apiserver. */
const MAX_MINOR_SKEW = 3;

const failed = (message: string, check: string) =>
  `${message} ("${check}" preflight check failed)`;

/**
 * CAPI v1.14's MachineSet preflight checks (`MachineSetPreflightChecks`, on by
 * default): before a MachineSet creates a Machine it compares itself with the
 * control plane, and while a check fails it creates none and says why (the
 * rollout is held, not refused: the MachineDeployment was admitted). Returns
 * the failed checks' messages; empty when creating a Machine is safe.
 *
 * - ControlPlaneIsStable: the control plane is not provisioning (no version in
 *   status yet), not upgrading (a machine below spec.version), and for a
 *   topology cluster has no version upgrade pending.
 * - KubernetesVersionSkew: the MachineSet's minor is not above the control
 *   plane's (kubelet never newer than kube-apiserver), nor more than 3 below.
 * - KubeadmVersionSkew: with kubeadm bootstrap, the same minor.
 * - ControlPlaneVersionSkew: in a topology cluster, the same version.
 */
export function machineSetPreflight(input: {
  cluster: KubeObject;
  controlPlane?: KubeObject;
  machineSet: KubeObject;
}): string[] {
  const { cluster, controlPlane, machineSet } = input;
  const skip = new Set(
    String(
      machineSet.metadata.annotations?.[SKIP_PREFLIGHT_CHECKS_ANNOTATION] ?? '',
    )
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  );
  if (skip.has('All') || !controlPlane) return [];
  const cpVersionText = (controlPlane.spec as Spec | undefined)?.version;
  const cpVersion = parseKubeVersion(cpVersionText);
  if (!cpVersion) return [];
  const run = (check: string) => !skip.has(check);
  const cpRef = `${controlPlane.kind} ${controlPlane.metadata.namespace}/${controlPlane.metadata.name}`;
  const topology = (cluster.spec as Spec | undefined)?.topology as
    | Spec
    | undefined;
  const messages: string[] = [];

  if (run('ControlPlaneIsStable')) {
    const stability = controlPlaneStability(controlPlane, cpVersionText);
    const step = cluster.metadata.annotations?.[UPGRADE_STEP_ANNOTATION];
    if (
      topology &&
      topology.version !== cpVersionText &&
      step !== cpVersionText
    ) {
      messages.push(
        failed(
          `${cpRef} has a pending version upgrade to ${
            step || topology.version
          }`,
          'ControlPlaneIsStable',
        ),
      );
    } else if (stability) {
      messages.push(failed(`${cpRef} is ${stability}`, 'ControlPlaneIsStable'));
    }
  }

  const template = (machineSet.spec as Spec | undefined)?.template?.spec as
    | Spec
    | undefined;
  const msVersion = parseKubeVersion(template?.version);
  if (!msVersion) return messages;
  const versions = `MachineSet version (${msVersion.text}) and ControlPlane version (${cpVersion.text})`;
  if (run('KubernetesVersionSkew')) {
    if (msVersion.minor > cpVersion.minor) {
      messages.push(
        failed(
          `${versions} do not conform to the kubernetes version skew policy as MachineSet version is higher than ControlPlane version`,
          'KubernetesVersionSkew',
        ),
      );
    } else if (msVersion.minor < cpVersion.minor - MAX_MINOR_SKEW) {
      messages.push(
        failed(
          `${versions} do not conform to the kubernetes version skew policy as MachineSet version is more than ${MAX_MINOR_SKEW} minor versions older than the ControlPlane version`,
          'KubernetesVersionSkew',
        ),
      );
    }
  }
  const bootstrap = template?.bootstrap?.configRef as Spec | undefined;
  if (
    run('KubeadmVersionSkew') &&
    bootstrap?.kind === 'KubeadmConfigTemplate' &&
    (bootstrap.apiGroup ?? 'bootstrap.cluster.x-k8s.io') ===
      'bootstrap.cluster.x-k8s.io' &&
    msVersion.minor !== cpVersion.minor
  ) {
    messages.push(
      failed(
        `${versions} do not conform to kubeadm version skew policy as kubeadm only supports joining with the same major+minor version as the control plane`,
        'KubeadmVersionSkew',
      ),
    );
  }
  if (
    run('ControlPlaneVersionSkew') &&
    topology &&
    template?.version !== cpVersionText
  ) {
    messages.push(
      failed(
        `MachineSet version (${msVersion.text}) is not yet the same as the ControlPlane version (${cpVersion.text}), waiting for version to be propagated to the MachineSet`,
        'ControlPlaneVersionSkew',
      ),
    );
  }
  return messages;
}

/** "provisioning" (no version in status yet), "upgrading" (a machine below spec.version), or undefined when stable. */
function controlPlaneStability(
  controlPlane: KubeObject,
  specText: unknown,
): 'provisioning' | 'upgrading' | undefined {
  const spec = parseKubeVersion(specText)!;
  const status = (controlPlane.status ?? {}) as Spec;
  const listed = Array.isArray(status.versions)
    ? (status.versions as Array<{ version?: string }>)
    : [];
  if (!status.version && listed.length === 0) return 'provisioning';
  const below = (text: unknown) => {
    const v = parseKubeVersion(text);
    return v !== undefined && compareKubeVersions(spec, v) > 0;
  };
  if (listed.length > 0) {
    return listed.some(v => below(v.version)) ? 'upgrading' : undefined;
  }
  return below(status.version) ? 'upgrading' : undefined;
}
