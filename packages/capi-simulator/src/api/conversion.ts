import { KubeObject } from '../types';

/**
 * Converts the fields the Capstan plugins read between CAPI v1beta2 (storage)
 * and the deprecated v1beta1: conditions, replica counters, phase-related
 * initialization flags, topology class and object references. Everything else
 * passes through unchanged.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** API versions of the kinds a reference may point to, for v1beta1's apiVersion-based refs. */
const REFERENCE_VERSIONS: Record<string, string> = {
  'cluster.x-k8s.io': 'v1beta2',
  'controlplane.cluster.x-k8s.io': 'v1beta2',
  'bootstrap.cluster.x-k8s.io': 'v1beta2',
  'infrastructure.cluster.x-k8s.io': 'v1beta1',
};

function refToV1beta1(ref: unknown, namespace: string | undefined): unknown {
  if (!isObj(ref) || typeof ref.apiGroup !== 'string') return ref;
  const { apiGroup, ...rest } = ref;
  const version =
    rest.kind && String(rest.kind).startsWith('Dev')
      ? 'v1beta2'
      : REFERENCE_VERSIONS[apiGroup] ?? 'v1beta1';
  return {
    apiVersion: `${apiGroup}/${version}`,
    ...rest,
    ...(namespace ? { namespace } : {}),
  };
}

function refToV1beta2(ref: unknown): unknown {
  if (!isObj(ref) || typeof ref.apiVersion !== 'string') return ref;
  const {
    apiVersion,
    namespace: _namespace,
    uid: _uid,
    resourceVersion: _rv,
    fieldPath: _fp,
    ...rest
  } = ref;
  return { apiGroup: apiVersion.split('/')[0], ...rest };
}

const V1BETA1_COUNTERS = [
  'readyReplicas',
  'availableReplicas',
  'updatedReplicas',
  'unavailableReplicas',
];
const V1BETA2_COUNTERS = [
  'readyReplicas',
  'availableReplicas',
  'upToDateReplicas',
];

function statusToV1beta1(kind: string, status: Obj): Obj {
  const { conditions, deprecated, initialization, ...rest } = status;
  const legacy =
    isObj(deprecated) && isObj(deprecated.v1beta1) ? deprecated.v1beta1 : {};
  const out: Obj = { ...rest };
  const v1beta2: Obj = {};
  if (conditions !== undefined) v1beta2.conditions = conditions;
  if (legacy.conditions !== undefined) out.conditions = legacy.conditions;
  else delete out.conditions;

  if (kind === 'Cluster') {
    for (const key of ['controlPlane', 'workers']) {
      if (out[key] !== undefined) {
        v1beta2[key] = out[key];
        delete out[key];
      }
    }
  } else if (V1BETA2_COUNTERS.some(k => out[k] !== undefined)) {
    for (const key of V1BETA2_COUNTERS) {
      if (out[key] !== undefined) v1beta2[key] = out[key];
      delete out[key];
    }
    for (const key of V1BETA1_COUNTERS) {
      if (legacy[key] !== undefined) out[key] = legacy[key];
    }
  }
  if (isObj(initialization)) {
    if (kind === 'Cluster') {
      out.infrastructureReady =
        initialization.infrastructureProvisioned === true;
      out.controlPlaneReady = initialization.controlPlaneInitialized === true;
    } else if (kind === 'Machine') {
      out.infrastructureReady =
        initialization.infrastructureProvisioned === true;
      out.bootstrapReady = initialization.bootstrapDataSecretCreated === true;
    } else if (kind === 'KubeadmControlPlane') {
      out.initialized = initialization.controlPlaneInitialized === true;
    }
  }
  if (
    kind === 'KubeadmControlPlane' &&
    isObj(legacy) &&
    legacy.ready !== undefined
  ) {
    out.ready = legacy.ready;
  }
  if (kind === 'Machine' && isObj(out.nodeRef)) {
    out.nodeRef = { apiVersion: 'v1', kind: 'Node', ...out.nodeRef };
  }
  if (Object.keys(v1beta2).length > 0) out.v1beta2 = v1beta2;
  return out;
}

