import {
  changeRequestStageInWords,
  type ChangeRequestKind,
  type ChangeRequestStage,
  type ClusterRef,
} from '@capstan/plugin-capi-common';

// The sentences the capi actions write to the task log and into their
// errors: names in words, never a kind or stage id alone.

/**
 * A cluster in a task log sentence: its name, then where it lives (names are
 * unique per namespace only, so the place tells two alike apart).
 */
export function clusterInWords(ref: ClusterRef): string {
  return `cluster ${ref.name} (namespace ${ref.namespace}, management cluster ${ref.managementCluster})`;
}

function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What `capi:cluster:render` wrote, as one sentence of the task log. */
export function renderedText(options: {
  ref: ClusterRef;
  path: string;
  kinds: string[];
  fileCount: number;
  clusterClass?: string;
}): string {
  const { ref, path, kinds, fileCount, clusterClass } = options;
  const what = clusterClass
    ? `a Cluster that ClusterClass ${clusterClass} expands into its control plane and node pools`
    : `${countOf(kinds.length, 'object', 'objects')} (${kinds.join(', ')})`;
  return `Rendered the definition of ${clusterInWords(
    ref,
  )}: ${what}, in ${countOf(fileCount, 'file', 'files')} under ${path}.`;
}

const CHANGE_KINDS: Record<ChangeRequestKind, string> = {
  create: 'creation',
  upgrade: 'Kubernetes upgrade',
  'add-pool': 'new node pool',
  'update-pool': 'node pool change',
  'remove-pool': 'node pool removal',
  decommission: 'decommissioning',
};

/** A change request's kind in words: `add-pool` → "new node pool". */
export function changeKindInWords(kind: ChangeRequestKind): string {
  return CHANGE_KINDS[kind] ?? kind;
}

/** A change request's stage in words: `rolling-out` → "rolling out". */
export function stageInWords(stage: ChangeRequestStage): string {
  return changeRequestStageInWords(stage);
}
