import Box from '@material-ui/core/Box';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ClusterListItem,
} from '@capstan/plugin-capi-common';
import { useClusterMachines } from '../../hooks/useClusterMachines';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { MachinesTable } from '../MachinesTable/MachinesTable';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';

/** Machines shown per page on the Clusters tab. */
export const MACHINES_PAGE_SIZE = 50;

/** The machines of one cluster of the current entity, a page at a time. */
export function ClusterMachines(props: { cluster: ClusterListItem }) {
  const { cluster } = props;
  const { entity } = useEntity();
  const machines = useClusterMachines(
    cluster,
    CAPI_SIGNAL_CHANNELS.entity(stringifyEntityRef(entity)),
    MACHINES_PAGE_SIZE,
  );
  const { value, loading, error, offset, pageSize, setOffset } = machines;
  const what = `the machines of ${cluster.name}`;
  if (loading && !value) return <Progress />;
  if (error && !value)
    return <LoadProblemNotice what={what} state={machines} />;
  return (
    <>
      {machines.stale && (
        <Box mb={1}>
          <LoadProblemNotice what={what} state={machines} />
        </Box>
      )}
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
