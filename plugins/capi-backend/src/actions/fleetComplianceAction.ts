import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ClusterAggregate } from '../services/FleetIndex';
import { sumPatchSummaries } from '@capstan/plugin-capi-common';
import {
  ActionZod,
  CapiActionServices,
  normaliseOwnerRef,
} from './CapiActionServices';

const MAX_OVERDUE_CLUSTERS = 100;

const input = (z: ActionZod) =>
  z.object({
    owner: z
      .string()
      .min(1)
      .max(600)
      .optional()
      .describe(
        'Only the clusters of this owner, e.g. group:default/team-checkout; the whole fleet when left out',
      ),
  });

const output = (z: ActionZod) =>
  z.object({
    scope: z.string().describe('"fleet" or "owner:<ref>"'),
    policy: z.object({
      securityOverdueAfterHours: z.number(),
      updatesOverdueAfterHours: z.number().optional(),
    }),
    clusters: z.number(),
    machines: z.number(),
    compliance: z
      .number()
      .describe(
        'Share of machines neither overdue nor unknown, between 0 and 1',
      ),
    patch: z.object({
      upToDate: z.number(),
      pending: z.number(),
      overdue: z.number(),
      unknown: z.number(),
      rebootRequired: z.number(),
      total: z.number(),
    }),
    overdue: z
      .array(
        z.object({
          cluster: z.string(),
          owner: z.string().optional(),
          machines: z.array(
            z.object({
              name: z.string(),
              node: z.string().optional(),
              securityPendingSince: z.string().optional(),
              dueBy: z.string().optional(),
            }),
          ),
        }),
      )
      .describe('Clusters with overdue machines, most overdue first'),
    overdueTruncated: z.boolean(),
  });

type Output = ReturnType<typeof output>['_output'];

function earliestDue(entry: Output['overdue'][number]): string {
  return entry.machines.reduce(
    (min, m) => (m.dueBy && m.dueBy < min ? m.dueBy : min),
    '9999',
  );
}

/**
 * `capi:fleet-compliance`: patch compliance against the patch policy and the
 * overdue machines, for the fleet or one owner. Like `GET /api/capi/fleet`,
 * it needs `capi.fleet.read` (the platform team).
 */
export function registerFleetComplianceAction(
  registry: ActionsRegistryService,
  services: CapiActionServices,
): void {
  const { access, reader } = services;
  registry.register({
    name: 'fleet-compliance',
    title: 'Fleet patch compliance',
    description:
      'OS patch compliance of the Kubernetes fleet against the patch policy (e.g. security updates within 48 hours), with the machines whose security updates are overdue, for the whole fleet or one owner. For the platform team (needs capi.fleet.read).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input, output },
    examples: [
      { title: 'The whole fleet', input: {} },
      { title: 'One team', input: { owner: 'group:default/team-checkout' } },
    ],
    action: async ({ input: { owner }, credentials }) => {
      await access.requireFleet(credentials);
      const ownerRef =
        owner === undefined ? undefined : normaliseOwnerRef(owner);
      const aggregates: ClusterAggregate[] = [];
      for (const id of reader.index.clusterIds()) {
        const aggregate = reader.index.getAggregate(id);
        if (!aggregate) continue;
        if (
          ownerRef &&
          aggregate.owner?.toLocaleLowerCase('en-US') !== ownerRef
        ) {
          continue;
        }
        aggregates.push(aggregate);
      }
      // Counted as the fleet page counts (capi-common's one function).
      const { compliance, ...patch } = sumPatchSummaries(
        aggregates.map(a => a.patch),
      );
      let machines = 0;
      const overdue: Output['overdue'] = [];
      for (const a of aggregates) {
        machines += a.machineCount;
        if (a.overdueMachines.length === 0) continue;
        overdue.push({
          cluster: a.id,
          ...(a.owner ? { owner: a.owner } : {}),
          machines: a.overdueMachines.map(m => ({
            name: m.name,
            ...(m.nodeName ? { node: m.nodeName } : {}),
            ...(m.securityPendingSince
              ? { securityPendingSince: m.securityPendingSince }
              : {}),
            ...(m.dueBy ? { dueBy: m.dueBy } : {}),
          })),
        });
      }
      overdue.sort((x, y) => {
        const dx = earliestDue(x);
        const dy = earliestDue(y);
        return dx < dy ? -1 : Number(dx > dy);
      });
      return {
        output: {
          scope: ownerRef ? `owner:${ownerRef}` : 'fleet',
          policy: reader.fleet({ limit: 1 }).policy,
          clusters: aggregates.length,
          machines,
          compliance,
          patch,
          overdue: overdue.slice(0, MAX_OVERDUE_CLUSTERS),
          overdueTruncated: overdue.length > MAX_OVERDUE_CLUSTERS,
        },
      };
    },
  });
}
