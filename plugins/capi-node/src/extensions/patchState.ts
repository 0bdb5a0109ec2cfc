import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { PatchState } from '@capstan/plugin-capi-common';

/**
 * What a patch state provider sees of one Machine: its identity, node and
 * OS facts, and the labels and annotations kept in the backend's cache.
 *
 * @public
 */
export interface PatchStateMachine {
  managementCluster: string;
  namespace: string;
  name: string;
  /** Name of the workload cluster the machine belongs to. */
  clusterName: string;
  /** Node name in the workload cluster, once the machine has joined. */
  nodeName?: string;
  providerId?: string;
  osImage?: string;
  kernelVersion?: string;
  kubeletVersion?: string;
  /**
   * The machine's `capstan.dev/` labels. CAPI labels are read into the
   * fields above on arrival and not kept.
   */
  labels: Readonly<Record<string, string>>;
  /**
   * Annotations the backend keeps on cached Machines: those under the
   * configured patch annotation prefix and `capstan.dev/`. Other
   * annotations are dropped on arrival to keep the cache small.
   */
  annotations: Readonly<Record<string, string>>;
}

/**
 * The workload cluster Node of a machine, when a provider has it.
 *
 * @public
 */
export interface PatchStateNode {
  name: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
}

/**
 * Reports what it knows about the OS patch state of a machine. The backend
 * merges the reports of all providers (later providers override earlier
 * ones, field by field) and judges the result against the patch policy;
 * counts and times (`pendingSecurityUpdates`, `securityPendingSince`,
 * `lastPatched`, ...) are preferred over a provider's own `state`.
 *
 * Called on the cache's hot path whenever a machine's summary is rebuilt,
 * so it must be synchronous and cheap: keep any remote data in memory and
 * refresh it in the background.
 *
 * @public
 */
export interface CapiPatchStateProvider {
  /** Shown as the `source` of the patch state, e.g. `annotations`. */
  name: string;
  getPatchState(
    machine: PatchStateMachine,
    node?: PatchStateNode,
  ): Partial<PatchState> | undefined;
}

/**
 * Lets backend modules plug a patch management system into the capi
 * backend.
 *
 * @public
 */
export interface CapiPatchStateProviderExtensionPoint {
  addProvider(provider: CapiPatchStateProvider): void;
}

/**
 * Extension point for patch state providers.
 *
 * @public
 */
export const capiPatchStateProviderExtensionPoint =
  createExtensionPoint<CapiPatchStateProviderExtensionPoint>({
    id: 'capi.patch-state-providers',
  });
