import { test, expect, Page } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import {
  autocomplete,
  createAndWait,
  next,
  review,
  selectOption,
} from './scaffolder';
import { E2E_CLUSTER } from './e2eCluster';
import { screenshotPath } from './screenshots';

async function fillNewCluster(
  page: Page,
  name: string,
  cidrs?: { pod: string; service: string },
) {
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
  await autocomplete(page, /Owner/, 'team-payments', /team-payments/);
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
  if (cidrs) {
    // Pod networks first, then service networks: one "Add Item" each.
    const add = page.getByRole('button', { name: 'Add Item' });
    await add.nth(0).click();
    await page.getByRole('textbox').last().fill(cidrs.pod);
    await add.nth(1).click();
    await page.getByRole('textbox').last().fill(cidrs.service);
  }
  await review(page);
}

test('an existing cluster name is refused with a clear error and nothing is committed', async ({
  page,
}) => {
  const before = gitopsLog();
  await fillNewCluster(page, E2E_CLUSTER.name);
  expect(await createAndWait(page)).toBe('failed');
  await expect(page.getByText(/already exists/).first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('bad-input-existing.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});

test('overlapping pod and service networks are refused with a clear error and nothing is committed', async ({
  page,
}) => {
  const before = gitopsLog();
  await fillNewCluster(page, `${E2E_CLUSTER.name}-net`, {
    pod: '10.0.0.0/16',
    service: '10.0.128.0/20',
  });
  expect(await createAndWait(page)).toBe('failed');
  await expect(page.getByText(/overlaps/).first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('bad-input-cidr.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
