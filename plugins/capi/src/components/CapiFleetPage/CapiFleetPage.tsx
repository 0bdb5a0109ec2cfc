import { useMemo, Fragment, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import MuiSelect from '@material-ui/core/Select';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Button from '@material-ui/core/Button';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { ResponseError } from '@backstage/errors';
import {
  Content,
  EmptyState,
  Gauge,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CAPI_SIGNAL_CHANNELS,
  CLUSTER_STATUSES,
  type ClusterSummary,
  type ComplianceResponse,
  type FleetResponse,
} from '@capstan/plugin-capi-common';
import { capiApiRef, describeCapiError } from '../../api';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import { formatPercent, formatRelative, formatTimestamp } from '../../time';
import { ClusterStatusChip } from '../ClusterStatusChip/ClusterStatusChip';
import { versionText } from '../ClusterOverview/ClusterOverview';
import { ComplianceTrendChart } from '../ComplianceTrendChart/ComplianceTrendChart';
import { PatchStateBar } from '../PatchStateBar/PatchStateBar';
import {
  FLEET_FILTER_PARAMS,
  fleetQueryFromSearchParams,
  withFilter,
} from './fleetFilters';
import { ownerLabel } from './ownerLabel';
import { placeOf } from './placeOf';
import { useFleetStyles as useStyles } from './fleetStyles';
import { ManagementClustersCard } from './ManagementClustersCard';
import { PatchCampaignCard } from './PatchCampaignCard';
import { FleetDriftCard } from './FleetDriftCard';

const STATUSES = [...CLUSTER_STATUSES];
const PATCH_STATES = ['up-to-date', 'pending', 'overdue', 'unknown'];
const COMPLIANCE_DAYS = 14;

function MultiSelectFilter(props: {
  label: string;
  param: string;
  options: string[];
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}) {
  const classes = useStyles();
  const id = `capi-fleet-filter-${props.param}`;
  const selected = props.params.getAll(props.param);
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`${id}-label`}>{props.label}</InputLabel>
      <MuiSelect
        labelId={`${id}-label`}
        id={id}
        multiple
        value={selected}
        renderValue={value => (value as string[]).join(', ')}
        onChange={e =>
          props.onChange(
            withFilter(props.params, props.param, e.target.value as string[]),
          )
        }
      >
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            {o}
          </MenuItem>
        ))}
      </MuiSelect>
    </FormControl>
  );
}

