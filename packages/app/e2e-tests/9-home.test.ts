import { test, expect } from '@playwright/test';
import { signIn, waitForBackend } from './signIn';

test('after sign-in, / and the logo land on the catalog, not a 404', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page);
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByText(/page not found|404/i)).toHaveCount(0);

  await page.goto('/create');
  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(
    page.getByRole('heading', { name: /catalog/i }).first(),
  ).toBeVisible();
  await expect(page.getByText(/page not found|404/i)).toHaveCount(0);
});

test('the sign-in page says who each identity is before anyone signs in', async ({
  page,
}) => {
  await waitForBackend(page.request);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByText(/Guest, a member of team-payments and of the platform team/),
  ).toBeVisible();
  await expect(
    page.getByText(/Mia, a member of team-checkout only/),
  ).toBeVisible();
});
