import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type {
  PatchCampaign,
  PatchCampaignProgress,
} from '@capstan/plugin-capi-common';

/**
 * Asks before a campaign is closed, naming it and saying what closing does:
 * it ends for everyone, keeps its numbers, touches no cluster, and cannot be
 * reopened.
 */
export function CloseCampaignDialog(props: {
  campaign: PatchCampaign;
  /** The progress on screen, when counted: the numbers that will be kept. */
  progress?: PatchCampaignProgress;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { campaign, progress } = props;
  const titleId = `capi-close-campaign-${campaign.id}`;
  return (
    <Dialog
      open={props.open}
      onClose={props.onCancel}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Close “{campaign.name}”?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Closing ends this patch campaign for everyone: its progress and SLA
          leave the fleet page, and it moves to Past campaigns with who closed
          it, when, and the whole fleet's count at that moment
          {progress && progress.machines > 0
            ? ` (now ${progress.patched} of ${progress.machines} nodes patched since it started, over the clusters shown)`
            : ''}
          .
        </DialogContentText>
        <DialogContentText>
          No cluster changes: nodes keep being patched as usual. A closed
          campaign cannot be reopened; start a new one instead.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Keep it open</Button>
        <Button color="secondary" variant="contained" onClick={props.onConfirm}>
          Close campaign
        </Button>
      </DialogActions>
    </Dialog>
  );
}
