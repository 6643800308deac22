// A fake TMDB for the journeys of "TMDB live" (tmdb-live.test.mjs): TMDB's v3 API and its
// image server, over https with CORS, on two host names of their own, reached through the
// CONNECT proxy of server.mjs's `secure()` (the same machinery as `foreign()`):
//
//   API     https://api.tmdb.example/3     (API_BASE; TMDB's is https://api.themoviedb.org/3)
//   images  https://image.tmdb.example/t/p (IMAGE_BASE; TMDB's is https://image.tmdb.org/t/p)
//
// Two hosts, as TMDB has: an app that sent the token to the image server, or asked the API
// host for a poster, shows up in `requests` (and gets a 404). The API host answers only
// under /3/, the image host only under /t/p/.
//
// Its titles are tests/fixtures/tmdb/{movie,tv}-<id>.json: each one title's details in
// TMDB's shape with every block the app appends (`credits`, `watch/providers`,
// `release_dates` or `content_ratings`), in en-US, plus TMDB's `translations` block (the
// shape of `append_to_response=translations`) holding the German title and overview. The
// fake answers `language=de-DE` with those, anything else in English, and builds every
// list entry (discover, search) from the details, so lists and details always agree.
// `watch-providers.json` is the provider list (`/watch/providers/movie|tv`). All written
// for these tests (not recorded answers); ids, titles and years are the real films'.
//
//   title                      kind   DE offers                               US offers
//   tmdb:238  Der Pate         movie  Paramount+ flatrate, Apple TV/Amazon    Paramount+ flatrate, Apple TV rent
//   tmdbtv:70523 Dark          tv     Netflix flatrate                        Netflix flatrate
//   tmdb:949  Heat             movie  Netflix flatrate, Apple TV/Amazon       Hulu flatrate, Apple TV rent/buy
//                                     Video rent and buy
//   tmdb:582  Das Leben der    movie  Netflix + MagentaTV (178, not ours)     Apple TV rent/buy only
//             Anderen (de)            flatrate, Joyn ads, Apple TV rent/buy,
//                                     Google Play buy
//   tmdb:104  Lola rennt (de)  movie  MUBI flatrate, Amazon Video buy;        none
//                                     no poster
//
// (most popular first). Discover pages hold `pageSize` titles (3 unless asked: so the
// movies of DE take two pages, and a reader of page 1 only misses Lola rennt).
import { readFileSync, readdirSync } from 'node:fs';
import { answer, secure } from './server.mjs';

export const API_HOST = 'api.tmdb.example';
export const IMAGE_HOST = 'image.tmdb.example';
export const API_BASE = `https://${API_HOST}/3`;
export const IMAGE_BASE = `https://${IMAGE_HOST}/t/p`;

/** The token the fake accepts (a TMDB "API read access token" goes in `Authorization: Bearer`). */
export const TMDB_TOKEN = 'test-token-5f3a';

const FIXTURES = new URL('../fixtures/tmdb/', import.meta.url);
const JSON_TYPE = 'application/json;charset=utf-8';

