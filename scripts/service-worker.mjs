// Trunk post-build hook: writes dist/service-worker.js from public/service-worker.js with
// the precache list of this build, read from what Trunk emitted (never kept by hand), and
// a version that is a hash of every precached file: any change to the app, its styles or
// the built-in catalog makes a new worker, which the page offers as an update.
//
// Debug builds (`trunk serve`) get a worker that precaches nothing and answers nothing, so
// a rebuild is never hidden behind a cache while developing.
//
// Also runnable by hand on a built directory: `node scripts/service-worker.mjs dist`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('run by Trunk as a post_build hook, or with the built directory as argument');
const release = process.env.TRUNK_PROFILE ? process.env.TRUNK_PROFILE === 'release' : true;
const root = new URL('..', import.meta.url).pathname;

/** Files the app needs offline: all Trunk wrote, but the worker itself, the JSON catalog
 *  (the documented interchange form; the app reads catalog.bin), the embed (its loader,
 *  card and data are for publishers' pages: README "Embed") and the TMDB settings page (it
 *  needs the network to reach TMDB anyway). */
function precacheList(dir) {
  const files = [];
  const walk = (at) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  // The same paths the worker's fetch handler leaves to the network (public/service-worker.js).
  const apart = (f) => /^(embed|settings)([./-]|$)/.test(f);
  return files.filter((f) => !['service-worker.js', 'catalog.json'].includes(f) && !f.endsWith('.map') && !apart(f));
}

// Each file with its Subresource Integrity hash: the worker fetches it with that, so a
// host that answers a missing file with something else (an SPA's index.html, a proxy's
// error page) fails the install, and the running version stays, instead of a broken
// file being cached as part of the new one. The version is a hash of that list: of every
// file's name and content.
const sha256 = (data) => createHash('sha256').update(data);
const precache = (release ? precacheList(dir) : [])
  .map((f) => [f, `sha256-${sha256(readFileSync(join(dir, f))).digest('base64')}`]);
// The built-in catalog's date, for "new data from <date>" (catalog.json is its source, copied beside it).
const asOf = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')).as_of ?? null;
const version = release ? sha256(JSON.stringify(precache)).digest('hex').slice(0, 16) : 'dev';
const build = { version, asOf, precache };

const source = readFileSync(join(root, 'public/service-worker.js'), 'utf8');
const marker = "const BUILD = { version: 'dev', asOf: null, precache: [] };";
if (!source.includes(marker)) throw new Error(`public/service-worker.js lost its line: ${marker}`);
let worker = source.replace(marker, `const BUILD = ${JSON.stringify(build)};`);
if (release) worker = (await minify(worker, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
writeFileSync(join(dir, 'service-worker.js'), worker);
console.log(`service-worker.js: version ${version}, ${precache.length} files precached`);
