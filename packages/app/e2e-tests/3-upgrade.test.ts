import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import {
  FINAL_BUTTON,
  autocomplete,
  createAndWait,
  review,
} from './scaffolder';
import { E2E_CLUSTER } from './e2eCluster';
import { screenshotPath } from './screenshots';

test('the upgrade template moves the cluster to the next version; the card lists it with the rollout, then the new version', async ({
  page,
}) => {
  await page.goto('/create/templates/default/capi-upgrade-kubernetes');
  await signIn(page);

  await autocomplete(
    page,
    /^Cluster/,
    E2E_CLUSTER.name,
    new RegExp(E2E_CLUSTER.name),
  );
  // Only the next minor version is offered from v1.33.
  await page.getByRole('button', { name: /Target version/ }).click();
  await expect(page.getByRole('option')).toHaveText([/^v1\.34\.1/]);
  await page.getByRole('option', { name: /^v1\.34\.1/ }).click();
  await review(page);

  expect(await createAndWait(page, FINAL_BUTTON.upgrade)).toBe('completed');
  await expect(
    page.getByText(/will be replaced|replac/i).first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('upgrade-done.png'),
    fullPage: true,
  });
  expect(gitopsLog()[0]).toMatch(/v1\.34\.1/);

  await page.goto('/catalog/default/group/team-payments');
  await signIn(page);
  await expect(
    page.getByRole('status', {
      name: `Cluster ${E2E_CLUSTER.name} status: Upgrading`,
    }),
  ).toBeVisible({ timeout: 90_000 });
  const cluster = page.getByRole('region', {
    name: `Cluster ${E2E_CLUSTER.name}`,
  });
  await expect(
    cluster.getByRole('group', { name: 'Kubernetes version' }).first(),
  ).toContainText('v1.34.1');
  await cluster.screenshot({
    path: screenshotPath('new-cluster-upgrade-rollout.png'),
  });
  await expect(
    page.getByRole('status', {
      name: `Cluster ${E2E_CLUSTER.name} status: Available`,
    }),
  ).toBeVisible({ timeout: 240_000 });
  await expect(
    cluster.getByRole('group', { name: 'Kubernetes version' }).first(),
  ).toHaveText(/v1\.34\.1$/);
});
