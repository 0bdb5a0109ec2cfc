import { Page, expect } from '@playwright/test';

/** Signs in with the guest provider if the sign-in page is showing. */
export async function signIn(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(
    enter.or(page.getByRole('navigation', { name: 'sidebar nav' })),
  ).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeVisible();
}
