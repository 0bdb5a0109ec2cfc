import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  root: {
    color: '#7df3e1',
    fontSize: 26,
    fontWeight: 700,
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
  },
});

/** The sidebar logo when the sidebar is open. */
export const LogoFull = () => {
  const classes = useStyles();
  return <span className={classes.root}>Capstan</span>;
};
