//! Reading a catalog in format v1 (JSON, or packed by `flimmer-pack`) from a URL: the
//! catalog worker's work (`src/bin/catalog-worker.rs`), never done on the page's main thread.

use std::future::Future;
use std::pin::pin;

use catalog::pack::{Indexed, RunsAsTheyCome, RUN};
use catalog::shards::ShardIndex;
use catalog::{CatalogError, Date, Loaded, Said};
use futures::future::{select, Either};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader, RequestCache, RequestMode};

use super::{fetch, index, network, LoadError, Progress, WorkerRequest};
use crate::state::Library;
use crate::tmdb_access::PATIENCE_MS;

/// How often the received bytes are reported: about four times a second on a phone.
const REPORT_EVERY: usize = 256 * 1024;

/// Fetches the catalog the request names ("https://… DE de": its URL, the region in view
/// and the page language, see `CatalogSource::request`), decodes, validates and indexes it for `today`, telling
/// `progress` how far it has come. The films go to `send_films` first, packed in runs, so
/// the page reads them while the index is built here; the library comes back without them.
///
/// A catalog split by region (docs/catalog-format.md) is named by its index: then only the
/// region's shard is fetched, checked against the index, and read as any catalog.
pub async fn read(
    request: &str,
    today: Date,
    progress: impl Fn(Progress),
    send_films: impl Fn(Vec<u8>),
) -> Result<Library, LoadError> {
    let WorkerRequest { what: url, region, locale } = WorkerRequest::parse(request);
    // The runs of an indexed catalog go to the page as they arrive: by the last byte, the
    // page has read most of its films.
    let mut early = RunsAsTheyCome::default();
    let mut sent = 0;
    let mut send_early = |bytes: &[u8]| {
        for run in early.new_runs(bytes) {
            send_films(bytes[run].to_vec());
            sent += 1;
        }
    };
    let bytes = match get(url, &progress, &mut send_early).await {
        // Cut off with films already on the page: not the built-in catalog in its place
        // (its films would join those), but the reason, and Retry.
        Err(LoadError::Network(why)) if sent > 0 => return Err(LoadError::Said(locale.network_error(&why))),
        answer => answer?,
    };
    let Some(shards) = shard_index(&bytes) else {
        progress(Progress::Reading);
        // Out of this future, through a pointer no optimizer sees through (README, "WebKit").
        let take: Take = std::hint::black_box(take);
        return take(bytes, today, &send_films, sent);
    };
    let shards = shards?;
    // The region in view, else the first one the catalog has: the page then shows that one.
    let shard = region.and_then(|r| shards.shard(r)).unwrap_or(&shards.shards[0]);
    let shard_url = web_sys::Url::new_with_base(&shard.path, url)
        .map_err(|_| damaged(format!("not a path: {:?}", shard.path)))?
        .href();
    // A shard is checked against its index before any of it goes to the page.
    let mut bytes = get(&shard_url, &progress, &mut |_| ()).await?;
    if shard.verify(&bytes).is_err() {
        // Perhaps a copy the HTTP cache kept from before the catalog changed: once more,
        // from the server itself.
        let response = unless_silent(fetch_with(&shard_url, RequestCache::Reload)).await?;
        bytes = unless_silent(async { response.binary().await.map_err(network) }).await?;
    }
    shard.verify(&bytes).map_err(damaged)?;
    progress(Progress::Reading);
    let take: Take = std::hint::black_box(take);
    let mut library = take(bytes, today, &send_films, 0)?;
    library.shards = shards.regions().collect();
    Ok(library)
}

/// The built-in catalog, read here in place of one that could not be had (`failure`: no
/// answer, offline or its site unreachable; or an answer closed to us by CORS), with `note`
/// saying why. Fails as the catalog asked for did when it cannot be had either.
pub async fn built_in(
    failure: LoadError,
    note: String,
    today: Date,
    progress: impl Fn(Progress),
    send_films: impl Fn(Vec<u8>),
) -> Result<Library, LoadError> {
    let Ok(bytes) = get(super::BUILT_IN_PATH, &progress, &mut |_| ()).await else { return Err(failure) };
    let take: Take = std::hint::black_box(take);
    let mut library = take(bytes, today, &send_films, 0)?;
    library.instead_of = note;
    Ok(library)
}

