import {
  normaliseKubeadmControlPlane,
  normaliseMachine,
  normaliseMachineDeployment,
  normaliseMachinePool,
} from '.';

describe('pool, control plane and machine normalisers', () => {
  it('reads v1beta1 MachineDeployment counters from status.v1beta2, autoscaling and size', () => {
    const md = normaliseMachineDeployment(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        metadata: {
          name: 'c1-md-0-xyz',
          namespace: 'ns',
          labels: {
            'cluster.x-k8s.io/cluster-name': 'c1',
            'topology.cluster.x-k8s.io/deployment-name': 'md-0',
            unrelated: 'x',
          },
          annotations: {
            'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
            'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '5',
            'capstan.dev/machine-size': 'large',
            other: 'dropped',
          },
        },
        spec: {
          clusterName: 'c1',
          replicas: 3,
          template: { spec: { version: 'v1.32.1' } },
        },
        status: {
          replicas: 3,
          readyReplicas: 1,
          updatedReplicas: 1,
          phase: 'ScalingUp',
          v1beta2: {
            readyReplicas: 2,
            availableReplicas: 2,
            upToDateReplicas: 3,
            conditions: [
              { type: 'Available', status: 'False', reason: 'NotEnough' },
            ],
          },
        },
      },
      'v1beta1',
    );
    expect(md).toMatchObject({
      kind: 'MachineDeployment',
      clusterName: 'c1',
      poolName: 'md-0',
      size: 'large',
      desiredReplicas: 3,
      replicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 3,
      autoscaling: { min: 1, max: 5 },
      version: 'v1.32.1',
      phase: 'ScalingUp',
      conditions: [{ type: 'Available', status: 'False', reason: 'NotEnough' }],
    });
    expect(md!.labels).not.toHaveProperty('unrelated');
    expect(md!.annotations).not.toHaveProperty('other');
  });

  it("names a classic pool as the templates do (without the cluster's prefix) and shows its size, not its machine template", () => {
    const classic = (annotations: Record<string, string>) =>
      normaliseMachineDeployment(
        {
          apiVersion: 'cluster.x-k8s.io/v1beta2',
          kind: 'MachineDeployment',
          metadata: {
            name: 'payments-perf-general',
            namespace: 'clusters',
            labels: { 'cluster.x-k8s.io/cluster-name': 'payments-perf' },
            annotations,
          },
          spec: {
            clusterName: 'payments-perf',
            replicas: 2,
            template: {
              spec: {
                infrastructureRef: {
                  kind: 'VSphereMachineTemplate',
                  name: 'payments-perf-general-3f2a9c1d',
                },
              },
            },
          },
        },
        'v1beta2',
      );
    const sized = classic({ 'capstan.dev/machine-size': 'medium' });
    expect(sized).toMatchObject({ poolName: 'general', size: 'medium' });
    expect(sized!.class).toBeUndefined();
    // Without a recorded size, the machine template is all there is to show.
    expect(classic({})).toMatchObject({
      poolName: 'general',
      class: 'payments-perf-general-3f2a9c1d',
    });
  });

  it('keeps the object name of a pool that does not carry its cluster prefix', () => {
    const md = normaliseMachineDeployment(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        metadata: {
          name: 'workers',
          namespace: 'ns',
          labels: { 'cluster.x-k8s.io/cluster-name': 'c1' },
        },
        spec: { clusterName: 'c1', replicas: 1 },
      },
      'v1beta2',
    );
    expect(md).toMatchObject({ poolName: 'workers' });
  });

  it('reads v1beta2 MachinePool and falls back to deprecated counters', () => {
    const mp = normaliseMachinePool(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        metadata: { name: 'pool-a', namespace: 'ns' },
        spec: { clusterName: 'c1', replicas: 4 },
        status: {
          replicas: 4,
          readyReplicas: 4,
          deprecated: { v1beta1: { availableReplicas: 3, updatedReplicas: 2 } },
        },
      },
      'v1beta2',
    );
    expect(mp).toMatchObject({
      kind: 'MachinePool',
      poolName: 'pool-a',
      readyReplicas: 4,
      availableReplicas: 3,
      upToDateReplicas: 2,
    });
  });

  it('ties a KubeadmControlPlane to its cluster by label or owner reference', () => {
    const byOwner = normaliseKubeadmControlPlane(
      {
        apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
        metadata: {
          name: 'cp',
          namespace: 'ns',
          ownerReferences: [{ kind: 'Cluster', name: 'c9' }],
        },
        spec: { replicas: 3, version: 'v1.31.0' },
        status: {
          replicas: 3,
          readyReplicas: 2,
          updatedReplicas: 1,
          initialized: true,
          ready: true,
        },
      },
      'v1beta1',
    );
    expect(byOwner).toMatchObject({
      clusterName: 'c9',
      desiredReplicas: 3,
      readyReplicas: 2,
      upToDateReplicas: 1,
      initialized: true,
      available: true,
      version: 'v1.31.0',
    });
  });

  it('keeps only the machine facts and annotations the read model needs', () => {
    const m = normaliseMachine(
      {
        metadata: {
          name: 'm1',
          namespace: 'ns',
          labels: {
            'cluster.x-k8s.io/cluster-name': 'c1',
            'cluster.x-k8s.io/control-plane': '',
            'node-role': 'x',
          },
          annotations: {
            'patch.example.com/pending': '2',
            'capstan.dev/x': 'y',
            noise: 'z',
          },
        },
        spec: { version: 'v1.33.1' },
        status: {
          phase: 'Running',
          nodeRef: { kind: 'Node', name: 'node-1', uid: 'u' },
          nodeInfo: {
            kubeletVersion: 'v1.33.1',
            osImage: 'Flatcar',
            kernelVersion: '6.6',
            machineID: 'drop',
          },
        },
      },
      'v1beta1',
      { keepMachineAnnotation: k => k.startsWith('patch.example.com/') },
    );
    expect(m).toEqual({
      kind: 'Machine',
      name: 'm1',
      namespace: 'ns',
      deleting: false,
      // CAPI labels are read into fields; only capstan.dev labels are kept.
      labels: {},
      annotations: { 'patch.example.com/pending': '2', 'capstan.dev/x': 'y' },
      clusterName: 'c1',
      controlPlane: true,
      phase: 'Running',
      nodeName: 'node-1',
      version: 'v1.33.1',
      kubeletVersion: 'v1.33.1',
      osImage: 'Flatcar',
      kernelVersion: '6.6',
    });
    expect(
      normaliseMachine(
        { metadata: { name: 'orphan', namespace: 'ns' } },
        'v1beta2',
      ),
    ).toBeUndefined();
  });
});
