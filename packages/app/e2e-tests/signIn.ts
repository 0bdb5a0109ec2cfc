import { APIRequestContext, Page, expect } from '@playwright/test';

/** The demo backend (the app's dev server proxies nothing). */
export const BACKEND = 'http://localhost:7007';

/** Waits until the backend is ready: the dev server may answer before it does. */
export async function waitForBackend(request: APIRequestContext) {
  await expect
    .poll(
      async () =>
        (
          await request
            .get(`${BACKEND}/.backstage/health/v1/readiness`)
            .catch(() => undefined)
        )?.status(),
      { timeout: 300_000, intervals: [2_000] },
    )
    .toBe(200);
  // On a fresh state folder the catalog reads the example entities only
  // after start-up: the first test must not find "Entity not found".
  await expect
    .poll(
      async () =>
        (
          await request
            .get(
              `${BACKEND}/api/catalog/entities/by-name/component/default/payments-api`,
            )
            .catch(() => undefined)
        )?.status(),
      { timeout: 300_000, intervals: [2_000] },
    )
    .toBe(200);
}

/** Signs in with the guest provider if the sign-in page is showing. */
export async function signIn(page: Page) {
  await waitForBackend(page.request);
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

/** Signs in with the demo's second identity: Mia, a member of team-checkout only. */
export async function signInAsTeamMember(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  const member = page.getByRole('button', { name: 'Sign In' });
  await expect(member).toBeVisible({ timeout: 60_000 });
  await member.click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
}

/** Mia's Backstage token, from the same sign-in the app used. */
export async function memberToken(page: Page): Promise<string> {
  return page.evaluate(async backend => {
    const res = await fetch(`${backend}/api/auth/demo-member/refresh`, {
      credentials: 'include',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    const body = await res.json();
    return body.backstageIdentity.token as string;
  }, BACKEND);
}

/** A token of the demo's guest, a member of the platform team. */
export async function platformToken(page: Page): Promise<string> {
  const res = await page.request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token as string;
}
