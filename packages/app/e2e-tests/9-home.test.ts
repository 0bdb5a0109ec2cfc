import { test, expect } from '@playwright/test';
import { signIn } from './signIn';

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
