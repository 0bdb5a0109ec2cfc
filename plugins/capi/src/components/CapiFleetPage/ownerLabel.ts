import { parseEntityRef } from '@backstage/catalog-model';

/**
 * A short label for an owner ref: `team-payments` for
 * `group:default/team-payments`; anything else in full.
 */
export function ownerLabel(ref: string | undefined): string {
  if (!ref) return '—';
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return kind.toLocaleLowerCase('en-US') === 'group' &&
      namespace === 'default'
      ? name
      : ref;
  } catch {
    return ref;
  }
}
