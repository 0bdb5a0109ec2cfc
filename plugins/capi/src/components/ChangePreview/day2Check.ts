import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Day2Check } from '@capstan/plugin-capi-common';

export type { Day2Check, Day2FieldProblem } from '@capstan/plugin-capi-common';

let last: { key: string; check: Promise<Day2Check> } | undefined;

/**
 * The day-2 check of one form (`POST /capi/validate/day2`). Every field of
 * the form and the impact preview ask about the same form, so the answer for
 * one request is fetched once; a failed check is asked again next time.
 */
export function day2Check(
  apis: { discovery: DiscoveryApi; fetchApi: FetchApi },
  input: Record<string, unknown>,
): Promise<Day2Check> {
  const key = JSON.stringify(input);
  if (last?.key === key) return last.check;
  const check = (async () => {
    const baseUrl = await apis.discovery.getBaseUrl('scaffolder');
    const response = await apis.fetchApi.fetch(
      `${baseUrl}/capi/validate/day2`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: key,
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as Partial<Day2Check>;
    return { problems: body.problems ?? [], summary: body.summary };
  })();
  last = { key, check };
  check.catch(() => {
    if (last?.key === key) last = undefined;
  });
  return check;
}

/** Forgets the last answer (tests). */
export function forgetDay2Check(): void {
  last = undefined;
}
