import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
  stroke: {
    fill: 'none',
    stroke: '#7df3e1',
    strokeWidth: 3,
    strokeLinecap: 'round',
  },
});

/** A capstan seen from above: the drum and its bars. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      viewBox="0 0 40 40"
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="Capstan"
    >
      <circle className={classes.stroke} cx="20" cy="20" r="8" />
      <path
        className={classes.stroke}
        d="M20 2v10M20 28v10M2 20h10M28 20h10M7.3 7.3l7 7M25.7 25.7l7 7M32.7 7.3l-7 7M14.3 25.7l-7 7"
      />
    </svg>
  );
};
