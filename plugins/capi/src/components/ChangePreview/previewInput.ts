/**
 * The day-2 changes whose impact the scaffolder module previews: the
 * actions-registry actions it registers (dry run, same planning code as the
 * templates' actions).
 */
export const PREVIEW_ACTIONS = [
  'capi-upgrade-kubernetes',
  'capi-scale-node-pool',
] as const;

export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];

/** The action input for a form, or why there is nothing to preview yet. */
export type PreviewInput =
  | { ready: true; input: Record<string, string | number> }
  | { ready: false; reason: string };

/** Maps a template's own fields (templates/*.yaml) to the preview action's input. */
export function previewInput(
  action: PreviewAction,
  form: Record<string, unknown>,
): PreviewInput {
  const cluster = typeof form.cluster === 'string' ? form.cluster : '';
  if (!cluster) {
    return { ready: false, reason: 'Choose a cluster to see the impact.' };
  }
  if (action === 'capi-upgrade-kubernetes') {
    const version = form.kubernetesVersion;
    return typeof version === 'string' && version
      ? { ready: true, input: { cluster, kubernetesVersion: version } }
      : { ready: false, reason: 'Choose a version to see the impact.' };
  }
  const pool = typeof form.pool === 'string' ? form.pool : '';
  if (!pool) {
    return { ready: false, reason: 'Name the node pool to see the impact.' };
  }
  if (form.scaling === 'autoscaled') {
    return {
      ready: false,
      reason:
        'Autoscaling bounds change no machine now: the autoscaler adds or removes machines within them.',
    };
  }
  return typeof form.replicas === 'number'
    ? { ready: true, input: { cluster, pool, replicas: form.replicas } }
    : {
        ready: false,
        reason: 'Enter the number of machines to see the impact.',
      };
}
