import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import {
  clusterNameOf,
  isCapiLabel,
  isCapstanKey,
  readMeta,
  TrimOptions,
} from './meta';
import { at, list, obj, str, time } from './read';
import type { TrimmedMachine } from './types';

/**
 * Trims a Machine (v1beta2 or v1beta1). v1beta1 `status.nodeRef` is an
 * ObjectReference, v1beta2's only has a name; both read the same here.
 *
 * @public
 */
export function normaliseMachine(
  object: unknown,
  _servedVersion: string,
  options: TrimOptions = {},
): TrimmedMachine | undefined {
  const keepExtra = options.keepMachineAnnotation;
  const meta = readMeta(
    object,
    isCapiLabel,
    key => isCapstanKey(key) || Boolean(keepExtra?.(key)),
  );
  if (!meta) {
    return undefined;
  }
  const clusterName = clusterNameOf(object, meta.labels);
  if (!clusterName) {
    return undefined;
  }
  const status = obj(at(object, 'status'));
  const nodeInfo = obj(status?.nodeInfo);
  const labels = meta.labels;
  const machine: TrimmedMachine = {
    ...meta,
    kind: 'Machine',
    clusterName,
    controlPlane: CAPI_LABELS.controlPlane in labels,
    phase: str(status?.phase) ?? 'Unknown',
  };
  const optional: Partial<TrimmedMachine> = {
    deploymentName: labels[CAPI_LABELS.deploymentName],
    machinePoolName: labels[CAPI_LABELS.machinePoolName],
    topologyPoolName: labels[CAPI_LABELS.topologyDeploymentName],
    nodeName: str(at(status, 'nodeRef', 'name')),
    version: str(at(object, 'spec', 'version')),
    kubeletVersion: str(nodeInfo?.kubeletVersion),
    osImage: str(nodeInfo?.osImage),
    kernelVersion: str(nodeInfo?.kernelVersion),
    certificatesExpiryDate: time(status?.certificatesExpiryDate),
    providerId: str(at(object, 'spec', 'providerID')),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      (machine as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const addresses = list(status?.addresses)
    .map(a => str(at(a, 'address')))
    .filter((a): a is string => Boolean(a));
  if (addresses.length > 0) machine.addresses = addresses;
  return machine;
}
