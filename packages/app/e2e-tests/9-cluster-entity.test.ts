import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { screenshotPath } from './screenshots';

test("a cluster's own catalog page shows that cluster on its card and Clusters tab", async ({
  page,
}) => {
  await page.goto(
    '/catalog?filters%5Bkind%5D=resource&filters%5Btype%5D=kubernetes-cluster&filters%5Buser%5D=all',
  );
  await signIn(page);

  // Open the first cluster listed in the catalog.
  const first = page
    .getByRole('table')
    .getByRole('link')
    .filter({ hasText: /\S/ })
    .first();
  await expect(first).toBeVisible({ timeout: 60_000 });
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\//);

  const card = page
    .getByText('Kubernetes clusters', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
  await expect(
    card.getByRole('status', {
      name: new RegExp(`^Cluster ${title} status: `),
    }),
  ).toBeVisible();
  await expect(card.getByText('No clusters yet')).toHaveCount(0);
  await card.screenshot({ path: screenshotPath('cluster-entity-card.png') });

  await page.locator('a[href$="/clusters"]').first().click();
  await expect(
    page
      .getByRole('table', { name: new RegExp(`^Machines of ${title}`) })
      .first(),
  ).toBeVisible();
  await expect(page.getByText('No clusters yet')).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('cluster-entity-tab.png'),
    fullPage: true,
  });
});
