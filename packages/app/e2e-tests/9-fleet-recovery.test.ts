import { test, expect, type Route } from '@playwright/test';
import { signIn } from './signIn';
import { screenshotPath } from './screenshots';

// Only this browser's requests to the capi API fail, as while the backend
// restarts; the demo itself keeps running.
const CAPI_API = '**/api/capi/**';
const refuse = (route: Route) => route.abort('connectionrefused');

test('the fleet page says the backend is away, counts down, and shows the fleet once it is back, without a reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/catalog');
  await signIn(page);
  await page.route(CAPI_API, refuse);
  await page.getByRole('link', { name: 'Clusters' }).first().click();

  await expect(
    page.getByRole('heading', { name: 'Cluster fleet' }),
  ).toBeVisible();
  const notice = page.getByRole('alert').filter({
    hasText: 'Could not load the fleet.',
  });
  await expect(notice).toContainText(
    /Capstan's backend could not be reached\. Trying again in \d+ s\./,
    { timeout: 60_000 },
  );
  await expect(page.getByText(/Failed to fetch/)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('fleet-page-retry.png') });

  await page.unroute(CAPI_API, refuse);
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(
    page.getByText('Management clusters', { exact: true }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect(notice).toHaveCount(0);
});

test('the fleet page at 390 px: heading, folded filters and every management cluster without cutting columns off', async ({
  page,
}) => {
  await page.goto('/capi');
  // Signed in at the default width: the sign-in check looks for the sidebar.
  await signIn(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(
    page.getByRole('heading', { name: 'Cluster fleet' }),
  ).toBeVisible();
  const health = page.getByRole('list', { name: 'Management cluster health' });
  await expect(health.getByText('aws-eu', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  // Filters stay folded behind one button; the management clusters follow.
  await expect(page.getByRole('button', { name: /Filters/i })).toBeVisible();
  await expect(health).toBeInViewport();
  // Live updates re-render the items: measure them all in one go.
  const rightEdge = await health.evaluate(list =>
    Math.max(
      ...[...list.querySelectorAll('li')].map(
        li => li.getBoundingClientRect().right,
      ),
    ),
  );
  expect(rightEdge).toBeLessThanOrEqual(390);
  const pageWidth = await page.evaluate(
    () => document.documentElement.scrollWidth,
  );
  expect(pageWidth).toBeLessThanOrEqual(390);
  await page.screenshot({
    path: screenshotPath('fleet-page-390-filters-folded.png'),
  });
});
