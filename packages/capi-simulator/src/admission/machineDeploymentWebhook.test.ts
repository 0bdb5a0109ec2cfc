import { KubeObject } from '../types';
import { admit } from './Admission';
import { MD, reader, refusal } from './__testUtils__/admissionRequests';

function machineDeployment(
  overrides: Record<string, unknown> = {},
): KubeObject {
  return {
    kind: 'MachineDeployment',
    metadata: { name: 'shop-workers', namespace: 'team-a' },
    spec: {
      clusterName: 'shop',
      replicas: 2,
      selector: { matchLabels: { pool: 'workers' } },
      template: {
        metadata: { labels: { pool: 'workers' } },
        spec: {
          clusterName: 'shop',
          version: 'v1.33.4',
          bootstrap: { configRef: { name: 'shop-workers' } },
        },
      },
      ...overrides,
    },
  };
}

describe('admission: MachineDeployment', () => {
  const r = reader();
  it('admits a valid pool and a replica change', () => {
    expect(() =>
      admit(MD, { object: machineDeployment(), reader: r }),
    ).not.toThrow();
    expect(() =>
      admit(MD, {
        object: machineDeployment({ replicas: 5 }),
        oldObject: machineDeployment(),
        reader: r,
      }),
    ).not.toThrow();
  });

  it('keeps clusterName immutable and in step with the template', () => {
    const moved = machineDeployment({ clusterName: 'other' });
    const error = refusal(() =>
      admit(MD, { object: moved, oldObject: machineDeployment(), reader: r }),
    );
    expect(error.message).toMatch(
      /^admission webhook "validation\.machinedeployment\.cluster\.x-k8s\.io" denied the request: MachineDeployment\.cluster\.x-k8s\.io "shop-workers" is invalid: \[/,
    );
    expect(error.message).toContain(
      'spec.clusterName: Forbidden: field is immutable',
    );
    expect(error.message).toContain(
      'spec.clusterName and spec.template.spec.clusterName must be set to the same value',
    );
  });

  it('refuses template labels outside the selector, no bootstrap, zero surge and unavailability, bad versions', () => {
    const spec = machineDeployment().spec as Record<string, any>;
    const bad = machineDeployment({
      selector: { matchLabels: { pool: 'other' } },
      rollout: {
        strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      },
      template: {
        ...spec.template,
        spec: { clusterName: 'shop', version: 'v1.33', bootstrap: {} },
      },
    });
    const error = refusal(() => admit(MD, { object: bad, reader: r }));
    for (const expected of [
      'spec.template.metadata.labels: Forbidden: must match spec.selector "pool=other"',
      'spec.template.spec.bootstrap: Required value',
      'maxUnavailable and maxSurge cannot both be 0',
      'spec.template.spec.version: Invalid value: "v1.33": must be a valid semantic version',
    ]) {
      expect(error.message).toContain(expected);
    }
  });
});
