// Flimmer's service worker: after one visit the app opens, searches and filters with no
// network. scripts/service-worker.mjs (a Trunk post-build hook) writes it into dist/ with
// BUILD filled in from what Trunk actually emitted: never a hand-kept list of hashed names.
//
// - The app shell and the built-in catalog are precached per build, in a cache named after
//   the build's version (a hash of every precached file), each file checked against its
//   integrity hash when it is fetched, and served cache-first: the
//   hashed files never change, and index.html and the catalog change only with a build.
// - A new build installs in the background and waits; the page offers "update available —
//   reload" (index.html) and tells the waiting worker to take over. Old and new files never
//   mix: each build has its own cache, and the old ones are deleted when the new one takes over.
// - Catalogs from other sites (`source=`) and TMDB live's answers go to the network first
//   and are kept, dated, so a catalog opened once opens offline too, and says how old it is:
//   at most CATALOG_LIMIT answers, those kept longest ago dropped first. Posters are kept
//   too, at most POSTER_LIMIT; a poster that cannot be had is answered with a blank image,
//   never a broken one.
// - A storage too full to keep a copy drops the oldest quarter of that cache and tries once
//   more: the newest copies are the ones a reader is likely to need offline.
const BUILD = { version: 'dev', asOf: null, precache: [] };

const SHELL = `flimmer-shell-${BUILD.version}`;
const CATALOGS = 'flimmer-catalogs';
const POSTERS = 'flimmer-posters';
const POSTER_LIMIT = 300;
// TMDB live keeps about 85 answers per region and language; a catalog from a site, one
// (its shards, one each).
const CATALOG_LIMIT = 1000;

self.addEventListener('install', (event) => {
  // [path, integrity]: a file that is not the one built fails the install (see the hook).
  const requests = BUILD.precache.map(([path, integrity]) => new Request(path, { integrity }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)));
  // The first worker has nothing to replace; an update waits for the reader's consent.
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('flimmer-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'build') event.ports[0]?.postMessage({ asOf: BUILD.asOf });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || BUILD.precache.length === 0) return;
  const url = new URL(request.url);
  // The embed (the card in publishers' iframes, its loader and data, the demo page) and the
  // TMDB settings page are not the app: never index.html in their place, and the network
  // as without a worker.
  const path = url.pathname.slice(new URL(self.registration.scope).pathname.length);
  if (url.origin === self.location.origin && /^(embed|settings)([./-]|$)/.test(path)) return;
  if (url.origin === self.location.origin) {
    // Every page of the app is index.html (the router draws the rest).
    const key = request.mode === 'navigate' ? new URL('index.html', self.registration.scope).href : request;
    event.respondWith(fromShell(key, request));
  } else if (request.destination === 'image') {
    event.respondWith(poster(request));
  } else {
    event.respondWith(networkThenKept(request));
  }
});

async function fromShell(key, request) {
  // Storage that fails to answer (evicted, broken) means the network, as without a worker.
  const cached = await caches.match(key, { cacheName: SHELL, ignoreSearch: true }).catch(() => null);
  // Not part of the build (a catalog shard, say): fetched, and kept for offline use.
  return cached ?? networkThenKept(request);
}

/** Keeps a copy in `cache` if the storage lets us, and at most `limit` copies there, those
 *  kept longest ago dropped first: a cache lists its entries in the order they were put,
 *  and an older copy of the same request is deleted first, so the new one goes to the end
 *  (WebKit's `put` would replace it in its old place). A storage that is full costs the
 *  oldest quarter of the cache, and then at worst the offline copy: never the answer. */
async function keep(cache, request, response, limit) {
  const put = () => cache.put(request, response.clone()).then(() => true, () => false);
  await cache.delete(request).catch(() => false);
  const dropOldest = async (count) => {
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, count(keys.length)))) await cache.delete(old);
  };
  try {
    if (!(await put())) {
      await dropOldest((n) => Math.ceil(n / 4));
      if (!(await put())) return false;
    }
    await dropOldest((n) => n - limit);
    return true;
  } catch {
    return false;
  }
}

/** The copy to keep of a response, with the day it was fetched in `x-flimmer-kept`
 *  (YYYY-MM-DD, UTC): TMDB live dates its catalog by its oldest answer (src/sources/live.rs).
 *  A copy made here has every header readable, where a cross-origin answer shows only
 *  those its server exposes; TMDB does not expose its `Date`. */
async function dated(response) {
  const headers = new Headers(response.headers);
  headers.set('x-flimmer-kept', new Date().toISOString().slice(0, 10));
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

/** A catalog from another site (or one of our own not in the build): today's copy when
 *  the network answers, else the last one. */
async function networkThenKept(request) {
  const cache = await caches.open(CATALOGS).catch(() => null);
  try {
    const response = await fetch(request);
    if (response.ok && cache) await keep(cache, request, await dated(response.clone()), CATALOG_LIMIT);
    return response;
  } catch (offline) {
    const kept = await cache?.match(request);
    if (kept) return kept;
    throw offline;
  }
}

async function poster(request) {
  const cache = await caches.open(POSTERS).catch(() => null);
  const kept = await cache?.match(request);
  if (kept) return kept;
  try {
    // With CORS where the image host allows it: an opaque response would count
    // megabytes against the storage quota for every poster kept.
    const response = await fetch(request.url, { mode: 'cors', credentials: 'omit' })
      .catch(() => fetch(request));
    if (response.ok && cache) await keep(cache, request, response.clone(), POSTER_LIMIT);
    return response.ok || response.type === 'opaque' ? response : blank();
  } catch {
    return blank();
  }
}

/** A poster-shaped image (2 × 3 px, the placeholder's colour): offline, never a broken image. */
const BLANK = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR42mPQ1rAAIgYUCgAh/ANDjMkArwAAAABJRU5ErkJggg==';
function blank() {
  const png = Uint8Array.from(atob(BLANK), (c) => c.charCodeAt(0));
  return new Response(png, { headers: { 'content-type': 'image/png' } });
}
