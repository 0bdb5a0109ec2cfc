import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { screenshotPath } from './screenshots';
import { clusterEntries } from './clustersTab';

test('a service shows its clusters in a compact list, those that need attention first; the Clusters tab shows one at a time with node pools and machines', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api');
  await signIn(page);

  const card = page
    .getByText('Kubernetes clusters', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
  // The seeded team has 10+ clusters: five in one line each, then a link to all.
  const first = card.getByRole('region', { name: /^Cluster / }).first();
  await expect(first).toBeVisible();
  await expect(card.getByRole('region', { name: /^Cluster / })).toHaveCount(5);
  await expect(
    card.getByRole('status', { name: /status: / }).first(),
  ).toBeVisible();
  await expect(
    first.getByRole('group', { name: 'Kubernetes version' }),
  ).toContainText(/v1\.\d+\.\d+/);
  await expect(
    first.getByRole('group', { name: 'Patch compliance' }),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('entity-card.png') });

  await card.getByRole('link', { name: /^All \d+ clusters/ }).click();
  await expect(page).toHaveURL(/\/component\/payments-api\/clusters$/);
  await expect(clusterEntries(page).first()).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const pools = page.getByRole('table', { name: /^Node pools of / });
  await expect(pools).toBeVisible();
  // Patch state of each pool is drawn as a labelled bar.
  await expect(
    pools
      .getByRole('img', { name: /up to date|pending|overdue|unknown/ })
      .first(),
  ).toBeVisible();
  const machines = page.getByRole('table', { name: /^Machines of / }).first();
  await expect(machines).toBeVisible();
  await expect(machines.getByRole('row')).not.toHaveCount(0);
  await expect(machines.getByText(/^v1\.\d+\.\d+$/).first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('clusters-tab.png'),
    fullPage: true,
  });
});
