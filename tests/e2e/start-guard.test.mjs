// When the app cannot start, or crashes after it started, the reader gets a message and a
// reload button instead of a page stuck on "loading" (the start guard in index.html).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

const apps = [];
after(async () => { for (const app of apps) await app.stop(); });

test('a wasm that fails to download shows the reason to reload, in the page language', async () => {
  const app = await start({ fault: (path) => (path.endsWith('.wasm') ? 503 : null) });
  apps.push(app);
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.url}/`);
  const box = page.getByTestId('start-failed');
  await box.waitFor();
  assert.equal(await box.getAttribute('role'), 'alert');
  assert.match(await box.textContent(), /Flimmer ist auf einen Fehler gestoßen/);
  assert.ok((await page.evaluate(() => window.__flimmerErrors.length)) > 0);
  await box.getByRole('button', { name: 'Neu laden' }).click();
  await page.waitForLoadState('load');
  await page.getByTestId('start-failed').waitFor();
  await context.close();
});

test('an error nobody caught after the start shows the same message once', async () => {
  const app = await start();
  apps.push(app);
  const { page, context } = await openPage(app.browser, { locale: 'en-GB' });
  await page.goto(`${app.url}/?region=GB&lang=en`);
  await page.locator('.film-grid article').first().waitFor();
  assert.equal(await page.getByTestId('start-failed').count(), 0, 'a healthy start shows no error');
  await page.evaluate(() => {
    setTimeout(() => { throw new Error('boom'); });
    setTimeout(() => { throw new Error('boom again'); });
  });
  const box = page.getByTestId('start-failed');
  await box.waitFor();
  assert.match(await box.textContent(), /Flimmer ran into an error/);
  assert.equal(await page.getByTestId('start-failed').count(), 1);
  // Each error with the first frames of its stack.
  const recorded = await page.evaluate(() => window.__flimmerErrors);
  assert.equal(recorded.length, 2);
  assert.match(recorded[0], /^boom \| Error: boom/);
  assert.match(recorded[1], /^boom again \| Error: boom again/);
  await context.close();
});
