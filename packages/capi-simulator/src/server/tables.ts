import { ResourceDefinition, TableColumn } from '../api/resources';
import { KubeObject } from '../types';

/** Whether a client (kubectl) asked for server-side printing as a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function readColumn(obj: KubeObject, column: TableColumn): unknown {
  if (column.path.startsWith('conditions:')) {
    const type = column.path.slice('conditions:'.length);
    const conditions = (
      obj.status as { conditions?: Array<{ type: string; status: string }> }
    )?.conditions;
    return conditions?.find(c => c.type === type)?.status ?? null;
  }
  if (column.path.startsWith('label:')) {
    return obj.metadata.labels?.[column.path.slice('label:'.length)] ?? null;
  }
  let value: unknown = obj;
  for (const part of column.path.split('.')) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value ?? null;
}

/** Like Kubernetes' HumanDuration: 45s, 12m, 5h, 3d. */
export function humanAge(from: string | undefined, now = Date.now()): string {
  if (!from) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export function tableColumns(def: ResourceDefinition) {
  return [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the object',
      priority: 0,
    },
    ...(def.columns ?? []).map(c => ({
      name: c.name,
      type: c.type,
      format: '',
      description: '',
      priority: c.priority ?? 0,
    })),
    {
      name: 'Age',
      type: 'string',
      format: '',
      description: 'Time since creation',
      priority: 0,
    },
  ];
}

export function tableRow(def: ResourceDefinition, obj: KubeObject) {
  return {
    cells: [
      obj.metadata.name,
      ...(def.columns ?? []).map(c => readColumn(obj, c)),
      humanAge(obj.metadata.creationTimestamp),
    ],
    object: {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: obj.metadata,
    },
  };
}

export function table(
  def: ResourceDefinition,
  objects: KubeObject[],
  listMeta: Record<string, unknown>,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: tableColumns(def),
    rows: objects.map(obj => tableRow(def, obj)),
  };
}
