import type {
  TrimmedCluster,
  TrimmedControlPlane,
  TrimmedMachine,
  TrimmedPool,
} from '../normalise/types';
import type { ClusterAggregate } from './ClusterSummaryCache';
import { NamedObjects } from './NamedObjects';

/** What the fleet index keeps of one workload cluster. */
export interface FleetEntry {
  /** The one copy of the id string that every index of this cluster keeps. */
  id: string;
  managementCluster: string;
  namespace: string;
  name: string;
  cluster?: TrimmedCluster;
  controlPlane?: TrimmedControlPlane;
  pools: NamedObjects<TrimmedPool>;
  machines: NamedObjects<TrimmedMachine>;
  aggregate?: ClusterAggregate;
  /** Until when `aggregate` holds (its patch states age then). */
  validUntil: number;
}

/** Joined into one flat string: a template keeps a rope of pieces per id. */
export function clusterId(mc: string, namespace: string, name: string) {
  return [mc, namespace, name].join('/');
}

/** An entry with nothing in it yet. */
export function emptyEntry(
  mc: string,
  namespace: string,
  name: string,
): FleetEntry {
  return {
    id: clusterId(mc, namespace, name),
    managementCluster: mc,
    namespace,
    name,
    pools: new NamedObjects(),
    machines: new NamedObjects(),
    validUntil: 0,
  };
}

/** Whether an entry holds no object any more (and can be dropped). */
export function isEmptyEntry(entry: FleetEntry): boolean {
  return (
    !entry.cluster &&
    !entry.controlPlane &&
    entry.pools.size === 0 &&
    entry.machines.size === 0
  );
}
