import type {
  ClusterSummary,
  EntityClustersResponse,
} from '@capstan/plugin-capi-common';
import { normaliseCluster, normaliseMachine } from '../normalise';
import type { TrimmedObject } from '../normalise/types';
import { cluster, machine } from '../__testUtils__/fixtures';
import { toListItem } from './ClusterPages';
import { EncodedListItems } from './EncodedListItems';
import { FleetIndex } from './FleetIndex';

/** Summaries of `names` as the index builds them, with two machines each. */
function summaries(names: string[], version = 'v1.31.2'): ClusterSummary[] {
  const index = new FleetIndex({
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
  });
  for (const name of names) {
    index.upsert(
      'mc',
      normaliseCluster(
        cluster(name, {
          version,
          labels: { team: 'a "quoted" \u00e9 team' },
          pools: [{ name: 'md-0', replicas: 1 }],
        }),
        'v1beta2',
      ) as TrimmedObject,
    );
    for (const [i, pool] of [undefined, 'md-0'].entries()) {
      index.upsert(
        'mc',
        normaliseMachine(
          machine(name, `${name}-m${i}`, { controlPlane: !pool, pool }),
          'v1beta2',
        ) as TrimmedObject,
      );
    }
  }
  return names.map(n => index.getSummary(`mc/default/${n}`)!);
}

const head = { entityRef: 'component:default/app', offset: 0, limit: 25 };

describe('EncodedListItems', () => {
  it('sends exactly what JSON.stringify of the response would', () => {
    const list = summaries(['c-1', 'c-2', 'c-3']);
    const encoded = new EncodedListItems().entityAnswer(
      { ...head, total: 3 },
      list,
      ['mc-down'],
    );
    const response: EntityClustersResponse = {
      ...head,
      total: 3,
      items: list.map(toListItem),
      staleManagementClusters: ['mc-down'],
    };
    const body = Buffer.concat(encoded.parts);
    expect(body.toString('utf8')).toBe(JSON.stringify(response));
    expect(encoded.length).toBe(body.length);
    const parsed = JSON.parse(Buffer.concat(encoded.parts).toString('utf8'));
    expect(parsed.items[0]).not.toHaveProperty('machines');
    expect(parsed.items[0].machineCount).toBe(2);
  });

  it('encodes an empty page', () => {
    const encoded = new EncodedListItems().entityAnswer(
      { ...head, offset: 50, total: 3 },
      [],
      [],
    );
    expect(JSON.parse(Buffer.concat(encoded.parts).toString('utf8'))).toEqual({
      ...head,
      offset: 50,
      total: 3,
      items: [],
      staleManagementClusters: [],
    });
  });

  it('reuses the encoding of an unchanged summary, and never that of a replaced one', () => {
    const items = new EncodedListItems();
    const [before] = summaries(['c-1']);
    expect(items.item(before)).toBe(items.item(before));
    // A changed cluster is a new summary object.
    const [after] = summaries(['c-1'], 'v1.32.0');
    expect(items.item(after)).not.toBe(items.item(before));
    expect(JSON.parse(items.item(after).json.toString('utf8'))).toEqual(
      toListItem(after),
    );
  });

  it('gives a new ETag whenever the bytes change, the same one when they do not', () => {
    const items = new EncodedListItems();
    const list = summaries(['c-1', 'c-2']);
    const etagOf = (
      s: ClusterSummary[],
      stale: string[] = [],
      total = s.length,
    ) => items.entityAnswer({ ...head, total }, s, stale).etag;
    const first = etagOf(list);
    expect(first).toMatch(/^W\/"[0-9a-f]+-[\w-]+"$/);
    expect(etagOf(list)).toBe(first);
    expect(etagOf(summaries(['c-1', 'c-2']))).toBe(first);
    const others = [
      etagOf([list[0]]),
      etagOf([list[1], list[0]]),
      etagOf(list, ['mc-down']),
      etagOf(list, [], 3),
      etagOf(summaries(['c-1', 'c-2'], 'v1.32.0')),
    ];
    expect(new Set([first, ...others]).size).toBe(others.length + 1);
  });
});
