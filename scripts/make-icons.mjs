// Renders the app's PNG icons (web app manifest) from its SVGs with Debian's Chromium:
//   node scripts/make-icons.mjs
// Run by hand when an icon changes; the PNGs are committed, so neither the build nor the
// dev server needs a browser. public/favicon.svg has rounded corners for tabs and the
// "any" purpose; public/icons/icon-maskable.svg fills its square and keeps the mark
// inside the central 80 % that every platform's mask leaves visible.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const ICONS = [
  ['public/favicon.svg', 192, 'public/icons/icon-192.png'],
  ['public/favicon.svg', 512, 'public/icons/icon-512.png'],
  ['public/icons/icon-maskable.svg', 512, 'public/icons/icon-maskable-512.png'],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
for (const [svg, size, png] of ICONS) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const data = `data:image/svg+xml;base64,${readFileSync(svg).toString('base64')}`;
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${data}" width="${size}" height="${size}">`);
  await page.locator('img').screenshot({ path: png, omitBackground: true });
  await page.close();
  console.log(`${png}: ${size}×${size}`);
}
await browser.close();
