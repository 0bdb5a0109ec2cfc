import { ARGO_APPLICATION_DEFINITION } from '../gitops/ArgoApplications';
/**
 * The API resources a simulated management cluster serves, as discovery
 * reports them. CAPI kinds follow the upstream v1.14 CRDs; infrastructure
 * kinds cover the vSphere, AWS, Azure and Docker (Dev*) providers.
 */
export interface ResourceDefinition {
  /** API group; '' for the core group. */
  group: string;
  /** Served versions, storage version first. */
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Whether the resource has a status subresource (status is ignored on the main endpoint). */
  statusSubresource: boolean;
  /** Extra table columns for kubectl, besides NAME and AGE. */
  columns?: TableColumn[];
}

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  /** Dotted path; `conditions:Type` reads the status of condition Type, `label:key` a label. */
  path: string;
  priority?: number;
}

const CAPI_VERSIONS = ['v1beta2', 'v1beta1'];
const CAPI_CATEGORIES = ['cluster-api'];

function capi(
  group: string,
  kind: string,
  plural: string,
  extra: Partial<ResourceDefinition> = {},
): ResourceDefinition {
  return {
    group,
    versions: CAPI_VERSIONS,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    categories: CAPI_CATEGORIES,
    statusSubresource: true,
    ...extra,
  };
}

const available: TableColumn = {
  name: 'Available',
  type: 'string',
  path: 'conditions:Available',
};

/** Infrastructure kinds per provider: cluster, machine and their templates. */
export const INFRASTRUCTURE_KINDS = {
  vsphere: {
    cluster: 'VSphereCluster',
    machineTemplate: 'VSphereMachineTemplate',
    machine: 'VSphereMachine',
  },
  aws: {
    cluster: 'AWSCluster',
    machineTemplate: 'AWSMachineTemplate',
    machine: 'AWSMachine',
  },
  azure: {
    cluster: 'AzureCluster',
    machineTemplate: 'AzureMachineTemplate',
    machine: 'AzureMachine',
  },
  docker: {
    cluster: 'DevCluster',
    machineTemplate: 'DevMachineTemplate',
    machine: 'DevMachine',
  },
} as const;

export type InfrastructureProvider = keyof typeof INFRASTRUCTURE_KINDS;

function infrastructure(kind: string): ResourceDefinition {
  const plural = `${kind.toLowerCase()}s`;
  // As the providers serve them: CAPV (vSphere), CAPA (AWS) and CAPD (Dev*) store v1beta2 and
  // still serve v1beta1; CAPZ (Azure) is on v1beta1.
  const versions = kind.startsWith('Azure')
    ? ['v1beta1']
    : ['v1beta2', 'v1beta1'];
  return {
    group: 'infrastructure.cluster.x-k8s.io',
    versions,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    categories: CAPI_CATEGORIES,
    statusSubresource: !kind.endsWith('Template'),
  };
}

