import { Page, expect } from '@playwright/test';

/** Picks an option of a Material UI select, found by its label. */
export async function selectOption(page: Page, label: RegExp, option: RegExp) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/** Types into an autocomplete and picks the first option matching. */
export async function autocomplete(
  page: Page,
  label: RegExp,
  text: string,
  option: RegExp,
) {
  const input = page.getByRole('textbox', { name: label }).first();
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

/**
 * The new-cluster form's Owner starts as the user's own team (`team`:
 * Guest's is team-payments, Mia's team-checkout). Typing into it while that
 * value arrives doubled the text, so the tests check it instead.
 */
export async function ownerIsOwnTeam(page: Page, team: string) {
  await expect(page.getByRole('textbox', { name: /^Owner/ })).toHaveValue(team);
}

/** On Scale: the node pool picker holds `pool` (a deep link's), shown by its name. */
export async function poolIs(page: Page, pool: string) {
  await expect(page.getByRole('button', { name: /^Node pool/ })).toHaveText(
    new RegExp(`^${pool}$`),
  );
}

/**
 * On Scale: waits for the form to start from the pool (its scaling mode
 * shown), switches to a fixed number of machines (an autoscaled pool opens
 * with its bounds) and returns the Machines input.
 */
export async function fixedMachines(page: Page) {
  const scaling = page.getByRole('button', { name: /^Scaling/ });
  await expect(scaling).toHaveText(
    /Fixed number of machines|Cluster autoscaler/,
    {
      timeout: 30_000,
    },
  );
  if (!/Fixed number of machines/.test((await scaling.textContent()) ?? '')) {
    await selectOption(page, /^Scaling/, /^Fixed number of machines$/);
  }
  return page.getByLabel(/^Machines/);
}

export async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Leaves the last form step for the review page. */
export async function review(page: Page) {
  await page.getByRole('button', { name: 'Review' }).click();
}

/**
 * Each template's final button, which says what it does
 * (`spec.presentation.buttonLabels.createButtonText` in templates/).
 */
export const FINAL_BUTTON = {
  newCluster: 'Create cluster',
  scale: 'Scale node pool',
  upgrade: 'Start upgrade',
  addNodePool: 'Add node pool',
} as const;

/** Clicks the review step's final button and waits for the task to end. */
export async function createAndWait(
  page: Page,
  button: (typeof FINAL_BUTTON)[keyof typeof FINAL_BUTTON],
): Promise<'completed' | 'failed'> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page).toHaveURL(/\/create\/tasks\/[\w-]+/);
  const taskId = page.url().split('/create/tasks/')[1].split(/[?#/]/)[0];
  let status = '';
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          `http://localhost:7007/api/scaffolder/v2/tasks/${taskId}`,
        );
        status = (await res.json()).status;
        return status;
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toMatch(/^(completed|failed|cancelled)$/);
  // The log is where the actions print their errors and impact; a finished
  // task shows it, a failed one may need a click.
  await expect(page.getByText(/Beginning step/).first()).toBeVisible();
  const showLogs = page.getByRole('button', { name: /show logs/i });
  if (await showLogs.isVisible()) {
    await showLogs.click();
  }
  return status === 'completed' ? 'completed' : 'failed';
}
