// Trunk post-build hook: minifies wasm-bindgen's JS glue in release builds. Trunk's own
// JS minifier cannot parse the glue and leaves it whole (51 KB raw, 7.4 KB brotli); terser
// (npm, pure JS) takes it to about half. The glue's integrity hash in index.html is
// rewritten to match, so Subresource Integrity keeps working.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// The glue of every wasm: the app's and the catalog worker's beside index.html, the embed
// card's in embed/, the TMDB settings page's in settings/. Not embed.js, the loader
// publishers include: it is served as written, so anyone can read what it does on their page.
const glue = [...readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'embed.js'),
  ...['embed', 'settings'].flatMap((sub) => readdirSync(join(dir, sub)).filter((f) => f.endsWith('.js')).map((f) => join(sub, f)))];
for (const name of glue) {
  const path = join(dir, name);
  const source = readFileSync(path);
  // The catalog worker's glue is a classic script (wasm-bindgen's no-modules target) whose
  // global `wasm_bindgen` the worker's loader calls: minified as a script, its globals stay.
  const module = !/^let wasm_bindgen\b/m.test(source.toString('utf8'));
  const { code } = await minify(pruned(source.toString('utf8'), path, name), {
    module,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  writeFileSync(path, code);
  html = html.split(sri(source)).join(sri(Buffer.from(code)));
  console.log(`minify-glue: ${name} ${source.length} → ${Buffer.byteLength(code)} bytes`);
}
// Trunk preloads the wasm `as=fetch` with an integrity hash, which Chromium ignores for
// that destination and says so in the console on every load (crbug.com/981419); the
// loader fetches the wasm without one. The hash checks nothing: it goes.
html = html.replace(/<link\b[^>]*\bas="?fetch\b[^>]*>/g, (link) => link.replace(/\s+integrity=("[^"]*"|[^\s>]+)/, ''));
writeFileSync(htmlPath, html);

// The glue without the classes of exports that wasm-opt removed from its wasm (index.html:
// the app's wasm-streams exports), and checked: every `wasm.name` the rest of the glue
// calls is an export of the wasm as shipped, so a removed export fails the build, not a
// reader's page. wasm-bindgen writes each class as `export class X {` … `}` (column 0),
// `if (Symbol.dispose) X.prototype…`, and `const XFinalization = …` over three lines.
function pruned(glue, path, name) {
  const wasmPath = path.replace(/\.js$/, '_bg.wasm');
  if (!existsSync(wasmPath)) return glue;
  const exports = new Set(WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasmPath))).map((e) => e.name));
  const calls = (text) => [...text.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]);
  for (const [whole, dead] of [...glue.matchAll(/^export class (\w+) \{\n[\s\S]*?^\}\n/gm)]) {
    if (calls(whole).some((call) => exports.has(call))) continue;
    glue = glue.replace(whole, '')
      .replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${dead}\\.prototype.*\\n`, 'm'), '')
      .replace(new RegExp(`^const ${dead}Finalization = .*\\n.*\\n.*\\n`, 'm'), '');
    console.log(`minify-glue: ${name}: class ${dead} dropped, its exports are not in the wasm`);
  }
  const missing = calls(glue).filter((call) => !exports.has(call));
  if (missing.length) throw new Error(`${name} calls wasm exports that are not there: ${[...new Set(missing)].join(', ')}`);
  return glue;
}