const BASE_DEFINITIONS: ResourceDefinition[] = [
  {
    group: '',
    versions: ['v1'],
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    statusSubresource: true,
    columns: [{ name: 'Status', type: 'string', path: 'status.phase' }],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    namespaced: false,
    shortNames: ['no'],
    statusSubresource: true,
    columns: [{ name: 'Ready', type: 'string', path: 'conditions:Ready' }],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    statusSubresource: false,
    columns: [{ name: 'Type', type: 'string', path: 'type' }],
  },
  capi('cluster.x-k8s.io', 'Cluster', 'clusters', {
    shortNames: ['cl'],
    columns: [
      {
        name: 'ClusterClass',
        type: 'string',
        path: 'spec.topology.classRef.name',
      },
      available,
      {
        name: 'CP Desired',
        type: 'integer',
        path: 'status.controlPlane.desiredReplicas',
      },
      {
        name: 'CP Available',
        type: 'integer',
        path: 'status.controlPlane.availableReplicas',
      },
      {
        name: 'W Desired',
        type: 'integer',
        path: 'status.workers.desiredReplicas',
      },
      {
        name: 'W Available',
        type: 'integer',
        path: 'status.workers.availableReplicas',
      },
      { name: 'Phase', type: 'string', path: 'status.phase' },
      { name: 'Version', type: 'string', path: 'spec.topology.version' },
    ],
  }),
  capi('cluster.x-k8s.io', 'ClusterClass', 'clusterclasses', {
    shortNames: ['cc'],
  }),
  capi('cluster.x-k8s.io', 'MachineDeployment', 'machinedeployments', {
    shortNames: ['md'],
    columns: [
      { name: 'Cluster', type: 'string', path: 'spec.clusterName' },
      available,
      { name: 'Desired', type: 'integer', path: 'spec.replicas' },
      { name: 'Current', type: 'integer', path: 'status.replicas' },
      { name: 'Ready', type: 'integer', path: 'status.readyReplicas' },
      { name: 'Up-to-date', type: 'integer', path: 'status.upToDateReplicas' },
      { name: 'Phase', type: 'string', path: 'status.phase' },
      { name: 'Version', type: 'string', path: 'spec.template.spec.version' },
    ],
  }),
  capi('cluster.x-k8s.io', 'MachineSet', 'machinesets', {
    shortNames: ['ms'],
    columns: [
      { name: 'Cluster', type: 'string', path: 'spec.clusterName' },
      { name: 'Desired', type: 'integer', path: 'spec.replicas' },
      { name: 'Current', type: 'integer', path: 'status.replicas' },
      { name: 'Version', type: 'string', path: 'spec.template.spec.version' },
    ],
  }),
  capi('cluster.x-k8s.io', 'Machine', 'machines', {
    shortNames: ['ma'],
    columns: [
      { name: 'Cluster', type: 'string', path: 'spec.clusterName' },
      { name: 'Node Name', type: 'string', path: 'status.nodeRef.name' },
      { name: 'Ready', type: 'string', path: 'conditions:Ready' },
      { name: 'Phase', type: 'string', path: 'status.phase' },
      { name: 'Version', type: 'string', path: 'spec.version' },
    ],
  }),
  capi('cluster.x-k8s.io', 'MachinePool', 'machinepools', {
    shortNames: ['mp'],
  }),
  capi('cluster.x-k8s.io', 'MachineHealthCheck', 'machinehealthchecks', {
    shortNames: ['mhc'],
  }),
  capi(
    'controlplane.cluster.x-k8s.io',
    'KubeadmControlPlane',
    'kubeadmcontrolplanes',
    {
      shortNames: ['kcp'],
      columns: [
        {
          name: 'Cluster',
          type: 'string',
          path: 'label:cluster.x-k8s.io/cluster-name',
        },
        available,
        { name: 'Desired', type: 'integer', path: 'spec.replicas' },
        { name: 'Current', type: 'integer', path: 'status.replicas' },
        {
          name: 'Up-to-date',
          type: 'integer',
          path: 'status.upToDateReplicas',
        },
        { name: 'Version', type: 'string', path: 'spec.version' },
      ],
    },
  ),
  capi(
    'controlplane.cluster.x-k8s.io',
    'KubeadmControlPlaneTemplate',
    'kubeadmcontrolplanetemplates',
    {
      statusSubresource: false,
    },
  ),
  capi('bootstrap.cluster.x-k8s.io', 'KubeadmConfig', 'kubeadmconfigs'),
  capi(
    'bootstrap.cluster.x-k8s.io',
    'KubeadmConfigTemplate',
    'kubeadmconfigtemplates',
    {
      statusSubresource: false,
    },
  ),
  capi('ipam.cluster.x-k8s.io', 'IPAddressClaim', 'ipaddressclaims'),
  capi('ipam.cluster.x-k8s.io', 'IPAddress', 'ipaddresses', {
    statusSubresource: false,
  }),
  {
    ...capi('ipam.cluster.x-k8s.io', 'InClusterIPPool', 'inclusterippools'),
    versions: ['v1alpha2'],
  },
  {
    ...capi(
      'ipam.cluster.x-k8s.io',
      'GlobalInClusterIPPool',
      'globalinclusterippools',
    ),
    versions: ['v1alpha2'],
    namespaced: false,
  },
  ...Object.values(INFRASTRUCTURE_KINDS).flatMap(kinds => [
    infrastructure(kinds.cluster),
    infrastructure(`${kinds.cluster}Template`),
    infrastructure(kinds.machine),
    infrastructure(kinds.machineTemplate),
  ]),
  infrastructure('VSphereClusterIdentity'),
  infrastructure('VSphereFailureDomain'),
  infrastructure('VSphereDeploymentZone'),
  infrastructure('VSphereVM'),
];

export const RESOURCE_DEFINITIONS: ResourceDefinition[] = [
  ...BASE_DEFINITIONS.map(def =>
    def.kind === 'VSphereClusterIdentity' ||
    def.kind === 'VSphereFailureDomain' ||
    def.kind === 'VSphereDeploymentZone'
      ? { ...def, namespaced: false }
      : def,
  ),
  // Argo CD's Application, published by the GitOps sync.
  ARGO_APPLICATION_DEFINITION,
];

/** The store's key for a resource: `plural.group`, or `plural` for the core group. */
export function resourceKey(
  def: Pick<ResourceDefinition, 'plural' | 'group'>,
): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** Looks resources up by store key, by group + plural and by group + kind. */
export class ResourceRegistry {
  readonly definitions: readonly ResourceDefinition[];
  #byKey = new Map<string, ResourceDefinition>();
  #byKind = new Map<string, ResourceDefinition>();

  constructor(
    definitions: readonly ResourceDefinition[] = RESOURCE_DEFINITIONS,
  ) {
    this.definitions = definitions;
    for (const def of definitions) {
      this.#byKey.set(resourceKey(def), def);
      this.#byKind.set(`${def.group}/${def.kind}`, def);
    }
  }

  byKey(key: string): ResourceDefinition | undefined {
    return this.#byKey.get(key);
  }

  byGroupPlural(group: string, plural: string): ResourceDefinition | undefined {
    return this.#byKey.get(group ? `${plural}.${group}` : plural);
  }

  /** Resolves an `apiVersion` + `kind` pair as written in a manifest. */
  byApiVersionKind(
    apiVersion: string,
    kind: string,
  ): ResourceDefinition | undefined {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    return this.#byKind.get(`${group}/${kind}`);
  }

  groups(): Map<string, ResourceDefinition[]> {
    const groups = new Map<string, ResourceDefinition[]>();
    for (const def of this.definitions) {
      const list = groups.get(def.group) ?? [];
      list.push(def);
      groups.set(def.group, list);
    }
    return groups;
  }
}
