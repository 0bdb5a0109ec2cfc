import {
  compareKubernetesVersions,
  type NodePoolSummary,
} from '@capstan/plugin-capi-common';
import type { VersionTally } from './summariseStatus';

/**
 * Classic mode raises the control plane first and the pools in a second
 * step, so a machine differs only when it does not run its own object's
 * version: control plane machines the control plane's, workers their pool's.
 */
export function classicVersionMismatch(
  tally: VersionTally,
  pools: readonly Pick<NodePoolSummary, 'name' | 'version'>[],
  controlPlaneVersion: string,
): boolean {
  const differs = (counts: { version: string }[], version: string) =>
    counts.some(c => compareKubernetesVersions(c.version, version) !== 0);
  if (differs(tally.controlPlane(), controlPlaneVersion)) return true;
  return tally
    .poolNames()
    .some(name =>
      differs(
        tally.pool(name),
        pools.find(p => p.name === name)?.version ?? controlPlaneVersion,
      ),
    );
}
