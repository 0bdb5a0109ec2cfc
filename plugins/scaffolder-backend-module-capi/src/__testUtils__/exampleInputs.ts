import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { parse } from 'yaml';

/** The input of the single step of each example. */
export function exampleInputs(
  examples: TemplateExample[],
): Array<[string, JsonObject]> {
  return examples.map(e => [
    e.description,
    parse(e.example).steps[0].input as JsonObject,
  ]);
}
