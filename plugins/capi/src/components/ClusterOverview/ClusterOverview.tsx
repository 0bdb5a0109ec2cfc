import { type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { WarningPanel } from '@backstage/core-components';
import {
  machineCountOf,
  type ClusterListItem,
  type ClusterSummary,
  type ClusterWithoutMachines,
  type NodePoolSummary,
  type PatchSummary,
  type VersionCount,
} from '@capstan/plugin-capi-common';
import { ClusterStatusChip } from '../ClusterStatusChip/ClusterStatusChip';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { StatusHeadline } from '../ClusterStatusChip/StatusHeadline';
import { ClusterDriftDetails, DriftBadge } from '../ClusterDrift/ClusterDrift';
import { NodePoolTable } from '../NodePoolTable/NodePoolTable';
import { ProfileTitle } from '../ProfileTitle/ProfileTitle';
import { BreakableName } from '../BreakableName/BreakableName';
import { PatchComplianceHelp } from '../PatchCompliance/PatchComplianceHelp';
import { formatPercent, formatRelative, formatTimestamp } from '../../time';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  name: { fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
  headline: { color: theme.palette.error.main },
  compliance: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
}));

/**
 * The cluster's compliance in words: no figure without machines, and
 * "not reported yet" while no machine has reported (0 % would mislead).
 */
function complianceWords(patch: PatchSummary): string {
  if (patch.total === 0) return 'no machines yet';
  if (patch.unknown === patch.total) return 'not reported yet';
  return formatPercent(patch.compliance);
}

export function StaleBanner(props: { cluster: ClusterWithoutMachines }) {
  const { cluster } = props;
  const mc = cluster.managementClusterTitle ?? cluster.managementCluster;
  return (
    <WarningPanel
      defaultExpanded
      title={`Data from management cluster ${mc} is stale since ${formatTimestamp(
        cluster.staleSince,
      )} (${formatRelative(cluster.staleSince)})`}
      message={
        cluster.staleReason ??
        'The management cluster has not been heard from recently; what is shown is its last known state.'
      }
    />
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div role="group" aria-label={props.label}>
      <Typography
        variant="caption"
        className={classes.muted}
        component="div"
        aria-hidden
      >
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </div>
  );
}

function countsText(versions: readonly VersionCount[]): string {
  return versions.map(v => `${v.version} ×${v.replicas}`).join(', ');
}

/** What CAPI v1.14 reports about versions and upgrades: what runs, the plan, in-place updates. */
function UpgradeFacts(props: { cluster: ClusterWithoutMachines }) {
  const upgrade = props.cluster.upgrade;
  if (!upgrade) return null;
  const plan = [
    ...new Set([
      ...(upgrade.controlPlanePlan ?? []),
      ...(upgrade.workersPlan ?? []),
    ]),
  ];
  return (
    <>
      {upgrade.controlPlaneVersions.length > 0 && (
        <Fact label="Control plane runs">
          {countsText(upgrade.controlPlaneVersions)}
        </Fact>
      )}
      {upgrade.workerVersions.length > 0 && (
        <Fact label="Workers run">{countsText(upgrade.workerVersions)}</Fact>
      )}
      {plan.length > 0 && <Fact label="Upgrade plan">{plan.join(' → ')}</Fact>}
      {upgrade.updatingInPlace.length > 0 && (
        <Fact label="Updating in place">
          {upgrade.updatingInPlace.join(', ')}
        </Fact>
      )}
    </>
  );
}

export function versionText(
  cluster: Pick<ClusterWithoutMachines, 'actualVersion' | 'desiredVersion'>,
): string {
  const actual = cluster.actualVersion ?? 'not running yet';
  if (
    !cluster.desiredVersion ||
    cluster.desiredVersion === cluster.actualVersion
  ) {
    return actual;
  }
  return `${actual} → ${cluster.desiredVersion}`;
}

/**
 * What the version column and fact are called: it holds one version, or
 * "v1.33.4 → v1.34.1" while the cluster moves to another.
 */
export const KUBERNETES_VERSION_LABEL = 'Kubernetes version';

/** The version, or "runs → asked for", with that said in words on hover. */
export function KubernetesVersion(props: {
  cluster: Pick<ClusterWithoutMachines, 'actualVersion' | 'desiredVersion'>;
}) {
  const { actualVersion, desiredVersion } = props.cluster;
  const text = versionText(props.cluster);
  if (!desiredVersion || desiredVersion === actualVersion) return <>{text}</>;
  const runs = actualVersion
    ? `Runs Kubernetes ${actualVersion}`
    : 'Runs no Kubernetes yet';
  return <span title={`${runs}; ${desiredVersion} is asked for.`}>{text}</span>;
}

/** One cluster as the entity card shows it; the Clusters tab adds more below. */
export function ClusterOverview(props: {
  cluster: ClusterListItem | ClusterSummary;
  renderPoolActions?: (pool: NodePoolSummary) => ReactNode;
  titleComponent?: 'h2' | 'h3' | 'h4';
}) {
  const { cluster, renderPoolActions, titleComponent = 'h3' } = props;
  const classes = useStyles();
  const cp = cluster.controlPlane;
  const managementCluster =
    cluster.managementClusterTitle ?? cluster.managementCluster;
  return (
    <section aria-label={`Cluster ${cluster.name}`}>
      <div className={classes.header}>
        <Typography
          variant="h6"
          component={titleComponent}
          className={classes.name}
        >
          <ClusterEntityLink clusterId={cluster.id}>
            <BreakableName name={cluster.name} />
          </ClusterEntityLink>
        </Typography>
        <ClusterStatusChip cluster={cluster} />
        <DriftBadge drift={cluster.drift} />
        <Typography
          variant="body2"
          className={classes.muted}
          data-testid="cluster-place"
        >
          on {managementCluster} · namespace {cluster.namespace}
          {cluster.profile && (
            <>
              {' · profile '}
              <ProfileTitle name={cluster.profile} after={managementCluster} />
            </>
          )}
        </Typography>
      </div>
      {cluster.stale && (
        <Box my={1}>
          <StaleBanner cluster={cluster} />
        </Box>
      )}
      {cluster.headline && !cluster.stale && (
        <StatusHeadline
          condition={cluster.headline}
          explanation={cluster.explanation}
          status={cluster.status}
        />
      )}
      <ClusterDriftDetails drift={cluster.drift} />
      <div className={classes.facts}>
        <Fact label={KUBERNETES_VERSION_LABEL}>
          <KubernetesVersion cluster={cluster} />
        </Fact>
        <Fact label="Control plane ready / desired">
          {cp.readyReplicas}/{cp.desiredReplicas ?? cp.replicas}
        </Fact>
        <Fact label="Machines">{machineCountOf(cluster)}</Fact>
        {cluster.runningVersions.length > 1 && (
          <Fact label="Running versions">
            {cluster.runningVersions.join(', ')}
          </Fact>
        )}
        <UpgradeFacts cluster={cluster} />
      </div>
      <NodePoolTable
        clusterName={cluster.name}
        pools={cluster.nodePools}
        controlPlane={cluster.controlPlane}
        profile={cluster.profile}
        clusterPatch={cluster.patch}
        renderActions={renderPoolActions}
      />
      <div className={classes.compliance}>
        <Typography variant="body2" data-testid="cluster-compliance">
          Patch compliance <strong>{complianceWords(cluster.patch)}</strong>
          {cluster.patch.overdue > 0 && (
            <span className={classes.headline}>
              {' '}
              · {cluster.patch.overdue} overdue
            </span>
          )}
        </Typography>
        <PatchComplianceHelp />
      </div>
    </section>
  );
}
