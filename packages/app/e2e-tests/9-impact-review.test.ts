import { test, expect } from '@playwright/test';
import { signIn } from './signIn';
import { gitopsLog } from './simulator';
import { FINAL_BUTTON, fixedMachines, review } from './scaffolder';
import { screenshotPath } from './screenshots';
import { findOnClustersTab } from './clustersTab';

test('Scale shows its impact before Review, marks 500 machines on the Machines field before Review, and Review lists the impact before Create', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api/clusters');
  await signIn(page);
  // The first cluster in the tab's selector that offers a Scale link.
  const { match: scale } = await findOnClustersTab(page, /./, name =>
    page.getByRole('link', {
      name: new RegExp(`^Scale node pool \\S+ of ${name}$`),
    }),
  );
  await scale.first().click();
  await expect(page).toHaveURL(/capi-scale-node-pool/);
  const before = gitopsLog();

  const impact = page.getByRole('status', {
    name: 'Impact before anything is written',
  });
  // 500 machines: the problem is marked on Machines itself (as the user
  // types, and again when they ask for the review), not only on the impact.
  const machines = await fixedMachines(page);
  await machines.fill('500');
  await expect(machines).toHaveAttribute('aria-invalid', 'true', {
    timeout: 60_000,
  });
  await expect(machines).toHaveAccessibleDescription(/500.*limit|limit.*500/);
  await expect(impact).toContainText(
    'The impact follows once the number of machines is fixed.',
  );
  await review(page);
  await expect(machines).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByRole('button', { name: FINAL_BUTTON.scale }),
  ).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('day2-field-error.png'),
    fullPage: true,
  });

  await machines.fill('3');
  await expect(machines).toHaveAttribute('aria-invalid', 'false', {
    timeout: 60_000,
  });
  // Whatever the pool holds now, the dry run says what 3 machines change.
  await expect(impact).toContainText(/machine|nothing changes/, {
    timeout: 60_000,
  });
  await expect(impact).not.toContainText(/Working out/);
  const sentence = (await impact.textContent())!.replace(/^Impact/, '').trim();
  await page.screenshot({
    path: screenshotPath('scale-impact-form.png'),
    fullPage: true,
  });

  await review(page);
  await expect(
    page.getByRole('button', { name: FINAL_BUTTON.scale }),
  ).toBeVisible();
  await expect(page.getByText(sentence.slice(0, 40)).first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('scale-impact-review.png'),
    fullPage: true,
  });
  expect(gitopsLog()).toEqual(before);
});
