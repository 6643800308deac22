// WCAG 2.2 AA checks with axe-core on every view, and the filter used by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { start, openPage } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), RULES);
  return result.violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`);
}

const VIEWS = [
  ['grid, desktop', '/?region=DE&services=netflix&types=flatrate', 1280, 'article[data-film-id="tmdb:949"]'],
  ['grid, phone, all types', '/?region=DE&types=flatrate,free,ads,rent,buy', 360, '.film-grid article'],
  ['grid, English', '/?region=GB&lang=en', 1280, 'article'],
  ['empty state', '/?region=DE&types=', 1280, '[data-testid="empty-state"]'],
  ['film page', '/film/tmdb:949?region=DE', 1280, 'h1'],
  ['not found', '/nowhere', 1280, 'h1'],
];

for (const [name, path, width, ready] of VIEWS) {
  test(`no axe violations: ${name}`, async () => {
    const { page, context } = await openPage(app.browser, { viewport: { width, height: 900 } });
    await page.goto(`${app.url}${path}`);
    await page.locator(ready).first().waitFor();
    assert.deepEqual(await violations(page), []);
    await context.close();
  });
}

test('no axe violations: load failure with Retry', async () => {
  const { page, context } = await openPage(app.browser);
  await page.route('**/catalog.json', (route) => route.fulfill({ status: 500, body: '' }));
  await page.goto(`${app.url}/`);
  await page.getByRole('alert').waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('keyboard only: skip link, then toggle Netflix with Space and a type with Enter', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/?region=DE&types=flatrate`);
  await page.locator('.film-grid article').first().waitFor();

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.match(page.url(), /\?region=DE&types=flatrate$/, 'the skip link keeps the filter in the URL');

  // Tab on to the Netflix toggle: it must be reachable and work without a mouse.
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.dataset.provider === 'netflix');
  }
  assert.ok(reached, 'the Netflix toggle is reachable by Tab');
  await page.keyboard.press('Space');
  await page.waitForURL(/services=netflix/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true',
    'focus stays on the toggle after the URL changes');

  await page.locator('button[data-type="rent"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/types=flatrate,rent/);
  assert.deepEqual(page.problems, []);
  await context.close();
});
