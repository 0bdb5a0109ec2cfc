import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ClusterProfileSummary } from '@capstan/plugin-capi-common';
import {
  readClusterProfiles,
  readGitopsConfig,
  toProfileSummary,
} from '@capstan/plugin-capi-node';
import { readPatchAnnotationKeys } from './AnnotationPatchStateProvider';
import { readOptionalDuration } from './duration';
import type { FleetCacheOptions } from './FleetCache';
import { readManagementClusters } from './ManagementClusterConfig';

/**
 * Everything the plugin reads from `capi.*`, checked at startup so that a
 * bad value stops the backend with a message naming the key.
 *
 * @public
 */
export interface CapiBackendConfig {
  cache: Omit<
    FleetCacheOptions,
    'logger' | 'patchStateProviders' | 'onHealthChange'
  >;
  profiles: ClusterProfileSummary[];
  signalsDebounceMs?: number;
  complianceRetentionMs?: number;
  complianceSchedule: SchedulerServiceTaskScheduleDefinition;
}

/** @public */
export function readCapiBackendConfig(config: Config): CapiBackendConfig {
  const duration = (key: string) => readOptionalDuration(config, key);
  const profiles = readClusterProfiles(config);
  const schedule = config.getOptionalConfig('capi.compliance.schedule');
  return {
    cache: {
      managementClusters: readManagementClusters(config),
      staleAfterMs: duration('capi.staleAfter'),
      rediscoverIntervalMs: duration('capi.watch.rediscoverInterval'),
      timings: {
        restartIntervalMs: duration('capi.watch.restartInterval'),
        pageSize: config.getOptionalNumber('capi.watch.pageSize'),
        initialBackoffMs: duration('capi.watch.initialBackoff'),
        maxBackoffMs: duration('capi.watch.maxBackoff'),
      },
      patchAnnotations: readPatchAnnotationKeys(config),
      securityOverdueAfterMs: duration(
        'capi.patch.policy.securityOverdueAfter',
      ),
      updatesOverdueAfterMs: duration('capi.patch.policy.updatesOverdueAfter'),
      profiles,
      gitops: readGitopsConfig(config),
    },
    profiles: profiles.map(toProfileSummary),
    signalsDebounceMs: duration('capi.signals.debounce'),
    complianceRetentionMs: duration('capi.compliance.retention'),
    complianceSchedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : {
          frequency: { minutes: 15 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
        },
  };
}
