import type { ClusterClassSummary } from '@capstan/plugin-capi-common';
import {
  TopologyVariableValidator,
  writtenVariables,
} from './topologyVariables';

const sizeSchema = {
  type: 'object',
  required: ['cpu'],
  properties: {
    cpu: { type: 'integer', minimum: 1 },
    name: { type: 'string' },
  },
  'x-kubernetes-preserve-unknown-fields': true,
};

const vsphereStandard: ClusterClassSummary = {
  managementCluster: 'onprem-fra',
  namespace: 'clusters',
  name: 'vsphere-standard',
  variables: [
    { name: 'workerMachineSize', required: false, schema: sizeSchema },
    { name: 'controlPlanePort', required: true, schema: { type: 'integer' } },
    {
      name: 'kubeProxyMode',
      required: true,
      schema: {
        type: 'string',
        enum: ['iptables', 'ipvs'],
        default: 'iptables',
      },
    },
    {
      name: 'serverUrl',
      required: false,
      schema: { type: 'string', format: 'uri', nullable: true },
    },
  ],
};

function cluster(topology: Record<string, unknown>) {
  return { kind: 'Cluster', metadata: { name: 'c1' }, spec: { topology } };
}

describe('TopologyVariableValidator', () => {
  const validator = new TopologyVariableValidator();

  it('accepts values that match, a required variable with a default left unset, and Kubernetes schema extensions', () => {
    const written = writtenVariables(
      cluster({
        variables: [
          { name: 'controlPlanePort', value: 6443 },
          { name: 'serverUrl', value: null },
        ],
        workers: {
          machineDeployments: [
            {
              name: 'general',
              variables: {
                overrides: [
                  { name: 'workerMachineSize', value: { cpu: 2, extra: 1 } },
                ],
              },
            },
          ],
        },
      }),
    );
    expect(written.map(w => `${w.name}@${w.where}`)).toEqual([
      'controlPlanePort@cluster',
      'serverUrl@cluster',
      'workerMachineSize@node pool general override',
    ]);
    expect(validator.problems(vsphereStandard, written)).toEqual([]);
  });

  it('names the variable and the class for an unknown variable, a wrong type in a pool override and a missing required variable', () => {
    const problems = validator.problems(
      vsphereStandard,
      writtenVariables(
        cluster({
          variables: [{ name: 'vsphereDatacenter', value: 'FRA-DC1' }],
          controlPlane: {
            variables: {
              overrides: [{ name: 'workerMachineSize', value: { cpu: 'two' } }],
            },
          },
          workers: {
            machineDeployments: [
              {
                name: 'batch',
                variables: {
                  overrides: [{ name: 'kubeProxyMode', value: 'userspace' }],
                },
              },
            ],
          },
        }),
      ),
    );
    expect(problems).toEqual([
      'variable "vsphereDatacenter" (cluster) is not defined by ClusterClass "vsphere-standard" (onprem-fra/clusters); it defines controlPlanePort, kubeProxyMode, serverUrl, workerMachineSize',
      'variable "workerMachineSize" (control plane override) does not match the schema of ClusterClass "vsphere-standard" (onprem-fra/clusters): /cpu must be integer',
      'variable "kubeProxyMode" (node pool batch override) does not match the schema of ClusterClass "vsphere-standard" (onprem-fra/clusters): the value must be equal to one of the allowed values',
      'variable "controlPlanePort" is required by ClusterClass "vsphere-standard" (onprem-fra/clusters) but not set (add it to the profile\'s clusterClass.variables)',
    ]);
  });

  it('reports a schema the validator cannot compile instead of throwing', () => {
    const broken: ClusterClassSummary = {
      ...vsphereStandard,
      variables: [{ name: 'x', required: false, schema: { type: 'nonsense' } }],
    };
    expect(
      validator.problems(broken, [{ name: 'x', value: 1, where: 'cluster' }]),
    ).toEqual([expect.stringMatching(/^variable "x" cannot be checked/)]);
  });

  it('finds nothing in a classic or malformed Cluster', () => {
    expect(writtenVariables({ spec: {} })).toEqual([]);
    expect(writtenVariables(null)).toEqual([]);
    expect(
      writtenVariables(
        cluster({ variables: 'junk', workers: { machineDeployments: [7] } }),
      ),
    ).toEqual([]);
  });
});
