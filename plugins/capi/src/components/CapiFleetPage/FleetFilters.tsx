import { useEffect, useRef, useState } from 'react';
import Badge from '@material-ui/core/Badge';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import MuiSelect from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import {
  CLUSTER_STATUSES,
  PATCH_STATE_LABELS,
  PATCH_STATE_NAMES,
  type FleetResponse,
  type PatchStateName,
} from '@capstan/plugin-capi-common';
import {
  FLEET_FILTER_PARAMS,
  hasFleetFilters,
  ownerRefOf,
  withFilter,
} from './fleetFilters';
import { ownerLabel } from './ownerLabel';
import { useFleetStyles as useStyles } from './fleetStyles';

const STATUSES = [...CLUSTER_STATUSES];
const PATCH_STATES: string[] = [...PATCH_STATE_NAMES];
/** Typing pauses this long before the search applies. */
export const SEARCH_DEBOUNCE_MS = 300;

function MultiSelectFilter(props: {
  label: string;
  param: string;
  options: string[];
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
  optionLabel?: (value: string) => string;
}) {
  const classes = useStyles();
  const id = `capi-fleet-filter-${props.param}`;
  const selected = props.params.getAll(props.param);
  const label = props.optionLabel ?? ((v: string) => v);
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`${id}-label`}>{props.label}</InputLabel>
      <MuiSelect
        labelId={`${id}-label`}
        id={id}
        multiple
        value={selected}
        renderValue={value => (value as string[]).map(label).join(', ')}
        onChange={e =>
          props.onChange(
            withFilter(props.params, props.param, e.target.value as string[]),
          )
        }
      >
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            {label(o)}
          </MenuItem>
        ))}
      </MuiSelect>
    </FormControl>
  );
}

/** The cluster name search: applies while typing, after a short pause. */
function SearchField(props: {
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}) {
  const classes = useStyles();
  const applied = props.params.get(FLEET_FILTER_PARAMS.search) ?? '';
  const [text, setText] = useState(applied);
  const latest = useRef(props);
  latest.current = props;
  // The URL changed elsewhere (Clear filters, back button): show its value.
  useEffect(() => setText(applied), [applied]);
  useEffect(() => {
    if (text === applied) return undefined;
    const timer = setTimeout(() => {
      const { params, onChange } = latest.current;
      onChange(withFilter(params, FLEET_FILTER_PARAMS.search, text.trim()));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <TextField
      id="capi-fleet-search"
      label="Cluster name"
      type="search"
      className={classes.nameField}
      size="small"
      value={text}
      onChange={e => setText(e.target.value)}
    />
  );
}

/**
 * The fleet page's filters, kept in the URL. On a phone they fold behind a
 * "Filters" button so the figures stay on the first screen.
 */
export function FleetFilters(props: {
  fleet: FleetResponse;
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}) {
  const { fleet, params, onChange } = props;
  const classes = useStyles();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('xs'), { noSsr: true });
  const [open, setOpen] = useState(false);
  const selectedOwners = params.getAll(FLEET_FILTER_PARAMS.owner);
  const owners = [
    ...new Set([
      ...(fleet.facets?.owners ??
        (fleet.items.map(c => c.owner).filter(Boolean) as string[])),
      ...selectedOwners,
    ]),
  ].sort();
  const versions = [
    ...new Set([
      ...(fleet.facets?.versions ?? Object.keys(fleet.summary.byVersion)),
      ...params.getAll(FLEET_FILTER_PARAMS.version),
    ]),
  ].sort();
  const active = Object.values(FLEET_FILTER_PARAMS).filter(key =>
    params.getAll(key).some(Boolean),
  ).length;
  const form = (
    <form
      className={classes.filters}
      aria-label="Fleet filters"
      onSubmit={e => e.preventDefault()}
    >
      <MultiSelectFilter
        label="Management cluster"
        param={FLEET_FILTER_PARAMS.managementCluster}
        options={fleet.managementClusters.map(mc => mc.name)}
        params={params}
        onChange={onChange}
      />
      <MultiSelectFilter
        label="Status"
        param={FLEET_FILTER_PARAMS.status}
        options={STATUSES}
        params={params}
        onChange={onChange}
      />
      <MultiSelectFilter
        label="Kubernetes version"
        param={FLEET_FILTER_PARAMS.version}
        options={versions}
        params={params}
        onChange={onChange}
      />
      <MultiSelectFilter
        label="Patch state"
        param={FLEET_FILTER_PARAMS.patchState}
        options={PATCH_STATES}
        params={params}
        onChange={onChange}
        optionLabel={state => PATCH_STATE_LABELS[state as PatchStateName]}
      />
      <MultiSelectFilter
        label="Owner"
        param={FLEET_FILTER_PARAMS.owner}
        // `?owner=team-payments` selects the same option as the full ref.
        options={[...new Set(owners.map(ownerRefOf))]}
        params={withFilter(
          params,
          FLEET_FILTER_PARAMS.owner,
          selectedOwners.map(ownerRefOf),
        )}
        optionLabel={ownerLabel}
        onChange={onChange}
      />
      <SearchField params={params} onChange={onChange} />
      {hasFleetFilters(params) && (
        <Button
          size="small"
          onClick={() => {
            const next = new URLSearchParams(params);
            Object.values(FLEET_FILTER_PARAMS).forEach(key => next.delete(key));
            onChange(next);
          }}
        >
          Clear filters
        </Button>
      )}
    </form>
  );
  if (!narrow) return form;
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        aria-expanded={open}
        onClick={() => setOpen(o => !o)}
      >
        <Badge badgeContent={active} color="primary">
          <span style={{ paddingRight: active ? 12 : 0 }}>Filters</span>
        </Badge>
      </Button>
      <Collapse in={open}>{form}</Collapse>
    </>
  );
}
