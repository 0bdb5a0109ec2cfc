import { ConfigReader } from '@backstage/config';
import { readClusterProfiles } from './readClusterProfiles';
import { readGitopsConfig, gitopsWebUrl } from './readGitopsConfig';
import { toProfileSummary } from './toProfileSummary';

const sizes = {
  small: {
    title: 'Small',
    cpu: 2,
    memoryMiB: 4096,
    diskGiB: 40,
    awsInstanceType: 't3.medium',
  },
  large: {
    cpu: 8,
    memoryMiB: 32768,
    diskGiB: 100,
    awsInstanceType: 'm6i.2xlarge',
  },
};

function config(profiles: object, gitops?: object) {
  return new ConfigReader({
    capi: { profiles, ...(gitops ? { gitops } : {}) },
  });
}

describe('readClusterProfiles', () => {
  it('reads a ClusterClass profile with defaults filled in', () => {
    const [profile] = readClusterProfiles(
      config({
        'onprem-fra': {
          title: 'On-prem Frankfurt',
          managementCluster: 'mc-fra',
          namespace: 'clusters',
          mode: 'clusterclass',
          provider: 'vsphere',
          clusterClass: {
            name: 'vsphere-standard',
            variables: { controlPlanePort: 6443 },
          },
          kubernetesVersions: ['1.33.4', 'v1.32.7'],
          defaultKubernetesVersion: '1.33.4',
          machineSizes: sizes,
          addonLabels: { 'addons.example.com/cni': 'cilium' },
        },
      }),
    );
    expect(profile).toMatchObject({
      name: 'onprem-fra',
      mode: 'clusterclass',
      clusterClass: {
        name: 'vsphere-standard',
        workerClass: 'default-worker',
        variables: { controlPlanePort: 6443 },
      },
      kubernetesVersions: ['v1.32.7', 'v1.33.4'],
      defaultKubernetesVersion: 'v1.33.4',
      controlPlaneSize: 'small',
      autoscaler: false,
      limits: { maxNodePools: 5, maxReplicas: 20 },
    });
    expect(profile.machineSizes.map(s => s.name)).toEqual(['small', 'large']);
    expect(profile.clusterClass?.chainedUpgrades).toBeUndefined();
  });

  it('reads whether a ClusterClass profile allows chained upgrades', () => {
    const [profile] = readClusterProfiles(
      config({
        chained: {
          title: 'Chained',
          managementCluster: 'mc',
          namespace: 'ns',
          mode: 'clusterclass',
          clusterClass: { name: 'cc', chainedUpgrades: true },
          kubernetesVersions: ['v1.32.7', 'v1.33.4', 'v1.34.1'],
          machineSizes: sizes,
        },
      }),
    );
    expect(profile.clusterClass?.chainedUpgrades).toBe(true);
  });

  it('reads the ClusterClass variables a profile exposes and names them in the browser summary', () => {
    const [profile] = readClusterProfiles(
      config({
        exposing: {
          title: 'Exposing',
          managementCluster: 'mc',
          namespace: 'ns',
          mode: 'clusterclass',
          clusterClass: {
            name: 'cc',
            exposedVariables: ['kubeProxyMode', 'etcdEncryption'],
          },
          kubernetesVersions: ['v1.33.4'],
          machineSizes: sizes,
        },
      }),
    );
    expect(profile.clusterClass?.exposedVariables).toEqual([
      'kubeProxyMode',
      'etcdEncryption',
    ]);
    expect(toProfileSummary(profile)).toMatchObject({
      clusterClass: 'cc',
      clusterClassNamespace: 'ns',
      exposedVariables: ['kubeProxyMode', 'etcdEncryption'],
    });
  });

  it('reads classic vSphere settings including the IPAM pool', () => {
    const [profile] = readClusterProfiles(
      config({
        vs: {
          title: 'vSphere',
          managementCluster: 'mc',
          namespace: 'ns',
          mode: 'classic',
          provider: 'vsphere',
          vsphere: {
            server: 'vc.example.com',
            datacenter: 'dc1',
            datastore: 'ds1',
            network: 'vlan-12',
            template: 'ubuntu-2404-kube',
            ipPool: { name: 'pool-a' },
          },
          kubernetesVersions: ['v1.33.4'],
          machineSizes: sizes,
          autoscaler: true,
          limits: { maxNodePools: 3 },
        },
      }),
    );
    expect(profile.vsphere?.ipPool).toEqual({
      name: 'pool-a',
      kind: 'InClusterIPPool',
      apiGroup: 'ipam.cluster.x-k8s.io',
    });
    expect(profile.limits).toEqual({ maxNodePools: 3, maxReplicas: 20 });
    expect(profile.autoscaler).toBe(true);
  });

  it('names the profile and every bad key in one error', () => {
    let message = '';
    try {
      readClusterProfiles(
        config({
          broken: {
            title: 'Broken',
            managementCluster: 'mc',
            namespace: 'ns',
            mode: 'classic',
            provider: 'aws',
            aws: {},
            kubernetesVersions: ['latest'],
            machineSizes: {
              small: { cpu: 2, memoryMiB: 4096, diskGiB: 'big' },
            },
          },
        }),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid cluster profile "broken"/);
    expect(message).toContain('aws.region: is required');
    expect(message).toContain('machineSizes.small.diskGiB');
    expect(message).toContain(
      'machineSizes.small.awsInstanceType: is required',
    );
    expect(message).toContain('kubernetesVersions: "latest"');
  });

  it('requires a ClusterClass name in clusterclass mode and a provider in classic mode', () => {
    const base = {
      title: 'x',
      managementCluster: 'mc',
      namespace: 'ns',
      kubernetesVersions: ['v1.33.0'],
      machineSizes: sizes,
    };
    expect(() =>
      readClusterProfiles(config({ a: { ...base, mode: 'clusterclass' } })),
    ).toThrow(/"a".*clusterClass\.name: is required/);
    expect(() =>
      readClusterProfiles(config({ b: { ...base, mode: 'classic' } })),
    ).toThrow(/"b".*provider: is required/);
  });

  it('returns no profiles when none are configured', () => {
    expect(readClusterProfiles(new ConfigReader({}))).toEqual([]);
  });
});

describe('toProfileSummary', () => {
  it('leaves out infrastructure ids', () => {
    const [profile] = readClusterProfiles(
      config({
        aws: {
          title: 'AWS',
          managementCluster: 'mc-aws',
          namespace: 'ns',
          mode: 'classic',
          provider: 'aws',
          aws: {
            region: 'eu-central-1',
            subnets: ['subnet-0abc'],
            sshKeyName: 'ops',
          },
          kubernetesVersions: ['v1.33.0'],
          machineSizes: sizes,
        },
      }),
    );
    const summary = toProfileSummary(profile);
    expect(summary.machineSizes).toEqual([
      { name: 'small', title: 'Small', description: undefined },
      // Untitled: its name and shape, never a bare name.
      {
        name: 'large',
        title: 'Large (8 vCPU, 32 GiB)',
        description: undefined,
      },
    ]);
    const json = JSON.stringify(summary);
    expect(json).not.toContain('subnet-0abc');
    expect(json).not.toContain('eu-central-1');
    expect(json).not.toContain('t3.medium');
  });
});

describe('readGitopsConfig', () => {
  it('applies defaults', () => {
    const gitops = readGitopsConfig(config({}, { repoUrl: '/srv/gitops.git' }));
    expect(gitops).toEqual({
      repoUrl: '/srv/gitops.git',
      cloneUrl: undefined,
      branch: 'main',
      publishMode: 'commit',
      webUrl: undefined,
      author: { name: 'Capstan', email: 'capstan@backstage.invalid' },
    });
  });

  it('rejects a relative path and an unknown publish mode', () => {
    expect(() => readGitopsConfig(config({}, { repoUrl: 'gitops' }))).toThrow(
      /repoUrl/,
    );
    expect(() =>
      readGitopsConfig(config({}, { repoUrl: '/x', publishMode: 'merge' })),
    ).toThrow(/publishMode/);
  });

  it('builds web links from the template', () => {
    const gitops = readGitopsConfig(
      config(
        {},
        {
          repoUrl: 'https://github.com/acme/clusters',
          webUrl: 'https://github.com/acme/clusters/tree/{branch}/{path}',
        },
      ),
    )!;
    expect(gitopsWebUrl(gitops, 'clusters/mc/ns/c1')).toBe(
      'https://github.com/acme/clusters/tree/main/clusters/mc/ns/c1',
    );
  });
});
