#!/usr/bin/env node
/*
 * Opens the install-test app (served by its backend) in headless Chromium,
 * signs in as guest, opens an entity page and waits for the Capstan card with
 * the named clusters. Writes a screenshot.
 *
 * Usage: node check-card.mjs <baseUrl> <entityPath> <screenshot.png> <clusterName>...
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

const [baseUrl, entityPath, screenshot, ...clusterNames] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
});
try {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(`${baseUrl}${entityPath}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const card = page.getByText('Kubernetes clusters', { exact: true });
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }),
    card.first().waitFor({ timeout: 60_000 }),
  ]);
  if (await enter.isVisible()) await enter.click();
  await card.first().waitFor({ timeout: 60_000 });
  for (const name of clusterNames) {
    await page
      .getByText(name, { exact: true })
      .first()
      .waitFor({ timeout: 60_000 });
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) {
    console.error(`page errors:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
  console.log(
    `card "Kubernetes clusters" with ${clusterNames.join(
      ', ',
    )}; screenshot ${screenshot}`,
  );
} finally {
  await browser.close();
}
