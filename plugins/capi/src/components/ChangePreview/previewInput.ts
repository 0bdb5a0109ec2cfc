/**
 * The day-2 changes whose form the scaffolder module checks and previews
 * (`POST /capi/validate/day2`: a dry run with the templates' own planning
 * code).
 */
export const PREVIEW_ACTIONS = [
  'capi-upgrade-kubernetes',
  'capi-scale-node-pool',
  'capi-decommission-cluster',
  'capi-add-node-pool',
] as const;

export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];

export type { Day2Field } from '@capstan/plugin-capi-common';

/** The check's request for a form, or why there is nothing to check yet. */
export type PreviewInput =
  | { ready: true; input: Record<string, unknown> }
  | { ready: false; reason: string };

const isCount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n);

/**
 * The add-pool form's pool (templates/add-node-pool.yaml: name, size, a
 * fixed count or autoscaling bounds, labels), checked as soon as it has a
 * name: a taken name is said on the name before the rest is filled in (what
 * is not chosen yet is the impact box's to ask for, not its field's).
 */
function addPoolInput(
  base: Record<string, unknown>,
  value: unknown,
): PreviewInput {
  const pool = (value ?? {}) as {
    name?: unknown;
    size?: unknown;
    replicas?: unknown;
    autoscaling?: { min?: unknown; max?: unknown };
    labels?: unknown;
  };
  const name = typeof pool.name === 'string' ? pool.name : '';
  if (!name) {
    return { ready: false, reason: 'Name the node pool to see the impact.' };
  }
  const { min, max } = pool.autoscaling ?? {};
  const bounds = {
    ...(isCount(min) ? { min } : {}),
    ...(isCount(max) ? { max } : {}),
  };
  return {
    ready: true,
    input: {
      ...base,
      pool: {
        name,
        size: typeof pool.size === 'string' ? pool.size : '',
        ...(isCount(pool.replicas) ? { replicas: pool.replicas } : {}),
        ...(Object.keys(bounds).length > 0 ? { autoscaling: bounds } : {}),
        ...(pool.labels && typeof pool.labels === 'object'
          ? { labels: pool.labels }
          : {}),
      },
    },
  };
}

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
  if (action === 'capi-add-node-pool') {
    return addPoolInput({ change: action, cluster, ...confirm }, form.pool);
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
