import { test, expect, Page } from '@playwright/test';
import { signIn, waitForBackend } from './signIn';
import { gitopsLog } from './simulator';
import {
  FINAL_BUTTON,
  createAndWait,
  fixedMachines,
  review,
  poolIs,
} from './scaffolder';
import { screenshotPath } from './screenshots';
import { showCluster } from './clustersTab';

/** A seeded, settled cluster of payments-api with a Scale link, its pool and that pool's desired size. */
async function pickScalablePool(page: Page) {
  // A settled cluster (Available): its rollout is this change's alone.
  const entries = page.getByRole('tab', {
    name: /^payments-(prod|staging|dev)-\d{5}, Available/,
  });
  await expect(entries.first()).toBeVisible({ timeout: 60_000 });
  for (const entry of await entries.all()) {
    const name = await showCluster(page, entry);
    const link = page
      .getByRole('link', {
        name: new RegExp(`^Scale node pool \\S+ of ${name}$`),
      })
      .first();
    if ((await link.count()) === 0) continue;
    const [, pool] = /^Scale node pool (\S+) of /.exec(
      (await link.getAttribute('aria-label'))!,
    )!;
    const row = page
      .getByRole('table', { name: `Node pools of ${name}` })
      .getByRole('row')
      .filter({ hasText: pool })
      .first();
    const desired = Number(
      /\d+\/(\d+)/.exec((await row.textContent()) ?? '')?.[1],
    );
    if (!Number.isInteger(desired)) continue;
    return { name, pool, link, desired };
  }
  throw new Error('no seeded payments-api cluster offers a Scale link');
}

test.setTimeout(300_000);

test('scaling a pool shows its change request on the card, live: requested → in-git → applied → rolling-out → done', async ({
  page,
  context,
}) => {
  await waitForBackend(page.request);
  await page.goto('/catalog/default/component/payments-api/clusters');
  await signIn(page);
  const { name, pool, link, desired } = await pickScalablePool(page);
  // One machine more: a new machine takes a while to boot, so the card can
  // show the rollout (a scale-down is done as soon as it is applied).
  const replicas = desired + 1;

  // The card, open in its own tab before the template runs, and never reloaded.
  const card = await context.newPage();
  await card.goto('/catalog/default/component/payments-api');
  await signIn(card);
  // The card lists those that need attention first: this one once its change is asked for.
  await expect(card.getByRole('list', { name: 'Clusters' })).toBeVisible({
    timeout: 60_000,
  });
  // Every stage each change request of this cluster shows, in order, per
  // request, with when the card first showed it.
  await card.evaluate(clusterName => {
    const seen: Record<string, Array<{ stage: string; at: number }>> = {};
    (window as unknown as { capstanStages: typeof seen }).capstanStages = seen;
    const record = () => {
      for (const el of document.querySelectorAll<HTMLElement>(
        '[data-testid="change-request"]',
      )) {
        if (!el.getAttribute('aria-label')?.includes(` of ${clusterName},`))
          continue;
        const stages = (seen[el.dataset.requestId!] ??= []);
        const stage = el.dataset.stage!;
        if (stages[stages.length - 1]?.stage !== stage)
          stages.push({ stage, at: Date.now() });
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-stage'],
    });
    record();
  }, name);

  await link.click();
  await expect(page).toHaveURL(/capi-scale-node-pool/);
  await poolIs(page, pool);
  await (await fixedMachines(page)).fill(String(replicas));
  await review(page);
  const started = Date.now();
  expect(await createAndWait(page, FINAL_BUTTON.scale)).toBe('completed');
  expect(gitopsLog()[0]).toContain(name);

  // "of <name>, <stage>"; "of <name> in namespace … on …, <stage>" when a
  // namesake is on the card too.
  const ofCluster = `Node pool change of ${name}(?: in namespace \\S+ on [^,]+)?`;
  const request = card.getByRole('group', {
    name: new RegExp(`^Change request: ${ofCluster}, `),
  });
  await expect(request.first()).toBeVisible({ timeout: 60_000 });
  await request.first().scrollIntoViewIfNeeded();
  await expect(request.first()).toContainText(/asked by/);
  // The same facts as the Clusters tab's stepper: time in stage (until it
  // is done), the task and the commit the scaffolder published.
  await expect(request.first()).toContainText(/ for \d+ (s|min)|: Done/);
  await expect(request.first()).toContainText(/Commit [0-9a-f]{8}/);
  await expect(
    request
      .first()
      .getByRole('link', { name: /^Task of the Node pool change of / }),
  ).toBeVisible();
  // This run's request: listed from the moment it is recorded, it goes
  // requested → in-git → applied → rolling-out → done on the card without a
  // reload. A busy machine may move a request on between two reads of the
  // card, so a quick stage can be missed: the stages seen must keep that
  // order, one at least before `done`, and `done` must be reached. Earlier
  // requests of the same cluster may be listed too, already ended.
  const ORDER = ['requested', 'in-git', 'applied', 'rolling-out', 'done'];
  const seenStages = () =>
    card.evaluate(() =>
      Object.values(
        (
          window as unknown as {
            capstanStages: Record<string, Array<{ stage: string; at: number }>>;
          }
        ).capstanStages,
      ),
    );
  await expect
    .poll(
      async () =>
        (
          await seenStages()
        ).some(
          stages =>
            stages.length > 1 && stages[stages.length - 1].stage === 'done',
        ),
      { timeout: 150_000 },
    )
    .toBe(true);
  const run = (await seenStages()).find(
    stages => stages.length > 1 && stages[stages.length - 1].stage === 'done',
  )!;
  const stages = run.map(s => s.stage);
  expect(stages.every(stage => ORDER.includes(stage))).toBe(true);
  expect(stages).toEqual(
    [...stages].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)),
  );
  // Seconds from the click on Create to the card showing each stage.
  const times = Object.fromEntries(
    run.map(s => [s.stage, Math.round((s.at - started) / 100) / 10]),
  );
  test.info().annotations.push({
    type: 'change request stages (s after Create, as the card showed them)',
    description: JSON.stringify(times),
  });
  process.stdout.write(
    `change request stages on the card: ${JSON.stringify(times)}\n`,
  );
  await card
    .getByRole('group', {
      name: new RegExp(`^Change request: ${ofCluster}, Done$`),
    })
    .first()
    .scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('change-request-done.png') });
});
