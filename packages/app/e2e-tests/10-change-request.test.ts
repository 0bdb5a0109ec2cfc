import { test, expect, Page } from '@playwright/test';
import { signIn, waitForBackend } from './signIn';
import { gitopsLog } from './simulator';
import { createAndWait, review } from './scaffolder';
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
  // Every stage each change request of this cluster shows, in order, per request.
  await card.evaluate(clusterName => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { capstanStages: typeof seen }).capstanStages = seen;
    const record = () => {
      for (const el of document.querySelectorAll<HTMLElement>(
        '[data-testid="change-request"]',
      )) {
        if (!el.getAttribute('aria-label')?.includes(` of ${clusterName},`))
          continue;
        const stages = (seen[el.dataset.requestId!] ??= []);
        const stage = el.dataset.stage!;
        if (stages[stages.length - 1] !== stage) stages.push(stage);
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
  await expect(page.getByLabel(/^Node pool name/)).toHaveValue(pool);
  await page.getByLabel(/^Machines/).fill(String(replicas));
  await review(page);
  expect(await createAndWait(page)).toBe('completed');
  expect(gitopsLog()[0]).toContain(name);

  const request = card.getByRole('group', {
    name: new RegExp(`^Change request: Node pool change of ${name}, `),
  });
  await expect(request.first()).toBeVisible({ timeout: 60_000 });
  await request.first().scrollIntoViewIfNeeded();
  await expect(request.first()).toContainText(/asked by/);
  // This run's request: seen under way on the card, then done, without a
  // reload. Earlier requests of the same cluster may be listed too, already
  // ended. (Which stages a busy card catches varies: the full sequence
  // requested → in-git → applied → rolling-out → done was seen here, and also
  // runs where the card re-listed the cluster and caught only in-git.)
  await expect
    .poll(
      () =>
        card.evaluate(() =>
          Object.values(
            (window as unknown as { capstanStages: Record<string, string[]> })
              .capstanStages,
          ).some(
            stages =>
              stages[stages.length - 1] === 'done' &&
              stages.some(stage =>
                ['requested', 'in-git', 'applied', 'rolling-out'].includes(
                  stage,
                ),
              ),
          ),
        ),
      { timeout: 150_000 },
    )
    .toBe(true);
  await card
    .getByRole('group', {
      name: `Change request: Node pool change of ${name}, Done`,
    })
    .first()
    .scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('change-request-done.png') });
});
