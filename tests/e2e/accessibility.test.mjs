// WCAG 2.2 AA checks with axe-core on every view, and the filter used by keyboard alone.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { engines, start, test } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// axe-core as a script of the page, then axe.run in it: the same checks in every engine.
// `off`: rules that do not apply to a view, each with its reason where the view is listed.
async function violations(page, off = []) {
  await page.eval((source) => {
    const script = document.createElement('script');
    script.textContent = source;
    document.head.append(script);
  }, AXE);
  return page.evalAsync((tags, off) => window.axe.run(document, { runOnly: tags, rules: Object.fromEntries(off.map((r) => [r, { enabled: false }])) })
    .then((result) => result.violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`)), RULES, off);
}

const EMBEDDED = ['page-has-heading-one'];
const VIEWS = [
  ['grid, desktop', '/?region=DE&services=netflix&types=flatrate', 1280, 'article[data-film-id="tmdb:949"]'],
  ['grid, phone, all types', '/?region=DE&types=flatrate,free,ads,rent,buy', 360, '.film-grid article'],
  // A link that sets a folded filter: the panel opens with its options drawn.
  ['grid, phone, folded filters open', '/?region=DE&genres=crime', 360, '[data-facet="genres"] button'],
  ['grid, English', '/?region=GB&lang=en', 1280, 'article'],
  ['empty state', '/?region=DE&types=', 1280, '[data-testid="empty-state"]'],
  ['film page', '/film/tmdb:949?region=DE', 1280, 'h1'],
  ['not found', '/nowhere', 1280, 'h1'],
  // TMDB live: the settings page (a page of its own) and the app without a token.
  ['TMDB settings', '/settings.html', 1280, '[data-testid="tmdb-token"]'],
  ['TMDB settings, English, phone', '/settings.html?lang=en', 360, '[data-testid="tmdb-token"]'],
  ['TMDB live without a token', '/?source=tmdb&region=DE', 1280, '[role="alert"]'],
  // The embed's card (README "Embed"), opened as the iframe's document. It is a box in
  // someone's article: its title is a sub-heading of that page, not the page's h1 (axe's
  // best-practice "page-has-heading-one" is for pages of their own).
  ['embed card', '/embed.html?film=tmdb:949&region=DE', 640, '.embed .film-card', EMBEDDED],
  ['embed card, dark, English, phone', '/embed.html?film=tmdb:155&region=GB&lang=en&theme=dark', 360, '.embed .film-card', EMBEDDED],
  ['embed card, unknown film', '/embed.html?film=tmdb:1&region=DE', 640, '[data-testid="embed-unknown"]', EMBEDDED],
];

// WebKitGTK's MiniBrowser keeps its window at least 447 px wide (its toolbar, also in a
// pop-up): the 360 px phone cannot be set there, so WebKit checks the phone layout (one
// column, the filter above the grid) at 480 px. Firefox gets 360 px in a pop-up (webdriver.mjs).
const NARROWEST = { webkit: 480 };

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  for (const [name, path, wanted, ready, off] of VIEWS) {
    const width = Math.max(wanted, NARROWEST[engine] ?? 0);
    test(`no axe violations: ${name}`, async () => {
      const page = await app.open({ viewport: { width, height: 900 } });
      await page.goto(`${app.url}${path}`);
      await page.$(ready).first().waitFor();
      assert.deepEqual(await violations(page, off), []);
      // Reflow (WCAG 1.4.10): the page never scrolls sideways; rows of toggles scroll on their own.
      const [scroll, client] = await page.eval(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
      await page.close();
    });
  }

  test('no axe violations: load failure with Retry', async () => {
    app.server.fault = (path) => (path === '/catalog.bin' ? { status: 500, body: '' } : null);
    const page = await app.open();
    await page.goto(`${app.url}/`);
    await page.$('[role="alert"]').waitFor();
    assert.deepEqual(await violations(page), []);
    await page.close();
    app.server.fault = () => null;
  });

  test('keyboard only: skip link, then toggle Netflix with Space and a type with Enter', async () => {
    const page = await app.open();
    await page.goto(`${app.url}/?region=DE&types=flatrate`);
    await page.$('.film-grid article').first().waitFor();

    await page.keys('Tab');
    assert.equal(await page.eval(() => document.activeElement.className), 'skip-link');
    await page.keys('Enter');
    assert.equal(await page.eval(() => document.activeElement.id), 'main');
    assert.match(await page.url(), /\?region=DE&types=flatrate$/, 'the skip link keeps the filter in the URL');

    // Tab on to the Netflix toggle: it must be reachable and work without a mouse.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keys('Tab');
      reached = await page.eval(() => document.activeElement.dataset.provider === 'netflix');
    }
    assert.ok(reached, 'the Netflix toggle is reachable by Tab');
    await page.keys('Space');
    await page.waitForURL(/services=netflix/);
    assert.equal(await page.eval(() => document.activeElement.getAttribute('aria-pressed')), 'true',
      'focus stays on the toggle after the URL changes');

    await page.$('button[data-type="rent"]').focus();
    await page.keys('Enter');
    await page.waitForURL(/types=flatrate,rent/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
