import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Upgrade a cluster to the next minor version',
    example: yaml.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'capi:cluster:upgrade',
          name: 'Upgrade Kubernetes',
          input: {
            cluster: 'onprem-fra/clusters/payments-prod',
            kubernetesVersion: 'v1.34.1',
          },
        },
      ],
    }),
  },
];
