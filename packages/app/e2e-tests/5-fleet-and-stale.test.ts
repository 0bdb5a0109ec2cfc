import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { simulatorControl } from './simulator';
import { screenshotPath } from './screenshots';

test('the fleet page shows compliance, and a management cluster that goes down shows as stale on cards', async ({
  page,
}) => {
  await page.goto('/capi');
  await signIn(page);

  await expect(
    page.getByText('Patch compliance', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/Policy: security updates are overdue/),
  ).toBeVisible();
  await expect(
    page.getByText('Management clusters', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('fleet-page.png'),
    fullPage: true,
  });

  // Stop answering for longer than the demo's staleness window (30 s).
  await simulatorControl('aws-eu', 'faults/down', { durationMs: 120_000 });

  await page.goto('/catalog/default/component/payments-api');
  await signIn(page);
  await expect(
    page
      .getByText(/Data from management cluster AWS eu-central-1 is stale since/)
      .first(),
  ).toBeVisible({ timeout: 90_000 });
  await page.screenshot({
    path: screenshotPath('stale-card.png'),
    fullPage: true,
  });
});
