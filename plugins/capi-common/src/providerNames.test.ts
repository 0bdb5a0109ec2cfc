import { awsLoadBalancerName, derivedNameProblems } from './providerNames';

const pools = [{ name: 'general' }];

describe('derivedNameProblems', () => {
  it('accepts ordinary names for every provider and mode', () => {
    for (const provider of ['vsphere', 'aws', 'azure', 'docker'] as const) {
      for (const mode of ['classic', 'clusterclass'] as const) {
        expect(
          derivedNameProblems({
            provider,
            mode,
            cluster: 'payments-prod',
            pools,
            vsphereEndpointHostTemplate: '{cluster}.k8s.example.com',
          }),
        ).toEqual([]);
      }
    }
  });

  it('refuses Azure cluster names beyond CAPZ’s 44 characters, counting CAPI’s topology suffix', () => {
    const cluster = 'a'.repeat(40);
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster,
        pools,
      }),
    ).toEqual([]);
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'clusterclass',
        cluster,
        pools,
      }),
    ).toEqual([
      expect.stringMatching(
        /^Azure \(CAPZ\): AzureCluster name \(cluster name \+ CAPI's 6-character "-xxxxx" suffix\) ".*" is 46 characters long; at most 44/,
      ),
    ]);
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'b'.repeat(45),
        pools: [],
      })[0],
    ).toMatch(
      /AzureCluster name \(the cluster name\) .* 45 characters long; at most 44/,
    );
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'x',
        pools: [],
      }),
    ).toEqual([expect.stringMatching(/at least 2 characters/)]);
  });

  it('checks the Azure resource group from the profile: length and characters', () => {
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'c1',
        pools: [],
        azureResourceGroup: 'rg-(prod)_1.x',
      }),
    ).toEqual([]);
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'c1',
        pools: [],
        azureResourceGroup: 'rg/with slash.',
      }),
    ).toEqual([
      expect.stringMatching(
        /resource group \(the profile's azure.resourceGroup\) "rg\/with slash\." may hold only/,
      ),
    ]);
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'c1',
        pools: [],
        azureResourceGroup: 'r'.repeat(91),
      }),
    ).toEqual([expect.stringMatching(/is 91 characters long; at most 90/)]);
  });

  it('refuses a vSphere endpoint host whose cluster label is not a DNS label', () => {
    const problems = derivedNameProblems({
      provider: 'vsphere',
      mode: 'classic',
      cluster: 'c'.repeat(20),
      pools,
      vsphereEndpointHostTemplate:
        'api-{cluster}-{cluster}-{cluster}.k8s.example.com',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^vSphere \(CAPV\): control plane endpoint host ".*" \(vsphere.controlPlaneEndpointHost with the cluster name\) has the label "api-c+-c+-c+", which is not a DNS label/,
      ),
    ]);
  });

  it('refuses a development cluster whose load balancer container name is too long', () => {
    expect(
      derivedNameProblems({
        provider: 'docker',
        mode: 'clusterclass',
        cluster: 'd'.repeat(62),
        pools: [],
      }),
    ).toEqual([
      expect.stringMatching(
        /^development provider \(CAPD\): load balancer container name \(cluster name \+ "-lb"\) .* is 65 characters long; at most 63/,
      ),
    ]);
  });

  it('refuses classic MachineDeployment names beyond 63, for every provider', () => {
    for (const provider of ['vsphere', 'aws', 'azure', 'docker'] as const) {
      const problems = derivedNameProblems({
        provider,
        mode: 'classic',
        cluster: 'c'.repeat(40),
        pools: [{ name: 'p'.repeat(30) }],
      });
      expect(problems).toEqual([
        expect.stringMatching(
          /^Cluster API: MachineDeployment name .* is 71 characters long/,
        ),
      ]);
    }
  });

  it('checks only pool-derived names when adding a pool', () => {
    expect(
      derivedNameProblems({
        provider: 'azure',
        mode: 'classic',
        cluster: 'c'.repeat(50),
        pools: [{ name: 'p'.repeat(20) }],
        only: 'pools',
      }),
    ).toEqual([expect.stringMatching(/MachineDeployment name .* is 71/)]);
  });
});

describe('awsLoadBalancerName', () => {
  it('tells when CAPA hashes the 32-character load balancer name', () => {
    expect(awsLoadBalancerName('clusters', 'pay')).toEqual({
      name: 'clusters-pay-apiserver',
      hashed: false,
    });
    expect(awsLoadBalancerName('clusters', 'payments-production').hashed).toBe(
      true,
    );
  });
});
