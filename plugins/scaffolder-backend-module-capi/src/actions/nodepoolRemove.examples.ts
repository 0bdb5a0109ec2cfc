import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Remove a node pool',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'capi:nodepool:remove',
          name: 'Remove a node pool',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            name: 'batch',
          },
        },
      ],
    }),
  },
];
