import { Document } from 'yaml';
import type { KubernetesObject } from './types';

/**
 * Options that keep long strings on one line, never emit anchors, and quote
 * strings that YAML 1.1 readers (Kubernetes' go-yaml, hence Argo CD and
 * kubectl) would take for booleans or numbers, such as `on` or `yes`.
 */
export const YAML_OPTIONS = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
  version: '1.1',
} as const;

/**
 * A multi-document YAML stream built from objects by the YAML library, so
 * no input value can add structure.
 */
export function serializeManifests(
  objects: KubernetesObject[],
  header?: string,
): string {
  return objects
    .map((object, index) => {
      const doc = new Document(object, YAML_OPTIONS);
      if (index === 0 && header) {
        doc.commentBefore = header;
      }
      return doc.toString(YAML_OPTIONS);
    })
    .join('---\n');
}