function CountBars(props: {
  title: string;
  counts: Record<string, number>;
  ariaLabel: string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const entries = Object.entries(props.counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(e => e[1]));
  return (
    <InfoCard title={props.title} variant="gridItem">
      {entries.length === 0 ? (
        <Typography variant="body2">None.</Typography>
      ) : (
        <div
          className={classes.counts}
          role="list"
          aria-label={props.ariaLabel}
        >
          {entries.map(([key, count]) => (
            <Fragment key={key}>
              <Typography
                variant="body2"
                role="listitem"
                aria-label={`${key}: ${count}`}
              >
                {key}
              </Typography>
              <div className={classes.barTrack} aria-hidden>
                <div
                  style={{
                    width: `${(count / max) * 100}%`,
                    height: '100%',
                    borderRadius: 3,
                    background: theme.palette.primary.main,
                  }}
                />
              </div>
              <Typography variant="body2" aria-hidden>
                {count}
              </Typography>
            </Fragment>
          ))}
        </div>
      )}
    </InfoCard>
  );
}

function FleetFacts(props: { fleet: FleetResponse }) {
  const classes = useStyles();
  const { patch } = props.fleet.summary;
  const mcs = props.fleet.managementClusters;
  const synced = mcs.filter(mc => mc.state === 'synced' && !mc.stale).length;
  const facts: Array<[string, ReactNode]> = [
    ['Patch compliance', formatPercent(patch.compliance)],
    [
      'Overdue nodes',
      <span className={patch.overdue > 0 ? classes.error : undefined}>
        {patch.overdue}
      </span>,
    ],
    ['Reboots pending', patch.rebootRequired],
    ['Management clusters synced', `${synced} of ${mcs.length}`],
  ];
  return (
    <dl className={classes.facts} aria-label="Fleet figures">
      {facts.map(([label, fact]) => (
        <Fragment key={label}>
          <Typography variant="body2" component="dt" className={classes.muted}>
            {label}
          </Typography>
          <Typography variant="body2" component="dd" style={{ margin: 0 }}>
            {fact}
          </Typography>
        </Fragment>
      ))}
    </dl>
  );
}

function ComplianceCard(props: {
  fleet: FleetResponse;
  compliance?: ComplianceResponse;
  complianceError?: Error;
}) {
  const { fleet, compliance } = props;
  const classes = useStyles();
  const patch = fleet.summary.patch;
  const points =
    compliance?.series.find(s => s.scope === 'fleet')?.points ??
    compliance?.series[0]?.points ??
    [];
  return (
    <InfoCard title="Patch compliance" variant="gridItem">
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={4}>
          <div
            role="img"
            aria-label={`Fleet patch compliance ${formatPercent(
              patch.compliance,
            )}`}
          >
            <Gauge value={patch.compliance} size="small" />
          </div>
        </Grid>
        <Grid item xs={12} sm={8}>
          <Typography variant="body2">
            Policy: security updates are overdue{' '}
            {fleet.policy.securityOverdueAfterHours} h after release
            {fleet.policy.updatesOverdueAfterHours
              ? `; other updates after ${fleet.policy.updatesOverdueAfterHours} h`
              : ''}
            .
          </Typography>
          <Box my={1}>
            <PatchStateBar patch={{ ...patch }} />
          </Box>
          {patch.overdue > 0 && (
            <Typography variant="body2" className={classes.error}>
              {patch.overdue} machine{patch.overdue === 1 ? ' is' : 's are'}{' '}
              overdue
            </Typography>
          )}
        </Grid>
      </Grid>
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Last {COMPLIANCE_DAYS} days
        </Typography>
        {props.complianceError && !compliance ? (
          <Typography variant="body2" className={classes.error}>
            Could not load the compliance history:{' '}
            {describeCapiError(props.complianceError)}
          </Typography>
        ) : (
          <ComplianceTrendChart points={points} />
        )}
      </Box>
    </InfoCard>
  );
}

function OverdueCard(props: { fleet: FleetResponse }) {
  const groups = props.fleet.summary.overdue;
  return (
    <InfoCard title="Overdue nodes">
      {groups.length === 0 ? (
        <Typography variant="body2">No node is overdue.</Typography>
      ) : (
        <MuiTable size="small" aria-label="Overdue nodes by cluster and owner">
          <TableHead>
            <TableRow>
              <TableCell>Owner</TableCell>
              <TableCell>Cluster</TableCell>
              <TableCell>Nodes</TableCell>
              <TableCell>Overdue since</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...groups]
              .sort((a, b) => (a.owner ?? '').localeCompare(b.owner ?? ''))
              .map(group => (
                <TableRow key={group.clusterId}>
                  <TableCell title={group.owner}>
                    {group.owner ? ownerLabel(group.owner) : 'unknown owner'}
                  </TableCell>
                  <TableCell component="th" scope="row">
                    {group.cluster}
                    <Typography variant="caption" component="div">
                      {placeOf(group.clusterId)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {group.machines.map(m => (
                      <div key={m.name}>{m.nodeName ?? m.name}</div>
                    ))}
                  </TableCell>
                  <TableCell>
                    {group.machines.map(m => (
                      <div key={m.name} title={formatTimestamp(m.dueBy)}>
                        {m.dueBy ? formatRelative(m.dueBy) : '—'}
                      </div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </MuiTable>
      )}
    </InfoCard>
  );
}

const clusterColumns: TableColumn<ClusterSummary>[] = [
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    // material-table gives every column the same width; a long name wraps at
    // its hyphens rather than pushing the table past the card.
    // Names are unique per management cluster only: the namespace (with the
    // next column) tells two namesakes apart.
    render: c => (
      <>
        {c.name}
        <Typography variant="caption" component="div" color="textSecondary">
          namespace {c.namespace}
        </Typography>
      </>
    ),
  },
  { title: 'Management cluster', field: 'managementCluster' },
  {
    title: 'Owner',
    field: 'owner',
    render: c => <span title={c.owner}>{ownerLabel(c.owner)}</span>,
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Status',
    field: 'status',
    render: c => <ClusterStatusChip cluster={c} />,
  },
  {
    title: 'Kubernetes',
    field: 'actualVersion',
    render: c => versionText(c),
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Machines',
    render: c => c.machines.length,
    customSort: (a, b) => a.machines.length - b.machines.length,
  },
  {
    title: 'Patch state',
    render: c => <PatchStateBar patch={c.patch} />,
    customSort: (a, b) => a.patch.compliance - b.patch.compliance,
  },
];

/** The fleet view without page chrome; the new frontend system adds the header. */
export function CapiFleetContent() {
  const api = useApi(capiApiRef);
  const classes = useStyles();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => fleetQueryFromSearchParams(params), [params]);
  const queryKey = JSON.stringify(query);
  const fleet = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () => api.getFleet(query),
    [api, queryKey],
  );
  const compliance = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () =>
      api.getFleetCompliance({
        from: new Date(
          Date.now() - COMPLIANCE_DAYS * 24 * 3600_000,
        ).toISOString(),
        scope: 'fleet',
      }),
    [api],
  );
  const setFilters = (next: URLSearchParams) =>
    setParams(next, { replace: true });

  if (fleet.loading && !fleet.value) return <Progress />;
  if (fleet.error && !fleet.value) {
    if (
      fleet.error instanceof ResponseError &&
      fleet.error.statusCode === 403
    ) {
      return (
        <EmptyState
          missing="info"
          title="The fleet view is for the platform team"
          description="It shows every team's clusters. Your team's clusters are on the Clusters card and tab of your team's components and of your group in the catalog."
        />
      );
    }
    return (
      <ResponseErrorPanel
        error={fleet.error}
        title={`Could not load the fleet: ${describeCapiError(fleet.error)}`}
      />
    );
  }
  const value = fleet.value!;
  const owners = [
    ...new Set([
      ...(value.items.map(c => c.owner).filter(Boolean) as string[]),
      ...params.getAll(FLEET_FILTER_PARAMS.owner),
    ]),
  ].sort();
  const hasFilters = [...params.keys()].some(
    k => k !== FLEET_FILTER_PARAMS.since,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <form
          className={classes.filters}
          aria-label="Fleet filters"
          onSubmit={e => e.preventDefault()}
        >
          <MultiSelectFilter
            label="Management cluster"
            param={FLEET_FILTER_PARAMS.managementCluster}
            options={value.managementClusters.map(mc => mc.name)}
            params={params}
            onChange={setFilters}
          />
          <MultiSelectFilter
            label="Status"
            param={FLEET_FILTER_PARAMS.status}
            options={STATUSES}
            params={params}
            onChange={setFilters}
          />
          <MultiSelectFilter
            label="Kubernetes version"
            param={FLEET_FILTER_PARAMS.version}
            options={Object.keys(value.summary.byVersion).sort()}
            params={params}
            onChange={setFilters}
          />
          <MultiSelectFilter
            label="Patch state"
            param={FLEET_FILTER_PARAMS.patchState}
            options={PATCH_STATES}
            params={params}
            onChange={setFilters}
          />
          <MultiSelectFilter
            label="Owner"
            param={FLEET_FILTER_PARAMS.owner}
            options={owners}
            params={params}
            onChange={setFilters}
          />
          <TextField
            label="Cluster name"
            className={classes.nameField}
            size="small"
            defaultValue={params.get(FLEET_FILTER_PARAMS.search) ?? ''}
            onKeyDown={e => {
              if (e.key === 'Enter') {
                setFilters(
                  withFilter(
                    params,
                    FLEET_FILTER_PARAMS.search,
                    (e.target as HTMLInputElement).value,
                  ),
                );
              }
            }}
            onBlur={e =>
              setFilters(
                withFilter(params, FLEET_FILTER_PARAMS.search, e.target.value),
              )
            }
          />
          {hasFilters && (
            <Button
              size="small"
              onClick={() =>
                setFilters(
                  withFilter(
                    new URLSearchParams(),
                    FLEET_FILTER_PARAMS.since,
                    params.get(FLEET_FILTER_PARAMS.since) ?? undefined,
                  ),
                )
              }
            >
              Clear filters
            </Button>
          )}
        </form>
        {fleet.error && (
          <Box mt={1}>
            <ResponseErrorPanel
              error={fleet.error}
              title={`Refresh failed, showing the last data: ${describeCapiError(
                fleet.error,
              )}`}
            />
          </Box>
        )}
      </Grid>
      <Grid item xs={12} md={8}>
        <ManagementClustersCard items={value.managementClusters} />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Fleet" variant="gridItem">
          <Typography className={classes.big}>
            {value.summary.clusters}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            clusters · {value.summary.machines} machines
          </Typography>
          <FleetFacts fleet={value} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <CountBars
          title="Clusters by phase"
          counts={value.summary.byPhase}
          ariaLabel="Clusters by phase"
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <CountBars
          title="Clusters by status"
          counts={value.summary.byStatus}
          ariaLabel="Clusters by status"
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <CountBars
          title="Clusters by Kubernetes version"
          counts={value.summary.byVersion}
          ariaLabel="Kubernetes version distribution"
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <ComplianceCard
          fleet={value}
          compliance={compliance.value}
          complianceError={compliance.error}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <PatchCampaignCard
          fleet={value}
          params={params}
          onChange={setFilters}
        />
      </Grid>
      <Grid item xs={12}>
        <FleetDriftCard />
      </Grid>
      <Grid item xs={12}>
        <OverdueCard fleet={value} />
      </Grid>
      <Grid item xs={12}>
        <Table<ClusterSummary>
          title={`Clusters (${value.total})`}
          options={{
            paging: value.items.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
          }}
          columns={clusterColumns}
          data={value.items}
        />
      </Grid>
    </Grid>
  );
}

const usePageBodyStyles = makeStyles(theme => ({
  // Same inset as the app's page container (and the entity pages), so the
  // grid's negative margins stay inside it and the content lines up with the
  // page header.
  body: {
    width: '100%',
    maxWidth: '120rem',
    margin: '0 auto',
    padding: theme.spacing(2, 0, 4),
    paddingInline: 'var(--bui-space-5, 20px)',
  },
}));

/**
 * Page body for the new frontend system, where a page gets the app's header
 * but no content padding of its own.
 */
export function CapiFleetPageBody(props: { children: ReactNode }) {
  const classes = usePageBodyStyles();
  return <div className={classes.body}>{props.children}</div>;
}

/** The fleet page for apps on the legacy frontend system: page chrome plus {@link CapiFleetContent}. */
export function CapiFleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Cluster fleet"
        subtitle="Every Cluster API workload cluster, its health and patch compliance"
      />
      <Content>
        <CapiFleetContent />
      </Content>
    </Page>
  );
}
