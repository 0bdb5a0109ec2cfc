import { parseAllDocuments } from 'yaml';
import { testProfile } from './profiles';
import type { ClusterRequest, KubernetesObject } from '../render/types';

/** A new-cluster request for the test profile `profileName`, with overrides. */
export function request(
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

/** The objects of one kind. */
export function byKind(objects: KubernetesObject[], kind: string) {
  return objects.filter(o => o.kind === kind) as any[];
}

/** The manifests file parsed back, to check what Argo CD would apply. */
export function parsedManifests(files: Record<string, string>) {
  return parseAllDocuments(files['cluster.yaml']).map(d =>
    d.toJSON(),
  ) as KubernetesObject[];
}
