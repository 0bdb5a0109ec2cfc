import type {
  ClusterCondition,
  ClusterSummary,
} from '@capstan/plugin-capi-common';

/**
 * What the parity test compares of capi-backend's read model of one cluster,
 * flattened to `path → value` so two records diff field by field: phases,
 * conditions (type, status, reason), replica counters, versions, headline and
 * status. Times, messages, names with random suffixes and ids are left out:
 * they differ between any two runs of the same controllers.
 */
export type ReadModelRecord = Record<string, string>;

/** The record of a cluster the backend no longer has. */
export const ABSENT: ReadModelRecord = { cluster: 'absent' };

function condition(c: ClusterCondition | undefined): string {
  if (!c) return 'none';
  return `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`;
}

function conditions(
  into: ReadModelRecord,
  prefix: string,
  list: ClusterCondition[],
) {
  for (const c of list) {
    into[`${prefix}.conditions.${c.type}`] = `${c.status}${
      c.reason ? `/${c.reason}` : ''
    }`;
  }
}

function value(v: string | number | boolean | undefined): string {
  return v === undefined ? 'unset' : String(v);
}

/** Flattens a cluster's read model for comparison. */
export function recordOf(summary: ClusterSummary | undefined): ReadModelRecord {
  if (!summary) return { ...ABSENT };
  const r: ReadModelRecord = {
    cluster: 'present',
    phase: value(summary.phase),
    status: value(summary.status),
    headline: condition(summary.headline),
    desiredVersion: value(summary.desiredVersion),
    actualVersion: value(summary.actualVersion),
    runningVersions: summary.runningVersions.join(','),
    rollingOut: value(summary.rollingOut),
    clusterClass: value(summary.clusterClass),
  };
  conditions(r, 'cluster', summary.conditions);

  const cp = summary.controlPlane;
  r['controlPlane.kind'] = value(cp.kind);
  r['controlPlane.replicas'] = `desired ${value(cp.desiredReplicas)}, ${
    cp.replicas
  } / ready ${cp.readyReplicas} / available ${
    cp.availableReplicas
  } / upToDate ${cp.upToDateReplicas}`;
  r['controlPlane.version'] = value(cp.version);
  r['controlPlane.initialized'] = value(cp.initialized);
  r['controlPlane.available'] = value(cp.available);

  for (const pool of summary.nodePools) {
    const p = `pool ${pool.name}`;
    r[`${p}.class`] = value(pool.class);
    r[`${p}.replicas`] = `desired ${value(pool.desiredReplicas)}, ${
      pool.replicas
    } / ready ${pool.readyReplicas} / available ${
      pool.availableReplicas
    } / upToDate ${pool.upToDateReplicas}`;
    r[`${p}.version`] = value(pool.version);
    r[`${p}.phase`] = value(pool.phase);
    r[`${p}.status`] = value(pool.status);
    r[`${p}.rollingOut`] = value(pool.rollingOut);
    r[`${p}.headline`] = condition(pool.headline);
    conditions(r, p, pool.conditions);
  }

  // Machines by what they are, not by their (random) names.
  const machines = new Map<string, number>();
  for (const m of summary.machines) {
    const key = `machines ${m.controlPlane ? 'control plane' : m.pool}`;
    const what = `${m.phase} ${value(m.version)} kubelet ${value(
      m.kubeletVersion,
    )} upToDate ${value(m.upToDate)} node ${m.nodeName ? 'yes' : 'no'}`;
    const k = `${key}: ${what}`;
    machines.set(k, (machines.get(k) ?? 0) + 1);
  }
  for (const [k, n] of [...machines].sort(([a], [b]) => a.localeCompare(b))) {
    const [key, what] = k.split(': ');
    r[key] = r[key] ? `${r[key]}; ${n}× ${what}` : `${n}× ${what}`;
  }
  return r;
}

/** One field that differs: `<step> <path>: real <a>, simulator <b>`. */
export function differencesOf(
  step: string,
  real: ReadModelRecord,
  simulator: ReadModelRecord,
): string[] {
  const keys = [...new Set([...Object.keys(real), ...Object.keys(simulator)])];
  return keys
    .sort()
    .filter(k => real[k] !== simulator[k])
    .map(
      k =>
        `${step} ${k}: real ${real[k] ?? 'missing'}, simulator ${
          simulator[k] ?? 'missing'
        }`,
    );
}

/**
 * Phases and statuses one side showed during a step and the other never did:
 * `<step> seen <phase|status> <value>: real yes|no, simulator yes|no`.
 */
export function transitionDifferencesOf(
  step: string,
  real: { phases: string[]; statuses: string[] },
  simulator: { phases: string[]; statuses: string[] },
): string[] {
  const out: string[] = [];
  for (const what of ['phase', 'status'] as const) {
    const a = new Set(what === 'phase' ? real.phases : real.statuses);
    const b = new Set(what === 'phase' ? simulator.phases : simulator.statuses);
    for (const v of [...new Set([...a, ...b])].sort()) {
      if (a.has(v) !== b.has(v)) {
        out.push(
          `${step} seen ${what} ${v}: real ${
            a.has(v) ? 'yes' : 'no'
          }, simulator ${b.has(v) ? 'yes' : 'no'}`,
        );
      }
    }
  }
  return out;
}
