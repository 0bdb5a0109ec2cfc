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
