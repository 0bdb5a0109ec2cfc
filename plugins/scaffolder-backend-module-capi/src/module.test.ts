import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import scaffolderModuleCapi from './index';

describe('scaffolderModuleCapi startup', () => {
  it('refuses a GitOps URL with embedded credentials and does not repeat them', async () => {
    const error = await startTestBackend({
      extensionPoints: [
        [scaffolderActionsExtensionPoint, { addActions: () => {} }],
      ],
      features: [
        scaffolderModuleCapi,
        mockServices.rootConfig.factory({
          data: {
            capi: {
              gitops: {
                repoUrl:
                  'https://x-access-token:ghp_s3cret@github.com/acme/gitops',
              },
            },
          },
        }),
      ],
    }).then(
      backend => backend.stop().then(() => undefined),
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /capi\.gitops\.repoUrl must not contain credentials/,
    );
    expect(error?.message).not.toContain('ghp_s3cret');
  });

  it('registers the seven capi actions with a clean GitOps URL', async () => {
    const ids: string[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: Array<{ id: string }>) =>
              ids.push(...actions.map(a => a.id)),
          },
        ],
      ],
      features: [
        scaffolderModuleCapi,
        mockServices.rootConfig.factory({
          data: {
            capi: { gitops: { repoUrl: 'https://github.com/acme/gitops' } },
          },
        }),
      ],
    });
    await backend.stop();
    expect(ids.sort()).toEqual([
      'capi:cluster:decommission',
      'capi:cluster:render',
      'capi:cluster:upgrade',
      'capi:gitops:publish',
      'capi:nodepool:add',
      'capi:nodepool:remove',
      'capi:nodepool:update',
    ]);
  });
});
