import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { NodePoolSummary } from '@capstan/plugin-capi-common';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
}));

const UNDESCRIBED =
  'No profile of this cluster describes this size: it is the name recorded on the pool, shown as it is.';

/**
 * A pool's size in one line of words, for cells that fold it beside other
 * values: the profile's title, else the recorded name marked as such.
 */
export function machineSizeText(
  pool: Pick<NodePoolSummary, 'size' | 'sizeTitle'>,
): string | undefined {
  if (!pool.size) return undefined;
  return pool.sizeTitle ?? `${pool.size} (not a profile size)`;
}

/**
 * A pool's size as its cluster's profile names it ("Medium (4 vCPU, 16 GiB)");
 * a size no profile describes keeps its recorded name, with a note saying so.
 */
export function MachineSize(props: {
  pool: Pick<NodePoolSummary, 'size' | 'sizeTitle'>;
}) {
  const { size, sizeTitle } = props.pool;
  const classes = useStyles();
  if (!size) return null;
  if (sizeTitle) return <>{sizeTitle}</>;
  return (
    <Tooltip title={UNDESCRIBED}>
      <span>
        {size}
        <Typography variant="caption" className={classes.muted} component="div">
          not a profile size
        </Typography>
      </span>
    </Tooltip>
  );
}
