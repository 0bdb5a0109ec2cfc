import Typography from '@material-ui/core/Typography';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type {
  ChangeRequest,
  ClusterListItem,
} from '@capstan/plugin-capi-common';
import { ClusterStatusChip } from '../ClusterStatusChip/ClusterStatusChip';
import { DriftBadge } from '../ClusterDrift/ClusterDrift';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { ChangeRequestLine } from '../ChangeRequests/ChangeRequestLine';
import { changeActivityOf } from '../ChangeRequests/useEntityChangeRequests';
import { clusterInWords } from '../ChangeRequests/changeRequestText';
import {
  canChangeThroughGit,
  notManagedReason,
} from '../GitManagement/GitManagement';
import {
  KUBERNETES_VERSION_LABEL,
  KubernetesVersion,
} from '../ClusterOverview/ClusterOverview';
import { PatchComplianceHelp } from '../PatchCompliance/PatchComplianceHelp';
import { GitFolder } from '../GitReferences/GitReferences';
import { BreakableName } from '../BreakableName/BreakableName';
import { Fact } from '../Fact/Fact';
import { poolsAwaitingUpgrade } from './poolsAwaitingUpgrade';
import { formatPercent } from '../../time';
import {
  ATTENTION_LABELS,
  ambiguousNames,
  attentionOf,
  placeOf,
} from './clusterAttention';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    // Cluster | Kubernetes | Patches | Git: one line per cluster on a wide card.
    gridTemplateColumns:
      'minmax(0, 2.4fr) minmax(0, 1.3fr) minmax(0, 1.1fr) minmax(0, 1.3fr)',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    alignItems: 'start',
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    // A phone: the cluster on its own line, version and patches beneath
    // it, then Git across the width (a folder path needs it).
    [theme.breakpoints.down('xs')]: {
      gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
      '& > :first-child, & > :last-child': { gridColumn: '1 / -1' },
    },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
  },
  // Column headings over the list on a wide card; on a phone each value
  // carries its own label instead.
  header: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    paddingTop: 0,
    color: theme.palette.text.secondary,
    [theme.breakpoints.down('xs')]: { display: 'none' },
  },
  phoneOnly: {
    color: theme.palette.text.secondary,
    [theme.breakpoints.up('sm')]: { display: 'none' },
  },
  // Wraps after a "-" (BreakableName); inside a part only when it alone is wider than the column.
  name: { fontWeight: 600, wordBreak: 'normal', overflowWrap: 'break-word' },
  muted: { color: theme.palette.text.secondary },
  attention: { color: theme.palette.warning.dark, fontWeight: 600 },
  failing: { color: theme.palette.error.main, fontWeight: 600 },
  overdue: { color: theme.palette.error.main },
}));

function PatchText(props: { cluster: ClusterListItem }) {
  const { patch } = props.cluster;
  const classes = useStyles();
  if (patch.total === 0) return <>no machines yet</>;
  if (patch.unknown === patch.total) return <>not reported yet</>;
  return (
    <>
      {formatPercent(patch.compliance)}
      {patch.overdue > 0 && (
        <span className={classes.overdue}> · {patch.overdue} overdue</span>
      )}
    </>
  );
}

/** In Git or not, and the folder: why a cluster offers no day-2 changes. */
function GitFacts(props: { cluster: ClusterListItem }) {
  const { cluster } = props;
  const classes = useStyles();
  if (!canChangeThroughGit(cluster)) {
    return (
      <Tooltip title={notManagedReason(cluster)}>
        <span
          role="note"
          aria-label={`${cluster.name}: ${notManagedReason(cluster)}`}
          className={classes.muted}
        >
          {cluster.gitManaged === undefined
            ? 'Not known to be in Git: no day-2 changes'
            : 'Not in Git: no day-2 changes'}
        </span>
      </Tooltip>
    );
  }
  return (
    <>
      {cluster.drift ? <DriftBadge drift={cluster.drift} /> : 'In Git'}
      <Typography variant="caption" component="div" className={classes.muted}>
        <GitFolder cluster={cluster} />
      </Typography>
    </>
  );
}

