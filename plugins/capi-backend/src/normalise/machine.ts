import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import {
  clusterNameOf,
  isCapstanKey,
  readMeta,
  TrimOptions,
  versionOf,
} from './meta';
import {
  isMachineAvailable,
  isMachineStarting,
  machineConditions,
} from './machineStartup';
import { at, compact, intern, list, obj, str, stringMap, time } from './read';
import type { TrimmedMachine } from './types';

/** The first string when both are equal, so one copy is kept instead of two. */
function sameOr(kept: string, value: string | undefined): string | undefined {
  return value === kept ? kept : value;
}

/**
 * Trims a Machine (v1beta2 or v1beta1). v1beta1 `status.nodeRef` is an
 * ObjectReference, v1beta2's only has a name; both read the same here.
 *
 * @public
 */
export function normaliseMachine(
  object: unknown,
  servedVersion: string,
  options: TrimOptions = {},
): TrimmedMachine | undefined {
  const keepExtra = options.keepMachineAnnotation;
  // Pool and role come from CAPI labels, read here once; the record keeps
  // only capstan.dev labels, as thousands of machines each carry them.
  const labels = stringMap(at(object, 'metadata', 'labels'), key =>
    key.includes('cluster.x-k8s.io/'),
  );
  const meta = readMeta(
    object,
    isCapstanKey,
    key => isCapstanKey(key) || Boolean(keepExtra?.(key)),
  );
  if (!meta) {
    return undefined;
  }
  const clusterName = clusterNameOf(object, labels);
  if (!clusterName) {
    return undefined;
  }
  const status = obj(at(object, 'status'));
  const nodeInfo = obj(status?.nodeInfo);
  const machine: TrimmedMachine = {
    ...meta,
    kind: 'Machine',
    clusterName,
    controlPlane: CAPI_LABELS.controlPlane in labels,
    phase: intern(str(status?.phase) ?? 'Unknown'),
  };
  const optional: Partial<TrimmedMachine> = {
    deploymentName: labels[CAPI_LABELS.deploymentName],
    machinePoolName: labels[CAPI_LABELS.machinePoolName],
    topologyPoolName: labels[CAPI_LABELS.topologyDeploymentName],
    nodeName: sameOr(meta.name, str(at(status, 'nodeRef', 'name'))),
    version: intern(str(at(object, 'spec', 'version'))),
    kubeletVersion: intern(str(nodeInfo?.kubeletVersion)),
    osImage: intern(str(nodeInfo?.osImage)),
    kernelVersion: intern(str(nodeInfo?.kernelVersion)),
    certificatesExpiryDate: time(status?.certificatesExpiryDate),
    providerId: str(at(object, 'spec', 'providerID')),
  };
  // Only the few facts the read model needs: thousands of machines each carry a dozen conditions.
  // Scanned, not read into the shared condition pool: their messages are per machine.
  const both = machineConditions(
    status,
    versionOf(object, servedVersion) === 'v1beta1',
  );
  const conditions = both.v1beta2;
  const statusOf = (type: string) =>
    str(
      at(
        conditions.find(c => str(at(c, 'type')) === type),
        'status',
      ),
    );
  if (statusOf('Updating') === 'True') machine.updating = true;
  if (!meta.deleting && isMachineStarting(object, both.v1beta2, both.v1beta1))
    machine.starting = true;
  const available = isMachineAvailable(both.v1beta2, both.v1beta1);
  if (available !== undefined) machine.available = available;
  const upToDate = statusOf('UpToDate');
  if (upToDate === 'True' || upToDate === 'False')
    machine.upToDate = upToDate === 'True';
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      (machine as unknown as Record<string, unknown>)[key] = value;
    }
  }
  // Host names equal to the machine or node name add nothing.
  const addresses = list(status?.addresses)
    .map(a => str(at(a, 'address')))
    .filter(
      (a): a is string =>
        Boolean(a) && a !== meta.name && a !== machine.nodeName,
    );
  if (addresses.length > 0) machine.addresses = compact(addresses);
  return machine;
}
