import { Document } from 'yaml';
import type { KubernetesObject } from './types';

/** Options that keep long strings on one line and never emit anchors. */
export const YAML_OPTIONS = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
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
