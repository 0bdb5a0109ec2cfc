import { commitSubjects } from '../__testUtils__/gitFixtures';
import { credentialsOf } from '../__testUtils__/policyDouble';
import {
  cluster,
  createAssistantSetup,
  folder,
} from '../__testUtils__/assistantSetup';

describe('scaffolder:capi-scale-node-pool', () => {
  let s: Awaited<ReturnType<typeof createAssistantSetup>>;
  beforeEach(async () => {
    s = await createAssistantSetup();
  });
  afterEach(() => s.h.close());

  const replicasInGit = async () =>
    (await s.h.repoManifests(folder))[0].spec.topology.workers
      .machineDeployments[0].replicas;

  it('is a dry run unless asked otherwise: states the impact and writes nothing', async () => {
    const before = await commitSubjects(s.h.bare);
    const { output } = await s.registry.invoke({
      id: 'test:capi-scale-node-pool',
      input: { cluster, pool: 'general', replicas: 5 },
      credentials: credentialsOf.owner(),
    });
    expect(output).toMatchObject({
      dryRun: true,
      path: folder,
      impact: {
        replaced: [],
        inPlace: [
          { target: 'node pool general', change: '3 replicas → 5 replicas' },
        ],
      },
    });
    expect((output as { summary: string }).summary).toMatch(
      /No machine is replaced/,
    );
    expect(await commitSubjects(s.h.bare)).toEqual(before);
    expect(await replicasInGit()).toBe(3);
  });

  it('publishes like the template when dryRun is false', async () => {
    const { output } = await s.registry.invoke({
      id: 'test:capi-scale-node-pool',
      input: { cluster, pool: 'general', replicas: 5, dryRun: false },
      credentials: credentialsOf.owner(),
    });
    expect(output).toMatchObject({ dryRun: false, changed: true });
    expect((output as { commitSha: string }).commitSha).toMatch(
      /^[0-9a-f]{40}$/,
    );
    expect(await replicasInGit()).toBe(5);
    expect((await commitSubjects(s.h.bare))[0]).toBe(
      `Capstan: scale node pool general of ${cluster} to 5`,
    );
  });

  it('refuses another team, also in a dry run, before anything is planned', async () => {
    await expect(
      s.registry.invoke({
        id: 'test:capi-scale-node-pool',
        input: { cluster, pool: 'general', replicas: 5 },
        credentials: credentialsOf.other(),
      }),
    ).rejects.toThrow(/not allowed|NotAllowed|may not/i);
    expect(await replicasInGit()).toBe(3);
  });

  it('refuses what the template refuses: a count beyond the profile, an unknown pool, a hostile ref', async () => {
    await expect(
      s.registry.invoke({
        id: 'test:capi-scale-node-pool',
        input: { cluster, pool: 'general', replicas: 999 },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/replicas/i);
    await expect(
      s.registry.invoke({
        id: 'test:capi-scale-node-pool',
        input: { cluster, pool: 'nope', replicas: 2 },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/nope/);
    await expect(
      s.registry.invoke({
        id: 'test:capi-scale-node-pool',
        input: { cluster: '../../etc/passwd', pool: 'general', replicas: 2 },
        credentials: credentialsOf.owner(),
      }),
    ).rejects.toThrow(/Invalid cluster ref/);
  });
});
