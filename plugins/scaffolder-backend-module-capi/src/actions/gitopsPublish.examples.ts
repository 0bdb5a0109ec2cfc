import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Commit a rendered cluster folder to the GitOps branch',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'capi:gitops:publish',
          name: 'Publish to GitOps',
          input: {
            sourcePath: '${{ steps.render.output.path }}',
            commitMessage: 'Add cluster payments-prod',
            createOnly: true,
          },
        },
      ],
    }),
  },
  {
    description: 'Open a pull request instead of committing',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'capi:gitops:publish',
          name: 'Open pull request',
          input: {
            sourcePath: 'clusters/onprem-fra/clusters/payments-prod',
            mode: 'pull-request',
            title: 'New cluster payments-prod',
            description: 'Requested through Backstage',
          },
        },
      ],
    }),
  },
];
