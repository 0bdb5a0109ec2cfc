/**
 * The day-2 form check (`POST /api/scaffolder/capi/validate/day2` of the
 * scaffolder module): the fields of a day-2 template a problem can be marked
 * on; `change` is a problem of the change as a whole (shown with the impact).
 *
 * @public
 */
export type Day2Field =
  | 'cluster'
  | 'pool'
  | 'size'
  | 'replicas'
  | 'autoscaling.min'
  | 'autoscaling.max'
  | 'kubernetesVersion'
  | 'change';

/** One problem of a day-2 form, on the field it is about. @public */
export interface Day2FieldProblem {
  field: Day2Field;
  message: string;
}

/**
 * The day-2 check's answer: the form's problems on their fields, or the
 * impact (`summary`) when there are none.
 *
 * @public
 */
export interface Day2Check {
  problems: Day2FieldProblem[];
  summary?: string;
}
