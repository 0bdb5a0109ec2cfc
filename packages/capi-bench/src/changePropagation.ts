import type { ClusterSummary } from '@capstan/plugin-capi-common';
import type { startCapiBackend } from './backends';
import type { BenchFleet, LabelledCluster } from './fleet';
import { waitFor } from './stats';

/**
 * Flips a Cluster's `status.phase` in the simulator's store (a watch event,
 * exactly as a controller's status update) and times until the REST API shows
 * it and until the fleet signal channel gets a notice.
 */
export async function changePropagation(
  sim: BenchFleet,
  capi: Awaited<ReturnType<typeof startCapiBackend>>,
  labelled: LabelledCluster[],
  count: number,
) {
  const toApi: number[] = [];
  const toSignal: number[] = [];
  for (let i = 0; i < count; i++) {
    const target = labelled[i % labelled.length];
    const id = `${target.managementCluster}/${target.namespace}/${target.name}`;
    // Notices name no cluster (no per-cluster channel): the fleet channel's.
    const channel = 'capi:fleet';
    const phase = i % 2 === 0 ? 'Failed' : 'Provisioned';
    const started = performance.now();
    await sim.setClusterPhase(target, phase);
    await waitFor(
      `${id} to show phase ${phase}`,
      async () =>
        (await capi.get<ClusterSummary>(`/clusters/${id}`)).phase === phase
          ? true
          : undefined,
      { timeoutMs: 10_000, intervalMs: 2 },
    );
    toApi.push(performance.now() - started);
    const signal = await waitFor(
      `a signal on ${channel}`,
      () => capi.signals.find(s => s.channel === channel && s.at >= started),
      { timeoutMs: 10_000, intervalMs: 2 },
    );
    toSignal.push(signal.at - started);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return { toApi, toSignal };
}
