import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import {
  PATCH_CAMPAIGN_LIMITS,
  type NewPatchCampaign,
} from '@capstan/plugin-capi-common';

/**
 * The field is read and written in UTC, like every time on the fleet page:
 * `datetime-local` takes a zone-less `YYYY-MM-DDTHH:MM`, which is the UTC
 * wall clock here (not the browser's zone).
 */
export function toUtcInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/** The instant a `YYYY-MM-DDTHH:MM` field value names, read as UTC. */
export function fromUtcInput(value: string): Date {
  return new Date(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}Z` : NaN,
  );
}

/** Name, start and SLA of a new patch campaign; the backend checks them again. */
export function StartCampaignForm(props: {
  defaultSlaHours: number;
  onSubmit: (campaign: NewPatchCampaign) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [start, setStart] = useState(toUtcInput(new Date()));
  const [sla, setSla] = useState(String(props.defaultSlaHours));
  const startDate = fromUtcInput(start);
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
        label="Released at (UTC)"
        type="datetime-local"
        size="small"
        value={start}
        InputLabelProps={{ shrink: true }}
        onChange={e => setStart(e.target.value)}
        helperText={errors.start ?? 'UTC, like every time on this page'}
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
