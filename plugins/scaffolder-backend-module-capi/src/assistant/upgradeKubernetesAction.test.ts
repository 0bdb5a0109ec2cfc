import { commitSubjects } from '../__testUtils__/gitFixtures';
import { credentialsOf } from '../__testUtils__/policyDouble';
import {
  cluster,
  createAssistantSetup,
  folder,
} from '../__testUtils__/assistantSetup';

describe('scaffolder:capi-upgrade-kubernetes', () => {
  let s: Awaited<ReturnType<typeof createAssistantSetup>>;
  beforeEach(async () => {
    s = await createAssistantSetup();
  });
  afterEach(() => s.h.close());

  const versionInGit = async () =>
    (await s.h.repoManifests(folder))[0].spec.topology.version;

  it('states in a dry run that the rollout replaces machines, and writes nothing', async () => {
    const { output } = await s.registry.invoke({
      id: 'test:capi-upgrade-kubernetes',
      input: { cluster, kubernetesVersion: 'v1.34.1' },
      credentials: credentialsOf.owner(),
    });
    const impact = (output as { impact: { replaced: unknown[] } }).impact;
    expect(output).toMatchObject({ dryRun: true });
    expect(impact.replaced.length).toBeGreaterThan(0);
    expect((output as { summary: string }).summary).toMatch(/Rollout replaces/);
    expect(await versionInGit()).toBe('v1.33.4');
  });

  it('publishes the upgrade when dryRun is false', async () => {
    await s.registry.invoke({
      id: 'test:capi-upgrade-kubernetes',
      input: { cluster, kubernetesVersion: 'v1.34.1', dryRun: false },
      credentials: credentialsOf.platform(),
    });
    expect(await versionInGit()).toBe('v1.34.1');
    expect((await commitSubjects(s.h.bare))[0]).toBe(
      `Capstan: upgrade ${cluster} to v1.34.1`,
    );
  });

  it('refuses a version the profile does not allow, and another team', async () => {
    await expect(
      s.registry.invoke({
        id: 'test:capi-upgrade-kubernetes',
        input: { cluster, kubernetesVersion: 'v1.99.0' },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/v1\.99\.0/);
    await expect(
      s.registry.invoke({
        id: 'test:capi-upgrade-kubernetes',
        input: { cluster, kubernetesVersion: 'v1.34.1', dryRun: false },
        credentials: credentialsOf.other(),
      }),
    ).rejects.toThrow();
    expect(await versionInGit()).toBe('v1.33.4');
  });
});
