import { test, expect } from '@playwright/test';
import { signIn, waitForBackend } from './signIn';
import { gitopsLog } from './simulator';
import { autocomplete, next, review, selectOption } from './scaffolder';
import { E2E_CLUSTER } from './e2eCluster';
import { screenshotPath } from './screenshots';

test('a bad pod network is marked on its field before Review and the form stays on the step; fixed, Review reads in words', async ({
  page,
}) => {
  const before = gitopsLog();
  await waitForBackend(page.request);
  await page.goto('/create/templates/default/capi-new-cluster');
  await signIn(page);

  await page.getByLabel(/Cluster name/).fill(`${E2E_CLUSTER.name}-form`);
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
  await pool.getByLabel('Replicas').fill('2');
  await next(page);

  // The user types a CIDR that is not one and asks for the review.
  await page.getByRole('button', { name: 'Add pod network' }).click();
  await page.getByLabel('Pod network 1', { exact: true }).fill('abc');
  await review(page);

  // The problem is marked on that input, in words, and the form stays here.
  await expect(
    page.getByLabel('Pod network 1', { exact: true }),
  ).toHaveAttribute('aria-invalid', 'true', { timeout: 60_000 });
  const podNetworks = page.getByRole('group', { name: 'Pod networks' });
  await expect(
    podNetworks
      .getByRole('alert')
      .filter({ hasText: /"abc" is not a valid CIDR block/ }),
  ).toBeVisible();
  await expect(
    page.getByLabel('Service network 1', { exact: true }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);
  await expect(page.getByText(/podCidrs-0/)).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('new-cluster-bad-cidr.png'),
    fullPage: true,
  });

  // Fixed, the form goes on to Review, which reads in words.
  await page
    .getByLabel('Pod network 1', { exact: true })
    .fill('192.168.0.0/16');
  await review(page);
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByText(/workers: 2 machines of size Small/),
  ).toBeVisible();
  await expect(page.getByText(/name:workers/)).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('new-cluster-review-in-words.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
