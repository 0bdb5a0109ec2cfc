/**
 * The day-2 changes whose form the scaffolder module checks and previews
 * (`POST /capi/validate/day2`: a dry run with the templates' own planning
 * code).
 */
export const PREVIEW_ACTIONS = [
  'capi-upgrade-kubernetes',
  'capi-scale-node-pool',
  'capi-decommission-cluster',
] as const;

export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];

export type { Day2Field } from '@capstan/plugin-capi-common';

/** The check's request for a form, or why there is nothing to check yet. */
export type PreviewInput =
  | { ready: true; input: Record<string, unknown> }
  | { ready: false; reason: string };

const isCount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n);

/** Maps a template's own fields (templates/*.yaml) to the day-2 check's request. */
export function previewInput(
  action: PreviewAction,
  form: Record<string, unknown>,
): PreviewInput {
  const cluster = typeof form.cluster === 'string' ? form.cluster : '';
  if (!cluster) {
    return { ready: false, reason: 'Choose a cluster to see the impact.' };
  }
  const confirm =
    form.confirmConcurrentChange === true
      ? { confirmConcurrentChange: true }
      : {};
  if (action === 'capi-decommission-cluster') {
    return { ready: true, input: { change: action, cluster } };
  }
  if (action === 'capi-upgrade-kubernetes') {
    const version = form.kubernetesVersion;
    return typeof version === 'string' && version
      ? {
          ready: true,
          input: {
            change: action,
            cluster,
            kubernetesVersion: version,
            ...confirm,
          },
        }
      : { ready: false, reason: 'Choose a version to see the impact.' };
  }
  const pool = typeof form.pool === 'string' ? form.pool : '';
  if (!pool) {
    return { ready: false, reason: 'Choose a node pool to see the impact.' };
  }
  const base = { change: action, cluster, pool, ...confirm };
  if (form.scaling === 'autoscaled') {
    const bounds = (form.autoscaling ?? {}) as { min?: unknown; max?: unknown };
    return isCount(bounds.min) && isCount(bounds.max)
      ? {
          ready: true,
          input: { ...base, autoscaling: { min: bounds.min, max: bounds.max } },
        }
      : {
          ready: false,
          reason: 'Enter the minimum and maximum to see the impact.',
        };
  }
  return isCount(form.replicas)
    ? { ready: true, input: { ...base, replicas: form.replicas } }
    : {
        ready: false,
        reason: 'Enter the number of machines to see the impact.',
      };
}
