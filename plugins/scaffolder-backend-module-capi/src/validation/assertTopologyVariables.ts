import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { ClusterProfile } from '@capstan/plugin-capi-node';
import type { ClusterClassCatalog } from '../live/ClusterClassCatalog';
import { throwIfProblems } from './collectProblems';
import {
  TopologyVariableValidator,
  writtenVariables,
} from './topologyVariables';

const validator = new TopologyVariableValidator();

/**
 * Checks every topology variable a Cluster sets (profile variables, size
 * variables, per-pool overrides) against the ClusterClass's schemas as its
 * management cluster reports them, before anything is written: unknown
 * variable, wrong type and missing required variable each name the variable
 * and the class. A class the management cluster does not have is refused.
 *
 * When the capi backend cannot tell (not answering, the management cluster's
 * classes not read yet), the change is refused too: in a regulated setting an
 * unchecked change must not reach Git, and trying again later is cheap. Only
 * a management cluster that serves no ClusterClass API at all, where there is
 * nothing to check against, passes with a warning.
 */
export async function assertTopologyVariables(options: {
  catalog?: ClusterClassCatalog;
  profile: ClusterProfile;
  cluster: unknown;
  logger: Pick<LoggerService, 'warn'>;
  signal?: AbortSignal;
}): Promise<void> {
  const { profile, catalog } = options;
  const settings = profile.clusterClass;
  if (profile.mode !== 'clusterclass' || !settings || !catalog) return;
  const ref = {
    managementCluster: profile.managementCluster,
    namespace: settings.namespace ?? profile.namespace,
    name: settings.name,
  };
  const lookup = await catalog.find(ref, options.signal);
  if (lookup.state === 'missing') {
    throw new InputError(
      `ClusterClass "${ref.name}" of profile "${profile.name}" does not exist in namespace ${ref.namespace} of management cluster ${ref.managementCluster}`,
    );
  }
  if (lookup.state === 'unknown') {
    throw new ServiceUnavailableError(
      `Topology variables cannot be checked against ClusterClass "${ref.name}" of management cluster ${ref.managementCluster} (${lookup.reason}); nothing was written. Try again in a minute; if this persists, ask the platform team to check the capi backend's connection to ${ref.managementCluster}.`,
    );
  }
  if (lookup.state === 'no-api') {
    options.logger.warn(
      `The cluster's ClusterClass variables were not checked: management cluster ${ref.managementCluster} serves no ClusterClass API.`,
    );
    return;
  }
  const cluster = options.cluster as { metadata?: { name?: unknown } };
  throwIfProblems(
    `Cluster "${String(cluster?.metadata?.name)}" does not fit ClusterClass "${
      ref.name
    }"`,
    validator.problems(lookup.clusterClass, writtenVariables(options.cluster)),
  );
}
