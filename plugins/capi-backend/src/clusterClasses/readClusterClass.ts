import type {
  ClusterClassSummary,
  ClusterClassVariable,
  VariableSchema,
} from '@capstan/plugin-capi-common';

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function schemaOf(holder: unknown): VariableSchema | undefined {
  const schema = isObject(holder) ? holder.schema : undefined;
  const openApi = isObject(schema) ? schema.openAPIV3Schema : undefined;
  return isObject(openApi) ? openApi : undefined;
}

/**
 * The variables of a ClusterClass (v1beta2 or v1beta1): `status.variables`,
 * where CAPI merges inline and external definitions (the inline one first),
 * else `spec.variables` for a class CAPI has not reconciled yet.
 */
export function readClusterClass(
  managementCluster: string,
  object: unknown,
): ClusterClassSummary | undefined {
  if (!isObject(object) || !isObject(object.metadata)) return undefined;
  const { name, namespace } = object.metadata;
  if (typeof name !== 'string' || typeof namespace !== 'string')
    return undefined;
  const variables: ClusterClassVariable[] = [];
  const status = isObject(object.status) ? object.status : {};
  if (Array.isArray(status.variables)) {
    for (const v of status.variables) {
      if (!isObject(v) || typeof v.name !== 'string') continue;
      const definitions = Array.isArray(v.definitions)
        ? v.definitions.filter(isObject)
        : [];
      const chosen =
        definitions.find(d => d.from === 'inline') ?? definitions[0];
      const schema = schemaOf(chosen);
      if (!chosen || !schema) continue;
      variables.push({
        name: v.name,
        required: chosen.required === true,
        schema,
        from: typeof chosen.from === 'string' ? chosen.from : undefined,
        definitionsConflict: v.definitionsConflict === true || undefined,
      });
    }
  } else {
    const spec = isObject(object.spec) ? object.spec : {};
    for (const v of Array.isArray(spec.variables) ? spec.variables : []) {
      const schema = schemaOf(v);
      if (!isObject(v) || typeof v.name !== 'string' || !schema) continue;
      variables.push({
        name: v.name,
        required: v.required === true,
        schema,
        from: 'inline',
      });
    }
  }
  return { managementCluster, namespace, name, variables };
}
