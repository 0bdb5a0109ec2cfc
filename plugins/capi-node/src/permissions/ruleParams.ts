import type {
  StandardJSONSchemaV1,
  StandardSchemaV1,
} from '@standard-schema/spec';

type Field =
  | { type: 'string'; description: string; optional?: boolean }
  | { type: 'string-array'; description: string };

/** The params type a field spec describes. */
type ParamsOf<F extends Record<string, Field>> = {
  [K in keyof F as F[K] extends { optional: true } ? never : K]: F[K] extends {
    type: 'string-array';
  }
    ? string[]
    : string;
} & {
  [K in keyof F as F[K] extends { optional: true } ? K : never]?: string;
};

const MAX_STRING = 1024;
const MAX_ITEMS = 1000;

/**
 * A params schema for a permission rule: a flat object of strings and
 * string lists, validated synchronously and convertible to JSON Schema (what
 * the permission framework needs), without a schema library's deep types.
 */
export function ruleParams<F extends Record<string, Field>>(
  fields: F,
): StandardSchemaV1<ParamsOf<F>> & StandardJSONSchemaV1<ParamsOf<F>> {
  const jsonSchema = {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(fields).map(([key, field]) => [
        key,
        field.type === 'string'
          ? { type: 'string', description: field.description }
          : {
              type: 'array',
              items: { type: 'string' },
              description: field.description,
            },
      ]),
    ),
    required: Object.entries(fields)
      .filter(([, field]) => !(field.type === 'string' && field.optional))
      .map(([key]) => key),
    additionalProperties: false,
  };
  const isString = (v: unknown): v is string =>
    typeof v === 'string' && v.length <= MAX_STRING;
  const validate = (value: unknown): StandardSchemaV1.Result<ParamsOf<F>> => {
    const issues: StandardSchemaV1.Issue[] = [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { issues: [{ message: 'params must be an object' }] };
    }
    const params = value as Record<string, unknown>;
    for (const key of Object.keys(params)) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) {
        issues.push({ message: `unknown param "${key}"`, path: [key] });
      }
    }
    for (const [key, field] of Object.entries(fields)) {
      const v = params[key];
      if (v === undefined) {
        if (!(field.type === 'string' && field.optional)) {
          issues.push({ message: `"${key}" is required`, path: [key] });
        }
      } else if (field.type === 'string' && !isString(v)) {
        issues.push({ message: `"${key}" must be a string`, path: [key] });
      } else if (
        field.type === 'string-array' &&
        !(Array.isArray(v) && v.length <= MAX_ITEMS && v.every(isString))
      ) {
        issues.push({
          message: `"${key}" must be a list of strings`,
          path: [key],
        });
      }
    }
    return issues.length > 0 ? { issues } : { value: value as ParamsOf<F> };
  };
  return {
    '~standard': {
      version: 1,
      vendor: 'capstan',
      validate,
      jsonSchema: {
        input: () => jsonSchema,
        output: () => jsonSchema,
      },
    },
  };
}
