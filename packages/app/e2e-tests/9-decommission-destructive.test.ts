import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import { screenshotPath } from './screenshots';
import { findOnClustersTab } from './clustersTab';

test('decommission names what goes, refuses a mistyped name on its field, and its final button says what it does', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api/clusters');
  await signIn(page);
  // The first cluster in the tab's selector that offers Decommission.
  const { match: decommission } = await findOnClustersTab(page, /./, () =>
    page
      .getByRole('link', { name: /Decommission/ })
      .or(page.getByRole('button', { name: /Decommission/ })),
  );
  await decommission.first().click();
  await expect(page).toHaveURL(/capi-decommission-cluster/);
  // The deep link pre-fills the cluster once the form has loaded its options.
  const clusterField = page.getByRole('textbox', { name: /^Cluster/ }).first();
  await expect(clusterField).toHaveValue(/\S/, { timeout: 30_000 });
  // The picker shows the cluster's name (its place only when the name is ambiguous).
  const name = (await clusterField.inputValue()).split(' ')[0];

  const warning = page.getByRole('alert', {
    name: 'What decommissioning deletes',
  });
  await expect(warning).toContainText(`this deletes ${name} for good`);
  await expect(warning).toContainText(/\d+ machines? in all/);
  await expect(warning).toContainText('This cannot be undone.');

  const before = gitopsLog();
  const confirm = page.getByLabel(new RegExp(`Type ${name} to confirm`));
  await confirm.fill(`${name}-typo`);
  await expect(
    page.getByText(`is not the name of the cluster; type ${name} to confirm`),
  ).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({
    path: screenshotPath('decommission-confirm.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review what is deleted' }).click();
  // Still on the form: the mistyped name is refused before Review.
  await expect(
    page.getByRole('button', { name: 'Delete cluster and all its machines' }),
  ).toHaveCount(0);

  await confirm.fill(name);
  await page.getByRole('button', { name: 'Review what is deleted' }).click();
  await expect(
    page.getByRole('button', { name: 'Delete cluster and all its machines' }),
  ).toBeVisible();
  // Review says what goes, from the backend's dry run of this decommission.
  await expect(
    page.getByText(/^Deletes \d+ machines?: control plane/),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('decommission-review.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: screenshotPath('decommission-review-390.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
