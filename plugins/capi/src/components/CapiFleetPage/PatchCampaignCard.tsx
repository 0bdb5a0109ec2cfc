import Box from '@material-ui/core/Box';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { type FleetResponse } from '@capstan/plugin-capi-common';
import { formatDuration, formatPercent, formatTimestamp } from '../../time';
import { FLEET_FILTER_PARAMS, withFilter } from './fleetFilters';
import { patchCampaignProgress } from './patchCampaign';
import { ownerLabel } from './ownerLabel';
import { useFleetStyles as useStyles } from './fleetStyles';
import { placeOf } from './placeOf';

/** `datetime-local` wants local time without seconds or zone. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function PatchCampaignCard(props: {
  fleet: FleetResponse;
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}) {
  const { fleet, params, onChange } = props;
  const classes = useStyles();
  const sinceParam = params.get(FLEET_FILTER_PARAMS.since);
  const parsed = sinceParam ? new Date(sinceParam) : undefined;
  // Default: a campaign that started a day ago, until someone picks its start.
  const since =
    parsed && !Number.isNaN(parsed.getTime())
      ? parsed
      : new Date(Date.now() - 24 * 3600_000);
  const progress = patchCampaignProgress(fleet.items, since, fleet.policy);
  return (
    <InfoCard title="Patch campaign" variant="gridItem">
      <TextField
        id="capi-campaign-since"
        label="Campaign started at"
        type="datetime-local"
        size="small"
        value={toLocalInput(since)}
        InputLabelProps={{ shrink: true }}
        onChange={e => {
          const d = new Date(e.target.value);
          if (!Number.isNaN(d.getTime())) {
            onChange(
              withFilter(params, FLEET_FILTER_PARAMS.since, d.toISOString()),
            );
          }
        }}
      />
      <Box mt={2} display="flex" style={{ gap: 32 }} flexWrap="wrap">
        <div>
          <Typography
            className={classes.big}
            aria-label={`Patched since campaign start: ${formatPercent(
              progress.share,
            )}`}
          >
            {formatPercent(progress.share)}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            {progress.patched} of {progress.machines} nodes patched since{' '}
            {formatTimestamp(since.toISOString())}
          </Typography>
        </div>
        <div>
          <Typography
            className={`${classes.big} ${
              progress.timeLeftMs < 0 ? classes.error : ''
            }`}
          >
            {progress.timeLeftMs >= 0
              ? formatDuration(progress.timeLeftMs)
              : `${formatDuration(progress.timeLeftMs)} over`}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            {progress.timeLeftMs >= 0 ? 'left to the SLA' : 'past the SLA'} (
            {formatTimestamp(progress.deadline)})
          </Typography>
        </div>
      </Box>
      {progress.remainingByCluster.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Still to patch
          </Typography>
          <MuiTable size="small" aria-label="Nodes still to patch by cluster">
            <TableBody>
              {progress.remainingByCluster.slice(0, 8).map(r => (
                <TableRow key={r.clusterId}>
                  <TableCell component="th" scope="row">
                    {r.cluster}
                    <Typography variant="caption" component="div">
                      {placeOf(r.clusterId)}
                    </Typography>
                  </TableCell>
                  <TableCell title={r.owner}>{ownerLabel(r.owner)}</TableCell>
                  <TableCell align="right">{r.remaining}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </MuiTable>
        </Box>
      )}
      {fleet.total > fleet.items.length && (
        <Typography variant="caption" className={classes.muted}>
          Computed from the first {fleet.items.length} of {fleet.total}{' '}
          clusters.
        </Typography>
      )}
    </InfoCard>
  );
}
