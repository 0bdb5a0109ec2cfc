/* eslint-disable */
// Takes the scaffolder form fields screenshot from the running dev harness (`yarn start`).
// Usage: node dev/screenshots.js http://localhost:3417
const { chromium } = require('playwright-core');
const path = require('path');

const base = process.argv[2] || 'http://localhost:3000';
const out = path.resolve(__dirname, '../docs');

// The card, tab and fleet page screenshots come from the running demo
// (dev/demo-screenshots.js); only the form fields need the harness.
const shots = [
  {
    name: 'form-fields',
    path: '/fields',
    waitForSelector: '[aria-label="Node pool problems"]',
    height: 1200,
  },
];

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
    const page = await context.newPage();
    // The guest sign-in asks (confirm) to fall back to the frontend-only guest token.
    page.on('dialog', dialog => dialog.accept());
    // No auth backend behind the dev harness: use the frontend-only guest token.
    await page.addInitScript(theme => {
      window.localStorage.setItem('enableLegacyGuestToken', 'true');
      window.localStorage.setItem('theme', theme);
    }, shot.theme || 'light');
    await page.goto(`${base}${shot.path}`, { waitUntil: 'networkidle' });
    // The dev app asks for a sign-in method first; the guest one is enough.
    const enter = page.getByRole('button', { name: /enter/i });
    const signIn = await enter.waitFor({ timeout: 10000 }).then(
      () => true,
      () => false,
    );
    if (signIn) {
      await enter.click();
      await page.waitForTimeout(1000);
    }
    await page
      .waitForSelector(shot.waitForSelector || shot.waitFor, { timeout: 30000 })
      .catch(async e => {
        await page.screenshot({ path: `/tmp/capi-failed-${shot.name}.png` });
        console.error((await page.innerText('body')).slice(0, 1000));
        throw e;
      });
    await page.waitForTimeout(500);
    await page.screenshot({
      path: path.join(out, `${shot.name}.png`),
      fullPage: false,
    });
    console.log(`wrote docs/${shot.name}.png`);
    await context.close();
  }
  await browser.close();
})().catch(e => {
  console.error(e);
  process.exit(1);
});
