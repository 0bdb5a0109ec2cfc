import {
  cluster,
  controlPlane,
  machine,
  machineDeployment,
} from '../__testUtils__/fixtures';
import {
  normaliseCluster,
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
} from '../normalise';
import type { TrimmedMachine, TrimmedPool } from '../normalise/types';
import { buildClusterSummary } from './buildClusterSummary';

function summarise(
  clusterObject: unknown,
  machines: unknown[] = [],
  extra: { allowedVersions?: string[]; pools?: unknown[] } = {},
) {
  const c = normaliseCluster(clusterObject, 'v1beta2')!;
  return buildClusterSummary({
    managementCluster: 'mc',
    apiVersion: 'v1beta2',
    cluster: c,
    controlPlane: normaliseKubeadmControlPlane(controlPlane(c.name), 'v1beta2'),
    pools: (extra.pools ?? []).map(
      p => normaliseMachineDeployment(p, 'v1beta2') as TrimmedPool,
    ),
    machines: machines.map(
      m => normaliseMachine(m, 'v1beta2') as TrimmedMachine,
    ),
    patchStateOf: () => ({
      state: { state: 'unknown', rebootRequired: false },
      validUntil: Infinity,
    }),
    allowedVersions: extra.allowedVersions,
  }).summary;
}

describe('buildClusterSummary status', () => {
  it('is Upgrading while machines run another version than desired, with upgrade options from the profile', () => {
    const s = summarise(
      cluster('c', { version: 'v1.34.1' }),
      [
        machine('c', 'm1', { controlPlane: true, kubeletVersion: 'v1.34.1' }),
        machine('c', 'm2', { kubeletVersion: 'v1.33.4' }),
      ],
      {
        allowedVersions: [
          'v1.33.4',
          'v1.34.1',
          'v1.34.2',
          'v1.35.0',
          'v1.36.0',
        ],
      },
    );
    expect(s).toMatchObject({
      status: 'Upgrading',
      rollingOut: true,
      desiredVersion: 'v1.34.1',
      actualVersion: 'v1.33.4',
      runningVersions: ['v1.34.1', 'v1.33.4'],
      upgradeOptions: ['v1.34.2', 'v1.35.0'],
    });
  });

  it.each([
    [{ phase: 'Provisioning' }, 'Provisioning'],
    [{ phase: 'Failed' }, 'Failed'],
    [{ phase: 'Deleting' }, 'Deleting'],
    [
      {
        failing: {
          type: 'InfrastructureReady',
          reason: 'VCenterUnreachable',
          message: 'vCenter down',
        },
      },
      'Degraded',
    ],
    [{}, 'Available'],
  ])('derives the status from %j', (options, status) => {
    expect(summarise(cluster('c', options)).status).toBe(status);
  });

  it('puts the failing pool condition in the pool headline and counts pending topology pools', () => {
    const s = summarise(
      cluster('c', {
        pools: [
          { name: 'md-0', replicas: 3 },
          { name: 'md-1', replicas: 2, class: 'gpu' },
        ],
      }),
      [],
      { pools: [machineDeployment('c', 'md-0', { replicas: 3, ready: 1 })] },
    );
    expect(s.nodePools).toEqual([
      expect.objectContaining({
        name: 'md-0',
        readyReplicas: 1,
        headline: expect.objectContaining({
          type: 'Available',
          message: '2 replicas not ready',
        }),
      }),
      expect.objectContaining({
        name: 'md-1',
        class: 'gpu',
        desiredReplicas: 2,
        replicas: 0,
      }),
    ]);
  });
});
