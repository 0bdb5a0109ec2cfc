import { Fragment, useEffect, useState, type ReactNode } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import { makeStyles } from '@material-ui/core/styles';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';

const useStyles = makeStyles(theme => ({
  text: { overflowWrap: 'normal', wordBreak: 'normal' },
  // A text without "/" (a commit) keeps its button on its line.
  nowrap: { whiteSpace: 'nowrap' },
  // A folder name with its "/" moves to the next line whole (never
  // "payments-prod-" / "00026"); only a name wider than the column wraps.
  segment: {
    display: 'inline-block',
    maxWidth: '100%',
    overflowWrap: 'anywhere',
  },
  button: { padding: 4, margin: theme.spacing(-0.5, 0.25) },
  icon: { fontSize: '0.95rem' },
}));

/**
 * The text with a line break opportunity after every "/" only (a Git path
 * wraps by folder). `tail` (the copy button) leads the first part: beside
 * the last one, a long folder name and the button outgrow a narrow column.
 */
function breakAtSlashes(text: string, segmentClass: string, tail: ReactNode) {
  const parts = text.split('/');
  if (parts.length === 1) {
    return (
      <>
        {text}
        {tail}
      </>
    );
  }
  return parts.map((part, i) => {
    const last = i === parts.length - 1;
    return (
      <Fragment key={i}>
        <span className={segmentClass}>
          {i === 0 && tail}
          {part}
          {!last && '/'}
        </span>
        {!last && <wbr />}
      </Fragment>
    );
  });
}

/**
 * Text a user may need elsewhere (a Git folder, a commit) when there is no
 * page to link to: shown as is, with a button that copies it. Paths wrap at
 * their separators on a narrow screen.
 */
export function CopyableText(props: {
  text: string;
  /** What the text is, for the button: "Git folder of payments-prod". */
  label: string;
  /** Shown instead of the text (e.g. a short commit SHA), with `title` on hover. */
  display?: string;
  title?: string;
  className?: string;
}) {
  const { text, label } = props;
  const classes = useStyles();
  const errorApi = useApi(errorApiRef);
  const [{ error }, copy] = useCopyToClipboard();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (error) errorApi.post(error);
  }, [error, errorApi]);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  const shown = props.display ?? text;
  const button = (
    <Tooltip title={copied ? 'Copied' : `Copy ${label}`}>
      <IconButton
        className={classes.button}
        aria-label={`Copy ${label}`}
        onClick={() => {
          copy(text);
          setCopied(true);
        }}
      >
        <FileCopyOutlinedIcon className={classes.icon} />
      </IconButton>
    </Tooltip>
  );
  return (
    <span className={`${classes.text} ${props.className ?? ''}`}>
      <span
        title={props.title}
        className={shown.includes('/') ? undefined : classes.nowrap}
      >
        {breakAtSlashes(shown, classes.segment, button)}
      </span>
    </span>
  );
}
