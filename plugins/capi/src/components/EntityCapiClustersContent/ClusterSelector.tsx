import { type ChangeEvent } from 'react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import type { ClusterListItem } from '@capstan/plugin-capi-common';
import {
  ATTENTION_LABELS,
  ambiguousNames,
  attentionOf,
  placeOf,
} from '../ClusterList/clusterAttention';
import { chipStatus } from '../ClusterStatusChip/ClusterStatusChip';
import { BreakableName } from '../BreakableName/BreakableName';

const useStyles = makeStyles(theme => ({
  tabs: {
    borderRight: `1px solid ${theme.palette.divider}`,
    '& .MuiTab-root': {
      maxWidth: 'none',
      textTransform: 'none',
      textAlign: 'left',
      padding: theme.spacing(1, 2),
    },
  },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    textAlign: 'left',
    width: '100%',
  },
  // Wraps after a "-" (BreakableName); inside a part only when it alone is wider than the column.
  name: { fontWeight: 600, wordBreak: 'normal', overflowWrap: 'break-word' },
  muted: { color: theme.palette.text.secondary },
  attention: { color: theme.palette.warning.dark },
  failing: { color: theme.palette.error.main },
}));

/** `?cluster=` holds an id (`mc/namespace/name`) or, when unique, a bare name. */
export function findSelected(
  clusters: readonly ClusterListItem[],
  wanted: string | null,
): ClusterListItem | undefined {
  if (!wanted) return undefined;
  const byId = clusters.find(c => c.id === wanted);
  if (byId) return byId;
  const byName = clusters.filter(c => c.name === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}

/** What a screen reader says for an entry: name, place when ambiguous, status, why to look. */
function entryName(cluster: ClusterListItem, showPlace: boolean): string {
  const attention = attentionOf(cluster);
  return [
    cluster.name,
    showPlace ? placeOf(cluster) : undefined,
    chipStatus(cluster),
    attention ? ATTENTION_LABELS[attention] : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function EntryLabel(props: { cluster: ClusterListItem; showPlace: boolean }) {
  const { cluster, showPlace } = props;
  const classes = useStyles();
  const attention = attentionOf(cluster);
  return (
    <span className={classes.entry}>
      <Typography variant="body2" component="span" className={classes.name}>
        <BreakableName name={cluster.name} />
      </Typography>
      <Typography variant="caption" component="span" className={classes.muted}>
        {chipStatus(cluster)} · {cluster.actualVersion ?? 'not running yet'}
        {showPlace ? ` · ${placeOf(cluster)}` : ''}
      </Typography>
      {attention && (
        <Typography
          variant="caption"
          component="span"
          className={
            attention === 'failing' ? classes.failing : classes.attention
          }
        >
          {ATTENTION_LABELS[attention]}
        </Typography>
      )}
    </span>
  );
}

/**
 * Picks the one cluster the Clusters tab shows: a list down the left side
 * (those that need a look first), a drop-down on a phone.
 */
export function ClusterSelector(props: {
  clusters: readonly ClusterListItem[];
  selected: ClusterListItem;
  onSelect: (cluster: ClusterListItem) => void;
}) {
  const { clusters, selected, onSelect } = props;
  const classes = useStyles();
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const ambiguous = ambiguousNames(clusters);
  const pick = (id: string) => {
    const cluster = clusters.find(c => c.id === id);
    if (cluster) onSelect(cluster);
  };
  if (narrow) {
    return (
      <TextField
        select
        fullWidth
        variant="outlined"
        size="small"
        label="Cluster"
        value={selected.id}
        SelectProps={{ native: true }}
        onChange={(event: ChangeEvent<{ value: unknown }>) =>
          pick(String(event.target.value))
        }
      >
        {clusters.map(c => {
          const attention = attentionOf(c);
          const place = ambiguous.has(c.name) ? ` (${placeOf(c)})` : '';
          return (
            <option key={c.id} value={c.id}>
              {`${c.name}${place} · ${chipStatus(c)}${
                attention ? ` · ${ATTENTION_LABELS[attention]}` : ''
              }`}
            </option>
          );
        })}
      </TextField>
    );
  }
  return (
    <Tabs
      orientation="vertical"
      variant="scrollable"
      value={selected.id}
      onChange={(_event, id: string) => pick(id)}
      aria-label="Clusters"
      indicatorColor="primary"
      className={classes.tabs}
    >
      {clusters.map(c => (
        <Tab
          key={c.id}
          value={c.id}
          id={`cluster-tab-${c.id}`}
          aria-controls="cluster-detail"
          aria-label={entryName(c, ambiguous.has(c.name))}
          label={<EntryLabel cluster={c} showPlace={ambiguous.has(c.name)} />}
        />
      ))}
    </Tabs>
  );
}
