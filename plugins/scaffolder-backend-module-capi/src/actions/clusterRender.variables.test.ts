import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type {
  ClusterClassSummary,
  VariableSchema,
} from '@capstan/plugin-capi-common';
import { createActionHarness, payments } from '../__testUtils__/actionHarness';
import { commitSubjects } from '../__testUtils__/gitFixtures';
import { createClusterRenderAction } from './clusterRender';
import { createNodePoolAddAction } from './nodepoolAdd';

const size: VariableSchema = {
  type: 'object',
  required: ['cpu', 'memoryMiB'],
  properties: {
    name: { type: 'string' },
    cpu: { type: 'integer', minimum: 1 },
    memoryMiB: { type: 'integer' },
    diskGiB: { type: 'integer' },
  },
};

/** vsphere-standard as the onprem-fra management cluster reports it, matching the example profile. */
function vsphereStandard(
  change: (variables: ClusterClassSummary['variables']) => void = () => {},
): ClusterClassSummary {
  const variables: ClusterClassSummary['variables'] = [
    { name: 'controlPlanePort', required: true, schema: { type: 'integer' } },
    { name: 'credsSecretName', required: true, schema: { type: 'string' } },
    {
      name: 'infraServer',
      required: true,
      schema: {
        type: 'object',
        properties: {
          url: { type: 'string' },
          thumbprint: { type: 'string' },
        },
      },
    },
    { name: 'workerMachineSize', required: false, schema: size },
    { name: 'controlPlaneMachineSize', required: false, schema: size },
  ];
  change(variables);
  return {
    managementCluster: 'onprem-fra',
    namespace: 'clusters',
    name: 'vsphere-standard',
    variables,
  };
}

