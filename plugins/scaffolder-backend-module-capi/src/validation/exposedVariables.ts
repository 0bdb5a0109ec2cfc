import type { JsonObject, JsonValue } from '@backstage/types';
import type { ClusterRequest } from '../render/types';
import { throwIfProblems } from './collectProblems';

/** More than any form needs; keeps a hostile request small. */
const MAX_VARIABLES = 32;
const MAX_VALUE_BYTES = 16_384;

/**
 * Puts the ClusterClass variables a developer chose into the request's
 * topology variables: only those the profile exposes (an exposed value
 * replaces the profile's default), bounded in number and size. The values
 * are checked against the class's schemas with every other variable.
 */
export function withExposedVariables(
  request: ClusterRequest,
  chosen: Record<string, unknown> | undefined,
): ClusterRequest {
  const entries = Object.entries(chosen ?? {}).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return request;
  const settings = request.profile.clusterClass;
  const exposed = new Set(settings?.exposedVariables ?? []);
  const problems: string[] = [];
  if (!settings || request.profile.mode !== 'clusterclass') {
    problems.push(
      `profile "${request.profile.name}" has no ClusterClass, so no variables can be set`,
    );
  }
  if (entries.length > MAX_VARIABLES) {
    problems.push(`at most ${MAX_VARIABLES} variables can be set`);
  }
  for (const [name, value] of entries) {
    if (!exposed.has(name)) {
      problems.push(
        `variable "${name}" is not one the profile "${
          request.profile.name
        }" lets you set (it exposes ${[...exposed].join(', ') || 'none'})`,
      );
    } else if (JSON.stringify(value).length > MAX_VALUE_BYTES) {
      problems.push(
        `variable "${name}" is larger than ${MAX_VALUE_BYTES} bytes`,
      );
    }
  }
  throwIfProblems('Invalid ClusterClass variables', problems);
  const variables: JsonObject = { ...settings!.variables };
  for (const [name, value] of entries) variables[name] = value as JsonValue;
  return {
    ...request,
    profile: {
      ...request.profile,
      clusterClass: { ...settings!, variables },
    },
  };
}
