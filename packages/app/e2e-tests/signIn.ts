import { Page, expect } from '@playwright/test';

/** Signs in with the guest provider if the sign-in page is showing. */
export async function signIn(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogLink = page.getByRole('link', { name: 'Catalog', exact: true });
  await expect
    .poll(
      async () =>
        (await enter.isVisible()) || (await catalogLink.first().isVisible()),
      {
        timeout: 60_000,
      },
    )
    .toBe(true);
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalogLink.first()).toBeVisible();
}
