import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import {
  PATCH_CAMPAIGN_LIMITS,
  type NewPatchCampaign,
} from '@capstan/plugin-capi-common';

/** `datetime-local` wants local time without seconds or zone. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Name, start and SLA of a new patch campaign; the backend checks them again. */
export function StartCampaignForm(props: {
  defaultSlaHours: number;
  onSubmit: (campaign: NewPatchCampaign) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [start, setStart] = useState(toLocalInput(new Date()));
  const [sla, setSla] = useState(String(props.defaultSlaHours));
  const startDate = new Date(start);
  const slaHours = Number(sla);
  const errors = {
    name: name.trim() ? undefined : 'Name the campaign, e.g. the release',
    start: Number.isNaN(startDate.getTime())
      ? 'Pick when the release came out'
      : undefined,
    sla:
      Number.isInteger(slaHours) &&
      slaHours >= 1 &&
      slaHours <= PATCH_CAMPAIGN_LIMITS.maxSlaHours
        ? undefined
        : `A whole number of hours, 1 to ${PATCH_CAMPAIGN_LIMITS.maxSlaHours}`,
  };
  const valid = !errors.name && !errors.start && !errors.sla;
  return (
    <Box
      component="form"
      aria-label="Start a patch campaign"
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 12 }}
      mt={1}
      onSubmit={e => {
        e.preventDefault();
        if (valid) {
          props.onSubmit({
            name: name.trim(),
            startedAt: startDate.toISOString(),
            slaHours,
          });
        }
      }}
    >
      <TextField
        id="capi-campaign-name"
        label="Campaign name"
        size="small"
        required
        value={name}
        inputProps={{ maxLength: PATCH_CAMPAIGN_LIMITS.maxNameLength }}
        onChange={e => setName(e.target.value)}
        helperText={name ? errors.name : 'e.g. OpenSSL security release'}
        error={Boolean(name) && Boolean(errors.name)}
      />
      <TextField
        id="capi-campaign-start"
        label="Released at"
        type="datetime-local"
        size="small"
        value={start}
        InputLabelProps={{ shrink: true }}
        onChange={e => setStart(e.target.value)}
        helperText={errors.start}
        error={Boolean(errors.start)}
      />
      <TextField
        id="capi-campaign-sla"
        label="SLA (hours)"
        type="number"
        size="small"
        value={sla}
        style={{ width: 120 }}
        onChange={e => setSla(e.target.value)}
        helperText={errors.sla}
        error={Boolean(errors.sla)}
      />
      <Box display="flex" style={{ gap: 8 }} pt={0.5}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          size="small"
          disabled={!valid}
        >
          Start campaign
        </Button>
        <Button size="small" onClick={props.onCancel}>
          Cancel
        </Button>
      </Box>
    </Box>
  );
}
