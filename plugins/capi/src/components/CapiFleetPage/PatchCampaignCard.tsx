import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type {
  ClusterSummary,
  FleetResponse,
  PatchCampaign,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api';
import { useFleetPageMachines } from '../../hooks/useFleetPageMachines';
import { formatDuration, formatPercent, formatTimestamp } from '../../time';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { patchCampaignProgress } from './patchCampaign';
import { ownerLabel } from './ownerLabel';
import { useFleetStyles as useStyles } from './fleetStyles';
import { placeOf } from './placeOf';
import {
  usePatchCampaignsClient,
  type PatchCampaignsClient,
} from './patchCampaignsClient';
import { StartCampaignForm } from './StartCampaignForm';

function CampaignProgress(props: {
  campaign: PatchCampaign;
  /** The page's clusters with their machines. */
  clusters: ClusterSummary[];
  onClose?: () => void;
}) {
  const { campaign, clusters } = props;
  const classes = useStyles();
  const progress = patchCampaignProgress(
    clusters,
    new Date(campaign.startedAt),
    { securityOverdueAfterHours: campaign.slaHours },
  );
  return (
    <Box
      component="section"
      aria-label={`Patch campaign ${campaign.name}`}
      mb={2}
    >
      <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
        <Typography variant="subtitle1" component="h3" style={{ flex: 1 }}>
          {campaign.name}
        </Typography>
        {props.onClose && (
          <Button size="small" onClick={props.onClose}>
            Close campaign
          </Button>
        )}
      </Box>
      <Typography variant="body2" className={classes.muted}>
        Started {formatTimestamp(campaign.startedAt)} · SLA {campaign.slaHours}{' '}
        h
      </Typography>
      <Box mt={1} display="flex" style={{ gap: 32 }} flexWrap="wrap">
        <div>
          <Typography
            className={classes.big}
            aria-label={`Patched since campaign start: ${formatPercent(
              progress.share,
            )}`}
          >
            {progress.machines === 0 ? '—' : formatPercent(progress.share)}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            {progress.patched} of {progress.machines} nodes patched since the
            start
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
        <Box mt={1}>
          <Typography variant="subtitle2" component="h4">
            Still to patch
          </Typography>
          <MuiTable
            size="small"
            aria-label={`Nodes still to patch by cluster for ${campaign.name}`}
          >
            <TableBody>
              {progress.remainingByCluster.slice(0, 8).map(r => (
                <TableRow key={r.clusterId}>
                  <TableCell component="th" scope="row">
                    <ClusterEntityLink clusterId={r.clusterId}>
                      {r.cluster}
                    </ClusterEntityLink>
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
    </Box>
  );
}

/**
 * The open patch campaigns (stored by the backend, started by the platform
 * team) and their progress over the clusters the page shows.
 */
export function PatchCampaignCard(props: {
  fleet: FleetResponse;
  /** True when the page's filters narrow the clusters. */
  filtered?: boolean;
  /** Injected by tests; the app's discovery and fetch APIs otherwise. */
  client?: PatchCampaignsClient;
}) {
  const { fleet } = props;
  const classes = useStyles();
  const appClient = usePatchCampaignsClient();
  const client = props.client ?? appClient;
  const [starting, setStarting] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const campaigns = useAsyncRetry(
    async () => (client ? (await client.list()).items : []),
    [client],
  );
  const act = async (what: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await what();
      campaigns.retry();
      return true;
    } catch (e) {
      setActionError(describeCapiError(e as Error));
      return false;
    }
  };
  const open = campaigns.value ?? [];
  // Progress is counted per machine: the list has none, the detail endpoint has them.
  const machines = useFleetPageMachines(fleet.items, open.length > 0);
  return (
    <InfoCard
      title="Patch campaigns"
      subheader={
        props.filtered
          ? 'Progress over the clusters matching the filters'
          : 'Progress over the whole fleet'
      }
      variant="gridItem"
    >
      {campaigns.error && (
        <Typography variant="body2" className={classes.error}>
          Could not load the patch campaigns:{' '}
          {describeCapiError(campaigns.error)}
        </Typography>
      )}
      {!campaigns.loading && !campaigns.error && open.length === 0 && (
        <Typography variant="body2">
          No patch campaign is open. The platform team starts one when a release
          (say, a security release) must reach every node within an SLA.
        </Typography>
      )}
      {open.length > 0 && machines.error && (
        <Typography variant="body2" className={classes.error}>
          Could not load the nodes of the clusters:{' '}
          {describeCapiError(machines.error)}
        </Typography>
      )}
      {open.length > 0 && !machines.value && !machines.error && (
        <Typography variant="body2" className={classes.muted}>
          Loading the nodes of the clusters…
        </Typography>
      )}
      {machines.value &&
        open.map(c => (
          <CampaignProgress
            key={c.id}
            campaign={c}
            clusters={machines.value!}
            onClose={client ? () => act(() => client.close(c.id)) : undefined}
          />
        ))}
      {actionError && (
        <Typography variant="body2" className={classes.error} role="alert">
          {actionError}
        </Typography>
      )}
      {client && !starting && (
        <Button size="small" color="primary" onClick={() => setStarting(true)}>
          Start a campaign
        </Button>
      )}
      {client && starting && (
        <StartCampaignForm
          defaultSlaHours={fleet.policy.securityOverdueAfterHours}
          onCancel={() => setStarting(false)}
          onSubmit={async campaign => {
            if (await act(() => client.start(campaign))) setStarting(false);
          }}
        />
      )}
      {fleet.total > fleet.items.length && (
        <Typography variant="caption" component="div" className={classes.muted}>
          Computed from the first {fleet.items.length} of {fleet.total}{' '}
          clusters.
        </Typography>
      )}
    </InfoCard>
  );
}
