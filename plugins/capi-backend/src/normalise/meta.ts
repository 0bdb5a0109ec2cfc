import { CAPSTAN_PREFIX } from '@capstan/plugin-capi-common';
import { at, intern, obj, str, stringMap, time } from './read';
import type { TrimmedMeta } from './types';

/**
 * Which annotations and labels survive trimming. Everything else (including
 * `kubectl.kubernetes.io/last-applied-configuration`) is dropped on arrival.
 *
 * @public
 */
export interface TrimOptions {
  /** Extra machine annotations to keep, e.g. the patch annotation keys. */
  keepMachineAnnotation?: (key: string) => boolean;
}

export function isCapiLabel(key: string): boolean {
  return key.startsWith(CAPSTAN_PREFIX) || key.includes('cluster.x-k8s.io/');
}

export function isCapstanKey(key: string): boolean {
  return key.startsWith(CAPSTAN_PREFIX) || key.includes(`.${CAPSTAN_PREFIX}`);
}

/**
 * Metadata every cached object keeps; undefined for objects without a
 * usable name and namespace (those are ignored as garbage).
 */
export function readMeta(
  object: unknown,
  keepLabel: (key: string) => boolean,
  keepAnnotation: (key: string) => boolean,
  options: { keepUid?: boolean } = {},
): TrimmedMeta | undefined {
  const metadata = obj(at(object, 'metadata'));
  const name = str(metadata?.name);
  const namespace = str(metadata?.namespace);
  if (!metadata || !name || !namespace) {
    return undefined;
  }
  const meta: TrimmedMeta = {
    namespace: intern(namespace),
    name,
    deleting: Boolean(time(metadata.deletionTimestamp)),
    labels: stringMap(metadata.labels, keepLabel),
    // Short annotation values (counts, flags, refs) repeat; times and paths do not.
    annotations: stringMap(metadata.annotations, keepAnnotation, 16),
  };
  const uid = str(metadata.uid);
  const createdAt = time(metadata.creationTimestamp);
  if (uid && options.keepUid) meta.uid = uid;
  if (createdAt) meta.createdAt = createdAt;
  return meta;
}

/** The name of the Cluster an object belongs to: spec, label, then owner reference. */
export function clusterNameOf(
  object: unknown,
  labels: Record<string, string>,
): string | undefined {
  const fromSpec = str(at(object, 'spec', 'clusterName'));
  if (fromSpec) {
    return intern(fromSpec);
  }
  const fromLabel = labels['cluster.x-k8s.io/cluster-name'];
  if (fromLabel) {
    return fromLabel;
  }
  const owners = at(object, 'metadata', 'ownerReferences');
  if (Array.isArray(owners)) {
    for (const owner of owners) {
      if (str(at(owner, 'kind')) === 'Cluster') {
        return str(at(owner, 'name'));
      }
    }
  }
  return undefined;
}

/** The API version part of `group/version`. */
export function versionOf(object: unknown, fallback: string): string {
  const apiVersion = str(at(object, 'apiVersion'));
  const version = apiVersion?.split('/').pop();
  return version === 'v1beta1' || version === 'v1beta2' ? version : fallback;
}
