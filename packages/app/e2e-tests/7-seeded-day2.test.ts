import { test, expect, Page } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsFolders, gitopsLog } from './simulator';
import {
  FINAL_BUTTON,
  createAndWait,
  fixedMachines,
  review,
  poolIs,
} from './scaffolder';
import { screenshotPath } from './screenshots';
import { findOnClustersTab, forEachClusterOnTab } from './clustersTab';

/** A seeded, available cluster of payments-api whose tab offers an upgrade. */
async function pickSeededUpgradableCluster(page: Page) {
  const { name } = await findOnClustersTab(
    page,
    /^payments-(prod|staging|dev)-\d{5}, Available/,
    n =>
      page
        .getByRole('region', { name: `Upgrade options of ${n}` })
        .getByRole('button', { name: /^Upgrade to v/ }),
  );
  const section = page.getByRole('region', {
    name: `Upgrade options of ${name}`,
  });
  return { name, section };
}

test('a seeded cluster of payments-api is upgraded, then one of its pools scaled, from its buttons; the card shows the rollout', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api/clusters');
  await signIn(page);

  const { name, section } = await pickSeededUpgradableCluster(page);
  const upgrade = section
    .getByRole('button', { name: /^Upgrade to v/ })
    .first();
  const target = /v\d+\.\d+\.\d+/.exec((await upgrade.textContent())!)![0];
  await upgrade.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('seeded-cluster-tab.png') });

  // The button opens the upgrade template filled in for this cluster and version.
  await upgrade.click();
  await expect(page).toHaveURL(/capi-upgrade-kubernetes/);
  await expect(
    page.getByRole('textbox', { name: /^Cluster/ }).first(),
  ).toHaveValue(new RegExp(`^${name}( \\(|$)`));
  await expect(
    page.getByRole('button', { name: /Target version/ }),
  ).toContainText(target);
  await review(page);
  expect(await createAndWait(page, FINAL_BUTTON.upgrade)).toBe('completed');
  // The task page leads back to the cluster.
  await expect(
    page.getByRole('link', { name: /Cluster in the catalog/ }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('seeded-upgrade-done.png'),
    fullPage: true,
  });
  expect(gitopsLog()[0]).toContain(name);
  expect(gitopsLog()[0]).toContain(target);

  // The card on payments-api shows the rollout, live.
  await page.goto('/catalog/default/component/payments-api');
  await signIn(page);
  await expect(
    page.getByRole('status', { name: `Cluster ${name} status: Upgrading` }),
  ).toBeVisible({ timeout: 90_000 });
  const cluster = page.getByRole('region', { name: `Cluster ${name}` });
  await expect(
    cluster.getByRole('group', { name: 'Kubernetes version' }).first(),
  ).toContainText(target);
  await cluster.scrollIntoViewIfNeeded();
  await cluster.screenshot({ path: screenshotPath('upgrade-rollout.png') });

  // Then scale one of its pools the same way: the pool's Scale link.
  await page.goto(
    `/catalog/default/component/payments-api/clusters?cluster=${name}`,
  );
  await signIn(page);
  const scale = page
    .getByRole('link', {
      name: new RegExp(`^Scale node pool \\S+ of ${name}$`),
    })
    .first();
  await expect(scale).toBeVisible();
  const pool = /^Scale node pool (\S+) of /.exec(
    (await scale.getAttribute('aria-label'))!,
  )![1];
  await scale.click();
  await expect(page).toHaveURL(/capi-scale-node-pool/);
  await expect(
    page.getByRole('textbox', { name: /^Cluster/ }).first(),
  ).toHaveValue(new RegExp(`^${name}( \\(|$)`));
  await poolIs(page, pool);
  await (await fixedMachines(page)).fill('5');
  await review(page);
  expect(await createAndWait(page, FINAL_BUTTON.scale)).toBe('completed');
  expect(gitopsLog()[0]).toContain(name);
  await expect(
    page.getByRole('link', { name: /Cluster in the catalog/ }),
  ).toBeVisible();

  await page.goto(
    `/catalog/default/component/payments-api/clusters?cluster=${name}`,
  );
  await signIn(page);
  const pools = page.getByRole('table', { name: `Node pools of ${name}` });
  await expect(pools.getByRole('row').filter({ hasText: pool })).toContainText(
    '/5',
    { timeout: 90_000 },
  );
  await cluster.scrollIntoViewIfNeeded();
  await cluster.screenshot({ path: screenshotPath('seeded-scale.png') });
});

// Every seeded cluster belongs to one of the example teams; a group's
// Clusters tab shows each of its clusters with its day-2 actions.
for (const group of [
  'team-payments',
  'team-checkout',
  'team-search',
  'team-data',
  'team-platform',
]) {
  test(`every cluster ${group} owns is in Git, or offers no day-2 action and says why`, async ({
    page,
  }) => {
    await page.goto(`/catalog/default/group/${group}/clusters`);
    await signIn(page);
    const inGit = new Set(gitopsFolders().map(f => f.split('/').pop()));
    let withActions = 0;
    await forEachClusterOnTab(page, async name => {
      const region = page.getByRole('region', { name: `Cluster ${name}` });
      const card = region.locator(
        'xpath=ancestor::div[contains(@class, "MuiCard-root")][1]',
      );
      const day2 = card.locator('a[href*="/create/templates/"]');
      const note = card.getByRole('note', { name: /managed through Git/ });
      // The card may still be re-rendering after the selection: wait for one.
      await expect(day2.or(note).first()).toBeVisible();
      if ((await day2.count()) > 0) {
        expect(inGit, `${name} offers day-2 actions`).toContain(name);
        await expect(note).toHaveCount(0);
        withActions++;
      } else {
        await expect(note).toBeVisible();
      }
    });
    // The demo's seeded clusters are all in Git: their buttons are there.
    expect(withActions).toBeGreaterThan(0);
  });
}
