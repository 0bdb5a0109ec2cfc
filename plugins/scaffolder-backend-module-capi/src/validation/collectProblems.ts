import { InputError } from '@backstage/errors';

/** Throws one InputError listing every problem, or returns when there are none. */
export function throwIfProblems(what: string, problems: string[]): void {
  if (problems.length > 0) {
    throw new InputError(
      `${what}: ${problems.length} problem${
        problems.length > 1 ? 's' : ''
      }: ${problems
        .map(p => `- ${p}`)
        .join('\n')
        .replace(/^/, '\n')}`,
    );
  }
}
