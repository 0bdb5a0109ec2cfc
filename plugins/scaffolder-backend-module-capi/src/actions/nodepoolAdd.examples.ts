import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Add an autoscaled node pool',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'capi:nodepool:add',
          name: 'Add an autoscaled node pool',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            pool: {
              name: 'gpu',
              size: 'large',
              autoscaling: { min: 0, max: 4 },
              labels: { workload: 'gpu' },
            },
          },
        },
      ],
    }),
  },
];
