import type {
  DriftState,
  FleetDriftEntry,
  FleetDriftResponse,
} from '@capstan/plugin-capi-common';

/** Clusters in each drift state, for the fleet page's drift card. */
export const driftEntries: FleetDriftEntry[] = [
  {
    id: 'onprem-fra/team-payments/payments-prod',
    managementCluster: 'onprem-fra',
    namespace: 'team-payments',
    name: 'payments-prod',
    owner: 'team-payments',
    drift: {
      state: 'drifted',
      fields: [{ field: 'pools.workers.replicas', git: '3', live: '5' }],
      since: '2026-11-30T08:00:00Z',
      reason: 'Live differs from Git, with no change in flight.',
      argocd: {
        application: 'argocd/team-payments.payments-prod',
        syncStatus: 'Synced',
        healthStatus: 'Healthy',
      },
    },
  },
  {
    id: 'onprem-fra/team-search/search-dev',
    managementCluster: 'onprem-fra',
    namespace: 'team-search',
    name: 'search-dev',
    owner: 'team-search',
    drift: {
      state: 'missing',
      fields: [],
      reason: 'In Git, but not on management cluster onprem-fra.',
      argocd: {
        application: 'argocd/team-search.search-dev',
        syncStatus: 'OutOfSync',
        operationPhase: 'Failed',
        reason:
          'sync failed: one or more objects failed to apply, reason: spec.topology.controlPlane.replicas: Forbidden: cannot be an even number when etcd is stacked',
      },
    },
  },
  {
    id: 'aws-eu/team-checkout/checkout-prod',
    managementCluster: 'aws-eu',
    namespace: 'team-checkout',
    name: 'checkout-prod',
    owner: 'team-checkout',
    drift: { state: 'in-sync', fields: [] },
  },
];

/** `GET /fleet/drift` over {@link driftEntries}: counts for all, items in the given states. */
export function fleetDriftResponse(
  query: { state?: DriftState[] } = {},
): FleetDriftResponse {
  const counts: FleetDriftResponse['counts'] = {
    'in-sync': 0,
    pending: 0,
    drifted: 0,
    missing: 0,
    unmanaged: 0,
  };
  for (const entry of driftEntries) counts[entry.drift.state]++;
  const wanted = query.state?.length ? new Set(query.state) : undefined;
  const items = driftEntries.filter(e => !wanted || wanted.has(e.drift.state));
  return {
    counts,
    gitRevision: '0123456789abcdef0123456789abcdef01234567',
    total: items.length,
    offset: 0,
    limit: 100,
    items,
  };
}
