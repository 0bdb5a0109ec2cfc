/* eslint-disable */
// Takes the README screenshots of the card, the Clusters tab and the fleet
// page from a running Capstan demo (`yarn start` at the repo root: frontend on
// :3000, backend on :7007 with simulated management clusters).
// Usage: node dev/demo-screenshots.js [http://localhost:3000]
const { chromium } = require('playwright-core');
const path = require('path');

const base = process.argv[2] || 'http://localhost:3000';
const out = path.resolve(__dirname, '../docs');
const entity = '/catalog/default/component/payments-api';

const shots = [
  // Element shots are cut to maxHeight so a long list of clusters stays readable.
  {
    name: 'entity-card',
    path: entity,
    waitFor: 'text=Kubernetes clusters',
    element: 'div.MuiCard-root:has-text("Kubernetes clusters")',
    maxHeight: 900,
  },
  {
    name: 'clusters-tab',
    path: `${entity}/clusters`,
    waitFor: 'text=Machines',
    height: 1750,
  },
  {
    name: 'fleet-page',
    path: '/capi',
    waitFor: 'text=Management clusters',
    height: 1400,
  },
  {
    name: 'fleet-page-dark',
    path: '/capi',
    waitFor: 'text=Management clusters',
    theme: 'dark',
    height: 1400,
  },
  {
    name: 'form-fields',
    path: '/create/templates/default/capi-new-cluster',
    waitFor: 'text=New Kubernetes cluster',
    height: 1000,
    // Walks the new-cluster template to its node pools step, without creating anything.
    prepare: async page => {
      await page.getByLabel(/Cluster name/).fill('orders-dev');
      await page.getByRole('button', { name: /Cluster profile/ }).click();
      await page.getByRole('option').first().click();
      await page.getByRole('button', { name: 'Next' }).click();
      const owner = page.getByRole('textbox', { name: /Owner/ }).first();
      await owner.click();
      await owner.fill('team-payments');
      await page
        .getByRole('option', { name: /team-payments/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Next' }).click();
      const add = page.getByRole('button', { name: 'Add node pool' });
      await add.click();
      await add.click();
      const second = page.getByRole('group', { name: 'Node pool 2' });
      await second.getByLabel('Name').fill('Batch_Jobs');
      await second.getByLabel('Replicas').fill('50');
      await page.waitForTimeout(500);
    },
  },
  {
    name: 'entity-card-dark',
    path: entity,
    waitFor: 'text=Kubernetes clusters',
    element: 'div.MuiCard-root:has-text("Kubernetes clusters")',
    maxHeight: 900,
    theme: 'dark',
  },
];

async function signIn(page) {
  const enter = page.getByRole('button', { name: /enter/i });
  if (
    await enter.waitFor({ timeout: 20000 }).then(
      () => true,
      () => false,
    )
  ) {
    await enter.click();
    await page.waitForTimeout(1500);
  }
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: shot.height || 900 },
      deviceScaleFactor: 1,
    });
    await context.addInitScript(theme => {
      window.localStorage.setItem('theme', theme);
    }, shot.theme || 'light');
    const page = await context.newPage();
    page.on('dialog', dialog => dialog.accept());
    await page.goto(base, { waitUntil: 'networkidle' });
    await signIn(page);
    // Navigate inside the app, as a person would.
    await page.evaluate(p => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, shot.path);
    // The demo backend restarts when someone edits a backend package; retry.
    let ready = false;
    for (let attempt = 0; attempt < 4 && !ready; attempt++) {
      const shown = await page
        .waitForSelector(shot.waitFor, { timeout: 20000 })
        .then(
          () => true,
          () => false,
        );
      ready = shown && (await page.getByText(/Failed to fetch/).count()) === 0;
      if (!ready) {
        await page.waitForTimeout(5000);
        await page.reload({ waitUntil: 'networkidle' });
        await signIn(page);
      }
    }
    if (!ready) throw new Error(`${shot.name}: ${shot.waitFor} never appeared`);
    if (shot.prepare) await shot.prepare(page);
    await page.waitForTimeout(1500);
    // The dev server's error overlay is not part of the app.
    await page.evaluate(() =>
      document
        .querySelectorAll('#webpack-dev-server-client-overlay')
        .forEach(e => e.remove()),
    );
    const file = path.join(out, `${shot.name}.png`);
    if (shot.element) {
      const el = page.locator(shot.element).first();
      await el.scrollIntoViewIfNeeded();
      const box = await el.boundingBox();
      const scrollY = await page.evaluate(() => window.scrollY);
      await page.screenshot({
        path: file,
        fullPage: true,
        clip: {
          x: box.x,
          y: box.y + scrollY,
          width: box.width,
          height: Math.min(box.height, shot.maxHeight || box.height),
        },
      });
    } else {
      await page.screenshot({ path: file });
    }
    console.log(`wrote docs/${shot.name}.png`);
    await context.close();
  }
  await browser.close();
})().catch(e => {
  console.error(e);
  process.exit(1);
});
