import { test, expect } from '@playwright/test';
import { BACKEND, memberToken, signInAsTeamMember } from './signIn';
import { gitopsFolders, gitopsLog } from './simulator';

test("a plain team member cannot decommission another team's cluster through the template: the task fails with a clear error and Git is unchanged", async ({
  page,
}) => {
  await signInAsTeamMember(page);
  const token = await memberToken(page);

  // A seeded cluster of team-payments (Mia is in team-checkout only).
  const folder = gitopsFolders().find(f =>
    /\/payments-(prod|staging|dev)-\d{5}$/.test(f),
  );
  expect(folder, 'a seeded payments cluster in Git').toBeTruthy();
  const ref = folder!.replace(/^clusters\//, '');
  const name = ref.split('/')[2];
  const commitsBefore = gitopsLog();

  // The picker would not offer it; the task is started with the value set,
  // as a hand-crafted request (or a stale form) would.
  const created = await page.request.post(
    `${BACKEND}/api/scaffolder/v2/tasks`,
    {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        templateRef: 'template:default/capi-decommission-cluster',
        values: { cluster: ref, confirm: name },
      },
    },
  );
  expect(created.ok()).toBe(true);
  const { id } = await created.json();

  await page.goto(`/create/tasks/${id}`);
  await expect
    .poll(
      async () => {
        // The development backend restarts when files change; keep polling.
        const res = await page.request
          .get(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, {
            headers: { Authorization: `Bearer ${token}` },
          })
          .catch(() => undefined);
        return res?.ok() ? (await res.json()).status : 'unreachable';
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe('failed');
  const refused = page
    .getByText(
      new RegExp(
        `may not decommission cluster ${ref.replace(
          /\//g,
          '\\/',
        )}: the capi\\.cluster\\.delete permission was denied`,
      ),
    )
    .first();
  // The task page may open its log on its own when the task fails; open it
  // only while the error is not shown (the button can vanish as we click).
  await expect(async () => {
    if (!(await refused.isVisible())) {
      await page
        .getByRole('button', { name: /show logs/i })
        .click({ timeout: 2_000 });
    }
    await expect(refused).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });

  // Nothing was written: no commit, and the folder is still there.
  expect(gitopsLog()).toEqual(commitsBefore);
  expect(gitopsFolders()).toContain(folder);
});
