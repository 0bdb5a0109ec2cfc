import { useId, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { makeStyles } from '@material-ui/core/styles';
import { PATCH_COMPLIANCE_DEFINITION } from '@capstan/plugin-capi-common';

const useStyles = makeStyles(theme => ({
  // Sits in a line of text: no extra line height, still a 28 px target.
  button: { padding: 4, margin: theme.spacing(-0.5, 0) },
  icon: { fontSize: '1.05rem' },
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/**
 * A "?" beside a patch compliance figure that shows what the figure means
 * (capi-common's one definition, the fleet page's too): on hover, on
 * keyboard focus and on a tap; screen readers hear it as the button's
 * description.
 */
export function PatchComplianceHelp() {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const descriptionId = useId();
  return (
    <>
      <Tooltip
        title={PATCH_COMPLIANCE_DEFINITION}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        enterTouchDelay={0}
        leaveTouchDelay={6000}
        arrow
      >
        <IconButton
          className={classes.button}
          aria-label="What patch compliance means"
          aria-describedby={descriptionId}
          onClick={() => setOpen(was => !was)}
        >
          <HelpOutlineIcon className={classes.icon} />
        </IconButton>
      </Tooltip>
      <span id={descriptionId} className={classes.hidden}>
        {PATCH_COMPLIANCE_DEFINITION}
      </span>
    </>
  );
}
