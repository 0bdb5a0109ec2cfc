import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Decommission a cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'change',
          action: 'capi:cluster:decommission',
          name: 'Decommission a cluster',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            confirm: 'payments-prod',
          },
        },
      ],
    }),
  },
];
