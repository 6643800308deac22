// Journey at real scale: the 22,563 titles of the public Netflix, Prime Video, Disney+ and
// Hulu lists, imported in this run from ../shared/data by flimmer-import (scripts/test.sh
// writes tests/e2e/artifacts/catalog-23k.json), opened as a remote catalog through
// `source=` over https, as a reader would, and searched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { start, openPage } from './browser.mjs';

const CATALOG = 'tests/e2e/artifacts/catalog-23k.json';

let app;
let remote;
before(async () => {
  assert.ok(existsSync(CATALOG), `${CATALOG} is written by scripts/test.sh before the journeys`);
  app = await start({ args: ['--ignore-certificate-errors'] });
  // A throwaway self-signed certificate for 127.0.0.1: the app only loads https catalogs.
  const dir = mkdtempSync(join(tmpdir(), 'flimmer-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
  { stdio: 'ignore' });
  const body = brotliCompressSync(readFileSync(CATALOG));
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json', 'content-encoding': 'br', 'access-control-allow-origin': '*',
      });
      res.end(body);
    });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  remote = { url: `https://127.0.0.1:${server.address().port}/catalog-23k.json`, close: () => server.close() };
});
after(async () => {
  remote?.close();
  await app?.stop();
});

test('23,000 imported titles load through source= and are searchable', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'en-US' });
  const started = Date.now();
  await page.goto(`${app.url}/?region=US&source=${encodeURIComponent(remote.url)}`);
  await page.locator('.film-grid article.film-card').first().waitFor({ timeout: 60_000 });
  const loadMs = Date.now() - started;
  const count = Number((await page.getByTestId('result-count').textContent()).replace(/\D/g, ''));
  assert.ok(count > 20_000, `${count} titles on flatrate in the US`);
  assert.equal(await page.locator('.film-grid article').count(), 48, 'a page of cards, not 20,000');
  assert.match(await page.getByTestId('source-note').textContent(), /127\.0\.0\.1/);

  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('irishman');
  await page.waitForURL(/q=irishman/);
  const first = page.locator('.film-grid article.film-card').first();
  await first.waitFor();
  assert.match(await first.locator('.film-card__title').textContent(), /The Irishman/);
  await box.fill('godfahter');
  await page.waitForURL(/q=godfahter/);
  assert.match(await page.locator('.film-grid article .film-card__title').first().textContent(), /Godfather/);
  console.log(`23k catalog: first card after ${loadMs} ms (loopback, brotli, cold)`);
  assert.deepEqual(page.problems, []);
  await context.close();
});
