import { Fragment, type ReactNode } from 'react';
import Divider from '@material-ui/core/Divider';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import {
  CAPI_PAGE_LIMITS,
  type EntityClustersResponse,
} from '@capstan/plugin-capi-common';
import { useEntityClusters } from '../../hooks/useEntityClusters';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { NoClusters } from '../NoClusters/NoClusters';
import { RequestClusterButton } from './RequestClusterButton';
import { ClusterOverview } from '../ClusterOverview/ClusterOverview';
import { ClusterChangeRequests } from '../ChangeRequests/ClusterChangeRequests';
import {
  canChangeThroughGit,
  NotManagedThroughGit,
} from '../GitManagement/GitManagement';
import { CompactClusters } from '../ClusterList/CompactClusters';
import { GitFolder } from '../GitReferences/GitReferences';
import { useClustersTabLink } from '../ClusterList/useClustersTabLink';
import { ambiguousNames } from '../ClusterList/clusterAttention';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';

/** Up to this many clusters the card shows each in full; more get a compact list. */
export const CARD_DETAILED_MAX = 2;

export { useEntityClusters };

/** What the card and the tab load, for "Could not load the clusters." */
export const CLUSTERS_LOADED = 'the clusters';

export { NoClusters, RequestClusterButton };

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

/**
 * The overview card: one or two clusters in full (pools, patch state, open
 * change requests); more as a compact list, those that need a look first,
 * with a link to all of them on the Clusters tab.
 */
export function EntityCapiClustersCard() {
  // One page holds a team's clusters, so the list can put the urgent ones first.
  const clusters = useEntityClusters(CAPI_PAGE_LIMITS.clusters.max);
  const { entityRef, value, loading, error, offset, pageSize, setOffset } =
    clusters;
  const tabLink = useClustersTabLink();
  let content: ReactNode;
  let deepLink: { title: string; link: string } | undefined;
  const hasClusters = Boolean(value && value.items.length > 0);
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = <LoadProblemNotice what={CLUSTERS_LOADED} state={clusters} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <>
        {value && <StaleManagementClustersWarning response={value} />}
        <NoClusters />
      </>
    );
  } else if (value.total > CARD_DETAILED_MAX) {
    content = (
      <>
        <StaleManagementClustersWarning response={value} />
        <CompactClusters
          entityRef={entityRef}
          response={value}
          detailsLink={tabLink}
        />
      </>
    );
    if (tabLink) {
      deepLink = { title: `All ${value.total} clusters`, link: tabLink() };
    }
  } else {
    const namesakes = ambiguousNames(value.items);
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
            {canChangeThroughGit(cluster) ? (
              <Typography variant="caption" component="div">
                In Git: <GitFolder cluster={cluster} />
              </Typography>
            ) : (
              <NotManagedThroughGit cluster={cluster} />
            )}
            <ClusterChangeRequests
              cluster={cluster}
              showPlace={namesakes.has(cluster.name)}
            />
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
  return (
    <InfoCard
      title="Kubernetes clusters"
      deepLink={deepLink}
      actions={hasClusters && <RequestClusterButton variant="more" />}
    >
      {clusters.stale && (
        <Box mb={2}>
          <LoadProblemNotice what={CLUSTERS_LOADED} state={clusters} />
        </Box>
      )}
      {content}
    </InfoCard>
  );
}
