import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import {
  FINAL_BUTTON,
  autocomplete,
  createAndWait,
  next,
  review,
  selectOption,
  ownerIsOwnTeam,
} from './scaffolder';
import { E2E_CLUSTER } from './e2eCluster';
import { screenshotPath } from './screenshots';

// The form, the task and then the cluster coming up: minutes on a busy CI machine.
test.setTimeout(300_000);

test('a developer creates a cluster through the template; it is committed and comes up on the owner entity without a reload', async ({
  page,
  context,
}) => {
  const commitsBefore = gitopsLog().length;

  // The owner's page, open before the template runs and never reloaded: it
  // records every status its card shows for the new cluster, in order.
  const owner = await context.newPage();
  await owner.goto('/catalog/default/group/team-payments');
  await signIn(owner);
  await expect(owner.getByRole('list', { name: 'Clusters' })).toBeVisible({
    timeout: 60_000,
  });
  await owner.evaluate(name => {
    const seen: string[] = [];
    (window as unknown as { capstanStatuses: string[] }).capstanStatuses = seen;
    const prefix = `Cluster ${name} status: `;
    const record = () => {
      for (const el of document.querySelectorAll('[role="status"]')) {
        const label = el.getAttribute('aria-label') ?? '';
        if (!label.startsWith(prefix)) continue;
        const status = label.slice(prefix.length);
        if (seen[seen.length - 1] !== status) seen.push(status);
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  }, E2E_CLUSTER.name);

  await page.goto('/create/templates/default/capi-new-cluster');
  await signIn(page);

  await page.getByLabel(/Cluster name/).fill(E2E_CLUSTER.name);
  await selectOption(
    page,
    /Cluster profile/,
    /On-prem Frankfurt \(vSphere\) – Development/,
  );
  await selectOption(page, /Kubernetes version/, /^v1\.33\.2/);
  await selectOption(page, /Control plane machines/, /^1$/);
  await next(page);

  await ownerIsOwnTeam(page, 'team-payments');
  // "For" offers what the user's teams own, not every service in the catalog:
  // team-checkout's checkout-web is not among them.
  const forField = page.getByRole('textbox', { name: /^For/ }).first();
  await forField.click();
  await expect(
    page.getByRole('option', { name: 'payments-api' }),
  ).toBeVisible();
  await expect(page.getByRole('option', { name: /checkout/ })).toHaveCount(0);
  await forField.press('Escape');
  await autocomplete(page, /^For/, 'payments-api', /payments-api/);
  await next(page);

  const pool = page.getByRole('group', { name: 'Node pool 1' });
  if ((await pool.count()) === 0) {
    await page.getByRole('button', { name: 'Add node pool' }).click();
  }
  await pool.getByLabel('Name').fill('workers');
  await pool.getByRole('button', { name: /Size/ }).click();
  await page.getByRole('option', { name: /Small/ }).click();
  await pool.getByLabel('Replicas').fill('2');
  await next(page);
  await review(page);
  // Review names things as people do: the profile by its title, no add-ons as "None".
  await expect(
    page.getByRole('row', {
      name: /^Cluster profile On-prem Frankfurt \(vSphere\) – Development$/,
    }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /^Add-ons None$/ })).toBeVisible();
  await expect(page.getByText('onprem-fra-dev', { exact: true })).toHaveCount(
    0,
  );

  await page.screenshot({
    path: screenshotPath('new-cluster-review.png'),
    fullPage: true,
  });
  expect(await createAndWait(page, FINAL_BUTTON.newCluster)).toBe('completed');
  await page.screenshot({
    path: screenshotPath('new-cluster-done.png'),
    fullPage: true,
  });

  const log = gitopsLog();
  expect(log.length).toBe(commitsBefore + 1);
  expect(log[0]).toContain(`onprem-fra/clusters/${E2E_CLUSTER.name}`);

  // The owner's page: the cluster appears, then becomes available, live.
  await owner.bringToFront();
  await expect(
    owner.getByRole('status', {
      name: new RegExp(`^Cluster ${E2E_CLUSTER.name} status: `),
    }),
  ).toBeVisible({ timeout: 90_000 });
  await owner.screenshot({
    path: screenshotPath('new-cluster-provisioning.png'),
    fullPage: true,
  });
  await expect(
    owner.getByRole('status', {
      name: `Cluster ${E2E_CLUSTER.name} status: Available`,
    }),
  ).toBeVisible({ timeout: 150_000 });
  const statuses = await owner.evaluate(
    () => (window as unknown as { capstanStatuses: string[] }).capstanStatuses,
  );
  // It came up while the page watched: seen before it was Available.
  expect(statuses[0]).not.toBe('Available');
  expect(statuses).toContain('Provisioning');
  expect(statuses[statuses.length - 1]).toBe('Available');
  // The card lists clusters in one line each; the pools are on the tab.
  await owner
    .getByRole('link', {
      name: `Details of ${E2E_CLUSTER.name} on the Clusters tab`,
    })
    .click();
  await expect(
    owner.getByRole('table', { name: `Node pools of ${E2E_CLUSTER.name}` }),
  ).toContainText('workers');
});