/** One cluster in a line or two: what it is, where, and what needs a look. */
function ClusterRow(props: {
  cluster: ClusterListItem;
  showPlace: boolean;
  changeRequests: readonly ChangeRequest[];
  detailsLink?: string;
}) {
  const { cluster, showPlace, changeRequests, detailsLink } = props;
  const classes = useStyles();
  const attention = attentionOf(cluster, changeActivityOf(changeRequests));
  const waiting = poolsAwaitingUpgrade(cluster);
  return (
    <li>
      <section aria-label={`Cluster ${cluster.name}`} className={classes.item}>
        <div>
          <div className={classes.head}>
            <ClusterStatusChip cluster={cluster} />
            <Typography variant="body2" component="h3" className={classes.name}>
              <ClusterEntityLink
                clusterId={cluster.id}
                entityName={cluster.entityName}
              >
                <BreakableName name={cluster.name} />
              </ClusterEntityLink>
            </Typography>
            {detailsLink && (
              <Typography variant="caption">
                <Link
                  to={detailsLink}
                  aria-label={`Details of ${cluster.name} on the Clusters tab`}
                >
                  Details
                </Link>
              </Typography>
            )}
          </div>
          {showPlace && (
            <Typography
              variant="caption"
              component="div"
              className={classes.muted}
            >
              {placeOf(cluster)}
            </Typography>
          )}
          {attention && (
            <Typography
              variant="caption"
              component="div"
              className={
                attention === 'failing' ? classes.failing : classes.attention
              }
            >
              {ATTENTION_LABELS[attention]}
            </Typography>
          )}
          {waiting && (
            <Typography
              variant="caption"
              component="div"
              role="note"
              className={classes.attention}
            >
              {waiting}
            </Typography>
          )}
          {changeRequests.map(request => (
            <ChangeRequestLine
              key={request.id}
              request={request}
              cluster={clusterInWords(cluster, showPlace)}
            />
          ))}
        </div>
        <Fact
          label={KUBERNETES_VERSION_LABEL}
          short="Kubernetes"
          labelOnPhoneOnly
        >
          <KubernetesVersion cluster={cluster} />
        </Fact>
        <Fact label="Patch compliance" short="Patches" labelOnPhoneOnly>
          <PatchText cluster={cluster} />
        </Fact>
        <Fact label="Git" labelOnPhoneOnly>
          <GitFacts cluster={cluster} />
        </Fact>
      </section>
    </li>
  );
}

/**
 * A compact list of clusters (one line each: status, name, version, patch
 * state, Git), in the order given. Names that occur twice carry their
 * namespace and management cluster.
 */
export function ClusterList(props: {
  clusters: readonly ClusterListItem[];
  /** All clusters the list is a part of: names are told apart among them. */
  among?: readonly ClusterListItem[];
  changeRequests: ReadonlyMap<string, ChangeRequest[]>;
  detailsLink?: (clusterId: string) => string;
  label: string;
}) {
  const { clusters, changeRequests, detailsLink } = props;
  const classes = useStyles();
  const ambiguous = ambiguousNames(props.among ?? clusters);
  return (
    <>
      {/* The headings repeat each value's label; only the help is for everyone. */}
      <div className={`${classes.item} ${classes.header}`}>
        <Typography variant="caption" aria-hidden>
          Cluster
        </Typography>
        <Typography variant="caption" aria-hidden>
          {KUBERNETES_VERSION_LABEL}
        </Typography>
        <Typography variant="caption" component="div">
          <span aria-hidden>Patch compliance</span>
          <PatchComplianceHelp />
        </Typography>
        <Typography variant="caption" aria-hidden>
          Git
        </Typography>
      </div>
      <ul className={classes.list} aria-label={props.label}>
        {clusters.map(cluster => (
          <ClusterRow
            key={cluster.id}
            cluster={cluster}
            showPlace={ambiguous.has(cluster.name)}
            changeRequests={changeRequests.get(cluster.id) ?? []}
            detailsLink={detailsLink?.(cluster.id)}
          />
        ))}
      </ul>
      {/* A phone has no headings: the definition goes beneath the list. */}
      <Typography
        variant="caption"
        component="div"
        className={classes.phoneOnly}
      >
        Patch compliance
        <PatchComplianceHelp />
      </Typography>
    </>
  );
}
