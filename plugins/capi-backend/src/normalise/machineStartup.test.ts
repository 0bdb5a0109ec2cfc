import { normaliseMachine } from './machine';

const CREATED = '2026-11-30T10:00:00Z';
const FIRST_STATUS = '2026-11-30T10:00:01Z';

function cond(type: string, status: string, at: string, reason?: string) {
  return {
    type,
    status,
    reason: reason ?? (status === 'True' ? type : `Not${type}`),
    lastTransitionTime: at,
  };
}

/** A v1beta2 Machine of pool md-0 as CAPI v1.14 stores it. */
function v1beta2Machine(
  status: Record<string, unknown> | undefined,
  extra = {},
) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name: 'c-md-0-x1',
      namespace: 'default',
      creationTimestamp: CREATED,
      labels: {
        'cluster.x-k8s.io/cluster-name': 'c',
        'cluster.x-k8s.io/deployment-name': 'c-md-0',
      },
      ...extra,
    },
    spec: { clusterName: 'c', version: 'v1.34.1' },
    ...(status ? { status } : {}),
  };
}

/** Running with a Node, `Available=False` since `since`. */
function runningNotAvailable(since: string) {
  return {
    phase: 'Running',
    nodeRef: { name: 'c-md-0-x1' },
    conditions: [
      cond('Available', 'False', since, 'NotReady'),
      cond('Ready', 'False', since, 'NotReady'),
      cond('NodeReady', 'False', since, 'NodeNotReady'),
      cond('Deleting', 'False', FIRST_STATUS, 'NotDeleting'),
    ],
  };
}

const starting = (object: unknown, version = 'v1beta2') =>
  normaliseMachine(object, version)?.starting === true;

describe('a machine still coming up (never available since it was created)', () => {
  it.each(['Pending', 'Provisioning', 'Provisioned'])(
    'counts a machine in phase %s (no Node yet)',
    phase => {
      expect(starting(v1beta2Machine({ phase }))).toBe(true);
    },
  );

  it('counts a machine the controllers have not reconciled yet (no status)', () => {
    expect(starting(v1beta2Machine(undefined))).toBe(true);
  });

  it('counts a Running machine whose Node is not ready yet: Available=False since its first status', () => {
    // What the real controllers show while a new cluster's machines join.
    expect(starting(v1beta2Machine(runningNotAvailable(FIRST_STATUS)))).toBe(
      true,
    );
    // Waiting for minReadySeconds keeps the first False (only the reason changes).
    const waiting = runningNotAvailable(FIRST_STATUS);
    waiting.conditions[0].reason = 'WaitingForMinReadySeconds';
    expect(starting(v1beta2Machine(waiting))).toBe(true);
  });

  it('does not count a machine that was available and whose node went NotReady: that is a loss', () => {
    expect(
      starting(v1beta2Machine(runningNotAvailable('2026-11-30T11:30:00Z'))),
    ).toBe(false);
    // Even a loss soon after creation: Available and Deleting were set in the same reconcile.
    expect(
      starting(v1beta2Machine(runningNotAvailable('2026-11-30T10:00:45Z'))),
    ).toBe(false);
  });

  it('does not count an available machine, a failed one, or one being deleted', () => {
    const available = runningNotAvailable(FIRST_STATUS);
    available.conditions[0] = cond('Available', 'True', '2026-11-30T10:04:00Z');
    expect(starting(v1beta2Machine(available))).toBe(false);
    expect(
      starting(
        v1beta2Machine({
          ...runningNotAvailable(FIRST_STATUS),
          phase: 'Failed',
        }),
      ),
    ).toBe(false);
    expect(
      starting(
        v1beta2Machine(
          { phase: 'Provisioning' },
          { deletionTimestamp: '2026-11-30T10:01:00Z' },
        ),
      ),
    ).toBe(false);
  });

  it('does not guess for a Running machine without an availability condition (its pool counters decide)', () => {
    expect(
      starting(v1beta2Machine({ phase: 'Running', nodeRef: { name: 'n' } })),
    ).toBe(false);
  });

  it('reads a v1beta1 Machine by its status.v1beta2 conditions, and by Ready from CAPI without them', () => {
    const asV1beta1 = (status: Record<string, unknown>) => ({
      ...v1beta2Machine(undefined),
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      status,
    });
    const fresh = runningNotAvailable(FIRST_STATUS);
    expect(
      starting(
        asV1beta1({
          phase: 'Running',
          nodeRef: fresh.nodeRef,
          v1beta2: { conditions: fresh.conditions },
        }),
        'v1beta1',
      ),
    ).toBe(true);
    const lost = runningNotAvailable('2026-11-30T11:30:00Z');
    expect(
      starting(
        asV1beta1({
          phase: 'Running',
          nodeRef: lost.nodeRef,
          v1beta2: { conditions: lost.conditions },
        }),
        'v1beta1',
      ),
    ).toBe(false);
    // CAPI before v1.9: only the v1beta1 Ready, timed against the creation.
    const old = (readySince: string, status = 'False') =>
      asV1beta1({
        phase: 'Running',
        nodeRef: { name: 'n' },
        conditions: [
          cond('Ready', status, readySince, 'WaitingForNodeRef'),
          cond('InfrastructureReady', 'True', '2026-11-30T10:02:00Z'),
        ],
      });
    expect(starting(old('2026-11-30T10:00:02Z'), 'v1beta1')).toBe(true);
    expect(starting(old('2026-11-30T12:00:00Z'), 'v1beta1')).toBe(false);
    expect(starting(old('2026-11-30T10:00:02Z', 'True'), 'v1beta1')).toBe(
      false,
    );
  });

  it('reads a v1beta2 Machine whose deprecated v1beta1 Ready is all it reports', () => {
    const object = v1beta2Machine({
      phase: 'Running',
      nodeRef: { name: 'n' },
      deprecated: {
        v1beta1: {
          conditions: [cond('Ready', 'False', '2026-11-30T10:00:03Z')],
        },
      },
    });
    expect(starting(object)).toBe(true);
  });

  it('ignores unreadable times instead of guessing', () => {
    const status = runningNotAvailable('not a time');
    expect(starting(v1beta2Machine(status))).toBe(false);
  });
});
