import { byKind, request } from '../__testUtils__/clusterRequests';
import { renderClusterFolder } from './renderClusterFolder';
import type { KubernetesObject } from './types';

describe('classic provider details', () => {
  it('vSphere machines take addresses from the IPAM pool and the versioned VM template', () => {
    const objects = renderClusterFolder(request('onprem-fra-classic'))
      .objects as any[];
    const [infra] = byKind(objects, 'VSphereCluster');
    expect(infra.spec).toEqual({
      server: 'vcenter.fra.example.com',
      thumbprint: 'AA:BB:CC',
      controlPlaneEndpoint: {
        host: 'payments-prod.k8s.fra.example.com',
        port: 6443,
      },
      identityRef: { kind: 'Secret', name: 'vsphere-credentials' },
    });
    const templates = byKind(objects, 'VSphereMachineTemplate');
    const cp = templates[0].spec.template.spec;
    expect(cp).toMatchObject({
      datacenter: 'FRA-DC1',
      datastore: 'vsanDatastore',
      template: 'ubuntu-2404-kube-v1.33.4',
      numCPUs: 2,
      memoryMiB: 8192,
      diskGiB: 40,
    });
    expect(cp.network.devices).toEqual([
      {
        networkName: 'k8s-nodes-vlan210',
        dhcp4: false,
        dhcp6: false,
        addressesFromPools: [
          {
            apiGroup: 'ipam.cluster.x-k8s.io',
            kind: 'InClusterIPPool',
            name: 'fra-nodes',
          },
        ],
        gateway4: '10.21.0.1',
      },
    ]);
    expect(templates[2].spec.template.spec.numCPUs).toBe(8);
  });

  it('AWS machines use instance types, IAM profiles and the autoscaler annotations', () => {
    const objects = renderClusterFolder(request('aws-eu')).objects as any[];
    const [infra] = byKind(objects, 'AWSCluster');
    expect(infra.spec).toEqual({
      region: 'eu-central-1',
      sshKeyName: 'platform-ops',
      network: {
        vpc: { id: 'vpc-0a1b2c3d' },
        subnets: [
          { id: 'subnet-0aaa' },
          { id: 'subnet-0bbb' },
          { id: 'subnet-0ccc' },
        ],
      },
    });
    const templates = byKind(objects, 'AWSMachineTemplate');
    expect(templates[0].spec.template.spec).toEqual({
      instanceType: 'm6i.large',
      iamInstanceProfile: 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
      sshKeyName: 'platform-ops',
      rootVolume: { size: 50 },
    });
    expect(templates[2].spec.template.spec.instanceType).toBe('m6i.2xlarge');
    expect(templates[2].spec.template.spec.iamInstanceProfile).toBe(
      'nodes.cluster-api-provider-aws.sigs.k8s.io',
    );
    const batch = byKind(objects, 'MachineDeployment')[1];
    expect(batch.spec.replicas).toBeUndefined();
    expect(batch.metadata.annotations).toEqual({
      'capstan.dev/machine-size': 'large',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
      'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '6',
    });
  });

  it('Azure machines use VM sizes and the cluster identity', () => {
    const objects = renderClusterFolder(
      request('azure-we', {
        nodePools: [
          {
            name: 'general',
            size: 'large',
            replicas: 2,
            labels: {},
            taints: [],
          },
        ],
      }),
    ).objects as any[];
    expect(byKind(objects, 'AzureCluster')[0].spec).toEqual({
      location: 'westeurope',
      resourceGroup: 'payments-prod',
      subscriptionID: '00000000-0000-0000-0000-000000000000',
      identityRef: {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
        kind: 'AzureClusterIdentity',
        name: 'cluster-identity',
      },
      networkSpec: { vnet: { name: 'k8s-vnet' } },
    });
    expect(
      byKind(objects, 'AzureMachineTemplate')[1].spec.template.spec,
    ).toEqual({
      vmSize: 'Standard_D8s_v5',
      osDisk: { osType: 'Linux', diskSizeGB: 128 },
      sshPublicKey: '',
    });
  });

  it('Docker clusters get a default network and docker-backed DevMachineTemplates', () => {
    const objects = renderClusterFolder(
      request('docker-local', {
        nodePools: [
          {
            name: 'general',
            size: 'small',
            replicas: 1,
            labels: {},
            taints: [],
          },
        ],
      }),
    ).objects as any[];
    expect(byKind(objects, 'Cluster')[0].spec.clusterNetwork).toEqual({
      pods: { cidrBlocks: ['192.168.0.0/16'] },
      services: { cidrBlocks: ['10.128.0.0/12'] },
    });
    expect(byKind(objects, 'DevCluster')[0].spec).toEqual({
      backend: { docker: {} },
    });
    expect(
      byKind(objects, 'DevMachineTemplate')[0].spec.template.spec.backend.docker
        .extraMounts,
    ).toEqual([
      {
        containerPath: '/var/run/docker.sock',
        hostPath: '/var/run/docker.sock',
      },
    ]);
  });

  it('names machine templates after their content, so a change makes a new template', () => {
    const a = renderClusterFolder(request('aws-eu')).objects;
    const b = renderClusterFolder(
      request('aws-eu', { kubernetesVersion: 'v1.32.8' }),
    ).objects;
    const names = (objects: KubernetesObject[]) =>
      objects
        .filter(o => o.kind === 'AWSMachineTemplate')
        .map(o => o.metadata.name);
    expect(names(a)[0]).toMatch(/^payments-prod-control-plane-[0-9a-f]{8}$/);
    expect(names(a)).toEqual(
      names(renderClusterFolder(request('aws-eu')).objects),
    );
    expect(names(a)[0]).not.toBe(names(b)[0]);
  });
});
