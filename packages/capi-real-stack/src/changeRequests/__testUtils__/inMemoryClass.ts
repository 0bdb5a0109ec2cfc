import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../KubeClient';

/**
 * Upstream's in-memory ClusterClass and its templates (collected by
 * `scripts/real-capi.sh build`), in the given namespace.
 */
export function inMemoryClassIn(
  templatesDir: string,
  namespace: string,
): KubeObject[] {
  const text = fs.readFileSync(
    path.join(templatesDir, 'clusterclass-in-memory.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o)
    .map(o => ({ ...o, metadata: { ...o.metadata, namespace } }));
}
