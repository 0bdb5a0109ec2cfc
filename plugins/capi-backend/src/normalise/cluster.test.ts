import { normaliseCluster } from '.';
import { pickHeadlineCondition } from '@capstan/plugin-capi-common';

const T = '2026-11-25T10:00:00Z';

describe('normaliseCluster', () => {
  it('reads a v1beta1 Cluster, preferring its status.v1beta2 conditions', () => {
    const c = normaliseCluster(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        kind: 'Cluster',
        metadata: {
          name: 'c1',
          namespace: 'ns',
          labels: { env: 'prod' },
          annotations: {
            'capstan.dev/owner-ref': 'group:default/a',
            'kubectl.kubernetes.io/last-applied-configuration': '{}',
          },
          managedFields: [{}],
        },
        spec: {
          topology: {
            class: 'aws-class',
            version: 'v1.32.1',
            workers: {
              machineDeployments: [{ name: 'md-0', class: 'w', replicas: 3 }],
            },
          },
          controlPlaneRef: {
            apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
            kind: 'KubeadmControlPlane',
            name: 'c1-cp',
          },
          infrastructureRef: { kind: 'AWSCluster', name: 'c1' },
        },
        status: {
          phase: 'Provisioned',
          controlPlaneReady: true,
          infrastructureReady: true,
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              severity: 'Warning',
              reason: 'Old',
              lastTransitionTime: T,
            },
          ],
          v1beta2: {
            conditions: [
              {
                type: 'Available',
                status: 'True',
                reason: 'Available',
                lastTransitionTime: T,
              },
            ],
          },
        },
      },
      'v1beta1',
    );
    expect(c).toEqual({
      kind: 'Cluster',
      namespace: 'ns',
      name: 'c1',
      deleting: false,
      labels: { env: 'prod' },
      annotations: { 'capstan.dev/owner-ref': 'group:default/a' },
      phase: 'Provisioned',
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'Available',
          lastTransitionTime: T,
        },
      ],
      topologyPools: [
        { kind: 'MachineDeployment', name: 'md-0', class: 'w', replicas: 3 },
      ],
      desiredVersion: 'v1.32.1',
      clusterClass: 'aws-class',
      controlPlaneRef: { kind: 'KubeadmControlPlane', name: 'c1-cp' },
      infrastructureKind: 'AWSCluster',
      controlPlaneInitialized: true,
      infrastructureReady: true,
    });
  });

  it('falls back to v1beta1 conditions (with severity) and failure fields', () => {
    const c = normaliseCluster(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        metadata: { name: 'c1', namespace: 'ns' },
        status: {
          phase: 'Failed',
          failureMessage: 'cloud quota exceeded',
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              severity: 'Error',
              reason: 'Boom',
            },
            {
              type: 'InfrastructureReady',
              status: 'False',
              severity: 'Error',
              reason: 'Quota',
              message: 'no quota',
            },
          ],
        },
      },
      'v1beta1',
    )!;
    expect(c.failureMessage).toBe('cloud quota exceeded');
    expect(pickHeadlineCondition(c.conditions)).toEqual({
      type: 'InfrastructureReady',
      status: 'False',
      severity: 'Error',
      reason: 'Quota',
      message: 'no quota',
    });
  });

  it('reads status.deprecated.v1beta1 of a v1beta2 Cluster when conditions are missing', () => {
    const c = normaliseCluster(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        metadata: { name: 'c1', namespace: 'ns' },
        spec: { topology: { classRef: { name: 'cc' }, version: 'v1.33.0' } },
        status: {
          deprecated: {
            v1beta1: {
              failureReason: 'InvalidConfiguration',
              conditions: [
                {
                  type: 'Ready',
                  status: 'False',
                  severity: 'Error',
                  reason: 'X',
                },
              ],
            },
          },
        },
      },
      'v1beta2',
    )!;
    expect(c).toMatchObject({
      clusterClass: 'cc',
      failureMessage: 'InvalidConfiguration',
      phase: 'Unknown',
    });
    expect(c.conditions).toEqual([
      { type: 'Ready', status: 'False', severity: 'Error', reason: 'X' },
    ]);
  });

  it('drops objects without name or namespace and survives wrong types', () => {
    expect(
      normaliseCluster({ metadata: { name: 'x' } }, 'v1beta2'),
    ).toBeUndefined();
    expect(normaliseCluster('garbage', 'v1beta2')).toBeUndefined();
    expect(normaliseCluster(null, 'v1beta2')).toBeUndefined();
    const c = normaliseCluster(
      {
        metadata: {
          name: 'x',
          namespace: 'n',
          labels: { a: 1, b: 'ok' },
          deletionTimestamp: 'soon',
        },
        spec: {
          topology: { workers: { machineDeployments: 'no' } },
          controlPlaneEndpoint: { host: 5 },
        },
        status: {
          phase: ['x'],
          conditions: [
            { type: 'Available', status: 'maybe' },
            'junk',
            { status: 'True' },
          ],
        },
      },
      'v1beta2',
    );
    expect(c).toMatchObject({
      labels: { b: 'ok' },
      deleting: false,
      phase: 'Unknown',
      conditions: [{ type: 'Available', status: 'Unknown' }],
      topologyPools: [],
    });
  });
});

describe('control plane endpoints', () => {
  const withEndpoint = (host: unknown, port: unknown) =>
    normaliseCluster(
      {
        metadata: { name: 'x', namespace: 'n' },
        spec: { controlPlaneEndpoint: { host, port } },
      },
      'v1beta2',
    )?.controlPlaneEndpoint;

  it('become URLs with IPv6 hosts in brackets', () => {
    expect(withEndpoint('fd01:0:106:b:0:a:cccc:fe9a', 6443)).toBe(
      'https://[fd01:0:106:b:0:a:cccc:fe9a]:6443',
    );
    expect(withEndpoint('10.0.0.10', 6443)).toBe('https://10.0.0.10:6443');
    expect(withEndpoint('api.example.com', 6443)).toBe(
      'https://api.example.com:6443',
    );
  });

  it('are left out when the host is not a host', () => {
    expect(withEndpoint('evil.example.com/x', 6443)).toBeUndefined();
    expect(withEndpoint('', 6443)).toBeUndefined();
  });
});
