import { parseAllDocuments, parse } from 'yaml';
import { testProfile } from '../__testUtils__/profiles';
import {
  collectReferences,
  unresolvedReferences,
} from '../__testUtils__/references';
import { renderClusterFolder } from './renderClusterFolder';
import type { ClusterRequest, KubernetesObject } from './types';

function request(
  profileName: string,
  overrides: Partial<ClusterRequest> = {},
): ClusterRequest {
  return {
    name: 'payments-prod',
    profile: testProfile(profileName),
    owner: 'group:default/team-payments',
    entityRef: 'component:default/payments',
    kubernetesVersion: 'v1.33.4',
    controlPlaneReplicas: 3,
    nodePools: [
      { name: 'general', size: 'small', replicas: 3, labels: {}, taints: [] },
      {
        name: 'batch',
        size: 'large',
        autoscaling: { min: 1, max: 6 },
        labels: { workload: 'batch' },
        taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }],
      },
    ],
    addons: ['monitoring'],
    podCidrs: [],
    serviceCidrs: [],
    ...overrides,
  };
}

function byKind(objects: KubernetesObject[], kind: string) {
  return objects.filter(o => o.kind === kind) as any[];
}

/** The manifests file parsed back, to check what Argo CD would apply. */
function parsedManifests(files: Record<string, string>) {
  return parseAllDocuments(files['cluster.yaml']).map(d =>
    d.toJSON(),
  ) as KubernetesObject[];
}

describe('renderClusterFolder, ClusterClass mode', () => {
  const folder = renderClusterFolder(request('onprem-fra'));
  const [cluster] = parsedManifests(folder.files) as any[];

  it('writes the GitOps layout with manifests, kustomization and catalog-info', () => {
    expect(folder.path).toBe('clusters/onprem-fra/clusters/payments-prod');
    expect(Object.keys(folder.files).sort()).toEqual([
      'catalog-info.yaml',
      'cluster.yaml',
      'kustomization.yaml',
    ]);
    expect(parse(folder.files['kustomization.yaml'])).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['cluster.yaml'],
    });
    expect(folder.clusterRef).toBe('onprem-fra/clusters/payments-prod');
    expect(folder.entityRef).toBe(
      'resource:default/onprem-fra.clusters.payments-prod',
    );
  });

  it('renders one v1beta2 Cluster with a topology of the profile class', () => {
    expect(parsedManifests(folder.files)).toHaveLength(1);
    expect(cluster.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(cluster.kind).toBe('Cluster');
    expect(cluster.metadata).toMatchObject({
      name: 'payments-prod',
      namespace: 'clusters',
    });
    const topology = cluster.spec.topology;
    expect(topology.classRef).toEqual({ name: 'vsphere-standard' });
    expect(topology.version).toBe('v1.33.4');
    expect(topology.controlPlane).toEqual({
      replicas: 3,
      variables: {
        overrides: [
          {
            name: 'controlPlaneMachineSize',
            value: { name: 'medium', cpu: 4, memoryMiB: 16384, diskGiB: 80 },
          },
        ],
      },
    });
    expect(topology.variables).toEqual([
      { name: 'controlPlanePort', value: 6443 },
      { name: 'credsSecretName', value: 'vsphere-credentials' },
      {
        name: 'infraServer',
        value: { url: 'vcenter.fra.example.com', thumbprint: 'AA:BB:CC' },
      },
    ]);
    expect(cluster.spec.clusterNetwork).toBeUndefined();
  });

  it('renders worker pools with size, replicas or autoscaler bounds', () => {
    const [general, batch] = cluster.spec.topology.workers.machineDeployments;
    expect(general).toEqual({
      class: 'vsphere-standard-worker',
      name: 'general',
      replicas: 3,
      metadata: { annotations: { 'capstan.dev/machine-size': 'small' } },
      variables: {
        overrides: [
          {
            name: 'workerMachineSize',
            value: { name: 'small', cpu: 2, memoryMiB: 8192, diskGiB: 40 },
          },
        ],
      },
    });
    expect(batch.replicas).toBeUndefined();
    expect(batch.metadata).toEqual({
      labels: { workload: 'batch' },
      annotations: {
        'capstan.dev/machine-size': 'large',
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '6',
      },
    });
    expect(batch.taints).toEqual([
      {
        key: 'workload',
        value: 'batch',
        effect: 'NoSchedule',
        propagation: 'Always',
      },
    ]);
  });

  it('labels the Cluster with owner, entity, profile and add-ons, and annotates full refs', () => {
    expect(cluster.metadata.labels).toEqual({
      'addons.capstan.dev/cni': 'cilium',
      'addons.capstan.dev/monitoring': 'enabled',
      'capstan.dev/owner': 'team-payments',
      'capstan.dev/profile': 'onprem-fra',
      'capstan.dev/entity-kind': 'component',
      'capstan.dev/entity-namespace': 'default',
      'capstan.dev/entity-name': 'payments',
    });
    expect(cluster.metadata.annotations).toEqual({
      'capstan.dev/owner-ref': 'group:default/team-payments',
      'capstan.dev/entity-ref': 'component:default/payments',
      'capstan.dev/gitops-path': 'clusters/onprem-fra/clusters/payments-prod',
    });
  });

  it('records the System of the entity the cluster is for on the Cluster, for the catalog entity', () => {
    const forSystem = renderClusterFolder(
      request('onprem-fra', { system: 'system:default/payments' }),
    );
    const withSystem = byKind(forSystem.objects, 'Cluster')[0];
    expect(withSystem.metadata.labels).toMatchObject({
      'capstan.dev/system-namespace': 'default',
      'capstan.dev/system-name': 'payments',
    });
    expect(withSystem.metadata.annotations).toMatchObject({
      'capstan.dev/system-ref': 'system:default/payments',
    });
    expect(parse(forSystem.files['catalog-info.yaml']).spec.system).toBe(
      'system:default/payments',
    );
    // Without a system, no system labels.
    expect(Object.keys(cluster.metadata.labels)).not.toContain(
      'capstan.dev/system-name',
    );
  });

  it('writes a Resource entity linked to owner and requesting entity', () => {
    expect(parse(folder.files['catalog-info.yaml'])).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'onprem-fra.clusters.payments-prod',
        title: 'payments-prod',
        annotations: {
          'capstan.dev/cluster-ref': 'onprem-fra/clusters/payments-prod',
        },
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/team-payments',
        dependencyOf: ['component:default/payments'],
      },
    });
  });

  it('sets pod and service networks only when given', () => {
    const withNetworks = renderClusterFolder(
      request('onprem-fra', {
        podCidrs: ['10.244.0.0/16'],
        serviceCidrs: ['10.96.0.0/12'],
      }),
    );
    expect(
      (parsedManifests(withNetworks.files)[0] as any).spec.clusterNetwork,
    ).toEqual({
      pods: { cidrBlocks: ['10.244.0.0/16'] },
      services: { cidrBlocks: ['10.96.0.0/12'] },
    });
  });
});

