// The default country and language follow the browser; the URL can override both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

for (const [locale, region, lang] of [['en-US', 'US', 'en'], ['en-GB', 'GB', 'en'], ['de-AT', 'AT', 'de'], ['fr-FR', 'DE', 'de']]) {
  test(`a ${locale} browser starts in ${region}, in ${lang}`, async () => {
    const { page, context } = await openPage(app.browser, { locale });
    await page.goto(`${app.url}/`);
    await page.waitForURL(new RegExp(`\\?region=${region}&types=flatrate$`));
    assert.equal(await page.locator('#filter-region').inputValue(), region);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

test('lang=en in the URL switches a German browser to English and keeps the filter', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=DE&services=netflix&types=flatrate`);
  await page.locator('article[data-film-id="tmdb:949"]').waitFor();
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  assert.match(page.url(), /region=DE&services=netflix&types=flatrate/);
  const badge = page.locator('article[data-film-id="tmdb:949"] a.offer-badge[data-provider="netflix"]');
  assert.equal(await badge.getAttribute('title'), 'Heat can be streamed on Netflix with a subscription');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a broken link still opens a sensible view', async () => {
  const { page, context } = await openPage(app.browser, { locale: 'de-DE' });
  await page.goto(`${app.url}/?region=Mars&services=<script>,netflix&types=stream`);
  await page.locator('article[data-film-id="tmdb:949"]').waitFor();
  assert.equal(await page.locator('#filter-region').inputValue(), 'DE');
  assert.equal(await page.getByRole('button', { name: /^Netflix( [\d.,]+)?$/ }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.problems, []);
  await context.close();
});
