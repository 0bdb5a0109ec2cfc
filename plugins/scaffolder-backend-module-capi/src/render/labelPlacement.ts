import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeLabelPlacement,
  placePoolLabels,
} from '@capstan/plugin-capi-common';

/**
 * Tells the task log where each pool label ends up: on the MachineDeployment
 * and its Machines only, or on the Nodes too (capi-common's `placePoolLabels`).
 */
export function logLabelPlacements(
  logger: Pick<LoggerService, 'info' | 'warn'>,
  pools: ReadonlyArray<{ name: string; labels?: Record<string, string> }>,
): void {
  for (const pool of pools) {
    for (const placement of placePoolLabels(pool.labels)) {
      const line = `Node pool ${pool.name}: label ${describeLabelPlacement(
        placement,
      )}.`;
      if (placement.reachesNodes) {
        logger.info(line);
      } else {
        logger.warn(line);
      }
    }
  }
}
