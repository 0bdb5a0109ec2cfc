import { Fragment, type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Gauge, InfoCard } from '@backstage/core-components';
import {
  PATCH_COMPLIANCE_DEFINITION,
  hasComplianceFigure,
  percentOf,
  type ComplianceResponse,
  type FleetResponse,
} from '@capstan/plugin-capi-common';
import type { LiveLoadState } from '../../hooks/useLiveLoad';
import { formatPercent, formatRelative, formatTimestamp } from '../../time';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { BreakableName } from '../BreakableName/BreakableName';
import {
  ComplianceTrendChart,
  describeSpan,
} from '../ComplianceTrendChart/ComplianceTrendChart';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';
import { ownerLabel } from './ownerLabel';
import { placeOf } from './placeOf';
import { useFleetStyles as useStyles } from './fleetStyles';

export const COMPLIANCE_DAYS = 14;

/** What a card counts: the whole fleet, or the clusters the filters match. */
export function scopeText(filtered: boolean): string {
  return filtered ? 'Clusters matching the filters' : 'Whole fleet';
}

/** For the cards that always count every cluster, whatever the filters. */
export const WHOLE_FLEET_UNFILTERED = 'Whole fleet (the filters do not apply)';

/** The compliance figure, "—" when there is no machine to judge. */
export function complianceText(patch: { total: number; compliance: number }) {
  return hasComplianceFigure(patch) ? formatPercent(patch.compliance) : '—';
}

/** The number with its definition a hover (or focus) away. */
function ComplianceFigure(props: {
  patch: { total: number; compliance: number };
}) {
  return (
    <Tooltip title={PATCH_COMPLIANCE_DEFINITION}>
      <span
        style={{ textDecoration: 'underline dotted', cursor: 'help' }}
        aria-description={PATCH_COMPLIANCE_DEFINITION}
      >
        {complianceText(props.patch)}
      </span>
    </Tooltip>
  );
}

export function CountBars(props: {
  title: string;
  subheader: string;
  counts: Record<string, number>;
  ariaLabel: string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const entries = Object.entries(props.counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(e => e[1]));
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      variant="gridItem"
    >
      {entries.length === 0 ? (
        <Typography variant="body2">None.</Typography>
      ) : (
        <div
          className={classes.counts}
          role="list"
          aria-label={props.ariaLabel}
        >
          {entries.map(([key, count]) => (
            <Fragment key={key}>
              <Typography
                variant="body2"
                role="listitem"
                aria-label={`${key}: ${count}`}
              >
                {key}
              </Typography>
              <div className={classes.barTrack} aria-hidden>
                <div
                  style={{
                    width: `${(count / max) * 100}%`,
                    height: '100%',
                    borderRadius: 3,
                    background: theme.palette.primary.main,
                  }}
                />
              </div>
              <Typography variant="body2" aria-hidden>
                {count}
              </Typography>
            </Fragment>
          ))}
        </div>
      )}
    </InfoCard>
  );
}

export function FleetFacts(props: { fleet: FleetResponse }) {
  const classes = useStyles();
  const { patch } = props.fleet.summary;
  const mcs = props.fleet.managementClusters;
  const synced = mcs.filter(mc => mc.state === 'synced' && !mc.stale).length;
  const facts: Array<[string, ReactNode]> = [
    ['Patch compliance', <ComplianceFigure patch={patch} />],
    [
      'Overdue nodes',
      <span className={patch.overdue > 0 ? classes.error : undefined}>
        {patch.overdue}
      </span>,
    ],
    ['Reboots pending', patch.rebootRequired],
    ['Management clusters synced', `${synced} of ${mcs.length}`],
  ];
  return (
    <dl className={classes.facts} aria-label="Fleet figures">
      {facts.map(([label, fact]) => (
        <Fragment key={label}>
          <Typography variant="body2" component="dt" className={classes.muted}>
            {label}
          </Typography>
          <Typography variant="body2" component="dd" style={{ margin: 0 }}>
            {fact}
          </Typography>
        </Fragment>
      ))}
    </dl>
  );
}

