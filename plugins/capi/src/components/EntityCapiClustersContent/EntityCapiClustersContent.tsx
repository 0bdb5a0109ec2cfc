import { type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
} from '@backstage/core-components';
import {
  CAPI_PAGE_LIMITS,
  type ClusterListItem,
} from '@capstan/plugin-capi-common';
import {
  CAPI_TEMPLATES,
  templateLink,
  templatePoolName,
} from '../../templateLinks';
import { ChangeRequestHistory } from '../ChangeRequests/ChangeRequestHistory';
import { ClusterChangeRequests } from '../ChangeRequests/ClusterChangeRequests';
import { GitFolder } from '../GitReferences/GitReferences';
import { ClusterOverview } from '../ClusterOverview/ClusterOverview';
import {
  canChangeThroughGit,
  NotManagedThroughGit,
} from '../GitManagement/GitManagement';
import {
  CLUSTERS_LOADED,
  NoClusters,
  RequestClusterButton,
  StaleManagementClustersWarning,
  useEntityClusters,
} from '../EntityCapiClustersCard/EntityCapiClustersCard';
import { ClusterMachines } from '../ClusterMachines/ClusterMachines';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { ConditionsTable } from './ConditionsTable';
import { ClusterSelector, findSelected } from './ClusterSelector';
import { ambiguousNames, byAttention } from '../ClusterList/clusterAttention';
import { CLUSTER_PARAM } from '../ClusterList/useClustersTabLink';
import { upgradeButtonLabel } from './upgradeButtonLabel';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(3) },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  muted: { color: theme.palette.text.secondary },
}));

function UpgradeOptions(props: { cluster: ClusterListItem }) {
  const { cluster } = props;
  const classes = useStyles();
  const upgrade = cluster.upgrade;
  if (!upgrade && cluster.rollingOut) {
    // A backend without the upgrade status: the old rule.
    return (
      <Typography variant="body2">
        An upgrade to {cluster.desiredVersion} is rolling out.
      </Typography>
    );
  }
  const available = upgrade?.available ?? cluster.upgradeOptions;
  if (available.length === 0) {
    // Why not, from what runs: an upgrade or rollout under way, or nothing newer allowed.
    return (
      <Typography
        variant="body2"
        className={classes.muted}
        data-testid="upgrade-blocked-reason"
      >
        {upgrade?.blockedReason ?? 'No newer version allowed by the profile.'}
      </Typography>
    );
  }
  return (
    <div className={classes.actions}>
      {available.map(v => (
        <LinkButton
          key={v}
          variant="contained"
          color="primary"
          size="small"
          to={templateLink(CAPI_TEMPLATES.upgradeKubernetes, {
            cluster: cluster.id,
            kubernetesVersion: v,
          })}
        >
          {upgradeButtonLabel(cluster, v)}
        </LinkButton>
      ))}
    </div>
  );
}

/** One cluster in full; `showPlace`: a namesake is on the page too. */
export function ClusterDetails(props: {
  cluster: ClusterListItem;
  showPlace?: boolean;
}) {
  const { cluster } = props;
  const classes = useStyles();
  const clusterRef = cluster.id;
  // Day-2 templates edit the cluster's folder in Git: no folder, no buttons.
  const canChange = canChangeThroughGit(cluster);
  return (
    <InfoCard>
      <ClusterOverview
        cluster={cluster}
        titleComponent="h2"
        renderPoolActions={
          canChange
            ? pool => (
                <Link
                  to={templateLink(CAPI_TEMPLATES.scaleNodePool, {
                    cluster: clusterRef,
                    pool: templatePoolName(cluster.name, pool.name),
                  })}
                  aria-label={`Scale node pool ${pool.name} of ${cluster.name}`}
                >
                  Scale
                </Link>
              )
            : undefined
        }
      />
      {!canChange && <NotManagedThroughGit cluster={cluster} />}
      <ClusterChangeRequests cluster={cluster} showPlace={props.showPlace} />
      {canChange && (
        <div className={classes.actions}>
          <LinkButton
            variant="outlined"
            size="small"
            to={templateLink(CAPI_TEMPLATES.addNodePool, {
              cluster: clusterRef,
            })}
          >
            Add node pool
          </LinkButton>
          {cluster.gitopsUrl && (
            <LinkButton variant="outlined" size="small" to={cluster.gitopsUrl}>
              GitOps folder
            </LinkButton>
          )}
          <LinkButton
            variant="outlined"
            size="small"
            to={templateLink(CAPI_TEMPLATES.decommissionCluster, {
              cluster: clusterRef,
            })}
          >
            Decommission
          </LinkButton>
        </div>
      )}
      {canChange && !cluster.gitopsUrl && (
        <Typography variant="caption" className={classes.muted} component="div">
          GitOps folder: <GitFolder cluster={cluster} />
        </Typography>
      )}

      <section
        className={classes.section}
        aria-label={`Upgrade options of ${cluster.name}`}
      >
        <Typography variant="subtitle1" component="h3">
          Kubernetes upgrade
        </Typography>
        {canChange ? (
          <UpgradeOptions cluster={cluster} />
        ) : (
          <Typography variant="body2" className={classes.muted}>
            Upgrades change the cluster&apos;s folder in Git; see above.
          </Typography>
        )}
      </section>

      <section
        className={classes.section}
        aria-label={`Change requests history of ${cluster.name}`}
      >
        <Typography variant="subtitle1" component="h3">
          Change requests
        </Typography>
        <ChangeRequestHistory clusterId={cluster.id} />
      </section>

      <section className={classes.section}>
        <Typography variant="subtitle1" component="h3">
          Machines
        </Typography>
        <ClusterMachines cluster={cluster} />
      </section>

      <section className={classes.section}>
        <Typography variant="subtitle1" component="h3">
          Conditions
        </Typography>
        <ConditionsTable cluster={cluster} />
      </section>
    </InfoCard>
  );
}

