import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  conditionHealthIn,
  type ClusterCondition,
  type ClusterListItem,
  type ConditionHealth,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api';
import {
  CAPI_TEMPLATES,
  templateLink,
  templatePoolName,
} from '../../templateLinks';
import { ChangeRequestHistory } from '../ChangeRequests/ChangeRequestHistory';
import { ClusterChangeRequests } from '../ChangeRequests/ClusterChangeRequests';
import { ClusterOverview } from '../ClusterOverview/ClusterOverview';
import {
  canChangeThroughGit,
  NotManagedThroughGit,
} from '../GitManagement/GitManagement';
import {
  NoClusters,
  StaleManagementClustersWarning,
  useEntityClusters,
} from '../EntityCapiClustersCard/EntityCapiClustersCard';
import { ClusterMachines } from '../ClusterMachines/ClusterMachines';
import { ClusterPager } from '../ClusterPager/ClusterPager';
import { formatRelative, formatTimestamp } from '../../time';
import { upgradeButtonLabel } from './upgradeButtonLabel';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(3) },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  failing: { color: theme.palette.error.main, fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
  scroll: { overflowX: 'auto' },
  // Status components render body1 text; match the table's body2.
  status: { '& > span': { fontSize: theme.typography.body2.fontSize } },
  healthLabel: {
    marginLeft: theme.spacing(0.75),
    color: theme.palette.text.secondary,
    fontWeight: 'normal',
  },
  conditions: {
    '& th, & td': { whiteSpace: 'nowrap' },
    // Messages are sentences: let them wrap, within reason.
    '& td$message': { whiteSpace: 'normal', minWidth: 240 },
  },
  message: {},
}));

const HEALTH_LABEL: Record<ConditionHealth, string> = {
  healthy: 'healthy',
  failing: 'failing',
  warning: 'warning',
  active: 'in progress',
  unknown: 'unknown',
};

const HEALTH_ICON: Record<ConditionHealth, typeof StatusOK> = {
  healthy: StatusOK,
  failing: StatusError,
  warning: StatusWarning,
  active: StatusRunning,
  unknown: StatusWarning,
};

/**
 * Failing conditions first, so a problem is not lost among a dozen healthy
 * rows; otherwise the order the controller reported.
 */
function sortConditions(cluster: ClusterListItem): ClusterCondition[] {
  const failing = (c: ClusterCondition) =>
    Number(conditionHealthIn(c, cluster.status) === 'failing');
  return [...cluster.conditions].sort((a, b) => failing(b) - failing(a));
}

function ConditionsTable(props: { cluster: ClusterListItem }) {
  const classes = useStyles();
  const conditions = sortConditions(props.cluster);
  if (conditions.length === 0) {
    return (
      <Typography variant="body2" className={classes.muted}>
        No conditions reported yet.
      </Typography>
    );
  }
  // Most healthy conditions carry no message; an empty column is noise.
  const hasMessages = conditions.some(c => c.message);
  return (
    <div className={classes.scroll}>
      <Table
        size="small"
        className={classes.conditions}
        aria-label={`Conditions of ${props.cluster.name}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Condition</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Reason</TableCell>
            {hasMessages && <TableCell>Message</TableCell>}
            <TableCell>Since</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {conditions.map(c => {
            // Polarity decides: ScalingUp=False is the normal state, Available=False is a
            // failure — unless the cluster is rolling out or scaling, which explains it.
            const health = conditionHealthIn(c, props.cluster.status);
            const Icon = HEALTH_ICON[health];
            return (
              <TableRow key={c.type}>
                <TableCell component="th" scope="row">
                  {c.type}
                </TableCell>
                <TableCell
                  className={`${classes.status} ${
                    health === 'failing' ? classes.failing : ''
                  }`}
                  // The status components hide their text from screen readers.
                  aria-label={`${c.status}, ${HEALTH_LABEL[health]}`}
                >
                  <Icon>
                    {c.status}
                    <span className={classes.healthLabel}>
                      · {HEALTH_LABEL[health]}
                    </span>
                  </Icon>
                </TableCell>
                <TableCell>{c.reason ?? '—'}</TableCell>
                {hasMessages && (
                  <TableCell className={classes.message}>
                    {c.message ?? ''}
                  </TableCell>
                )}
                <TableCell>
                  <span title={formatTimestamp(c.lastTransitionTime)}>
                    {formatRelative(c.lastTransitionTime)}
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

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

export function ClusterDetails(props: { cluster: ClusterListItem }) {
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
      <ClusterChangeRequests clusterId={cluster.id} />
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
          GitOps folder: {cluster.gitopsPath}
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

/** Clusters per page on the tab (each loads its own page of machines). */
const TAB_PAGE_SIZE = 10;

/** The Clusters tab: everything on the card plus machines, conditions and day-2 links. */
export function EntityCapiClustersContent() {
  const { value, loading, error, offset, pageSize, setOffset } =
    useEntityClusters(TAB_PAGE_SIZE);
  if (loading && !value) return <Progress />;
  if (error && !value) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not load clusters: ${describeCapiError(error)}`}
      />
    );
  }
  if (!value || value.items.length === 0) {
    return (
      <>
        {value && <StaleManagementClustersWarning response={value} />}
        <NoClusters />
      </>
    );
  }
  return (
    <Box>
      <StaleManagementClustersWarning response={value} />
      <Grid container spacing={3}>
        {value.items.map(cluster => (
          <Grid item xs={12} key={cluster.id}>
            <ClusterDetails cluster={cluster} />
          </Grid>
        ))}
      </Grid>
      <ClusterPager
        label="clusters"
        total={value.total}
        offset={offset}
        pageSize={pageSize}
        onOffsetChange={setOffset}
      />
    </Box>
  );
}
