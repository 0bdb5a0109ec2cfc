import { Fragment } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  PATCH_STATE_LABELS as LABEL,
  type PatchSummary,
} from '@capstan/plugin-capi-common';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    minWidth: 140,
  },
  bar: {
    display: 'block',
    width: '100%',
    height: 10,
    borderRadius: 3,
    overflow: 'hidden',
  },
  legend: {
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
  },
  reboot: { color: theme.palette.warning.main, fontWeight: 600 },
  part: { whiteSpace: 'nowrap' },
}));

/** Text a screen reader hears and a tooltip shows. */
export function describePatchSummary(patch: PatchSummary): string {
  const parts = [
    `${patch.upToDate} ${LABEL['up-to-date']}`,
    `${patch.pending} ${LABEL.pending}`,
    `${patch.overdue} ${LABEL.overdue}`,
    `${patch.unknown} ${LABEL.unknown}`,
  ];
  const reboot = patch.rebootRequired
    ? `; ${patch.rebootRequired} need${
        patch.rebootRequired === 1 ? 's' : ''
      } a reboot`
    : '';
  return `Patch state of ${patch.total} machine${
    patch.total === 1 ? '' : 's'
  }: ${parts.join(', ')}${reboot}`;
}

/**
 * A stacked bar of up-to-date / pending / overdue / unknown machines with a
 * short legend of the non-zero parts and a reboot-required marker.
 */
export function PatchStateBar(props: {
  patch: PatchSummary;
  compact?: boolean;
}) {
  const { patch, compact } = props;
  const classes = useStyles();
  const theme = useTheme();
  const segments = [
    {
      key: LABEL['up-to-date'],
      value: patch.upToDate,
      color: theme.palette.success.main,
    },
    {
      key: LABEL.pending,
      value: patch.pending,
      color: theme.palette.info.main,
    },
    {
      key: LABEL.overdue,
      value: patch.overdue,
      color: theme.palette.error.main,
    },
    {
      key: LABEL.unknown,
      value: patch.unknown,
      color: theme.palette.grey[500],
    },
  ];
  const total = Math.max(patch.total, 1);
  let x = 0;
  return (
    <div className={classes.root}>
      <svg
        className={classes.bar}
        role="img"
        aria-label={describePatchSummary(patch)}
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
      >
        <title>{describePatchSummary(patch)}</title>
        {patch.total === 0 ? (
          <rect
            x={0}
            y={0}
            width={100}
            height={10}
            fill={theme.palette.action.disabledBackground}
          />
        ) : (
          segments.map(s => {
            const width = (s.value / total) * 100;
            const rect = (
              <rect
                key={s.key}
                x={x}
                y={0}
                width={width}
                height={10}
                fill={s.color}
              />
            );
            x += width;
            return rect;
          })
        )}
      </svg>
      {!compact && (
        <Typography className={classes.legend} component="span" aria-hidden>
          {patch.total === 0
            ? 'no machines'
            : segments
                .filter(s => s.value > 0)
                .map((s, i) => (
                  // Each part ("1 pending") stays whole when the legend wraps.
                  <Fragment key={s.key}>
                    {i > 0 && ' · '}
                    <span className={classes.part}>
                      {s.value} {s.key}
                    </span>
                  </Fragment>
                ))}
          {patch.rebootRequired > 0 && (
            <span className={classes.reboot}>
              {' · '}
              <span className={classes.part}>
                ⟳ {patch.rebootRequired} reboot
              </span>
            </span>
          )}
        </Typography>
      )}
    </div>
  );
}
