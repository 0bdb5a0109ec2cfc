import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ResourceDefinition } from '../api/resources';
import { KubeStatusError } from './status';

export type Access = 'full' | 'read' | 'restricted';

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** The Kubernetes verb of a resource request, as RBAC names it. */
export function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function sameSecret(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** Which of the management cluster's tokens the request's bearer token is, if any. */
export function accessOf(
  req: IncomingMessage,
  tokens: Record<Access, string>,
): Access | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const token = match[1].trim();
  for (const access of ['full', 'read', 'restricted'] as const) {
    if (sameSecret(token, tokens[access])) return access;
  }
  return undefined;
}

/** Throws the `403 Forbidden` Status kube-apiserver answers when RBAC refuses the verb. */
export function authorize(
  access: Access,
  verb: string,
  def: ResourceDefinition,
  namespace?: string,
  subresource?: string,
) {
  const capiGroup = def.group.endsWith('cluster.x-k8s.io');
  const allowed =
    access === 'full' ||
    (access === 'read' && READ_VERBS.has(verb)) ||
    (access === 'restricted' && READ_VERBS.has(verb) && !capiGroup);
  if (!allowed) {
    const user =
      access === 'read'
        ? 'capi-simulator:read-only'
        : 'capi-simulator:restricted';
    const resource = subresource ? `${def.plural}/${subresource}` : def.plural;
    const scope = namespace
      ? `in the namespace "${namespace}"`
      : 'at the cluster scope';
    const qualified = def.group ? `${def.plural}.${def.group}` : def.plural;
    throw new KubeStatusError(
      403,
      'Forbidden',
      `${qualified} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${scope}`,
      { group: def.group, kind: def.plural },
    );
  }
}