describe('capi:cluster:render checks topology variables against the ClusterClass', () => {
  let h: Awaited<ReturnType<typeof createActionHarness>>;
  const key = 'onprem-fra/clusters/vsphere-standard';
  beforeEach(async () => {
    h = await createActionHarness();
  });
  afterEach(() => h.close());

  async function renderError() {
    const workspacePath = await fs.mkdtemp(path.join(h.root, 'ws-vars-'));
    const error = await h
      .run(createClusterRenderAction(h.options), payments, { workspacePath })
      .catch(e => e);
    expect(await fs.readdir(workspacePath)).toEqual([]);
    return error;
  }

  it('renders when every profile variable and size override fits the class', async () => {
    h.clusterClasses.set(key, vsphereStandard());
    const { outputs } = await h.run(
      createClusterRenderAction(h.options),
      payments,
    );
    expect(outputs.clusterRef).toBe('onprem-fra/clusters/payments-prod');
  });

  it('refuses an unknown variable, a wrong type and a missing required variable, naming each variable and the class, and writes nothing', async () => {
    h.clusterClasses.set(
      key,
      vsphereStandard(vars => {
        vars.splice(
          vars.findIndex(v => v.name === 'credsSecretName'),
          1,
        );
        vars[0].schema = { type: 'string' };
        vars.push({
          name: 'vsphereDatacenter',
          required: true,
          schema: { type: 'string' },
        });
      }),
    );
    const error = await renderError();
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'Cluster "payments-prod" does not fit ClusterClass "vsphere-standard": 3 problems',
    );
    expect(error.message).toContain(
      'variable "credsSecretName" (cluster) is not defined by ClusterClass "vsphere-standard" (onprem-fra/clusters)',
    );
    expect(error.message).toContain(
      'variable "controlPlanePort" (cluster) does not match the schema of ClusterClass "vsphere-standard" (onprem-fra/clusters): the value must be string',
    );
    expect(error.message).toContain(
      'variable "vsphereDatacenter" is required by ClusterClass "vsphere-standard" (onprem-fra/clusters) but not set',
    );
  });

  it('checks per-pool size overrides', async () => {
    h.clusterClasses.set(
      key,
      vsphereStandard(vars => {
        vars.find(v => v.name === 'workerMachineSize')!.schema = {
          ...size,
          properties: { cpu: { type: 'integer', maximum: 4 } },
        };
      }),
    );
    const error = await renderError();
    expect(error.message).toContain(
      'variable "workerMachineSize" (node pool batch override) does not match the schema of ClusterClass "vsphere-standard" (onprem-fra/clusters): /cpu must be <= 4',
    );
    expect(error.message).not.toContain('node pool general override');
  });

  it('refuses a class the synced management cluster does not have, and refuses (writing nothing) when the backend cannot read the classes', async () => {
    h.clusterClassesUnreadable.add('onprem-fra');
    const unreadable = await renderError();
    expect(unreadable.name).toBe('ServiceUnavailableError');
    expect(unreadable.message).toBe(
      'Topology variables cannot be checked against ClusterClass "vsphere-standard" of management cluster onprem-fra (not listed in this test); nothing was written. Try again in a minute; if this persists, ask the platform team to check the capi backend\'s connection to onprem-fra.',
    );
    h.clusterClassesSynced.add('onprem-fra');
    const error = await renderError();
    expect(error.message).toBe(
      'ClusterClass "vsphere-standard" of profile "onprem-fra" does not exist in namespace clusters of management cluster onprem-fra',
    );
  });

  it('only warns where the management cluster serves no ClusterClass API: there is nothing to check against', async () => {
    const { logs, outputs } = await h.run(
      createClusterRenderAction(h.options),
      { ...payments, name: 'payments-no-api' },
    );
    expect(outputs.clusterRef).toBe('onprem-fra/clusters/payments-no-api');
    expect(logs.join('\n')).toContain(
      "The cluster's ClusterClass variables were not checked: management cluster onprem-fra serves no ClusterClass API.",
    );
  });

  it('checks the overrides a day-2 change writes too (a new pool), before anything is pushed', async () => {
    await h.seedCluster(payments);
    h.clusterClasses.set(
      key,
      vsphereStandard(vars => {
        vars.find(v => v.name === 'workerMachineSize')!.schema = {
          ...size,
          properties: { cpu: { type: 'integer', maximum: 4 } },
        };
      }),
    );
    const commits = (await commitSubjects(h.bare)).length;
    const add = createNodePoolAddAction(h.options);
    const error = await h
      .run(add, {
        cluster: 'onprem-fra/clusters/payments-prod',
        pool: { name: 'huge', size: 'large', replicas: 1 },
      })
      .catch(e => e);
    expect(error.message).toMatch(
      /variable "workerMachineSize" \(node pool huge override\) does not match the schema of ClusterClass "vsphere-standard" \(onprem-fra\/clusters\): \/cpu must be <= 4/,
    );
    expect(await commitSubjects(h.bare)).toHaveLength(commits);
  });

  describe('variables the profile exposes', () => {
    const exposing = () => ({
      ...h.options,
      profiles: h.options.profiles.map(p =>
        p.name === 'onprem-fra'
          ? {
              ...p,
              clusterClass: {
                ...p.clusterClass!,
                exposedVariables: ['kubeProxyMode', 'etcdEncryption'],
              },
            }
          : p,
      ),
    });
    const withChoices = () =>
      vsphereStandard(vars =>
        vars.push(
          {
            name: 'kubeProxyMode',
            required: false,
            schema: { type: 'string', enum: ['iptables', 'ipvs'] },
          },
          {
            name: 'etcdEncryption',
            required: false,
            schema: { type: 'boolean' },
          },
        ),
      );

    it('writes the chosen values into the topology variables', async () => {
      h.clusterClasses.set(key, withChoices());
      const { outputs, workspacePath } = await h.run(
        createClusterRenderAction(exposing()),
        {
          ...payments,
          variables: { kubeProxyMode: 'ipvs', etcdEncryption: true },
        },
      );
      const text = await fs.readFile(
        path.join(workspacePath, outputs.path, 'cluster.yaml'),
        'utf8',
      );
      const cluster = parseAllDocuments(text)
        .map(d => d.toJSON())
        .find(o => o.kind === 'Cluster');
      expect(cluster.spec.topology.variables).toEqual(
        expect.arrayContaining([
          { name: 'kubeProxyMode', value: 'ipvs' },
          { name: 'etcdEncryption', value: true },
          { name: 'controlPlanePort', value: 6443 },
        ]),
      );
    });

    it('refuses a variable the profile does not expose, and a value outside the schema, naming it', async () => {
      h.clusterClasses.set(key, withChoices());
      await expect(
        h.run(createClusterRenderAction(exposing()), {
          ...payments,
          variables: { controlPlanePort: 1 },
        }),
      ).rejects.toThrow(
        'variable "controlPlanePort" is not one the profile "onprem-fra" lets you set (it exposes kubeProxyMode, etcdEncryption)',
      );
      await expect(
        h.run(createClusterRenderAction(h.options), {
          ...payments,
          variables: { kubeProxyMode: 'ipvs' },
        }),
      ).rejects.toThrow(/it exposes none/);
      await expect(
        h.run(createClusterRenderAction(exposing()), {
          ...payments,
          variables: { kubeProxyMode: 'userspace' },
        }),
      ).rejects.toThrow(
        'variable "kubeProxyMode" (cluster) does not match the schema of ClusterClass "vsphere-standard" (onprem-fra/clusters): the value must be equal to one of the allowed values',
      );
    });
  });
});
