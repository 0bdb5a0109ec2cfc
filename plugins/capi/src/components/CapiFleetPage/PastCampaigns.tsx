import Typography from '@material-ui/core/Typography';
import { formatPercent, type PatchCampaign } from '@capstan/plugin-capi-common';
import { formatTimestamp } from '../../time';
import { useFleetStyles as useStyles } from './fleetStyles';

/** `pat` for `user:default/pat`; any other ref in full. */
const personLabel = (ref: string) => ref.replace(/^user:default\//, '');

/** "180 of 207 nodes patched (87%)", or why there are no numbers. */
function finalText(campaign: PatchCampaign): string {
  const final = campaign.final;
  if (!final) return 'no final count kept';
  if (final.machines === 0) return 'no nodes to patch';
  return `${final.patched} of ${final.machines} nodes patched (${formatPercent(
    final.patched / final.machines,
  )})`;
}

/** Within the SLA or past it, judged at the close. */
function slaText(campaign: PatchCampaign): string {
  if (!campaign.closedAt) return '';
  const deadline =
    Date.parse(campaign.startedAt) + campaign.slaHours * 3_600_000;
  return Date.parse(campaign.closedAt) <= deadline
    ? 'closed within the SLA'
    : 'closed after the SLA';
}

/** The last closed campaigns, with who closed them, when, and their final numbers. */
export function PastCampaigns(props: { campaigns: PatchCampaign[] }) {
  const classes = useStyles();
  if (props.campaigns.length === 0) return null;
  return (
    <section aria-label="Past campaigns" style={{ marginTop: 16 }}>
      <Typography variant="subtitle2" component="h3">
        Past campaigns
      </Typography>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {props.campaigns.map(c => (
          <li key={c.id}>
            <Typography variant="body2" component="span">
              {c.name}: {finalText(c)}
            </Typography>
            <Typography
              variant="caption"
              component="div"
              className={classes.muted}
            >
              Started {formatTimestamp(c.startedAt)} · SLA {c.slaHours} h ·
              closed {formatTimestamp(c.closedAt)}
              {c.closedBy ? ` by ${personLabel(c.closedBy)}` : ''} ·{' '}
              {slaText(c)}
            </Typography>
          </li>
        ))}
      </ul>
    </section>
  );
}
