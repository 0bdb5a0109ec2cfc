import { useEffect, useRef, useState } from 'react';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ResponseError } from '@backstage/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  type Day2Field,
  type PreviewAction,
  PREVIEW_ACTIONS,
} from './previewInput';
import { useDay2Check } from './useDay2Check';
import { IMPACT_FIELDS, IMPACT_PENDING } from './validateChangePreview';
import { asSentence } from '../FormValidation/newClusterProblems';

/** `ui:options` of `CapiChangePreview`. */
export interface ChangePreviewUiOptions {
  /** The change to preview, e.g. `capi-scale-node-pool`. */
  action?: PreviewAction;
}

/** How the impact box names an input that shows its own problem. */
const MARKED_FIELD_NAMES: Partial<Record<Day2Field, string>> = {
  pool: 'the node pool',
  size: 'the machine size',
  replicas: 'the number of machines',
  'autoscaling.min': 'the minimum',
  'autoscaling.max': 'the maximum',
  kubernetesVersion: 'the target version',
};

/**
 * Whether the user pressed Review (or Next) while the impact is still being
 * worked out: the form waits for the same check before it moves on, and says
 * so here (the box is the form's last field, beside the button), rather than
 * leaving the press without an answer.
 */
function useReviewWaits(pending: boolean) {
  const box = useRef<HTMLDivElement>(null);
  const pendingNow = useRef(pending);
  pendingNow.current = pending;
  const [review, setReview] = useState(false);
  useEffect(() => {
    const form = box.current?.closest('form');
    if (!form) return undefined;
    const submitted = () => {
      if (!pendingNow.current) return;
      setReview(true);
      box.current?.scrollIntoView?.({ block: 'nearest' });
    };
    form.addEventListener('submit', submitted, true);
    return () => form.removeEventListener('submit', submitted, true);
  }, []);
  useEffect(() => {
    if (!pending) setReview(false);
  }, [pending]);
  return { box, review: review && pending };
}

/**
 * `CapiChangePreview`: the impact of the change the form describes, computed
 * by the scaffolder module's dry run (the same planning code the template's
 * action runs) before anything is written. Its value is the impact sentence,
 * so the Review step lists it beside the inputs. Problems of an input that
 * marks itself (pool, machines, bounds, version) are shown there, not here.
 */
export function ChangePreview(
  props: FieldExtensionComponentProps<string, ChangePreviewUiOptions>,
) {
  const { formData, onChange, uiSchema, formContext, schema } = props;
  const option = uiSchema?.['ui:options']?.action;
  const action = PREVIEW_ACTIONS.find(a => a === option);
  const { wanted, value, pending, error } = useDay2Check(action, formContext);
  const waiting = useReviewWaits(pending);

  const problems = value?.problems ?? [];
  const own = problems.filter(p => IMPACT_FIELDS.includes(p.field));
  const marked = [
    ...new Set(
      problems
        .map(p => MARKED_FIELD_NAMES[p.field])
        .filter((name): name is string => !!name),
    ),
  ];
  const summary = value?.summary;
  // The Review step shows this field's value: the impact, or nothing; while
  // the impact for the current inputs is being worked out, a placeholder
  // that the field's validation replaces with the answer when Review is
  // pressed before it arrives (see validateChangePreview).
  const shown = pending ? IMPACT_PENDING : summary;
  useEffect(() => {
    // After every render: a sibling's change made in the same moment can
    // undo this one.
    if ((shown ?? undefined) !== (formData || undefined)) {
      onChange(shown);
    }
  });

  const title = schema.title ?? 'Impact';
  if (!action) {
    return (
      <Alert severity="warning">
        {title}: no preview for this template (ui:options.action is not one of{' '}
        {PREVIEW_ACTIONS.join(', ')}).
      </Alert>
    );
  }
  return (
    <Alert
      ref={waiting.box}
      severity={error || problems.length > 0 ? 'warning' : 'info'}
      aria-label={`${title} before anything is written`}
      role="status"
      style={{ marginTop: 16 }}
    >
      <AlertTitle>{title}</AlertTitle>
      {waiting.review && (
        <>
          <Typography variant="body2">
            <strong>
              Review opens as soon as the impact is worked out, so that you see
              what this change does before anything is written.
            </strong>
          </Typography>
          {/* Apart from the sentence: touching it, the bar read as its underline. */}
          <LinearProgress
            aria-label="Working out the impact"
            style={{ margin: '8px 0' }}
          />
        </>
      )}
      {wanted && !wanted.ready && (
        <Typography variant="body2">{wanted.reason}</Typography>
      )}
      {/* From the edit on (the check is asked after a short pause), not
          the impact of the values before it. */}
      {wanted?.ready && pending && (
        <Typography variant="body2">Working out the impact…</Typography>
      )}
      {wanted?.ready && !pending && error && (
        <Typography variant="body2">
          {error instanceof ResponseError
            ? error.body.error.message
            : error.message}
        </Typography>
      )}
      {wanted?.ready && !pending && !error && summary && (
        <Typography variant="body2">{summary}</Typography>
      )}
      {wanted?.ready &&
        !pending &&
        own.map(p => (
          <Typography key={p.message} variant="body2">
            {asSentence(p.message)}
          </Typography>
        ))}
      {wanted?.ready && !pending && marked.length > 0 && (
        <Typography variant="body2">
          The impact follows once {marked.join(' and ')}{' '}
          {marked.length === 1 ? 'is' : 'are'} fixed.
        </Typography>
      )}
    </Alert>
  );
}
