import Ajv, { type ValidateFunction } from 'ajv';
import type {
  ClusterClassSummary,
  VariableSchema,
} from '@capstan/plugin-capi-common';

/** One variable value Capstan writes into a Cluster's topology, and where. */
export interface WrittenVariable {
  name: string;
  value: unknown;
  /** `cluster`, `control plane override` or `node pool <name> override`. */
  where: string;
}

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every variable a rendered or edited Cluster sets in `spec.topology`. */
export function writtenVariables(cluster: unknown): WrittenVariable[] {
  const topology = isObject(cluster)
    ? (cluster.spec as Json | undefined)?.topology
    : undefined;
  if (!isObject(topology)) return [];
  const result: WrittenVariable[] = [];
  const add = (entries: unknown, where: string) => {
    for (const e of list(entries)) {
      if (isObject(e) && typeof e.name === 'string') {
        result.push({ name: e.name, value: e.value, where });
      }
    }
  };
  add(topology.variables, 'cluster');
  const cp = isObject(topology.controlPlane) ? topology.controlPlane : {};
  add(
    isObject(cp.variables) ? cp.variables.overrides : undefined,
    'control plane override',
  );
  const workers = isObject(topology.workers) ? topology.workers : {};
  for (const md of list(workers.machineDeployments)) {
    if (!isObject(md)) continue;
    add(
      isObject(md.variables) ? md.variables.overrides : undefined,
      `node pool ${String(md.name)} override`,
    );
  }
  return result;
}

/**
 * Checks variable values against a ClusterClass's OpenAPI schemas with a
 * JSON-schema validator (Kubernetes' `x-kubernetes-*` extensions and
 * unknown formats are ignored, as they are not JSON-schema keywords).
 */
export class TopologyVariableValidator {
  readonly #ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    logger: false,
  });
  readonly #compiled = new Map<string, ValidateFunction>();

  #validator(schema: VariableSchema): ValidateFunction {
    const key = JSON.stringify(schema);
    let fn = this.#compiled.get(key);
    if (!fn) {
      fn = this.#ajv.compile(schema);
      this.#compiled.set(key, fn);
    }
    return fn;
  }

  /** Problems in plain words, each naming the variable and the class; empty when all is well. */
  problems(
    clusterClass: ClusterClassSummary,
    written: readonly WrittenVariable[],
  ): string[] {
    const className = `ClusterClass "${clusterClass.name}" (${clusterClass.managementCluster}/${clusterClass.namespace})`;
    const definitions = new Map(clusterClass.variables.map(v => [v.name, v]));
    const problems: string[] = [];
    for (const w of written) {
      const definition = definitions.get(w.name);
      if (!definition) {
        problems.push(
          `variable "${w.name}" (${
            w.where
          }) is not defined by ${className}; it defines ${
            [...definitions.keys()].sort().join(', ') || 'no variables'
          }`,
        );
        continue;
      }
      let validate: ValidateFunction;
      try {
        validate = this.#validator(definition.schema);
      } catch (error) {
        problems.push(
          `variable "${
            w.name
          }" cannot be checked: the schema ${className} gives it is invalid (${
            (error as Error).message
          })`,
        );
        continue;
      }
      if (!validate(w.value)) {
        const why = (validate.errors ?? [])
          .map(e => `${e.instancePath || 'the value'} ${e.message}`)
          .join('; ');
        problems.push(
          `variable "${w.name}" (${w.where}) does not match the schema of ${className}: ${why}`,
        );
      }
    }
    const setOnCluster = new Set(
      written.filter(w => w.where === 'cluster').map(w => w.name),
    );
    for (const definition of clusterClass.variables) {
      if (
        definition.required &&
        !setOnCluster.has(definition.name) &&
        definition.schema.default === undefined
      ) {
        problems.push(
          `variable "${definition.name}" is required by ${className} but not set (add it to the profile's clusterClass.variables)`,
        );
      }
    }
    return problems;
  }
}
