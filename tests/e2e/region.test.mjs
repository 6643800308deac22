// The default country and language follow the browser; the URL can override both.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, start, test } from './browser.mjs';

for (const engine of engines()) describe(engine, () => {
  let app;
  before(async () => { app = await start(engine); });
  after(async () => { await app?.stop(); });

  for (const [locale, region, lang] of [['en-US', 'US', 'en'], ['en-GB', 'GB', 'en'], ['de-AT', 'AT', 'de'], ['fr-FR', 'DE', 'de']]) {
    test(`a ${locale} browser starts in ${region}, in ${lang}`, async () => {
      const page = await app.open({ locale });
      await page.goto(`${app.url}/`);
      // The session really speaks the language asked for (each engine sets it its own way).
      assert.equal(await page.eval(() => navigator.language), locale);
      await page.waitForURL(new RegExp(`\\?region=${region}&types=flatrate$`));
      assert.equal(await page.$('#filter-region').value(), region);
      assert.equal(await page.$('html').attr('lang'), lang);
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });
  }

  test('lang=en in the URL switches a German browser to English and keeps the filter', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=DE&services=netflix&types=flatrate`);
    await page.$('article[data-film-id="tmdb:949"]').waitFor();
    await page.$('a[href]', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    assert.match(await page.url(), /region=DE&services=netflix&types=flatrate/);
    const badge = page.$('article[data-film-id="tmdb:949"] a.offer-badge[data-provider="netflix"]');
    assert.equal(await badge.attr('title'), 'Heat can be streamed on Netflix with a subscription');
    assert.equal(await page.$('html').attr('lang'), 'en');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a broken link still opens a sensible view', async () => {
    const page = await app.open({ locale: 'de-DE' });
    await page.goto(`${app.url}/?region=Mars&services=<script>,netflix&types=stream`);
    await page.$('article[data-film-id="tmdb:949"]').waitFor();
    assert.equal(await page.$('#filter-region').value(), 'DE');
    assert.equal(await page.$('button', { name: /^Netflix( [\d.,]+)?$/ }).attr('aria-pressed'), 'true');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