function statusToV1beta2(kind: string, status: Obj): Obj {
  const {
    conditions,
    v1beta2,
    infrastructureReady,
    controlPlaneReady,
    bootstrapReady,
    initialized,
    ready,
    ...rest
  } = status;
  const next = isObj(v1beta2) ? v1beta2 : {};
  const out: Obj = { ...rest };
  const legacy: Obj = {};
  if (conditions !== undefined) legacy.conditions = conditions;
  if (next.conditions !== undefined) out.conditions = next.conditions;
  if (kind === 'Cluster') {
    if (next.controlPlane !== undefined) out.controlPlane = next.controlPlane;
    if (next.workers !== undefined) out.workers = next.workers;
    out.initialization = {
      infrastructureProvisioned: infrastructureReady === true,
      controlPlaneInitialized: controlPlaneReady === true,
    };
  } else {
    const hadCounters =
      V1BETA1_COUNTERS.some(k => out[k] !== undefined) ||
      V1BETA2_COUNTERS.some(k => next[k] !== undefined);
    if (hadCounters) {
      for (const key of V1BETA1_COUNTERS) {
        if (out[key] !== undefined) legacy[key] = out[key];
        delete out[key];
      }
      for (const key of V1BETA2_COUNTERS) {
        if (next[key] !== undefined) out[key] = next[key];
      }
    }
    if (kind === 'Machine') {
      out.initialization = {
        infrastructureProvisioned: infrastructureReady === true,
        bootstrapDataSecretCreated: bootstrapReady === true,
      };
      if (isObj(out.nodeRef)) out.nodeRef = { name: out.nodeRef.name };
    }
    if (kind === 'KubeadmControlPlane') {
      out.initialization = { controlPlaneInitialized: initialized === true };
      if (ready !== undefined) legacy.ready = ready;
    }
  }
  if (Object.keys(legacy).length > 0) out.deprecated = { v1beta1: legacy };
  return out;
}

function convertSpecRefs(spec: Obj, convert: (ref: unknown) => unknown) {
  for (const key of ['controlPlaneRef', 'infrastructureRef']) {
    if (spec[key] !== undefined) spec[key] = convert(spec[key]);
  }
  const bootstrap = spec.bootstrap;
  if (isObj(bootstrap) && bootstrap.configRef !== undefined) {
    spec.bootstrap = { ...bootstrap, configRef: convert(bootstrap.configRef) };
  }
  const template = spec.template;
  if (isObj(template) && isObj(template.spec)) {
    const templateSpec = { ...template.spec };
    convertSpecRefs(templateSpec, convert);
    spec.template = { ...template, spec: templateSpec };
  }
}

/** The stored (v1beta2) object as a v1beta1 client sees it. */
export function toV1beta1(obj: KubeObject): KubeObject {
  const kind = obj.kind ?? '';
  const group = (obj.apiVersion ?? '').split('/')[0];
  const out: KubeObject = { ...obj, apiVersion: `${group}/v1beta1` };
  const namespace = obj.metadata.namespace;
  if (isObj(obj.spec)) {
    const spec: Obj = { ...obj.spec };
    convertSpecRefs(spec, ref => refToV1beta1(ref, namespace));
    if (kind === 'Cluster' && isObj(spec.topology)) {
      const { classRef, ...topology } = spec.topology;
      if (isObj(classRef)) {
        topology.class = classRef.name;
        if (classRef.namespace) topology.classNamespace = classRef.namespace;
      }
      spec.topology = topology;
    }
    out.spec = spec;
  }
  if (isObj(obj.status)) out.status = statusToV1beta1(kind, obj.status);
  return out;
}

/** A v1beta1 object as written by a client, in the v1beta2 shape the store keeps. */
export function fromV1beta1(obj: KubeObject): KubeObject {
  const kind = obj.kind ?? '';
  const group = (obj.apiVersion ?? '').split('/')[0];
  const out: KubeObject = { ...obj, apiVersion: `${group}/v1beta2` };
  if (isObj(obj.spec)) {
    const spec: Obj = { ...obj.spec };
    convertSpecRefs(spec, refToV1beta2);
    if (kind === 'Cluster' && isObj(spec.topology)) {
      const { class: className, classNamespace, ...topology } = spec.topology;
      if (typeof className === 'string') {
        topology.classRef = {
          name: className,
          ...(classNamespace ? { namespace: classNamespace } : {}),
        };
      }
      spec.topology = topology;
    }
    out.spec = spec;
  }
  if (isObj(obj.status)) out.status = statusToV1beta2(kind, obj.status);
  return out;
}
