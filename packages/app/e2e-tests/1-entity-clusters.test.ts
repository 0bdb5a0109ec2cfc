import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { screenshotPath } from './screenshots';

test('a service shows its clusters with node pools and patch state; the Clusters tab shows machines', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api');
  await signIn(page);

  const card = page
    .getByText('Kubernetes clusters', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
  const pools = card.getByRole('table', { name: /^Node pools of / }).first();
  await pools.scrollIntoViewIfNeeded();
  await expect(pools).toBeVisible();
  await expect(
    card.getByRole('status', { name: /status: / }).first(),
  ).toBeVisible();
  // Patch state of each pool is drawn as a labelled bar.
  await expect(
    pools
      .getByRole('img', { name: /up to date|pending|overdue|unknown/ })
      .first(),
  ).toBeVisible();
  await expect(card.getByText(/Patch compliance/).first()).toBeVisible();
  await card.screenshot({ path: screenshotPath('entity-card.png') });

  await page.locator('a[href$="/component/payments-api/clusters"]').click();
  const machines = page.getByRole('table', { name: /^Machines of / }).first();
  await expect(machines).toBeVisible();
  await expect(machines.getByRole('row')).not.toHaveCount(0);
  await expect(machines.getByText(/^v1\.\d+\.\d+$/).first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('clusters-tab.png'),
    fullPage: true,
  });
});
