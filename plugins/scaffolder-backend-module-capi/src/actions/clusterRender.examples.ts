import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Render a cluster with two node pools, one of them autoscaled',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'capi:cluster:render',
          name: 'Render cluster manifests',
          input: {
            profile: 'onprem-fra',
            name: 'payments-prod',
            owner: 'group:default/team-payments',
            entityRef: 'component:default/payments',
            kubernetesVersion: 'v1.33.4',
            controlPlaneReplicas: 3,
            nodePools: [
              { name: 'general', size: 'medium', replicas: 3 },
              {
                name: 'batch',
                size: 'large',
                autoscaling: { min: 1, max: 6 },
                labels: { workload: 'batch' },
                taints: [
                  { key: 'workload', value: 'batch', effect: 'NoSchedule' },
                ],
              },
            ],
            addons: ['monitoring'],
          },
        },
      ],
    }),
  },
  {
    description: 'Render a small cluster with custom pod and service networks',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'capi:cluster:render',
          name: 'Render cluster manifests',
          input: {
            profile: 'aws-eu',
            name: 'checkout-dev',
            owner: 'group:default/team-checkout',
            controlPlaneReplicas: 1,
            nodePools: [{ name: 'general', size: 'small', replicas: 2 }],
            podCidrs: ['10.244.0.0/16'],
            serviceCidrs: ['10.96.0.0/12'],
          },
        },
      ],
    }),
  },
];
