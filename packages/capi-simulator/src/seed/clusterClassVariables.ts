import type { InfrastructureProvider } from '../api/resources';

/** The machine size object Capstan's profiles hand to a size variable. */
const machineSizeSchema = {
  type: 'object',
  description: 'Machine size: CPUs, memory and disk of each machine.',
  required: ['cpu', 'memoryMiB'],
  properties: {
    name: { type: 'string' },
    cpu: { type: 'integer', minimum: 1 },
    memoryMiB: { type: 'integer', minimum: 1024 },
    diskGiB: { type: 'integer', minimum: 10 },
    awsInstanceType: { type: 'string' },
    azureVmSize: { type: 'string' },
  },
};

interface Definition {
  name: string;
  required: boolean;
  schema: Record<string, unknown>;
}

/** Variables every demo class defines; the last two are worth exposing in a form. */
const COMMON: Definition[] = [
  { name: 'workerMachineSize', required: false, schema: machineSizeSchema },
  {
    name: 'controlPlaneMachineSize',
    required: false,
    schema: machineSizeSchema,
  },
  {
    name: 'kubeProxyMode',
    required: false,
    schema: {
      type: 'string',
      enum: ['iptables', 'ipvs', 'nftables'],
      default: 'iptables',
      description: 'How kube-proxy routes Service traffic.',
    },
  },
  {
    name: 'etcdEncryption',
    required: false,
    schema: {
      type: 'boolean',
      default: false,
      description: 'Encrypt Secrets at rest in etcd.',
    },
  },
];

const PER_PROVIDER: Record<InfrastructureProvider, Definition[]> = {
  vsphere: [
    {
      name: 'vsphereDatacenter',
      required: true,
      schema: {
        type: 'string',
        minLength: 1,
        description: 'vCenter datacenter the machines run in.',
      },
    },
    {
      name: 'networkName',
      required: true,
      schema: {
        type: 'string',
        minLength: 1,
        description: 'Port group the machines attach to.',
      },
    },
  ],
  aws: [
    {
      name: 'region',
      required: false,
      schema: { type: 'string', default: 'eu-central-1' },
    },
  ],
  azure: [
    {
      name: 'location',
      required: false,
      schema: { type: 'string', default: 'westeurope' },
    },
  ],
  docker: [],
};

/**
 * `status.variables` of a demo `<provider>-standard` ClusterClass, as CAPI
 * v1.14 reports it: each variable with its inline definition and OpenAPI schema.
 */
export function demoClusterClassVariables(provider: InfrastructureProvider) {
  return [...COMMON, ...PER_PROVIDER[provider]].map(d => ({
    name: d.name,
    definitions: [
      {
        from: 'inline',
        required: d.required,
        schema: { openAPIV3Schema: d.schema },
      },
    ],
  }));
}
