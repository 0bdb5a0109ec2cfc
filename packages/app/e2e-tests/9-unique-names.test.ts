import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import {
  autocomplete,
  createAndWait,
  next,
  review,
  selectOption,
} from './scaffolder';
import { screenshotPath } from './screenshots';

test('a new cluster named like a cluster in another namespace of the same management cluster is refused before anything is written', async ({
  page,
}) => {
  // A live cluster of payments-api outside the profiles' namespace (`clusters`).
  await page.goto('/catalog/default/component/payments-api/clusters');
  await signIn(page);
  const regions = page.getByRole('region', { name: /^Cluster / });
  await expect(regions.first()).toBeVisible({ timeout: 60_000 });
  let taken: { name: string; managementCluster: string } | undefined;
  for (const region of await regions.all()) {
    const text = (await region.textContent()) ?? '';
    const where = /on (.+?) · namespace (\S+?)(?: ·|$|\s)/.exec(text);
    if (where && where[2] !== 'clusters') {
      taken = {
        name: (await region.getAttribute('aria-label'))!.replace(
          'Cluster ',
          '',
        ),
        managementCluster: where[1].replace(
          /^.*(On-prem Frankfurt|AWS eu-central-1|Azure West Europe).*$/,
          '$1',
        ),
      };
      break;
    }
  }
  expect(
    taken,
    'the demo seeds payments-api clusters in a team namespace',
  ).toBeDefined();

  const before = gitopsLog();
  await page.goto('/create/templates/default/capi-new-cluster');
  await page.getByLabel(/Cluster name/).fill(taken!.name);
  // A profile of the same management cluster (its namespace is `clusters`).
  await selectOption(
    page,
    /Cluster profile/,
    new RegExp(taken!.managementCluster.replace(/[()]/g, '.')),
  );
  await selectOption(page, /Control plane machines/, /^\d$/);
  await next(page);
  await autocomplete(page, /Owner/, 'team-payments', /team-payments/);
  await next(page);
  const pool = page.getByRole('group', { name: 'Node pool 1' });
  if ((await pool.count()) === 0) {
    await page.getByRole('button', { name: 'Add node pool' }).click();
  }
  await pool.getByLabel('Name').fill('workers');
  await pool.getByRole('button', { name: /Size/ }).click();
  await page.getByRole('option', { name: /Small/ }).click();
  await pool.getByLabel('Replicas').fill('1');
  await next(page);
  await review(page);
  expect(await createAndWait(page)).toBe('failed');
  await expect(
    page.getByText(/must be unique per management cluster/).first(),
  ).toBeVisible();
  // One clean message: no stack trace with the server's source paths.
  await expect(page.getByText(/\bat .*\.(ts|js):\d+/)).toHaveCount(0);
  await expect(page.getByText(/\/plugins\/|node_modules/)).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('bad-input-namesake.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