/** Up to this many clusters the tab shows each in full; more get a selector. */
export const TAB_DETAILED_MAX = 2;

/**
 * The cluster `?cluster=` names (an id, or a unique name), else the first
 * in attention order; picking one puts it in the URL, so it can be linked.
 */
function useSelectedCluster(clusters: readonly ClusterListItem[]) {
  const [params, setParams] = useSearchParams();
  const ordered = byAttention(clusters);
  const selected =
    findSelected(clusters, params.get(CLUSTER_PARAM)) ?? ordered[0];
  const select = (cluster: ClusterListItem) => {
    const next = new URLSearchParams(params);
    next.set(CLUSTER_PARAM, cluster.id);
    setParams(next);
  };
  return { ordered, selected, select };
}

function SelectedClusterLayout(props: {
  clusters: readonly ClusterListItem[];
  pager: ReactNode;
}) {
  const { ordered, selected, select } = useSelectedCluster(props.clusters);
  if (!selected) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={3}>
        <ClusterSelector
          clusters={ordered}
          selected={selected}
          onSelect={select}
        />
        {props.pager}
      </Grid>
      <Grid
        item
        xs={12}
        md={9}
        id="cluster-detail"
        role="tabpanel"
        aria-labelledby={`cluster-tab-${selected.id}`}
      >
        <ClusterDetails key={selected.id} cluster={selected} />
      </Grid>
    </Grid>
  );
}

/**
 * The Clusters tab: everything on the card plus machines, conditions and
 * day-2 links; one or two clusters in full, more one at a time with a
 * selector (those that need a look first).
 */
export function EntityCapiClustersContent() {
  const clusters = useEntityClusters(CAPI_PAGE_LIMITS.clusters.max);
  const { value, loading, error, offset, pageSize, setOffset } = clusters;
  if (loading && !value) return <Progress />;
  if (error && !value) {
    return <LoadProblemNotice what={CLUSTERS_LOADED} state={clusters} />;
  }
  if (!value || value.items.length === 0) {
    return (
      <>
        {value && <StaleManagementClustersWarning response={value} />}
        <NoClusters />
      </>
    );
  }
  const namesakes = ambiguousNames(value.items);
  const pager = (
    <ClusterPager
      label="clusters"
      total={value.total}
      offset={offset}
      pageSize={pageSize}
      onOffsetChange={setOffset}
    />
  );
  return (
    <Box>
      {clusters.stale && (
        <Box mb={2}>
          <LoadProblemNotice what={CLUSTERS_LOADED} state={clusters} />
        </Box>
      )}
      <StaleManagementClustersWarning response={value} />
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <RequestClusterButton variant="more" />
      </Box>
      {value.total > TAB_DETAILED_MAX ? (
        <SelectedClusterLayout clusters={value.items} pager={pager} />
      ) : (
        <Grid container spacing={3}>
          {value.items.map(cluster => (
            <Grid item xs={12} key={cluster.id}>
              <ClusterDetails
                cluster={cluster}
                showPlace={namesakes.has(cluster.name)}
              />
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
}
