import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Scale a node pool to 5 machines',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'capi:nodepool:update',
          name: 'Scale a node pool to 5 machines',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            name: 'general',
            replicas: 5,
          },
        },
      ],
    }),
  },
  {
    description: 'Turn on autoscaling between 2 and 8 machines',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'capi:nodepool:update',
          name: 'Turn on autoscaling between 2 and 8 machines',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            name: 'general',
            autoscaling: { enabled: true, min: 2, max: 8 },
          },
        },
      ],
    }),
  },
];
