import { parseEntityRef } from '@backstage/catalog-model';
import {
  CLUSTER_ANNOTATIONS,
  CLUSTER_LABELS,
  toLabelValue,
} from './annotations';

/**
 * The owner and entity labels the scaffolder puts on every Cluster it
 * creates, and how the backend reads them back: one mapping, written once.
 * Label values hold entity ref parts made label-safe (`Team A` →
 * `Team-A-<hash>`); the full refs go into annotations, which win on reading.
 */

/**
 * Labels for a cluster's owner (a group ref) and the entity that asked for it.
 *
 * @public
 */
export function clusterOwnershipLabels(
  ownerRef: string,
  entityRef?: string,
): Record<string, string> {
  const owner = parseEntityRef(ownerRef);
  const labels: Record<string, string> = {
    [CLUSTER_LABELS.owner]: toLabelValue(owner.name),
  };
  if (entityRef) {
    const entity = parseEntityRef(entityRef);
    labels[CLUSTER_LABELS.entityKind] = toLabelValue(
      entity.kind.toLocaleLowerCase('en-US'),
    );
    labels[CLUSTER_LABELS.entityNamespace] = toLabelValue(entity.namespace);
    labels[CLUSTER_LABELS.entityName] = toLabelValue(entity.name);
  }
  return labels;
}

/**
 * The entity ref the split entity labels spell, lower case; undefined
 * without kind and name.
 *
 * @public
 */
export function entityRefFromClusterLabels(
  labels: Record<string, string>,
): string | undefined {
  const kind = labels[CLUSTER_LABELS.entityKind];
  const name = labels[CLUSTER_LABELS.entityName];
  if (!kind || !name) return undefined;
  const namespace = labels[CLUSTER_LABELS.entityNamespace] || 'default';
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The owner ref of a cluster: the owner annotation, else the owner label
 * read as a group in the default namespace; lower case.
 *
 * @public
 */
export function ownerRefFromCluster(metadata: {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}): string | undefined {
  const fromAnnotation = metadata.annotations[CLUSTER_ANNOTATIONS.ownerRef];
  if (fromAnnotation) return fromAnnotation.toLocaleLowerCase('en-US');
  const label = metadata.labels[CLUSTER_LABELS.owner];
  return label
    ? `group:default/${label}`.toLocaleLowerCase('en-US')
    : undefined;
}

/**
 * Labels for the System a cluster belongs to (a system ref): its namespace
 * and name, so the catalog's cluster entity can name its `spec.system` from
 * the Cluster's labels alone. The full ref also goes into
 * `CLUSTER_ANNOTATIONS.systemRef`.
 *
 * @public
 */
export function clusterSystemLabels(systemRef: string): Record<string, string> {
  const system = parseEntityRef(systemRef, { defaultKind: 'system' });
  return {
    [CLUSTER_LABELS.systemNamespace]: toLabelValue(system.namespace),
    [CLUSTER_LABELS.systemName]: toLabelValue(system.name),
  };
}

/**
 * The System ref of a cluster, lower case: the system annotation when the
 * caller has the annotations, else the system labels; undefined without a
 * system name.
 *
 * @public
 */
export function systemRefFromCluster(metadata: {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}): string | undefined {
  const annotated = metadata.annotations?.[CLUSTER_ANNOTATIONS.systemRef];
  if (annotated) return annotated.toLocaleLowerCase('en-US');
  const name = metadata.labels[CLUSTER_LABELS.systemName];
  if (!name) return undefined;
  const namespace =
    metadata.labels[CLUSTER_LABELS.systemNamespace] || 'default';
  return `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
}
