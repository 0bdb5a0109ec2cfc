import { test, expect, Page } from '@playwright/test';
import { signIn, waitForBackend } from './signIn';
import { gitopsLog } from './simulator';
import {
  FINAL_BUTTON,
  next,
  review,
  selectOption,
  ownerIsOwnTeam,
} from './scaffolder';
import { E2E_CLUSTER } from './e2eCluster';
import { screenshotPath } from './screenshots';

async function fillFirstStep(page: Page, name: string) {
  await waitForBackend(page.request);
  await page.goto('/create/templates/default/capi-new-cluster');
  await signIn(page);
  await page.getByLabel(/Cluster name/).fill(name);
  await selectOption(
    page,
    /Cluster profile/,
    /On-prem Frankfurt \(vSphere\) – Development/,
  );
  await selectOption(page, /Control plane machines/, /^1$/);
  await next(page);
}

test('an existing cluster name is marked on the name field before Review and nothing is committed', async ({
  page,
}) => {
  const before = gitopsLog();
  await fillFirstStep(page, E2E_CLUSTER.name);
  const name = page.getByLabel(/Cluster name/);
  await expect(name).toHaveAttribute('aria-invalid', 'true', {
    timeout: 60_000,
  });
  await expect(name).toHaveAccessibleDescription(/already exists/);
  // Still on the first step: the Owner step has not opened.
  await expect(page.getByRole('textbox', { name: /Owner/ })).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('bad-input-existing.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});

test('overlapping pod and service networks are marked on the service networks before Review and nothing is committed', async ({
  page,
}) => {
  const before = gitopsLog();
  await fillFirstStep(page, `${E2E_CLUSTER.name}-net`);
  await ownerIsOwnTeam(page, 'team-payments');
  await next(page);
  const pool = page.getByRole('group', { name: 'Node pool 1' });
  if ((await pool.count()) === 0) {
    await page.getByRole('button', { name: 'Add node pool' }).click();
  }
  await pool.getByLabel('Name').fill('workers');
  await pool.getByRole('button', { name: /Size/ }).click();
  await page.getByRole('option', { name: /Small/ }).click();
  await pool.getByLabel('Replicas').fill('1');
  await next(page);
  await page.getByRole('button', { name: 'Add pod network' }).click();
  await page.getByLabel('Pod network 1', { exact: true }).fill('10.0.0.0/16');
  await page.getByRole('button', { name: 'Add service network' }).click();
  await page
    .getByLabel('Service network 1', { exact: true })
    .fill('10.0.128.0/20');
  await review(page);

  await expect(
    page
      .getByRole('group', { name: 'Service networks' })
      .getByRole('alert')
      .filter({ hasText: /overlaps/i }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('button', { name: FINAL_BUTTON.newCluster }),
  ).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('bad-input-cidr.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
