import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { DRIFT_STATES, type DriftState } from '@capstan/plugin-capi-common';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';
import { useFleetDrift } from '../../hooks/useFleetDrift';
import {
  ArgoCdSyncStatus,
  DRIFT_STATE_LABELS,
  driftFieldLabel,
} from '../ClusterDrift/ClusterDrift';
import { WHOLE_FLEET_UNFILTERED } from './FleetSummaryCards';

/** Search parameter of the drift filter (repeatable). */
export const DRIFT_FILTER_PARAM = 'drift';
/** Shown when no state is picked: what needs a look. */
const DEFAULT_STATES: DriftState[] = ['drifted', 'missing', 'pending'];

/** The drift states picked in the page's search parameters. */
export function driftStatesFrom(params: URLSearchParams): DriftState[] {
  const known = new Set<string>(DRIFT_STATES);
  return params
    .getAll(DRIFT_FILTER_PARAM)
    .filter((s): s is DriftState => known.has(s));
}

/**
 * The fleet's Git ↔ live drift: a count per state (each a filter chip) and
 * the clusters in the picked states with the fields that differ.
 */
export function FleetDriftCard() {
  const [params, setParams] = useSearchParams();
  const picked = useMemo(() => driftStatesFrom(params), [params]);
  const states = picked.length > 0 ? picked : DEFAULT_STATES;
  const drift = useFleetDrift(states);
  const { value, error, loading } = drift;

  const toggle = (state: DriftState) => {
    const next = new URLSearchParams(params);
    const current = new Set(picked);
    if (current.has(state)) current.delete(state);
    else current.add(state);
    next.delete(DRIFT_FILTER_PARAM);
    for (const s of DRIFT_STATES) {
      if (current.has(s)) next.append(DRIFT_FILTER_PARAM, s);
    }
    setParams(next, { replace: true });
  };

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (value) {
    body = (
      <>
        <Box
          display="flex"
          flexWrap="wrap"
          mb={1}
          role="group"
          aria-label="Filter by drift state"
        >
          {DRIFT_STATES.map(state => (
            <Box key={state} mr={1} mb={1}>
              <Chip
                clickable
                color={picked.includes(state) ? 'primary' : 'default'}
                variant={picked.includes(state) ? 'default' : 'outlined'}
                label={`${DRIFT_STATE_LABELS[state]}: ${value.counts[state]}`}
                aria-pressed={picked.includes(state)}
                onClick={() => toggle(state)}
              />
            </Box>
          ))}
        </Box>
        {value.unavailableReason && (
          <Typography variant="body2" color="textSecondary">
            {value.unavailableReason}
          </Typography>
        )}
        {value.items.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No clusters{' '}
            {picked.length > 0 ? 'in the picked states' : 'need a look'}.
          </Typography>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <MuiTable size="small" aria-label="Clusters by drift state">
              <TableHead>
                <TableRow>
                  <TableCell>Cluster</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Differs (Git → live)</TableCell>
                  <TableCell>Argo CD</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.items.map(item => (
                  <TableRow key={item.id}>
                    <TableCell component="th" scope="row">
                      {item.name}
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        {item.managementCluster}/{item.namespace}
                        {item.owner ? ` · ${item.owner}` : ''}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {DRIFT_STATE_LABELS[item.drift.state]}
                    </TableCell>
                    <TableCell>
                      {item.drift.fields.length > 0
                        ? item.drift.fields
                            .map(
                              f =>
                                `${driftFieldLabel(f.field)}: ${
                                  f.git ?? 'not set'
                                } → ${f.live ?? 'not set'}`,
                            )
                            .join('; ')
                        : item.drift.reason ?? ''}
                    </TableCell>
                    <TableCell>
                      <ArgoCdSyncStatus status={item.drift.argocd} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </MuiTable>
            {value.total > value.items.length && (
              <Typography variant="caption" color="textSecondary">
                Showing {value.items.length} of {value.total}.
              </Typography>
            )}
          </div>
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Git drift"
      subheader={WHOLE_FLEET_UNFILTERED}
      variant="gridItem"
    >
      {error && (
        <Box mb={1}>
          <LoadProblemNotice what="the drift report" state={drift} />
        </Box>
      )}
      {body}
    </InfoCard>
  );
}