describe.each([
  [
    'onprem-fra-classic',
    'VSphereCluster',
    'VSphereMachineTemplate',
    'infrastructure.cluster.x-k8s.io/v1beta2',
  ],
  [
    'aws-eu',
    'AWSCluster',
    'AWSMachineTemplate',
    'infrastructure.cluster.x-k8s.io/v1beta2',
  ],
  [
    'azure-we',
    'AzureCluster',
    'AzureMachineTemplate',
    'infrastructure.cluster.x-k8s.io/v1beta1',
  ],
  [
    'docker-local',
    'DevCluster',
    'DevMachineTemplate',
    'infrastructure.cluster.x-k8s.io/v1beta2',
  ],
])(
  'renderClusterFolder, classic mode %s',
  (profile, clusterKind, templateKind, infraApiVersion) => {
    const pools: ClusterRequest['nodePools'] | undefined =
      profile === 'docker-local' || profile === 'azure-we'
        ? [
            {
              name: 'general',
              size: 'small',
              replicas: 2,
              labels: {},
              taints: [],
            },
            {
              name: 'batch',
              size: 'small',
              replicas: 1,
              labels: { workload: 'batch' },
              taints: [
                {
                  key: 'workload',
                  value: 'batch',
                  effect: 'NoSchedule' as const,
                },
              ],
            },
          ]
        : undefined;
    const req = request(profile, {
      ...(pools ? { nodePools: pools } : {}),
      ...(profile === 'azure-we' ? { kubernetesVersion: 'v1.33.4' } : {}),
    });
    const folder = renderClusterFolder(req);
    const objects = parsedManifests(folder.files);

    it('renders every kind with the API version CAPI and the provider serve', () => {
      expect(objects.map(o => `${o.apiVersion} ${o.kind}`)).toEqual([
        'cluster.x-k8s.io/v1beta2 Cluster',
        `${infraApiVersion} ${clusterKind}`,
        'controlplane.cluster.x-k8s.io/v1beta2 KubeadmControlPlane',
        `${infraApiVersion} ${templateKind}`,
        `${infraApiVersion} ${templateKind}`,
        'bootstrap.cluster.x-k8s.io/v1beta2 KubeadmConfigTemplate',
        'cluster.x-k8s.io/v1beta2 MachineDeployment',
        `${infraApiVersion} ${templateKind}`,
        'bootstrap.cluster.x-k8s.io/v1beta2 KubeadmConfigTemplate',
        'cluster.x-k8s.io/v1beta2 MachineDeployment',
      ]);
      for (const o of objects) {
        expect(o.metadata.namespace).toBe(req.profile.namespace);
      }
    });

    it('has every reference resolve to an object of the folder', () => {
      expect(collectReferences(objects)).toHaveLength(2 + 1 + 2 * 2);
      expect(unresolvedReferences(objects)).toEqual([]);
    });

    it('wires the control plane and node pools to version and replicas', () => {
      const [kcp] = byKind(objects, 'KubeadmControlPlane');
      expect(kcp.spec.replicas).toBe(3);
      expect(kcp.spec.version).toBe('v1.33.4');
      const mds = byKind(objects, 'MachineDeployment');
      expect(mds.map(md => md.metadata.name)).toEqual([
        'payments-prod-general',
        'payments-prod-batch',
      ]);
      for (const md of mds) {
        expect(md.spec.clusterName).toBe('payments-prod');
        expect(md.spec.template.spec.clusterName).toBe('payments-prod');
        expect(md.spec.template.spec.version).toBe('v1.33.4');
        expect(md.spec.selector).toEqual({ matchLabels: {} });
        expect(md.metadata.labels).toEqual({
          'cluster.x-k8s.io/cluster-name': 'payments-prod',
        });
      }
      expect(mds[1].spec.template.metadata.labels).toEqual({
        workload: 'batch',
        'cluster.x-k8s.io/cluster-name': 'payments-prod',
      });
      const [, batchBootstrap] = byKind(objects, 'KubeadmConfigTemplate');
      expect(
        batchBootstrap.spec.template.spec.joinConfiguration.nodeRegistration
          .taints,
      ).toEqual([{ key: 'workload', value: 'batch', effect: 'NoSchedule' }]);
    });
  },
);

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