export function ComplianceCard(props: {
  fleet: FleetResponse;
  filtered: boolean;
  /** The compliance history as loaded (value, error, retry). */
  compliance?: LiveLoadState<ComplianceResponse>;
  /** What the trend covers, e.g. "the whole fleet" or "team-payments". */
  trendScope: string;
}) {
  const { fleet } = props;
  const compliance = props.compliance?.value;
  const classes = useStyles();
  const patch = fleet.summary.patch;
  const points = compliance?.series[0]?.points ?? [];
  // The gauge shows the same number as every other view (one decimal,
  // rounded down: one overdue machine in 2,000 does not read as 100 %).
  const gauge = percentOf(patch.compliance);
  return (
    <InfoCard
      title="Patch compliance"
      subheader={scopeText(props.filtered)}
      variant="gridItem"
    >
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={4}>
          {hasComplianceFigure(patch) ? (
            <div
              role="img"
              aria-label={`Patch compliance ${formatPercent(patch.compliance)}`}
            >
              <Gauge value={gauge} fractional={false} size="small" />
            </div>
          ) : (
            <Typography variant="body2">No machines to judge yet.</Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={8}>
          <Typography variant="body2" className={classes.muted}>
            {PATCH_COMPLIANCE_DEFINITION}
          </Typography>
          <Typography variant="body2" style={{ marginTop: 8 }}>
            Policy: security updates are overdue{' '}
            {fleet.policy.securityOverdueAfterHours} h after release
            {fleet.policy.updatesOverdueAfterHours
              ? `; other updates after ${fleet.policy.updatesOverdueAfterHours} h`
              : ''}
            .
          </Typography>
          <Box my={1}>
            <Typography variant="caption" component="div" color="textSecondary">
              Machines by patch state now (a patch campaign counts patches since
              its start instead)
            </Typography>
            <PatchStateBar patch={{ ...patch }} />
          </Box>
          {patch.overdue > 0 && (
            <Typography variant="body2" className={classes.error}>
              {patch.overdue} machine{patch.overdue === 1 ? ' is' : 's are'}{' '}
              overdue
            </Typography>
          )}
        </Grid>
      </Grid>
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          {describeSpan(points)}, {props.trendScope}
        </Typography>
        {props.compliance && (
          <LoadProblemNotice
            what="the compliance history"
            state={props.compliance}
          />
        )}
        {(compliance || !props.compliance?.error) && (
          <ComplianceTrendChart points={points} />
        )}
      </Box>
    </InfoCard>
  );
}

export function OverdueCard(props: {
  fleet: FleetResponse;
  filtered: boolean;
}) {
  const classes = useStyles();
  const groups = props.fleet.summary.overdue;
  return (
    <InfoCard title="Overdue nodes" subheader={scopeText(props.filtered)}>
      {groups.length === 0 ? (
        <Typography variant="body2">No node is overdue.</Typography>
      ) : (
        // Names wrap after a "-"; on a phone what still does not fit
        // scrolls sideways instead of breaking one letter per line.
        <div style={{ overflowX: 'auto' }}>
          <MuiTable
            size="small"
            className={classes.nowrap}
            aria-label="Overdue nodes by cluster and owner"
          >
            <TableHead>
              <TableRow>
                <TableCell>Owner</TableCell>
                <TableCell>Cluster</TableCell>
                <TableCell>Nodes</TableCell>
                <TableCell>Overdue since</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...groups]
                .sort((a, b) => (a.owner ?? '').localeCompare(b.owner ?? ''))
                .map(group => (
                  <TableRow key={group.clusterId}>
                    <TableCell title={group.owner}>
                      {group.owner ? ownerLabel(group.owner) : 'unknown owner'}
                    </TableCell>
                    <TableCell
                      component="th"
                      scope="row"
                      className={classes.names}
                    >
                      <ClusterEntityLink clusterId={group.clusterId}>
                        <BreakableName name={group.cluster} />
                      </ClusterEntityLink>
                      <Typography variant="caption" component="div">
                        {placeOf(group.clusterId)}
                      </Typography>
                    </TableCell>
                    <TableCell className={classes.names}>
                      {group.machines.map(m => (
                        <div key={m.name}>
                          <BreakableName name={m.nodeName ?? m.name} />
                        </div>
                      ))}
                    </TableCell>
                    <TableCell>
                      {group.machines.map(m => (
                        <div key={m.name} title={formatTimestamp(m.dueBy)}>
                          {m.dueBy ? formatRelative(m.dueBy) : '—'}
                        </div>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </MuiTable>
        </div>
      )}
    </InfoCard>
  );
}
