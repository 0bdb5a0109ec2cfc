import { InputError } from '@backstage/errors';

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The parts of an object that specChanged compares. */
interface ObjectParts {
  metadata?: unknown;
  status?: unknown;
}

/** Whether an update changes more than metadata and status, which raises metadata.generation. */
export function specChanged(before: ObjectParts, after: ObjectParts): boolean {
  // Generation counts changes to anything except metadata and status, as for CRDs.
  const strip = ({ metadata: _m, status: _s, ...rest }: ObjectParts) =>
    JSON.stringify(rest);
  return strip(before) !== strip(after);
}

/** Checks metadata.name the way the API server does for DNS subdomain names. */
export function checkObjectName(
  def: { kind: string },
  name: string | undefined,
): asserts name is string {
  if (!name) {
    throw new InputError(
      `a ${def.kind} needs metadata.name or metadata.generateName`,
    );
  }
  if (name.length > 253 || !NAME_PATTERN.test(name)) {
    throw new InputError(
      `${def.kind} "${name}" is invalid: metadata.name must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

/** Random characters for metadata.generateName, from the alphabet Kubernetes uses. */
export function randomSuffix(length: number): string {
  let suffix = '';
  for (let i = 0; i < length; i++) {
    suffix +=
      GENERATE_NAME_ALPHABET[
        Math.floor(Math.random() * GENERATE_NAME_ALPHABET.length)
      ];
  }
  return suffix;
}

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