/// The whole body of a successful answer from `url`, read as it arrives. With no answer
/// (offline, the site unreachable), a copy the browser's HTTP cache holds, however old.
/// A site silent for [`PATIENCE_MS`] (before its answer or within it) has none.
///
/// A site that answers but not to us (no CORS header for our origin) looks the same to a
/// fetch: it fails with a `TypeError` saying nothing. Asked once more without CORS, such a
/// site gives an answer we may not read (status 0): then the failure is
/// [`CORS_REFUSED`], an answer with that status, not a missing answer.
///
/// `arrived` sees everything received so far after each part of the body.
async fn get(url: &str, progress: &impl Fn(Progress), arrived: &mut dyn FnMut(&[u8])) -> Result<Vec<u8>, LoadError> {
    let response = match unless_silent(fetch(url)).await {
        Err(LoadError::Network(detail)) => match unless_silent(fetch_with(url, RequestCache::ForceCache)).await {
            Ok(kept) => kept,
            Err(_) if answers_without_cors(url).await => {
                return Err(LoadError::Http { status: CORS_REFUSED, url: url.to_owned() })
            }
            Err(_) => return Err(LoadError::Network(detail)),
        },
        answer => answer?,
    };
    match response.body() {
        Some(body) => receive(body, progress, arrived).await,
        None => response.binary().await.map_err(network),
    }
}

/// The status of a failure that is an answer closed to us by CORS (`get`): that of an opaque
/// response.
pub const CORS_REFUSED: u16 = 0;

/// Whether `url`'s site answers a request made without CORS, whose answer we may not read.
async fn answers_without_cors(url: &str) -> bool {
    let request = gloo_net::http::Request::get(url).mode(RequestMode::NoCors).cache(RequestCache::NoStore);
    unless_silent(async { request.send().await.map_err(network) }).await.is_ok()
}

/// A successful response from `url`, with `cache` as the HTTP cache's part (`super::fetch`
/// with the browser's default).
async fn fetch_with(url: &str, cache: RequestCache) -> Result<gloo_net::http::Response, LoadError> {
    let response = gloo_net::http::Request::get(url).cache(cache).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url: url.to_owned() });
    }
    Ok(response)
}

/// `work`, unless it stays silent for [`PATIENCE_MS`] (as TMDB live's requests): then no
/// answer, as with the network gone. A race of our own, not an abort signal, which WebKit
/// does not apply to a body that stalls; the request ends with the worker.
async fn unless_silent<T>(work: impl Future<Output = Result<T, LoadError>>) -> Result<T, LoadError> {
    let (work, timer) = (pin!(work), pin!(crate::browser::sleep(PATIENCE_MS)));
    match select(work, timer).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(LoadError::Network(format!("no answer for {} s", PATIENCE_MS / 1000))),
    }
}

/// Whether `bytes` are the index of a catalog split by region (`ShardIndex::recognise`),
/// and if so the index, or why it cannot be read. Only a small answer can be one.
fn shard_index(bytes: &[u8]) -> Option<Result<ShardIndex, LoadError>> {
    const LARGEST_INDEX: usize = 1 << 20;
    if bytes.len() > LARGEST_INDEX {
        return None;
    }
    let index = ShardIndex::recognise(std::str::from_utf8(bytes).ok()?)?;
    Some(index.map_err(LoadError::Catalog))
}

fn damaged(message: String) -> LoadError {
    LoadError::Catalog(CatalogError::Damaged { message })
}

type Take = fn(Vec<u8>, Date, &dyn Fn(Vec<u8>), usize) -> Result<Library, LoadError>;

