import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import {
  PATCH_CAMPAIGN_LIMITS,
  type NewPatchCampaign,
} from '@capstan/plugin-capi-common';

/**
 * The release time is typed as text, `YYYY-MM-DD HH:MM` on the 24-hour UTC
 * clock, as every time on the fleet page reads: a `datetime-local` field
 * follows the browser's locale (12-hour "05:30 PM" in an en-US Chromium) and
 * hides which zone it means.
 */
export function toUtcInput(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The instant a `YYYY-MM-DD HH:MM` value names, read as UTC; invalid for
 * any other shape or for a day or hour that does not exist ("2026-02-30",
 * "24:00").
 */
export function fromUtcInput(value: string): Date {
  const text = value.trim().replace('T', ' ');
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(text)) return new Date(NaN);
  const date = new Date(`${text.replace(' ', 'T')}Z`);
  // Date rolls "02-30" over into March: only a value that reads back is real.
  return toUtcInput(date) === text ? date : new Date(NaN);
}

/** The first year a release may be in: anything earlier is a typing slip. */
const EARLIEST_YEAR = 2000;

/** What is wrong with the release time, or undefined. */
export function releaseTimeProblem(date: Date, now = Date.now()) {
  if (Number.isNaN(date.getTime())) {
    return 'Write it as YYYY-MM-DD HH:MM, 24-hour UTC, e.g. 2026-12-01 17:30';
  }
  const maxDays = PATCH_CAMPAIGN_LIMITS.maxFutureDays;
  if (
    date.getUTCFullYear() < EARLIEST_YEAR ||
    date.getTime() > now + maxDays * 24 * 3600_000
  ) {
    return `A time between ${EARLIEST_YEAR} and ${maxDays} days from now`;
  }
  return undefined;
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
    start: releaseTimeProblem(startDate),
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
        size="small"
        value={start}
        placeholder="YYYY-MM-DD HH:MM"
        InputProps={{
          endAdornment: <InputAdornment position="end">UTC</InputAdornment>,
        }}
        style={{ width: 210 }}
        onChange={e => setStart(e.target.value)}
        helperText={errors.start ?? '24-hour clock: YYYY-MM-DD HH:MM'}
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
