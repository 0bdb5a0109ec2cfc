import { test, expect, Page } from '@playwright/test';
import { BACKEND, memberToken, signInAsTeamMember } from './signIn';

function clustersCard(page: Page) {
  return page
    .getByText('Kubernetes clusters', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
}

test("a plain team member sees only her team's clusters: another team's cluster is neither listed nor reachable by URL, and the fleet page is for the platform team", async ({
  page,
}) => {
  await signInAsTeamMember(page);
  const token = await memberToken(page);
  const auth = { Authorization: `Bearer ${token}` };

  // Her own team's clusters are there (the control for the denials below).
  await page.goto('/catalog/default/component/checkout-web');
  await expect(
    clustersCard(page)
      .getByText(/^checkout-/)
      .first(),
  ).toBeVisible();

  // Another team's service: its clusters card lists none of its clusters.
  await page.goto('/catalog/default/component/payments-api');
  await expect(clustersCard(page).getByText('No clusters yet')).toBeVisible();
  await expect(clustersCard(page).getByText(/^payments-/)).toHaveCount(0);

  // The other team's clusters exist (the catalog lists their Resources) ...
  const resources = await page.request.get(
    `${BACKEND}/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster,spec.owner=group:default/team-payments&limit=1`,
    { headers: auth },
  );
  expect(resources.ok()).toBe(true);
  const [resource] = (await resources.json()).items;
  const ref = resource.metadata.annotations['capstan.dev/cluster-ref'];
  // Any of team-payments' clusters: seeded, or made by an earlier test.
  expect(ref).toMatch(/^[^/]+\/[^/]+\/[a-z0-9-]+$/);

  // ... but the capi API answers as for a cluster that does not exist.
  const detail = await page.request.get(`${BACKEND}/api/capi/clusters/${ref}`, {
    headers: auth,
  });
  expect(detail.status()).toBe(404);
  expect((await detail.json()).error.message).toContain('no access');
  const listed = await page.request.get(
    `${BACKEND}/api/capi/clusters?entityRef=component:default/payments-api`,
    { headers: auth },
  );
  expect(listed.status()).toBe(200);
  expect((await listed.json()).items).toEqual([]);
  expect(
    (
      await page.request.get(`${BACKEND}/api/capi/fleet`, { headers: auth })
    ).status(),
  ).toBe(403);

  // The cluster's own catalog page (its URL) shows no capi data for it.
  await page.goto(
    `/catalog/${resource.metadata.namespace}/resource/${resource.metadata.name}`,
  );
  await expect(clustersCard(page).getByText('No clusters yet')).toBeVisible();

  // The fleet page says whom it is for.
  await page.goto('/capi');
  await expect(
    page.getByText('The fleet view is for the platform team'),
  ).toBeVisible();
  await expect(page.getByText(/^payments-/)).toHaveCount(0);
});