/// Reads a whole response as a catalog and hands it over: the films to `send_films` in
/// runs (but the first `sent`, handed over as they arrived), then the rest and the index
/// as the result.
#[inline(never)]
fn take(bytes: Vec<u8>, today: Date, send_films: &dyn Fn(Vec<u8>), sent: usize) -> Result<Library, LoadError> {
    // An indexed catalog (`flimmer-pack --indexed`) goes to the page as it is, its runs
    // unread here, and its index serves every day it holds for.
    if catalog::pack::is_indexed(&bytes) {
        let indexed = catalog::pack::unpack_indexed(&bytes).map_err(LoadError::Catalog)?;
        drop(bytes);
        let holds = indexed.holds_on(today);
        let Indexed { head: mut loaded, runs, index: built, .. } = indexed;
        // Each run goes on as it is; on a day an offer opened or closed since, its films
        // are read here too, to be indexed anew.
        let mut films = Vec::new();
        for (i, run) in runs.into_iter().enumerate() {
            if !holds {
                films.extend(catalog::pack::unpack_films(&run.0).map_err(LoadError::Catalog)?);
            }
            if i >= sent {
                send_films(run.0);
            }
        }
        if holds {
            return Ok(Library::new(loaded, built));
        }
        loaded.catalog.films = films;
        return Ok(without_films(index(loaded, today)));
    }
    // A catalog packed by `flimmer-pack` (the form the app ships its own in) is read
    // without decoding and validating JSON: for 23,000 titles the JSON decode was most of
    // the wait. Values that carry a promise (https links, ids, colours) pass their parsers
    // again as they are unpacked (`catalog::pack`), so a packed file from anywhere is held
    // to the same rules where they matter.
    let loaded: Loaded<Said> = if catalog::pack::is_packed(&bytes) {
        catalog::unpack(&bytes).map_err(LoadError::Catalog)?
    } else {
        // As `Response.text()` would: invalid UTF-8 becomes U+FFFD, and the JSON decoder
        // then names the place if it matters.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        drop(bytes);
        catalog::decode(&text).map_err(LoadError::Catalog)?.said()
    };
    Ok(hand_over(loaded, today, send_films))
}

/// Hands a whole catalog to the page, the worker's way: its films to `send_films` in runs,
/// then the library indexed for `today`, without them (TMDB live's too, `super::live`).
/// Kept out of the futures that call it, as every read of a whole catalog (README, "WebKit").
#[inline(never)]
pub(crate) fn hand_over(loaded: Loaded<Said>, today: Date, send_films: &dyn Fn(Vec<u8>)) -> Library {
    for run in loaded.catalog.films.chunks(RUN) {
        send_films(catalog::pack::pack_films(run));
    }
    without_films(index(loaded, today))
}

/// The library as it goes to the page: its films went ahead in runs.
fn without_films(mut library: Library) -> Library {
    library.loaded.catalog.films = Vec::new();
    library
}

/// Reads a response body chunk by chunk, so the page can show how much has arrived.
async fn receive(
    body: ReadableStream,
    progress: &impl Fn(Progress),
    arrived: &mut dyn FnMut(&[u8]),
) -> Result<Vec<u8>, LoadError> {
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    let mut reported = 0;
    loop {
        let chunk =
            unless_silent(async { JsFuture::from(reader.read()).await.map_err(|e| LoadError::Network(describe(&e))) });
        let chunk = chunk.await?;
        if Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(bytes);
        }
        let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")).and_then(|v| v.dyn_into::<Uint8Array>())
        else {
            return Err(LoadError::Network("an unreadable part of the response".to_owned()));
        };
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        arrived(&bytes);
        if bytes.len() - reported >= REPORT_EVERY {
            reported = bytes.len();
            progress(Progress::Received(reported as u64));
        }
    }
}

/// A thrown JS value as text (a broken connection rejects the read with a `TypeError`).
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map_or_else(|| "the connection broke off".to_owned(), |e| String::from(e.message()))
}
