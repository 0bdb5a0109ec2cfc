import YAML from 'yaml';
import { fromV1beta1 } from '../api/conversion';
import { ResourceDefinition, ResourceRegistry } from '../api/resources';
import { KubeObject } from '../types';
import { isObj } from './threeWayMerge';

/** One object of a manifest file, as the sync will apply it. */
export interface DesiredObject {
  def: ResourceDefinition;
  obj: KubeObject;
  source: string;
}

/**
 * The objects of one YAML file under `clusters/<mc>/`: namespaced objects
 * without a namespace take it from the path, v1beta1 CAPI objects are stored
 * as v1beta2, kinds the cluster does not serve (kustomization.yaml,
 * catalog-info.yaml) are skipped; broken documents are reported in `errors`.
 */
export function parseManifestFile(
  registry: ResourceRegistry,
  path: string,
  text: string,
  errors: string[],
): DesiredObject[] {
  const desired: DesiredObject[] = [];
  let documents: YAML.Document.Parsed[];
  try {
    documents = YAML.parseAllDocuments(text) as YAML.Document.Parsed[];
  } catch (error) {
    errors.push(`${path}: ${(error as Error).message}`);
    return desired;
  }
  // clusters/<mc>/<namespace>/... gives the default namespace.
  const segments = path.split('/');
  const pathNamespace = segments.length >= 4 ? segments[2] : 'default';
  documents.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      errors.push(`${path} (document ${index + 1}): ${doc.errors[0].message}`);
      return;
    }
    const obj = doc.toJS() as KubeObject | null;
    if (!obj || typeof obj !== 'object') return;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
      errors.push(
        `${path} (document ${index + 1}): apiVersion and kind are required`,
      );
      return;
    }
    const def = registry.byApiVersionKind(obj.apiVersion, obj.kind);
    // kustomization.yaml, catalog-info.yaml and kinds this cluster doesn't serve are not applied.
    if (!def) return;
    if (!isObj(obj.metadata) || typeof obj.metadata.name !== 'string') {
      errors.push(
        `${path} (document ${index + 1}): ${obj.kind} needs metadata.name`,
      );
      return;
    }
    if (def.namespaced && !obj.metadata.namespace)
      obj.metadata.namespace = pathNamespace;
    if (!def.namespaced) delete obj.metadata.namespace;
    const version = obj.apiVersion.split('/').pop();
    const stored =
      version === 'v1beta1' && def.versions[0] === 'v1beta2'
        ? fromV1beta1(obj)
        : obj;
    desired.push({
      def,
      obj: stored,
      source: `${path} (document ${index + 1})`,
    });
  });
  return desired;
}
