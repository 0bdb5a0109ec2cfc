import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readOptionalDuration } from '../services/duration';
import type { ArgoCdWatchSettings } from './ArgoApplicationWatcher';

/** Drift and Argo CD settings, from `capi.drift`, `capi.argocd` and each management cluster's `argocd`. */
export interface DriftSettings {
  /** Default 2 minutes. */
  gracePeriodMs: number;
  /** Argo CD settings of each management cluster where Argo CD is read. */
  argocd: Map<string, ArgoCdWatchSettings>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function readDriftSettings(config: Config): DriftSettings {
  const gracePeriodMs =
    readOptionalDuration(config, 'capi.drift.gracePeriod') ?? 2 * 60_000;
  const enabled = config.getOptionalBoolean('capi.argocd.enabled') ?? false;
  const namespace = config.getOptionalString('capi.argocd.namespace');
  const argocd = new Map<string, ArgoCdWatchSettings>();
  const check = (ns: string | undefined, key: string) => {
    if (ns !== undefined && !DNS_LABEL.test(ns)) {
      throw new InputError(`${key} must be a namespace name, got "${ns}"`);
    }
    return ns;
  };
  check(namespace, 'capi.argocd.namespace');
  const entries =
    config.getOptionalConfigArray('capi.managementClusters') ?? [];
  entries.forEach((entry, i) => {
    const name = entry.getString('name');
    const own = entry.getOptionalConfig('argocd');
    const on = own?.getOptionalBoolean('enabled') ?? (own ? true : enabled);
    if (!on) return;
    const ns = check(
      own?.getOptionalString('namespace'),
      `capi.managementClusters[${i}].argocd.namespace`,
    );
    argocd.set(name, { namespace: ns ?? namespace });
  });
  return { gracePeriodMs, argocd };
}
