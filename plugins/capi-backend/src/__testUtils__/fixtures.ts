import type { KubeObject } from '@capstan/capi-simulator';

export const RESOURCES = {
  clusters: 'clusters.cluster.x-k8s.io',
  machineDeployments: 'machinedeployments.cluster.x-k8s.io',
  machinePools: 'machinepools.cluster.x-k8s.io',
  machines: 'machines.cluster.x-k8s.io',
  controlPlanes: 'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
};

const NOW = '2026-11-25T10:00:00Z';

function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason = status === 'True' ? type : `Not${type}`,
  message?: string,
) {
  return {
    type,
    status,
    reason,
    ...(message ? { message } : {}),
    lastTransitionTime: NOW,
  };
}

/** A provisioned v1beta2 topology Cluster, as CAPI 1.14 stores it. */
export function cluster(
  name: string,
  options: {
    namespace?: string;
    version?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    available?: boolean;
    failing?: { type: string; reason: string; message: string };
    phase?: string;
    pools?: Array<{ name: string; replicas: number; class?: string }>;
  } = {},
): KubeObject {
  const conditions = [
    condition(
      'Available',
      options.available === false || options.failing ? 'False' : 'True',
    ),
    condition('InfrastructureReady', 'True'),
    condition('ControlPlaneAvailable', 'True'),
    condition('WorkersAvailable', 'True'),
    condition('RollingOut', 'False'),
  ];
  if (options.failing) {
    const i = conditions.findIndex(c => c.type === options.failing!.type);
    const failing = condition(
      options.failing.type,
      'False',
      options.failing.reason,
      options.failing.message,
    );
    if (i >= 0) conditions[i] = failing;
    else conditions.push(failing);
  }
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? {},
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"huge":"blob"}',
        ...options.annotations,
      },
    },
    spec: {
      topology: {
        classRef: { name: 'vsphere-class' },
        version: options.version ?? 'v1.33.4',
        controlPlane: { replicas: 1 },
        workers: {
          machineDeployments: (
            options.pools ?? [
              { name: 'md-0', replicas: 2, class: 'default-worker' },
            ]
          ).map(p => ({
            name: p.name,
            class: p.class ?? 'default-worker',
            replicas: p.replicas,
          })),
        },
      },
      controlPlaneRef: {
        apiGroup: 'controlplane.cluster.x-k8s.io',
        kind: 'KubeadmControlPlane',
        name: `${name}-cp`,
      },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'VSphereCluster',
        name,
      },
      controlPlaneEndpoint: { host: `${name}.k8s.example.com`, port: 6443 },
    },
    status: {
      phase: options.phase ?? 'Provisioned',
      initialization: {
        infrastructureProvisioned: true,
        controlPlaneInitialized: true,
      },
      conditions,
    },
  };
}

export function controlPlane(
  clusterName: string,
  options: { namespace?: string; version?: string; replicas?: number } = {},
): KubeObject {
  const replicas = options.replicas ?? 1;
  return {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmControlPlane',
    metadata: {
      name: `${clusterName}-cp`,
      namespace: options.namespace ?? 'default',
      labels: { 'cluster.x-k8s.io/cluster-name': clusterName },
    },
    spec: { replicas, version: options.version ?? 'v1.33.4' },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      upToDateReplicas: replicas,
      initialization: { controlPlaneInitialized: true },
      conditions: [condition('Available', 'True')],
    },
  };
}

export function machineDeployment(
  clusterName: string,
  pool: string,
  options: {
    namespace?: string;
    replicas?: number;
    ready?: number;
    version?: string;
    annotations?: Record<string, string>;
  } = {},
): KubeObject {
  const replicas = options.replicas ?? 2;
  const ready = options.ready ?? replicas;
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: {
      name: `${clusterName}-${pool}-abc12`,
      namespace: options.namespace ?? 'default',
      labels: {
        'cluster.x-k8s.io/cluster-name': clusterName,
        'topology.cluster.x-k8s.io/owned': '',
        'topology.cluster.x-k8s.io/deployment-name': pool,
      },
      annotations: options.annotations ?? {},
    },
    spec: {
      clusterName,
      replicas,
      template: {
        spec: {
          clusterName,
          version: options.version ?? 'v1.33.4',
          infrastructureRef: {
            kind: 'VSphereMachineTemplate',
            name: `${clusterName}-${pool}-tmpl`,
          },
        },
      },
    },
    status: {
      phase: 'Running',
      replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      upToDateReplicas: replicas,
      conditions: [
        condition(
          'Available',
          ready === replicas ? 'True' : 'False',
          ready === replicas ? 'Available' : 'NotAvailable',
          ready === replicas
            ? undefined
            : `${replicas - ready} replicas not ready`,
        ),
      ],
    },
  };
}

export function machine(
  clusterName: string,
  name: string,
  options: {
    namespace?: string;
    pool?: string;
    controlPlane?: boolean;
    kubeletVersion?: string;
    annotations?: Record<string, string>;
    phase?: string;
  } = {},
): KubeObject {
  const labels: Record<string, string> = {
    'cluster.x-k8s.io/cluster-name': clusterName,
  };
  if (options.controlPlane) labels['cluster.x-k8s.io/control-plane'] = '';
  else {
    labels['cluster.x-k8s.io/deployment-name'] = `${clusterName}-${
      options.pool ?? 'md-0'
    }-abc12`;
  }
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      labels,
      annotations: options.annotations ?? {},
      // Dropped on arrival: the cache keeps no managedFields.
      managedFields: [
        { manager: 'capi', operation: 'Update', fieldsV1: { 'f:status': {} } },
      ],
    } as KubeObject['metadata'],
    spec: {
      clusterName,
      version: options.kubeletVersion ?? 'v1.33.4',
      providerID: `vsphere://${name}`,
    },
    status: {
      phase: options.phase ?? 'Running',
      nodeRef: { name },
      nodeInfo: {
        kubeletVersion: options.kubeletVersion ?? 'v1.33.4',
        osImage: 'Ubuntu 24.04.1 LTS',
        kernelVersion: '6.8.0-45-generic',
      },
      certificatesExpiryDate: '2027-11-25T10:00:00Z',
      addresses: [{ type: 'InternalIP', address: '10.0.0.10' }],
    },
  };
}

/** A whole healthy cluster: Cluster, control plane, one pool, machines. */
export function wholeCluster(
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    workers?: number;
    machineAnnotations?: Record<string, string>;
  } = {},
): Array<[string, KubeObject]> {
  const workers = options.workers ?? 2;
  const ns = options.namespace;
  return [
    [
      RESOURCES.clusters,
      cluster(name, {
        namespace: ns,
        labels: options.labels,
        annotations: options.annotations,
        pools: [{ name: 'md-0', replicas: workers }],
      }),
    ],
    [RESOURCES.controlPlanes, controlPlane(name, { namespace: ns })],
    [
      RESOURCES.machineDeployments,
      machineDeployment(name, 'md-0', { namespace: ns, replicas: workers }),
    ],
    [
      RESOURCES.machines,
      machine(name, `${name}-cp-1`, {
        namespace: ns,
        controlPlane: true,
        annotations: options.machineAnnotations,
      }),
    ],
    ...Array.from({ length: workers }, (_, i): [string, KubeObject] => [
      RESOURCES.machines,
      machine(name, `${name}-md-0-${i}`, {
        namespace: ns,
        annotations: options.machineAnnotations,
      }),
    ]),
  ];
}

/** Polls until the check passes or the timeout elapses. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise(r => setTimeout(r, 20));
  }
}
