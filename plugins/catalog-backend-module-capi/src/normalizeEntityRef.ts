import {
  DEFAULT_NAMESPACE,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The full, lower-cased form of a ref whose parts the catalog accepts, or
 * undefined. Cluster labels are written by people; don't trust them.
 */
export function normalizeEntityRef(
  ref: string,
  defaultKind?: string,
): string | undefined {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }
  const valid =
    /^[a-zA-Z][a-z0-9A-Z]*$/.test(parsed.kind) &&
    KubernetesValidatorFunctions.isValidNamespace(parsed.namespace) &&
    KubernetesValidatorFunctions.isValidObjectName(parsed.name);
  return valid ? stringifyEntityRef(parsed) : undefined;
}
