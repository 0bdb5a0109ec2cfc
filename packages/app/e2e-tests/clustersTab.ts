import { expect, Locator, Page } from '@playwright/test';

/** The Clusters tab with many clusters shows one at a time, picked in a
 * selector: a vertical tab per cluster, labelled `name, Status, …`. */
export function clusterEntries(page: Page): Locator {
  return page.getByRole('tablist', { name: 'Clusters' }).getByRole('tab');
}

/** Shows cluster `name` on the tab and returns its section. */
export async function showCluster(page: Page, entry: Locator): Promise<string> {
  const name = (await entry.getAttribute('aria-label'))!.split(',')[0];
  await entry.click();
  await expect(
    page.getByRole('region', { name: `Cluster ${name}` }),
  ).toBeVisible();
  return name;
}

/**
 * Walks the selector until a cluster whose entry matches `entryName` shows
 * what `found` returns (e.g. a Scale link); its name and that locator.
 */
export async function findOnClustersTab(
  page: Page,
  entryName: RegExp,
  found: (name: string) => Locator,
): Promise<{ name: string; match: Locator }> {
  const entries = page.getByRole('tab', { name: entryName });
  await expect(entries.first()).toBeVisible({ timeout: 60_000 });
  for (const entry of await entries.all()) {
    const name = await showCluster(page, entry);
    const match = found(name);
    if ((await match.count()) > 0) return { name, match };
  }
  throw new Error(`no cluster on the tab matches ${entryName}`);
}

/**
 * Visits every cluster on the Clusters tab: one or two are shown in full,
 * more one at a time through the selector. Calls `visit` with the name of
 * each cluster while it is shown.
 */
export async function forEachClusterOnTab(
  page: Page,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const entries = clusterEntries(page);
  const sections = page.getByRole('region', { name: /^Cluster \S+$/ });
  await expect(entries.or(sections).first()).toBeVisible({
    timeout: 60_000,
  });
  if ((await entries.count()) > 0) {
    for (const entry of await entries.all()) {
      await visit(await showCluster(page, entry));
    }
    return;
  }
  for (const section of await sections.all()) {
    await visit((await section.getAttribute('aria-label'))!.slice(8));
  }
}
