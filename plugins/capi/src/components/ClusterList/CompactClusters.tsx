import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { EntityClustersResponse } from '@capstan/plugin-capi-common';
import Box from '@material-ui/core/Box';
import {
  changeActivityOf,
  useEntityChangeRequests,
} from '../ChangeRequests/useEntityChangeRequests';
import { StaleBanner } from '../ClusterOverview/ClusterOverview';
import { ClusterList } from './ClusterList';
import { attentionOf, byAttention } from './clusterAttention';

/** Rows the card shows; the rest are a click away on the Clusters tab. */
export const CARD_ROWS = 5;

const useStyles = makeStyles(theme => ({
  summary: { marginBottom: theme.spacing(1) },
  muted: { color: theme.palette.text.secondary },
}));

function summaryText(needing: number, total: number): string {
  if (needing === 0) return `None of the ${total} clusters needs attention.`;
  if (needing === 1) return `1 of ${total} clusters needs attention.`;
  return `${needing} of ${total} clusters need attention.`;
}

/**
 * The card's list for an entity with many clusters: those that need a look
 * first, at most {@link CARD_ROWS}, one line each.
 */
export function CompactClusters(props: {
  entityRef: string;
  response: EntityClustersResponse;
  detailsLink?: (clusterId: string) => string;
}) {
  const { response, detailsLink } = props;
  const classes = useStyles();
  const changeRequests = useEntityChangeRequests(props.entityRef);
  const activity = (id: string) => changeActivityOf(changeRequests.get(id));
  const sorted = byAttention(response.items, c => activity(c.id));
  const needing = sorted.filter(c => attentionOf(c, activity(c.id))).length;
  // One banner per management cluster whose data is stale.
  const staleByMc = new Map(
    response.items.filter(c => c.stale).map(c => [c.managementCluster, c]),
  );
  const shown = sorted.slice(0, CARD_ROWS);
  return (
    <>
      {[...staleByMc.values()].map(cluster => (
        <Box mb={1} key={cluster.managementCluster}>
          <StaleBanner cluster={cluster} />
        </Box>
      ))}
      <Typography variant="body2" className={classes.summary}>
        {summaryText(needing, response.total)}{' '}
        <span className={classes.muted}>
          {shown.length < response.total
            ? `Showing ${shown.length}${needing > 0 ? ', those first' : ''}.`
            : ''}
        </span>
      </Typography>
      <ClusterList
        label="Clusters"
        clusters={shown}
        among={response.items}
        changeRequests={changeRequests}
        detailsLink={detailsLink}
      />
    </>
  );
}
