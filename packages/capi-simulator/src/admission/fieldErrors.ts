import { KubeStatusError } from '../server/status';

/**
 * One field problem, shaped like apimachinery's `field.Error`: the API server and
 * CAPI's webhooks print them as `<field>: <type>: <detail>`.
 */
export interface FieldError {
  field: string;
  type: 'Invalid value' | 'Forbidden' | 'Required value' | 'Internal error';
  value?: unknown;
  detail: string;
}

export const invalid = (
  field: string,
  value: unknown,
  detail: string,
): FieldError => ({ field, type: 'Invalid value', value, detail });

export const forbidden = (field: string, detail: string): FieldError => ({
  field,
  type: 'Forbidden',
  detail,
});

export const required = (field: string, detail: string): FieldError => ({
  field,
  type: 'Required value',
  detail,
});

export const internalError = (field: string, detail: string): FieldError => ({
  field,
  type: 'Internal error',
  detail,
});

const CAUSE_REASONS: Record<FieldError['type'], string> = {
  'Invalid value': 'FieldValueInvalid',
  Forbidden: 'FieldValueForbidden',
  'Required value': 'FieldValueRequired',
  'Internal error': 'InternalError',
};

function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function body(error: FieldError): string {
  return error.type === 'Invalid value'
    ? `Invalid value: ${printValue(error.value)}: ${error.detail}`
    : `${error.type}: ${error.detail}`;
}

/** The identity of the object being admitted, for messages and Status details. */
export interface AdmittedObject {
  kind: string;
  group: string;
  name: string;
}

/**
 * A `422 Invalid` Status as kube-apiserver returns it (`apierrors.NewInvalid`),
 * optionally prefixed the way it reports a validating webhook's denial.
 */
export function invalidStatus(
  object: AdmittedObject,
  errors: FieldError[],
  webhook?: string,
): KubeStatusError {
  const printed = errors.map(e => `${e.field}: ${body(e)}`);
  const list = printed.length === 1 ? printed[0] : `[${printed.join(', ')}]`;
  const qualified = object.group
    ? `${object.kind}.${object.group}`
    : object.kind;
  const message = `${qualified} "${object.name}" is invalid: ${list}`;
  return new KubeStatusError(
    422,
    'Invalid',
    webhook
      ? `admission webhook "${webhook}" denied the request: ${message}`
      : message,
    {
      name: object.name,
      group: object.group,
      kind: object.kind,
      causes: errors.map(e => ({
        reason: CAUSE_REASONS[e.type],
        message: body(e),
        field: e.field,
      })),
    },
  );
}
