import { test, expect } from '@playwright/test';
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
  await ownerIsOwnTeam(page, 'team-payments');
  await next(page);
  const pool = page.getByRole('group', { name: 'Node pool 1' });
  if ((await pool.count()) === 0) {
    await page.getByRole('button', { name: 'Add node pool' }).click();
  }
  await pool.getByLabel('Name').fill('workers');
  await pool.getByRole('button', { name: /Size/ }).click();
  await page.getByRole('option', { name: /Small/ }).click();
  // 500 machines: refused on Next, the problem shown once (on its row,
  // the input marked), the summary at the top only names the field.
  await pool.getByLabel('Replicas').fill('500');
  await next(page);
  const tooMany = page.getByText(/^Replicas 500 exceeds the profile's limit/);
  await expect(tooMany).toHaveCount(1, { timeout: 60_000 });
  await expect(pool.getByLabel('Replicas')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(pool.getByLabel('Replicas')).toHaveAccessibleDescription(
    /^Replicas 500 exceeds the profile's limit/,
  );
  await expect(
    page
      .getByRole('alert', { name: /One field on this step needs a change/ })
      .getByRole('link'),
  ).toHaveText(['Node pools']);
  await pool.getByLabel('Replicas').fill('2');
  await next(page);

  // The user types a pod network that is not one, and a service network
  // that overlaps the first pod network.
  const notABlock =
    '"abc" is not a network block; write it like 192.168.0.0/16.';
  const overlap =
    'Overlaps pod network 1 (10.0.0.0/8); networks must not share addresses.';
  await page.getByRole('button', { name: 'Add pod network' }).click();
  await page.getByLabel('Pod network 1', { exact: true }).fill('10.0.0.0/8');
  await page.getByRole('button', { name: 'Add pod network' }).click();
  const badPod = page.getByLabel('Pod network 2', { exact: true });
  await badPod.fill('abc');
  await badPod.blur();
  // Marked on that input as soon as the user leaves it, before Next/Review.
  await expect(badPod).toHaveAttribute('aria-invalid', 'true');
  await expect(badPod).toHaveAccessibleDescription(notABlock);
  await page.getByRole('button', { name: 'Add service network' }).click();
  const service = page.getByLabel('Service network 1', { exact: true });
  await service.fill('10.96.0.0/12');
  await service.blur();
  await expect(service).toHaveAttribute('aria-invalid', 'true');
  await expect(service).toHaveAccessibleDescription(overlap);
  // The group does not repeat what its inputs say.
  await expect(page.getByText(notABlock)).toHaveCount(1);
  await expect(page.getByText(overlap)).toHaveCount(1);
  await expect(
    page.getByLabel('Pod network 1', { exact: true }),
  ).toHaveAttribute('aria-invalid', 'false');
  await page.screenshot({
    path: screenshotPath('new-cluster-cidr-typing.png'),
    fullPage: true,
  });

  // Asking for the review keeps the form on the step: each problem is still
  // shown exactly once, on its input, and the summary at the top only names
  // the fields, as links.
  await review(page);
  const summary = page.getByRole('alert', {
    name: /2 fields on this step need a change/,
  });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByRole('link')).toHaveText([
    'Pod networks',
    'Service networks',
  ]);
  await expect(page.getByText(notABlock)).toHaveCount(1);
  await expect(page.getByText(overlap)).toHaveCount(1);
  await expect(badPod).toHaveAccessibleDescription(notABlock);
  await expect(service).toHaveAccessibleDescription(overlap);
  await expect(page.getByText(/CIDR block \(e\.g\.|podCidrs/)).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: FINAL_BUTTON.newCluster }),
  ).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('new-cluster-bad-cidr.png'),
    fullPage: true,
  });
  await summary.getByRole('link', { name: 'Service networks' }).click();
  await expect(service).toBeFocused();

  // Fixed (the bad block removed, the service network moved), the form goes
  // on to Review, which reads in words.
  await page.getByRole('button', { name: 'Remove pod network 2' }).click();
  await service.fill('172.16.0.0/16');
  await review(page);
  await expect(
    page.getByRole('button', { name: FINAL_BUTTON.newCluster }),
  ).toBeVisible({
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
