import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  CAPI_SIGNAL_CHANNELS,
  type FleetResponse,
  type PatchCampaign,
  type PatchCampaignProgress,
  type PatchStateName,
} from '@capstan/plugin-capi-common';
import { describeCapiError } from '../../api';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import { formatDuration, formatPercent, formatTimestamp } from '../../time';
import { ClusterEntityLink } from '../ClusterEntityLink/ClusterEntityLink';
import { BreakableName } from '../BreakableName/BreakableName';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';
import { ownerLabel } from './ownerLabel';
import { useFleetStyles as useStyles } from './fleetStyles';
import { placeOf } from './placeOf';
import {
  usePatchCampaignsClient,
  type CampaignFilters,
  type PatchCampaignsClient,
} from './patchCampaignsClient';
import { StartCampaignForm } from './StartCampaignForm';
import { CloseCampaignDialog } from './CloseCampaignDialog';
import { PastCampaigns } from './PastCampaigns';

const UNPATCHED_STATE_TEXT: Array<[PatchStateName, string]> = [
  ['up-to-date', 'up to date but last patched before the start'],
  ['pending', 'with updates pending'],
  ['overdue', 'overdue'],
  ['unknown', 'reporting no patch state'],
];

/**
 * The nodes not patched since the start, by their patch state now: ties the
 * campaign's count to the "up to date / pending" the compliance card shows,
 * which counts something else (nothing pending now, whenever patched).
 */
export function unpatchedSentence(progress: PatchCampaignProgress): string {
  const left = progress.machines - progress.patched;
  if (left === 0) return '';
  const parts = UNPATCHED_STATE_TEXT.filter(
    ([state]) => progress.unpatchedByState[state] > 0,
  ).map(([state, text]) => `${progress.unpatchedByState[state]} ${text}`);
  return `The other ${left}, by patch state now: ${parts.join(' · ')}.`;
}

function UnpatchedByState(props: { progress: PatchCampaignProgress }) {
  const classes = useStyles();
  const sentence = unpatchedSentence(props.progress);
  if (!sentence) return null;
  return (
    <Box mt={1}>
      <Typography variant="body2">{sentence}</Typography>
      <Typography variant="caption" component="div" className={classes.muted}>
        Only patches after the start count here; "up to date" under Patch
        compliance means nothing is pending now, whenever it was patched.
      </Typography>
    </Box>
  );
}

function CampaignProgress(props: {
  campaign: PatchCampaign;
  client: PatchCampaignsClient;
  /** The fleet page's filters: progress counts every cluster they match. */
  filters: CampaignFilters;
  onClose?: () => void;
}) {
  const { campaign, client, filters } = props;
  const classes = useStyles();
  const filterKey = JSON.stringify(filters);
  // Counted by the backend over the whole (filtered) fleet, again on every
  // live update of the fleet.
  const loaded = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () => client.progress(campaign.id, filters),
    [client, campaign.id, filterKey],
  );
  const progress = loaded.value;
  const [confirming, setConfirming] = useState(false);
  const timeLeftMs = progress ? Date.parse(progress.deadline) - Date.now() : 0;
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
          <Button size="small" onClick={() => setConfirming(true)}>
            Close campaign
          </Button>
        )}
      </Box>
      {props.onClose && (
        <CloseCampaignDialog
          campaign={campaign}
          progress={progress}
          open={confirming}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            props.onClose?.();
          }}
        />
      )}
      <Typography variant="body2" className={classes.muted}>
        Started {formatTimestamp(campaign.startedAt)} · SLA {campaign.slaHours}{' '}
        h
      </Typography>
      <LoadProblemNotice what="the campaign's progress" state={loaded} />
      {!loaded.error && !progress && (
        <Typography variant="body2" className={classes.muted}>
          Counting the nodes patched since the start…
        </Typography>
      )}
      {progress && (
        <>
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
                {progress.patched} of {progress.machines} nodes patched since
                the campaign started
              </Typography>
            </div>
            <div>
              <Typography
                className={`${classes.big} ${
                  timeLeftMs < 0 ? classes.error : ''
                }`}
              >
                {timeLeftMs >= 0
                  ? formatDuration(timeLeftMs)
                  : `${formatDuration(timeLeftMs)} over`}
              </Typography>
              <Typography variant="body2" className={classes.muted}>
                {timeLeftMs >= 0 ? 'left to the SLA' : 'past the SLA'} (
                {formatTimestamp(progress.deadline)})
              </Typography>
            </div>
          </Box>
          <UnpatchedByState progress={progress} />
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
                      <TableCell
                        component="th"
                        scope="row"
                        className={classes.names}
                      >
                        <ClusterEntityLink clusterId={r.clusterId}>
                          <BreakableName name={r.cluster} />
                        </ClusterEntityLink>
                        <Typography variant="caption" component="div">
                          {placeOf(r.clusterId)}
                        </Typography>
                      </TableCell>
                      <TableCell title={r.owner}>
                        {ownerLabel(r.owner)}
                      </TableCell>
                      {/* A count never breaks between its digits on a phone. */}
                      <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                        {r.remaining}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </MuiTable>
              {progress.clustersRemaining > 8 && (
                <Typography
                  variant="caption"
                  component="div"
                  className={classes.muted}
                >
                  The 8 with the most nodes left, of{' '}
                  {progress.clustersRemaining} clusters still to patch.
                </Typography>
              )}
            </Box>
          )}
        </>
      )}
    </Box>
  );
}

/**
 * The open patch campaigns (stored by the backend, started by the platform
 * team) and their progress, counted by the backend over every cluster the
 * page's filters match (not only the page of clusters shown).
 */
export function PatchCampaignCard(props: {
  fleet: FleetResponse;
  /** True when the page's filters narrow the clusters. */
  filtered?: boolean;
  /** The page's filters (no page or view). */
  filters?: CampaignFilters;
  /** Injected by tests; the app's discovery and fetch APIs otherwise. */
  client?: PatchCampaignsClient;
}) {
  const { fleet } = props;
  const classes = useStyles();
  const appClient = usePatchCampaignsClient();
  const client = props.client ?? appClient;
  const [starting, setStarting] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const campaigns = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    async () => (client ? (await client.list()).items : []),
    [client],
  );
  const past = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    async () => (client ? (await client.past()).items : []),
    [client],
  );
  const act = async (what: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await what();
      campaigns.retry();
      past.retry();
      return true;
    } catch (e) {
      setActionError(describeCapiError(e as Error));
      return false;
    }
  };
  const open = campaigns.value ?? [];
  const filters = props.filters ?? {};
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
      <LoadProblemNotice what="the patch campaigns" state={campaigns} />
      {!campaigns.loading && !campaigns.error && open.length === 0 && (
        <Typography variant="body2">
          No patch campaign is open. The platform team starts one when a release
          (say, a security release) must reach every node within an SLA.
        </Typography>
      )}
      {client &&
        open.map(c => (
          <CampaignProgress
            key={c.id}
            campaign={c}
            client={client}
            filters={filters}
            onClose={() => act(() => client.close(c.id))}
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
      <LoadProblemNotice what="the past campaigns" state={past} />
      <PastCampaigns campaigns={past.value ?? []} />
    </InfoCard>
  );
}
