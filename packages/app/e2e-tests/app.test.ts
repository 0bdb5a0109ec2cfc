import { test, expect } from '@playwright/test';
import { signIn } from './signIn';

test('the catalog lists the example services after guest sign-in', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/catalog');
  await expect(page.getByRole('link', { name: 'payments-api' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/catalog.png' });
});
