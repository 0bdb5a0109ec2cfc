import type { CapiApi, FleetDriftQuery, PageQuery } from '../src/api';
import {
  allClusters,
  clusterDetailOf,
  complianceResponse,
  entityClustersResponse,
  fleetResponse,
  fleetSummariesResponse,
  managementClusters,
  profiles,
} from '../src/__fixtures__/fleet';
import { fleetDriftResponse } from '../src/__fixtures__/drift';
import { teamFleet } from '../src/__fixtures__/teamFleet';

const delay = () => new Promise(resolve => setTimeout(resolve, 150));

/** Answers from the fixtures, with the fleet filters applied, for the dev harness. */
export class FixtureCapiApi implements CapiApi {
  async getEntityClusters(entityRef: string, page?: PageQuery) {
    await delay();
    return entityClustersResponse(entityRef, teamFleet, page);
  }

  async getCluster(
    ref: {
      managementCluster: string;
      namespace: string;
      name: string;
    },
    machines?: PageQuery,
  ) {
    await delay();
    const found = teamFleet.find(
      c =>
        c.managementCluster === ref.managementCluster &&
        c.namespace === ref.namespace &&
        c.name === ref.name,
    );
    if (!found) throw new Error(`Cluster ${ref.name} not found`);
    return clusterDetailOf(found, machines);
  }

  async getFleet(query: Parameters<CapiApi['getFleet']>[0] = {}) {
    await delay();
    return fleetResponse(this.#filtered(query));
  }

  async getFleetSummaries(query: Parameters<CapiApi['getFleet']>[0] = {}) {
    await delay();
    return fleetSummariesResponse(this.#filtered(query));
  }

  #filtered(query: Parameters<CapiApi['getFleet']>[0] = {}) {
    return allClusters.filter(
      c =>
        (!query.managementCluster ||
          query.managementCluster.includes(c.managementCluster)) &&
        (!query.status || query.status.includes(c.status)) &&
        (!query.owner || (c.owner && query.owner.includes(c.owner))) &&
        (!query.version ||
          c.runningVersions.some(v => query.version!.includes(v))) &&
        (!query.patchState ||
          c.machines.some(m => query.patchState!.includes(m.patch.state))) &&
        (!query.search || c.name.includes(query.search)),
    );
  }

  async getFleetCompliance() {
    await delay();
    return complianceResponse();
  }

  async getFleetDrift(query?: FleetDriftQuery) {
    await delay();
    return fleetDriftResponse(query);
  }

  async getManagementClusters() {
    return { items: managementClusters };
  }

  async getProfiles() {
    await delay();
    return { items: profiles };
  }
}