describe('YAML safety', () => {
  it('quotes strings that YAML 1.1 readers such as Kubernetes would turn into booleans', () => {
    const folder = renderClusterFolder(
      request('onprem-fra', {
        nodePools: [
          {
            name: 'general',
            size: 'small',
            replicas: 1,
            labels: { gpu: 'on', spot: 'yes', tier: 'n' },
            taints: [],
          },
        ],
      }),
    );
    expect(folder.files['cluster.yaml']).toContain('gpu: "on"');
    expect(folder.files['cluster.yaml']).toContain('spot: "yes"');
    expect(folder.files['cluster.yaml']).toContain('tier: "n"');
  });

  it('keeps hostile strings as values, never as structure', () => {
    const hostile = 'a\n b: c # not a comment: {x}';
    const folder = renderClusterFolder(
      request('onprem-fra', {
        description: hostile,
        nodePools: [
          {
            name: 'general',
            size: 'small',
            replicas: 1,
            labels: { note: 'x: #y' },
            taints: [],
          },
        ],
      }),
    );
    const info = parse(folder.files['catalog-info.yaml']);
    expect(info.metadata.description).toBe(hostile);
    expect(Object.keys(info.metadata).sort()).toEqual([
      'annotations',
      'description',
      'name',
      'title',
    ]);
    const [cluster] = parsedManifests(folder.files) as any[];
    expect(
      cluster.spec.topology.workers.machineDeployments[0].metadata.labels,
    ).toEqual({
      note: 'x: #y',
    });
  });
});
