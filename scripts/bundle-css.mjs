// Trunk pre-build hook: joins the stylesheets of style/ (one per area, in cascade order)
// into target/style/flimmer.css, which index.html links. One file instead of five: four
// requests fewer on the first page, and brotli compresses the whole better than its parts
// (2.3 KB instead of 2.9 KB). The embed card (public/embed.html) gets its own bundle of
// the areas it draws, target/style/embed.css: the same rules, none of the app's page; so
// does the TMDB settings page (public/settings.html), target/style/settings.css.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Cascade order: tokens and element defaults first, then areas from the outside in.
const BUNDLES = {
  'flimmer.css': ['base', 'layout', 'filter', 'film_card', 'status'],
  'embed.css': ['base', 'film_card', 'status', 'embed'],
  'settings.css': ['base', 'layout', 'status', 'settings'],
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [name, areas] of Object.entries(BUNDLES)) {
  const out = join(root, 'target', 'style', name);
  const css = areas.map((area) => readFileSync(join(root, 'style', `${area}.css`), 'utf8')).join('\n');
  mkdirSync(dirname(out), { recursive: true });
  // Unchanged content is not rewritten, so `trunk serve` sees no change to rebuild for.
  let old = null;
  try { old = readFileSync(out, 'utf8'); } catch {}
  if (old !== css) writeFileSync(out, css);
}
