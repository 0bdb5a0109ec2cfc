import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ClusterListItem,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api';
import { useClusterMachines } from '../../hooks/useClusterMachines';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { MachinesTable } from '../MachinesTable/MachinesTable';

/** Machines shown per page on the Clusters tab. */
export const MACHINES_PAGE_SIZE = 50;

/** The machines of one cluster of the current entity, a page at a time. */
export function ClusterMachines(props: { cluster: ClusterListItem }) {
  const { cluster } = props;
  const { entity } = useEntity();
  const { value, loading, error, offset, pageSize, setOffset } =
    useClusterMachines(
      cluster,
      CAPI_SIGNAL_CHANNELS.entity(stringifyEntityRef(entity)),
      MACHINES_PAGE_SIZE,
    );
  if (loading && !value) return <Progress />;
  if (error && !value) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not load the machines of ${
          cluster.name
        }: ${describeCapiError(error)}`}
      />
    );
  }
  return (
    <>
      <MachinesTable
        clusterName={cluster.name}
        machines={value?.machines ?? []}
      />
      <ClusterPager
        label={`machines of ${cluster.name}`}
        total={value?.machinePage.total ?? 0}
        offset={offset}
        pageSize={pageSize}
        onOffsetChange={setOffset}
      />
    </>
  );
}
