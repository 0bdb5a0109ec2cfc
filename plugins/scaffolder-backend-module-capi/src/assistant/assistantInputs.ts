import type { ActionZod } from './runAssistantChange';

/** `managementCluster/namespace/name`; runDay2Change checks each part as a DNS label. */
export const clusterInput = (z: ActionZod): ReturnType<ActionZod['string']> =>
  z
    .string()
    .max(760)
    .describe(
      'The cluster as managementCluster/namespace/name (capi:list-clusters returns it as id)',
    );

/** Dry run unless the caller says otherwise: the impact first. */
export const dryRunInput = (
  z: ActionZod,
): ReturnType<ReturnType<ActionZod['boolean']>['default']> =>
  z
    .boolean()
    .default(true)
    .describe(
      'True (the default): only state the impact and write nothing. False: publish the change to Git.',
    );
