// When the app cannot start, or crashes after it started, the reader gets a message and a
// reload button instead of a page stuck on "loading" (the start guard in index.html).
import { describe, after, test as plainTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DIST, engines, start, test } from './browser.mjs';

// No browser needed: Chromium warns in the console of every load about an integrity hash
// on a preload fetched `as=fetch`, which it ignores (scripts/minify-glue.mjs drops it).
plainTest('the built page asks for no integrity check a browser ignores', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const preloads = html.match(/<link\b[^>]*\bas="?fetch\b[^>]*>/g) ?? [];
  assert.ok(preloads.some((link) => /_bg\.wasm/.test(link)), 'the wasm is preloaded');
  for (const link of preloads) assert.doesNotMatch(link, /\bintegrity=/, link);
  // Where a browser checks it, it stays: the stylesheet and the glue's module preload.
  const links = html.match(/<link\b[^>]*>/g) ?? [];
  for (const rel of ['stylesheet', 'modulepreload']) {
    const link = links.find((l) => new RegExp(`\\brel="?${rel}\\b`).test(l));
    assert.match(link ?? `no ${rel} link`, /\bintegrity=/);
  }
});

// A trap of the wasm as the engine raises it, thrown by a script of the page (see below),
// on the first load of the tab only or on every load.
const trap = (everyLoad) => `sessionStorage.setItem('loads', Number(sessionStorage.getItem('loads')) + 1);
  if (${everyLoad} || sessionStorage.getItem('loads') === '1') {
    setTimeout(function () { throw new WebAssembly.RuntimeError('Out of bounds memory access'); }, 50);
  }`;

for (const engine of engines()) describe(engine, () => {
  const apps = [];
  after(async () => { for (const app of apps) await app.stop(); });

  // The app's loader (Trunk.toml, pattern_script) catches the failed start itself: WebKit
  // reports a module script whose top-level await rejects to no error handler.
  test('a wasm that fails to download shows the reason to reload, in the page language', async () => {
    const app = await start(engine, { fault: (path) => (path.endsWith('.wasm') ? 503 : null) });
    apps.push(app);
    const page = await app.open();
    await page.goto(`${app.url}/`);
    const box = page.$('[data-testid="start-failed"]');
    await box.waitFor();
    assert.equal(await box.attr('role'), 'alert');
    assert.match(await box.text(), /Flimmer ist auf einen Fehler gestoßen/);
    assert.ok((await page.eval(() => window.__flimmerErrors.length)) > 0);
    // The button reloads: a new document (marked on the old one) shows the message again.
    await page.eval(() => { window.__beforeReload = true; });
    await box.$('button', { name: 'Neu laden' }).click();
    await page.waitFor(() => page.eval(() => document.readyState === 'complete' && !window.__beforeReload));
    await page.$('[data-testid="start-failed"]').waitFor();
    await page.close();
  });

  test('an error nobody caught after the start shows the same message once', async () => {
    const app = await start(engine);
    apps.push(app);
    const page = await app.open({ locale: 'en-GB' });
    await page.goto(`${app.url}/?region=GB&lang=en`);
    await page.$('.film-grid article').first().waitFor();
    assert.equal(await page.$('[data-testid="start-failed"]').count(), 0, 'a healthy start shows no error');
    // Thrown by a script of the page itself: code run through WebDriver counts as foreign
    // in some engines (its errors reach the page as "Script error." or not at all).
    await page.eval(() => {
      const script = document.createElement('script');
      script.textContent = `setTimeout(() => { throw new Error('boom'); });
        setTimeout(() => { throw new Error('boom again'); });`;
      document.head.append(script);
    });
    const box = page.$('[data-testid="start-failed"]');
    await box.waitFor();
    assert.match(await box.text(), /Flimmer ran into an error/);
    assert.equal(await page.$('[data-testid="start-failed"]').count(), 1);
    // Each error with the first frames of its stack.
    const recorded = await page.eval(() => window.__flimmerErrors);
    assert.equal(recorded.length, 2);
    // V8 starts a stack with "Error: <message>", SpiderMonkey and JavaScriptCore with the
    // first frame ("@http://…:1:26"): the message, then its stack, in every engine.
    const stack = engine === 'chromium' ? [/^boom \| Error: boom/, /^boom again \| Error: boom again/]
      : [/^boom \| .*@.*:\d+:\d+/, /^boom again \| .*@.*:\d+:\d+/];
    // Frames joined on one line: the minified start guard really splits the stack.
    assert.ok(!recorded[0].includes('\n'), recorded[0]);
    assert.match(recorded[0], stack[0]);
    assert.match(recorded[1], stack[1]);
    await page.close();
  });

  // A trap of the engine itself (WebKit's baseline compiler, README "WebKit") before the
  // reader did anything: the app starts again by itself, and works.
  // The app opened on a server whose pages trap on the first load, or on every load.
  async function trapping(everyLoad) {
    const app = await start(engine);
    apps.push(app);
    app.server.inject = trap(everyLoad);
    const page = await app.open();
    await page.goto(`${app.url}/`);
    return { app, page };
  }

  test('a wasm trap during the start restarts the app once, and it works', async () => {
    const { page } = await trapping(false);
    // Only a document the guard started again has __flimmerRestarted: proof of the restart
    // in every engine, whether or not the reload reaches the server.
    await page.waitFor(async () => (await page.eval(() => !!window.__flimmerRestarted).catch(() => false))
      && (await page.$('.film-grid article').count()) > 0, { message: 'the app, started again' });
    assert.equal(await page.$('[data-testid="start-failed"]').count(), 0);
    const restarted = await page.eval(() => window.__flimmerRestarted);
    assert.equal(restarted.length, 1);
    assert.match(restarted[0], /^Out of bounds memory access/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a wasm trap on every start restarts once, then shows the message', async () => {
    const { page } = await trapping(true);
    await page.waitFor(async () => (await page.eval(() => !!window.__flimmerRestarted).catch(() => false))
      && (await page.$('[data-testid="start-failed"]').count()) === 1, { message: 'the message, after one restart' });
    // No loop: the document that shows the message stays.
    await page.eval(() => { window.__stays = true; });
    await sleep(500);
    assert.equal(await page.eval(() => window.__stays), true, 'no second restart');
    assert.equal((await page.eval(() => window.__flimmerRestarted)).length, 1);
    await page.close();
  });

  // Once the reader has touched the page, a restart could lose what they were doing.
  test('a wasm trap after the reader touched the page shows the message, no restart', async () => {
    const app = await start(engine);
    apps.push(app);
    const page = await app.open();
    await page.goto(`${app.url}/`);
    await page.$('.film-grid article').first().waitFor();
    await page.$('.site-header__tagline').click();
    await page.eval(() => {
      window.__beforeReload = true;
      const script = document.createElement('script');
      script.textContent = `setTimeout(() => { throw new WebAssembly.RuntimeError('Out of bounds memory access'); });`;
      document.head.append(script);
    });
    await page.$('[data-testid="start-failed"]').waitFor();
    await sleep(500);
    assert.equal(await page.eval(() => window.__beforeReload), true, 'the same document');
    await page.close();
  });
});
