import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import useInterval from 'react-use/esm/useInterval';
import { useState } from 'react';
import type { LiveLoadState } from '../../hooks/useLiveLoad';
import { formatTimeOfDay } from '../../time';

/** "Trying again in 10 s.", counting down each second. */
function useRetryCountdown(retryAt: number | undefined): string | undefined {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), retryAt ? 1_000 : null);
  if (!retryAt) return undefined;
  const seconds = Math.max(
    1,
    Math.ceil((retryAt - Math.max(now, Date.now())) / 1_000),
  );
  return `Trying again in ${seconds} s.`;
}

/**
 * Why a load failed, in a sentence, with what happens next and a Retry
 * button: "Could not load the fleet. Capstan's backend could not be reached.
 * Trying again in 10 s." When the last data stays on screen it says that the
 * data is not current. Renders nothing when the last load worked.
 */
export function LoadProblemNotice(props: {
  /** What was loading, e.g. "the fleet". */
  what: string;
  state: Pick<
    LiveLoadState<unknown>,
    'problem' | 'stale' | 'loadedAt' | 'retryAt' | 'retry' | 'loading'
  >;
}) {
  const { what, state } = props;
  const countdown = useRetryCountdown(state.retryAt);
  const { problem } = state;
  if (!problem) return null;
  let next = countdown;
  if (problem.retryable && state.loading) next = 'Trying again now…';
  const lead = state.stale
    ? `Not current: showing ${what} as of ${
        state.loadedAt ? formatTimeOfDay(state.loadedAt) : 'the last load'
      }.`
    : `Could not load ${what}.`;
  return (
    <Alert
      severity={state.stale ? 'warning' : 'error'}
      role={state.stale ? 'status' : 'alert'}
      action={
        problem.retryable ? (
          <Button
            color="inherit"
            size="small"
            onClick={() => state.retry()}
            disabled={state.loading}
          >
            Retry
          </Button>
        ) : undefined
      }
    >
      {[lead, problem.sentence, next].filter(Boolean).join(' ')}
    </Alert>
  );
}
