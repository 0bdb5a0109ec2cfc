import { test, expect, Page } from '@playwright/test';
import {
  BACKEND,
  memberToken,
  platformToken,
  signInAsTeamMember,
} from './signIn';

function clustersCard(page: Page) {
  return page
    .getByText('Kubernetes clusters', { exact: true })
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]');
}

// Seven full page loads: at load 10 each took 30-50 s.
test.setTimeout(300_000);

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

  // Another team's service: its clusters card lists none of its clusters,
  // says they are shown to that team, and offers no request for it.
  await page.goto('/catalog/default/component/payments-api');
  await expect(
    clustersCard(page).getByText('No clusters you can see here'),
  ).toBeVisible();
  await expect(
    clustersCard(page).getByText(
      /Clusters of team-payments are shown to its members/,
    ),
  ).toBeVisible();
  await expect(
    clustersCard(page).getByRole('button', { name: 'Request a cluster' }),
  ).toHaveCount(0);
  await expect(clustersCard(page).getByText(/^payments-/)).toHaveCount(0);

  // The other team's clusters exist (the platform team's guest sees their
  // Resources in the catalog) ...
  const paymentsClusters = `${BACKEND}/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster,spec.owner=group:default/team-payments&limit=1`;
  const resources = await page.request.get(paymentsClusters, {
    headers: { Authorization: `Bearer ${await platformToken(page)}` },
  });
  expect(resources.ok()).toBe(true);
  const [resource] = (await resources.json()).items;
  const ref = resource.metadata.annotations['capstan.dev/cluster-ref'];
  // Any of team-payments' clusters: seeded, or made by an earlier test.
  expect(ref).toMatch(/^[^/]+\/[^/]+\/[a-z0-9-]+$/);

  // ... but the catalog neither lists them to her nor finds them by name ...
  const hidden = await page.request.get(paymentsClusters, { headers: auth });
  expect(hidden.ok()).toBe(true);
  expect((await hidden.json()).items).toEqual([]);
  expect(
    (
      await page.request.get(
        `${BACKEND}/api/catalog/entities/by-name/resource/${resource.metadata.namespace}/${resource.metadata.name}`,
        { headers: auth },
      )
    ).status(),
  ).toBe(404);

  // ... nor names them on the team's group page: the catalog's warning
  // about relations to entities it cannot find would list them.
  await page.goto('/catalog/default/group/team-payments');
  await expect(
    clustersCard(page).getByText('No clusters you can see here'),
  ).toBeVisible();
  await expect(page.getByText(/Entities not found/)).toHaveCount(0);
  await expect(page.getByText(resource.metadata.name)).toHaveCount(0);

  // ... and the capi API answers as for a cluster that does not exist.
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

  // The cluster's own catalog page (its URL) is not found for her.
  await page.goto(
    `/catalog/${resource.metadata.namespace}/resource/${resource.metadata.name}`,
  );
  await expect(page.getByText('Entity not found').first()).toBeVisible();
  await expect(page.getByText(ref)).toHaveCount(0);

  // The fleet page says whom it is for.
  await page.goto('/capi');
  await expect(
    page.getByText('The fleet view is for the platform team'),
  ).toBeVisible();
  await expect(page.getByText(/^payments-/)).toHaveCount(0);
});
