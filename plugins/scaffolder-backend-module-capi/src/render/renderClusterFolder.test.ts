import { parse } from 'yaml';
import {
  byKind,
  parsedManifests,
  request,
} from '../__testUtils__/clusterRequests';
import {
  collectReferences,
  unresolvedReferences,
} from '../__testUtils__/references';
import { clusterEntityName } from '@capstan/plugin-capi-node';
import { renderClusterFolder } from './renderClusterFolder';
import type { ClusterRequest } from './types';

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
      `resource:default/${
        parse(folder.files['catalog-info.yaml']).metadata.name
      }`,
    );
  });

  it("names the cluster's entity as the capi backend will name the Cluster it reads (one entity per cluster), with nothing of the cluster in the name", () => {
    const { name } = parse(folder.files['catalog-info.yaml']).metadata;
    // What the capi backend computes from the Cluster in cluster.yaml once
    // it runs (its labels; the uid Kubernetes gives it does not count).
    expect(name).toBe(
      clusterEntityName({
        managementCluster: 'onprem-fra',
        namespace: cluster.metadata.namespace,
        name: cluster.metadata.name,
        labels: cluster.metadata.labels,
        uid: 'any-uid',
      }),
    );
    expect(name).toMatch(/^cluster-[0-9a-f]{24}$/);
    for (const part of ['onprem', 'fra', 'clusters', 'payments', 'prod']) {
      expect(name).not.toContain(part);
    }
  });

  it('draws a new catalog id for every cluster unless one is given', () => {
    const again = renderClusterFolder(request('onprem-fra'));
    expect(again.entityRef).not.toBe(folder.entityRef);
    const catalogId = '0f3a9c51d2e84b7a6c10';
    expect(
      renderClusterFolder({ ...request('onprem-fra'), catalogId }).entityRef,
    ).toBe(
      renderClusterFolder({ ...request('onprem-fra'), catalogId }).entityRef,
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
      'capstan.dev/catalog-id': expect.stringMatching(/^[0-9a-f]{20}$/),
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
        name: expect.stringMatching(/^cluster-[0-9a-f]{24}$/),
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
