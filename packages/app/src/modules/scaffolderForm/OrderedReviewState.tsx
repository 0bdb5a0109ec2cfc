import {
  ReviewState,
  type ReviewStateProps,
} from '@backstage/plugin-scaffolder-react/alpha';
import { inFormOrder } from './reviewOrder';

/** The scaffolder's Review table, its rows in the order of the form (see inFormOrder). */
export function OrderedReviewState(props: ReviewStateProps) {
  return (
    <ReviewState
      {...props}
      formState={inFormOrder(props.formState, props.schemas)}
    />
  );
}