/** TMDB's error bodies, as its servers send them. */
export const ERRORS = {
  unauthorized: { success: false, status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' },
  notFound: { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' },
  rateLimited: { success: false, status_code: 25, status_message: 'Your request count (#) is over the allowed limit of (40).' },
  internal: { success: false, status_code: 11, status_message: 'Internal error: Something went wrong, contact TMDB.' },
  offline: { success: false, status_code: 9, status_message: 'Service offline: This service is temporarily offline, try again later.' },
  invalidPage: { success: false, status_code: 22, status_message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.' },
};

const error = (status, body) => ({ status, type: JSON_TYPE, body: JSON.stringify(body) });

/**
 * Faults in the shapes of server.mjs's answer() ({ status, body, type, headers, delay,
 * stall, truncate, trickle, offline }), for `fake.fault`. One with `real: true` is laid
 * over the answer the fake would have given (so `{ real: true, delay: 3000 }` is the real
 * answer, late); `cut` (with `real`) ends the body early at that fraction of it, as a
 * complete HTTP answer. Every fault gets the fake's CORS headers unless it gives its own
 * (`{ 'access-control-allow-origin': undefined }` leaves it out).
 */
export const FAULTS = {
  /** Any status with TMDB's error body for it (500 gives code 11). */
  status: (status, body = status === 503 ? ERRORS.offline : status === 404 ? ERRORS.notFound : status === 401 ? ERRORS.unauthorized : ERRORS.internal) => error(status, body),
  serverError: error(500, ERRORS.internal),
  unauthorized: error(401, ERRORS.unauthorized),
  notFound: error(404, ERRORS.notFound),
  /** 429 with `Retry-After: <seconds>`, as TMDB's rate limit answers. */
  rateLimited: (seconds = 2) => ({ ...error(429, ERRORS.rateLimited), headers: { 'retry-after': String(seconds) } }),
  /** Headers, then nothing: the answer never ends. */
  stall: { stall: true, type: JSON_TYPE },
  /** The connection is cut, no answer at all (as with the network gone). */
  offline: { offline: true },
  /** The real answer, complete as HTTP, but its JSON ends halfway. */
  truncatedJson: { real: true, cut: 0.5 },
  /** The real answer's headers promise the whole body; half comes, then the connection is cut. */
  cutConnection: { real: true, truncate: true },
  /** The real body as text/html. */
  wrongType: { real: true, type: 'text/html; charset=utf-8' },
  /** A 200 with an HTML page instead of JSON (a captive portal, a proxy's error page). */
  htmlPage: { status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><html><head><title>Anmeldung</title></head><body><h1>Bitte melden Sie sich am WLAN an</h1></body></html>' },
  /** The real answer without CORS headers: the browser hides it from the page. */
  noCors: { real: true, headers: { 'access-control-allow-origin': undefined } },
};

/**
 * A fault for `fake.fault`: `fault` (an object of FAULTS, or a function of the request
 * giving one) for requests whose path matches `match` (a RegExp, an exact path, or a
 * function of the request), with `method` (GET unless given; preflights are OPTIONS), the
 * first `times` of them only (all unless given).
 */
export function faultOn(match, fault, { times = Infinity, method = 'GET' } = {}) {
  let left = times;
  const test = typeof match === 'function' ? match : match instanceof RegExp ? (r) => match.test(r.path) : (r) => r.path === match;
  return (request) => {
    if (left <= 0 || (method && request.method !== method) || !test(request)) return null;
    left -= 1;
    return typeof fault === 'function' ? fault(request) : fault;
  };
}

export function loadTitles() {
  const titles = new Map(); // "movie/949" → details
  for (const name of readdirSync(FIXTURES)) {
    const m = /^(movie|tv)-(\d+)\.json$/.exec(name);
    if (m) titles.set(`${m[1]}/${m[2]}`, JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')));
  }
  return titles;
}

// TMDB's German genre names for the genres of the fixtures (the app reads only ids).
const GENRES_DE = { 18: 'Drama', 28: 'Action', 53: 'Thriller', 80: 'Krimi', 9648: 'Mystery', 10765: 'Sci-Fi & Fantasy' };
const APPENDED = ['credits', 'watch/providers', 'release_dates', 'content_ratings', 'translations'];

/** The title in `language`: TMDB's German for `de-DE` where the fixture has one, else English. */
function localized(details, kind, language) {
  const out = structuredClone(details);
  if (/^de(-|$)/.test(language ?? '')) {
    const de = details.translations?.translations?.find((t) => t.iso_639_1 === 'de')?.data ?? {};
    const key = kind === 'movie' ? 'title' : 'name';
    if (de[key]) out[key] = de[key];
    if (de.overview) out.overview = de.overview;
    out.genres = out.genres.map((g) => ({ ...g, name: GENRES_DE[g.id] ?? g.name }));
  }
  return out;
}

/** A list entry (discover, search) as TMDB gives one, from the details. */
function summary(d, kind) {
  const common = {
    adult: false, backdrop_path: null, genre_ids: d.genres.map((g) => g.id), id: d.id,
    original_language: d.original_language, overview: d.overview, popularity: d.popularity,
    poster_path: d.poster_path, vote_average: d.vote_average, vote_count: d.vote_count,
  };
  return kind === 'movie'
    ? { ...common, original_title: d.original_title, release_date: d.release_date, title: d.title, video: false }
    : { ...common, origin_country: d.origin_country, original_name: d.original_name, first_air_date: d.first_air_date, name: d.name };
}

/** Whether a title passes discover's where-to-watch filter (TMDB applies it only with a region). */
function watchable(d, query) {
  const region = query.get('watch_region');
  const offers = d['watch/providers']?.results?.[region];
  const providers = query.get('with_watch_providers');
  const types = query.get('with_watch_monetization_types');
  const without = query.get('without_watch_providers');
  if (!region || (!providers && !types && !without)) return true;
  if (!offers) return false;
  const ways = types ? types.split('|') : ['flatrate', 'free', 'ads', 'rent', 'buy'];
  const ids = new Set(ways.flatMap((w) => (offers[w] ?? []).map((p) => String(p.provider_id))));
  if (without && without.split(/[,|]/).some((id) => ids.has(id))) return false;
  if (!providers) return ids.size > 0;
  // `|` is any of, `,` all of.
  return providers.includes(',') ? providers.split(',').every((id) => ids.has(id)) : providers.split('|').some((id) => ids.has(id));
}

function withGenres(d, query) {
  const genres = query.get('with_genres');
  if (!genres) return true;
  const has = new Set(d.genres.map((g) => String(g.id)));
  return genres.includes(',') ? genres.split(',').every((g) => has.has(g)) : genres.split('|').some((g) => has.has(g));
}

function sorter(sortBy, kind) {
  const date = (d) => (kind === 'movie' ? d.release_date : d.first_air_date) ?? '';
  const title = (d) => (kind === 'movie' ? d.title : d.name) ?? '';
  switch (sortBy) {
    case 'popularity.asc': return (a, b) => a.popularity - b.popularity;
    case 'vote_average.desc': return (a, b) => b.vote_average - a.vote_average;
    case 'primary_release_date.desc': case 'first_air_date.desc': return (a, b) => date(b).localeCompare(date(a));
    case 'title.asc': case 'name.asc': return (a, b) => title(a).localeCompare(title(b));
    default: return (a, b) => b.popularity - a.popularity;
  }
}

// A 4 × 6 grey PNG (poster-shaped), for every image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAGCAIAAABrW6giAAAADklEQVR42mPoQAIMlHIA1FkmQbVLK7cAAAAASUVORK5CYII=', 'base64');

/**
 * Starts the fake; resolves to its handle:
 * - `apiBase`, `imageBase`: what to type into the settings (API_BASE, IMAGE_BASE).
 * - `proxy`: give it to the session with `insecureCerts: true` (app.open({ proxy, insecureCerts })).
 * - `requests`: every request, in order: { method, host, path (decoded), query
 *   (URLSearchParams), url (path and query as sent), headers, at (Date.now()), status (of
 *   the answer given), bytes (of its body) }. Preflights (OPTIONS) are in it too.
 * - `fault(request)`: a property the test may switch mid-journey, like serve()'s: returns a
 *   fault (FAULTS, faultOn) to give instead of the answer, or null. Asked for every request,
 *   preflights included, before the token is checked.
 * - `tokens`: the Set of tokens accepted (TMDB_TOKEN); clear it and the token is revoked.
 * - `pageSize`: titles per discover page.
 * - `reset()`: no fault, TMDB_TOKEN accepted again, `requests` emptied.
 * - `close()`.
 *
 * The API answers (after the preflight, which is 204 to anyone): every GET under /3/ needs
 * `Authorization: Bearer <a token of tokens>`, else 401 with TMDB's body (code 7); then
 * /authentication, /configuration, /discover/movie|tv, /search/movie|tv, /movie|tv/{id}
 * (with `append_to_response`), /movie|tv/{id}/credits|watch/providers|release_dates|
 * content_ratings, /watch/providers/movie|tv; anything else, and unknown ids, 404 with
 * TMDB's body (code 34). Every answer has `access-control-allow-origin: *` and exposes
 * TMDB's rate-limit headers and Retry-After to the page.
 */
export async function fakeTmdb({ fault = () => null, pageSize = 3, titles = loadTitles() } = {}) {
  const providerList = JSON.parse(readFileSync(new URL('watch-providers.json', FIXTURES), 'utf8'));
  const handle = { apiBase: API_BASE, imageBase: IMAGE_BASE, fault, pageSize, tokens: new Set([TMDB_TOKEN]), requests: [] };
  handle.reset = () => {
    handle.fault = () => null;
    handle.tokens = new Set([TMDB_TOKEN]);
    handle.requests.length = 0;
  };

  const cors = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Content-Length, Content-Range',
  };
  const ok = (body) => ({ status: 200, type: JSON_TYPE, body: JSON.stringify(body) });
  const notFound = () => error(404, ERRORS.notFound);

  function page(query) {
    const n = query.get('page') ?? '1';
    if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 500) return null;
    return Number(n);
  }

  function list(kind, query, entries) {
    const n = page(query);
    if (n == null) return error(400, ERRORS.invalidPage);
    const total = entries.length;
    const results = entries.slice((n - 1) * handle.pageSize, n * handle.pageSize).map((d) => summary(d, kind));
    return ok({ page: n, results, total_pages: Math.ceil(total / handle.pageSize), total_results: total });
  }

  function all(kind, query) {
    return [...titles].filter(([key]) => key.startsWith(`${kind}/`)).map(([, d]) => localized(d, kind, query.get('language')));
  }

  // The answer to an API request whose token was accepted.
  function api(path, query) {
    const language = query.get('language');
    let m;
    if (path === '/3/authentication') return ok({ success: true, status_code: 1, status_message: 'Success.' });
    if (path === '/3/configuration') {
      return ok({
        images: {
          base_url: `http://${IMAGE_HOST}/t/p/`, secure_base_url: `${IMAGE_BASE}/`,
          backdrop_sizes: ['w300', 'w780', 'w1280', 'original'], logo_sizes: ['w45', 'w92', 'w154', 'w185', 'w300', 'w500', 'original'],
          poster_sizes: ['w92', 'w154', 'w185', 'w342', 'w500', 'w780', 'original'], profile_sizes: ['w45', 'w185', 'h632', 'original'],
          still_sizes: ['w92', 'w185', 'w300', 'original'],
        },
        change_keys: [],
      });
    }
    if ((m = /^\/3\/discover\/(movie|tv)$/.exec(path))) {
      const kind = m[1];
      const found = all(kind, query).filter((d) => watchable(d, query) && withGenres(d, query));
      return list(kind, query, found.sort(sorter(query.get('sort_by'), kind)));
    }
    if ((m = /^\/3\/search\/(movie|tv)$/.exec(path))) {
      const kind = m[1];
      const words = (query.get('query') ?? '').trim().toLowerCase();
      if (!words) return ok({ page: 1, results: [], total_pages: 1, total_results: 0 });
      const found = all(kind, query).filter((d) => [d.title, d.original_title, d.name, d.original_name]
        .some((t) => t?.toLowerCase().includes(words)));
      return list(kind, query, found.sort(sorter('popularity.desc', kind)));
    }
    if ((m = /^\/3\/watch\/providers\/(movie|tv)$/.exec(path))) {
      const region = query.get('watch_region');
      const results = providerList.results
        .filter((p) => !region || p.display_priorities[region] != null)
        .map((p) => ({ ...p, display_priority: region ? p.display_priorities[region] : p.display_priority }));
      return ok({ results });
    }
    if ((m = /^\/3\/(movie|tv)\/(\d+)(?:\/(credits|watch\/providers|release_dates|content_ratings))?$/.exec(path))) {
      const [, kind, id, part] = m;
      const found = titles.get(`${kind}/${id}`);
      if (!found) return notFound();
      const d = localized(found, kind, language);
      if (part) {
        if (!(part in d)) return notFound();
        return ok({ id: d.id, ...d[part] });
      }
      const appended = new Set((query.get('append_to_response') ?? '').split(',').map((s) => s.trim()));
      for (const key of APPENDED) if (!appended.has(key)) delete d[key];
      return ok(d);
    }
    return notFound();
  }

  function reply(request) {
    if (request.host === IMAGE_HOST) {
      if (request.method !== 'GET' || !request.path.startsWith('/t/p/')) return { status: 404, type: 'text/plain', body: 'Not Found' };
      return { status: 200, type: 'image/png', body: PNG };
    }
    if (request.host !== API_HOST || !request.path.startsWith('/3/')) return notFound();
    if (request.method !== 'GET') return error(405, ERRORS.notFound);
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!bearer || !handle.tokens.has(bearer[1])) return error(401, ERRORS.unauthorized);
    return api(request.path, request.query);
  }

  const site = await secure([API_HOST, IMAGE_HOST], async (req, res) => {
    let request;
    try {
      const url = new URL(req.url, 'https://x');
      request = {
        method: req.method,
        host: (req.headers.host ?? '').replace(/:\d+$/, ''),
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        url: req.url,
        headers: req.headers,
        at: Date.now(),
        status: null,
      };
      handle.requests.push(request);
      // The CORS preflight a Bearer header causes: allowed, whoever asks.
      const preflight = req.method === 'OPTIONS' ? {
        status: 204,
        headers: {
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-allow-methods': 'GET',
          'access-control-max-age': '0',
        },
      } : null;
      let f = handle.fault(request);
      if (f && typeof f === 'number') f = FAULTS.status(f);
      let out = f && !f.real ? f : preflight ?? reply(request);
      if (f?.real) {
        out = { ...out, ...f, headers: { ...out.headers, ...f.headers } };
        if (f.cut != null) out.body = Buffer.from(out.body ?? '').subarray(0, Math.floor(Buffer.byteLength(out.body ?? '') * f.cut));
      }
      request.status = out.offline ? 'offline' : out.status ?? 200;
      request.bytes = Buffer.byteLength(out.body ?? '');
      await answer(res, { ...out, headers: { ...cors, ...out.headers } });
    } catch (err) {
      if (request) request.status = 500;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain', ...cors }).end(`the fake TMDB failed: ${err.stack}`);
    }
  });
  handle.proxy = site.proxy;
  handle.port = site.port;
  handle.close = site.close;
  return handle;
}

// `node tests/e2e/tmdb.mjs` runs the fake by hand and prints how to reach it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await fakeTmdb();
  console.log(`The fake TMDB answers ${API_BASE} and ${IMAGE_BASE} through the proxy ${fake.proxy}` +
    ` (https on 127.0.0.1:${fake.port}); token ${TMDB_TOKEN}.\n` +
    `  curl -k --proxy http://${fake.proxy} -H 'Authorization: Bearer ${TMDB_TOKEN}' '${API_BASE}/discover/movie?watch_region=DE&with_watch_providers=8'`);
}
