import type { Entity } from '@backstage/catalog-model';
import type { SignalApi } from '@backstage/plugin-signals-react';
import type { ClusterRef } from '@capstan/plugin-capi-common';
import type { CapiApi, PageQuery } from '../api';
import {
  allClusters,
  complianceResponse,
  clusterDetailOf,
  entityClustersResponse,
  fleetResponse,
  fleetSummariesResponse,
  managementClusters,
  profiles,
} from './fleet';
import { fleetDriftResponse } from './drift';

/** A signal API whose messages the test sends (wrap `publish` in `act`). */
export class FakeSignalApi implements SignalApi {
  readonly #subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.#subscribers.get(channel) ?? new Set();
    set.add(onMessage);
    this.#subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage) };
  }

  subscriberCount(channel: string) {
    return this.#subscribers.get(channel)?.size ?? 0;
  }

  publish(channel: string, message: { type: string; clusterIds: string[] }) {
    for (const onMessage of this.#subscribers.get(channel) ?? [])
      onMessage(message);
  }
}

/** A CapiApi answering from the fixtures; each method is a jest mock to override per test. */
export function fakeCapiApi(
  overrides: Partial<CapiApi> = {},
): jest.Mocked<CapiApi> {
  return {
    getEntityClusters: jest.fn(async (ref: string, page?: PageQuery) =>
      entityClustersResponse(ref, allClusters, page),
    ),
    getCluster: jest.fn(async (ref: ClusterRef, machines?: PageQuery) => {
      const found = allClusters.find(
        c =>
          c.managementCluster === ref.managementCluster &&
          c.namespace === ref.namespace &&
          c.name === ref.name,
      );
      if (!found) throw new Error(`no cluster ${ref.name}`);
      return clusterDetailOf(found, machines);
    }),
    getFleet: jest.fn(async () => fleetResponse()),
    getFleetSummaries: jest.fn(async () => fleetSummariesResponse()),
    getFleetCompliance: jest.fn(async () => complianceResponse()),
    getFleetDrift: jest.fn(async query => fleetDriftResponse(query)),
    getManagementClusters: jest.fn(async () => ({ items: managementClusters })),
    getProfiles: jest.fn(async () => ({ items: profiles })),
    ...overrides,
  } as jest.Mocked<CapiApi>;
}

export const paymentsComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-payments',
    lifecycle: 'production',
  },
};
