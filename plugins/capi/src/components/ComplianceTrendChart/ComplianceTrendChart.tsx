import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { CompliancePoint } from '@capstan/plugin-capi-common';
import { formatDuration, formatPercent } from '../../time';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  details: { marginTop: theme.spacing(1), '& summary': { cursor: 'pointer' } },
}));

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Days when every point falls on its own day (the usual daily series);
 * minutes when some share a day, e.g. a young fleet with only today's points,
 * so that labels and table rows stay distinct.
 */
function timeLabel(points: CompliancePoint[]): (iso: string) => string {
  const days = new Set(points.map(p => day(p.at)));
  return days.size === points.length ? day : minute;
}

/**
 * What the series covers, from its own first and last points (not the range
 * asked for): "Since 2026-12-01 12:40 UTC (45 min)", "Since 2026-11-17 UTC
 * (14 d)", or the one point's time.
 */
export function describeSpan(points: CompliancePoint[]): string {
  if (points.length === 0) return 'Trend';
  const first = points[0].at;
  const last = points[points.length - 1].at;
  const label = spanLabel(points);
  if (points.length === 1) return `On ${label(first)}`;
  return `Since ${label(first)} (${formatDuration(
    Date.parse(last) - Date.parse(first),
  )})`;
}

/** Like the chart's labels, always with the zone. */
function spanLabel(points: CompliancePoint[]): (iso: string) => string {
  const label = timeLabel(points);
  return label === day ? iso => `${day(iso)} UTC` : label;
}

export function describeTrend(points: CompliancePoint[]): string {
  if (points.length === 0) return 'Patch compliance trend: no data yet';
  const first = points[0];
  const last = points[points.length - 1];
  const lowest = points.reduce((a, b) => (b.compliance < a.compliance ? b : a));
  const label = timeLabel(points);
  return `Patch compliance from ${label(first.at)} to ${label(
    last.at,
  )}: ${formatPercent(first.compliance)} to ${formatPercent(
    last.compliance,
  )}, lowest ${formatPercent(lowest.compliance)} on ${label(lowest.at)}`;
}

/** A small line chart of compliance over time, with the data as a table for screen readers and copy-paste. */
export function ComplianceTrendChart(props: {
  points: CompliancePoint[];
  target?: number;
}) {
  const { points, target = 0.95 } = props;
  const classes = useStyles();
  const theme = useTheme();
  if (points.length === 0) {
    return <Typography variant="body2">No compliance history yet.</Typography>;
  }
  const label = timeLabel(points);
  const t0 = Date.parse(points[0].at);
  const t1 = Date.parse(points[points.length - 1].at);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (iso: string) =>
    PAD.left +
    (t1 === t0 ? plotW / 2 : ((Date.parse(iso) - t0) / (t1 - t0)) * plotW);
  const y = (share: number) => PAD.top + (1 - share) * plotH;
  const path = points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.compliance).toFixed(
          1,
        )}`,
    )
    .join(' ');
  const axisColor = theme.palette.text.secondary;
  return (
    <div>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={describeTrend(points)}
      >
        {[0, 0.5, 1].map(share => (
          <g key={share}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(share)}
              y2={y(share)}
              stroke={theme.palette.divider}
            />
            <text
              x={PAD.left - 6}
              y={y(share) + 4}
              fontSize={11}
              textAnchor="end"
              fill={axisColor}
            >
              {share * 100}%
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(target)}
          y2={y(target)}
          stroke={theme.palette.warning.main}
          strokeDasharray="4 4"
        />
        <text
          x={WIDTH - PAD.right}
          // Below the line: a healthy fleet's data runs just above it.
          y={y(target) + 13}
          fontSize={11}
          textAnchor="end"
          fill={theme.palette.warning.main}
        >
          target {formatPercent(target)}
        </text>
        <path
          d={path}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
        />
        {points.map(p => (
          <circle
            key={p.at}
            cx={x(p.at)}
            cy={y(p.compliance)}
            r={3}
            fill={
              p.compliance < target
                ? theme.palette.error.main
                : theme.palette.primary.main
            }
          >
            <title>{`${label(p.at)}: ${formatPercent(p.compliance)} (${
              p.overdue
            } overdue, ${p.unknown} unknown of ${p.total})`}</title>
          </circle>
        ))}
        <text x={PAD.left} y={HEIGHT - 6} fontSize={11} fill={axisColor}>
          {label(points[0].at)}
        </text>
        <text
          x={WIDTH - PAD.right}
          y={HEIGHT - 6}
          fontSize={11}
          textAnchor="end"
          fill={axisColor}
        >
          {label(points[points.length - 1].at)}
        </text>
      </svg>
      <details className={classes.details}>
        <summary>
          <Typography variant="caption" component="span">
            Show the data as a table
          </Typography>
        </summary>
        <Table size="small" aria-label="Patch compliance history">
          <TableHead>
            <TableRow>
              <TableCell>{label === day ? 'Day (UTC)' : 'Time'}</TableCell>
              <TableCell>Compliance</TableCell>
              <TableCell>Up to date</TableCell>
              <TableCell>Pending</TableCell>
              <TableCell>Overdue</TableCell>
              <TableCell>Unknown</TableCell>
              <TableCell>Machines</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {points.map(p => (
              <TableRow key={p.at}>
                <TableCell>{label(p.at)}</TableCell>
                <TableCell>{formatPercent(p.compliance)}</TableCell>
                <TableCell>{p.upToDate}</TableCell>
                <TableCell>{p.pending}</TableCell>
                <TableCell>{p.overdue}</TableCell>
                <TableCell>{p.unknown}</TableCell>
                <TableCell>{p.total}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}
