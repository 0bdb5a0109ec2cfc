import { Fragment, type ReactNode } from 'react';
import Divider from '@material-ui/core/Divider';
import Box from '@material-ui/core/Box';
import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type { EntityClustersResponse } from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api';
import { useEntityClusters } from '../../hooks/useEntityClusters';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_TEMPLATES,
  newClusterFormData,
  templateLink,
} from '../../templateLinks';
import { ClusterOverview } from '../ClusterOverview/ClusterOverview';
import { ClusterChangeRequests } from '../ChangeRequests/ClusterChangeRequests';

export { useEntityClusters };

export function NoClusters() {
  const { entity } = useEntity();
  return (
    <EmptyState
      missing="data"
      title="No clusters yet"
      description="This entity has no Kubernetes clusters linked to it. Request one with the new-cluster template; it appears here as soon as the management cluster reports it."
      action={
        <LinkButton
          to={templateLink(
            CAPI_TEMPLATES.newCluster,
            newClusterFormData(entity),
          )}
          variant="contained"
          color="primary"
        >
          Request a cluster
        </LinkButton>
      }
    />
  );
}

/** Management clusters that are down may hold more of this entity's clusters. */
export function StaleManagementClustersWarning(props: {
  response: EntityClustersResponse;
}) {
  const shown = new Set(
    props.response.items.filter(c => c.stale).map(c => c.managementCluster),
  );
  const unseen = props.response.staleManagementClusters.filter(
    mc => !shown.has(mc),
  );
  if (unseen.length === 0) return null;
  return (
    <Box mb={2}>
      <WarningPanel
        title={`Management cluster${unseen.length > 1 ? 's' : ''} ${unseen.join(
          ', ',
        )} not reachable`}
        message="Clusters of this entity on them may be missing from this list until they are back."
      />
    </Box>
  );
}

/** The overview card: every cluster of the entity with its pools and patch state. */
export function EntityCapiClustersCard() {
  const { value, loading, error, offset, pageSize, setOffset } =
    useEntityClusters();
  let content: ReactNode;
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = (
      <ResponseErrorPanel
        error={error}
        title={`Could not load clusters: ${describeCapiError(error)}`}
      />
    );
  } else if (!value || value.items.length === 0) {
    content = (
      <>
        {value && <StaleManagementClustersWarning response={value} />}
        <NoClusters />
      </>
    );
  } else {
    content = (
      <>
        <StaleManagementClustersWarning response={value} />
        {value.items.map((cluster, index) => (
          <Fragment key={cluster.id}>
            {index > 0 && (
              <Box my={2}>
                <Divider />
              </Box>
            )}
            <ClusterOverview cluster={cluster} />
            <ClusterChangeRequests clusterId={cluster.id} />
          </Fragment>
        ))}
        <ClusterPager
          label="clusters"
          total={value.total}
          offset={offset}
          pageSize={pageSize}
          onOffsetChange={setOffset}
        />
      </>
    );
  }
  return <InfoCard title="Kubernetes clusters">{content}</InfoCard>;
}
