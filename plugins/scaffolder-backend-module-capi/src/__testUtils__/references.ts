import type { KubernetesObject } from '../render/types';

interface ObjectRef {
  from: string;
  apiGroup: string;
  kind: string;
  name: string;
}

type Json = Record<string, any>;

/** Every object-to-object reference of a classic cluster, as CAPI v1beta2 spells them. */
export function collectReferences(objects: KubernetesObject[]): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const o of objects as Json[]) {
    const from = `${o.kind}/${o.metadata.name}`;
    const add = (ref: Json | undefined) =>
      ref && refs.push({ from, ...(ref as any) });
    if (o.kind === 'Cluster') {
      add(o.spec.controlPlaneRef);
      add(o.spec.infrastructureRef);
    }
    if (o.kind === 'KubeadmControlPlane') {
      add(o.spec.machineTemplate.spec.infrastructureRef);
    }
    if (o.kind === 'MachineDeployment') {
      add(o.spec.template.spec.bootstrap.configRef);
      add(o.spec.template.spec.infrastructureRef);
    }
  }
  return refs;
}

/** References that point at no object of the set (by API group, kind and name). */
export function unresolvedReferences(objects: KubernetesObject[]): ObjectRef[] {
  return collectReferences(objects).filter(
    ref =>
      !objects.some(
        o =>
          o.kind === ref.kind &&
          o.metadata.name === ref.name &&
          o.apiVersion.split('/')[0] === ref.apiGroup,
      ),
  );
}
