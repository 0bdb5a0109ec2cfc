import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ResponseError } from '@backstage/errors';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CAPI_SIGNAL_CHANNELS,
  type FleetClusterRow,
} from '@capstan/plugin-capi-common';
import { capiApiRef } from '../../api';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import { LoadProblemNotice } from '../LoadProblem/LoadProblemNotice';
import { fleetQueryFromSearchParams, hasFleetFilters } from './fleetFilters';
import { useFleetStyles as useStyles } from './fleetStyles';
import { ManagementClustersCard } from './ManagementClustersCard';
import { PatchCampaignCard } from './PatchCampaignCard';
import { FleetDriftCard } from './FleetDriftCard';
import { FleetFilters } from './FleetFilters';
import { useFleetAccess } from './useFleetAccess';
import { useFleetColumns } from './fleetColumns';
import { ownerLabel } from './ownerLabel';
import {
  COMPLIANCE_DAYS,
  ComplianceCard,
  CountBars,
  FleetFacts,
  OverdueCard,
  scopeText,
} from './FleetSummaryCards';

/** What a user outside the platform team sees instead of the fleet. */
function FleetRefusal() {
  return (
    <EmptyState
      missing="info"
      title="The fleet view is for the platform team"
      description="It shows every team's clusters. Your team's clusters are on the Clusters card and tab of your team's components and of your group in the catalog."
    />
  );
}

/**
 * The fleet view without page chrome; the new frontend system adds the
 * header. Access is decided first (a quick permission check), so a user
 * outside the platform team is told at once and nothing of the fleet loads.
 */
export function CapiFleetContent() {
  const access = useFleetAccess();
  if (access.checking) return <Progress />;
  if (!access.allowed) return <FleetRefusal />;
  return <FleetView />;
}

function FleetView() {
  const api = useApi(capiApiRef);
  const classes = useStyles();
  const columns = useFleetColumns();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => fleetQueryFromSearchParams(params), [params]);
  const queryKey = JSON.stringify(query);
  const fleet = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () => api.getFleet(query),
    [api, queryKey],
  );
  // The trend follows the owner filter when it names one owner.
  const onlyOwnerFiltered =
    !query.status &&
    !query.managementCluster &&
    !query.version &&
    !query.patchState &&
    !query.search;
  const trendOwner =
    query.owner?.length === 1 && onlyOwnerFiltered ? query.owner[0] : undefined;
  const compliance = useLiveLoad(
    CAPI_SIGNAL_CHANNELS.fleet,
    () =>
      api.getFleetCompliance({
        from: new Date(
          Date.now() - COMPLIANCE_DAYS * 24 * 3600_000,
        ).toISOString(),
        scope: trendOwner ? `owner:${trendOwner}` : 'fleet',
      }),
    [api, trendOwner],
  );
  const setFilters = (next: URLSearchParams) =>
    setParams(next, { replace: true });

  if (fleet.loading && !fleet.value) return <Progress />;
  if (fleet.error && !fleet.value) {
    // The permission check allowed it, but the backend decides.
    if (
      fleet.error instanceof ResponseError &&
      fleet.error.statusCode === 403
    ) {
      return <FleetRefusal />;
    }
    return <LoadProblemNotice what="the fleet" state={fleet} />;
  }
  const value = fleet.value!;
  const filtered = hasFleetFilters(params);
  const scope = scopeText(filtered);
  // The campaign counts every cluster the filters match, not the page.
  const { offset: _offset, limit: _limit, ...campaignFilters } = query;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FleetFilters fleet={value} params={params} onChange={setFilters} />
        {fleet.stale && (
          <Box mt={1}>
            <LoadProblemNotice what="the fleet" state={fleet} />
          </Box>
        )}
      </Grid>
      <Grid item xs={12} md={8}>
        <ManagementClustersCard items={value.managementClusters} />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Fleet" subheader={scope} variant="gridItem">
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
          subheader={scope}
          counts={value.summary.byPhase}
          ariaLabel="Clusters by phase"
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <CountBars
          title="Clusters by status"
          subheader={scope}
          counts={value.summary.byStatus}
          ariaLabel="Clusters by status"
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <CountBars
          title="Clusters by Kubernetes version"
          subheader={scope}
          counts={value.summary.byVersion}
          ariaLabel="Kubernetes version distribution"
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <ComplianceCard
          fleet={value}
          filtered={filtered}
          trendScope={
            trendOwner
              ? ownerLabel(trendOwner)
              : `whole fleet${filtered ? ' (the filters do not apply)' : ''}`
          }
          compliance={compliance}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <PatchCampaignCard
          fleet={value}
          filtered={filtered}
          filters={campaignFilters}
        />
      </Grid>
      <Grid item xs={12}>
        <FleetDriftCard />
      </Grid>
      <Grid item xs={12}>
        <OverdueCard fleet={value} filtered={filtered} />
      </Grid>
      <Grid item xs={12}>
        <Table<FleetClusterRow>
          title={`Clusters (${value.total})`}
          options={{
            paging: value.items.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
          }}
          columns={columns}
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

const FLEET_PAGE_TITLE = 'Cluster fleet';
// Shown before access is known, so it says whom the page is for.
const FLEET_PAGE_DESCRIPTION =
  "For the platform team: every team's Cluster API clusters, with health, versions and patch compliance, updated live.";

/**
 * Page body for the new frontend system, where a page gets the app's header
 * (the nav item's name) but no content padding or title of its own.
 */
export function CapiFleetPageBody(props: { children: ReactNode }) {
  const classes = usePageBodyStyles();
  return (
    <div className={classes.body}>
      <ContentHeader
        title={FLEET_PAGE_TITLE}
        description={FLEET_PAGE_DESCRIPTION}
      />
      {props.children}
    </div>
  );
}

/** The fleet page for apps on the legacy frontend system: page chrome plus {@link CapiFleetContent}. */
export function CapiFleetPage() {
  return (
    <Page themeId="tool">
      <Header title={FLEET_PAGE_TITLE} subtitle={FLEET_PAGE_DESCRIPTION} />
      <Content>
        <CapiFleetContent />
      </Content>
    </Page>
  );
}
