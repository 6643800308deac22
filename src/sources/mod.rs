//! Where catalogs come from. Every source yields the same `Loaded` catalog or a
//! `LoadError` the page can explain: the built-in catalog, a catalog from a URL (whole or
//! split by region) and TMDB live.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use catalog::{CatalogError, Date, Film, HttpsUrl, Index, Loaded, RegionCode, Said};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Locale;
use crate::state::Library;

pub mod json;
pub mod live;
pub mod recent;
pub mod worker;

/// The path the shipped catalog is served at, packed from `public/catalog.json` at build
/// time (`scripts/pack-catalog.sh`).
pub const BUILT_IN_PATH: &str = "/catalog.bin";

/// A catalog source, as named by the `source` URL parameter.
#[derive(Clone, Debug)]
pub enum CatalogSource {
    /// The catalog shipped with the app: works with no account and no network.
    BuiltIn,
    /// Any https URL serving catalog format v1, whole or split by region; with the region
    /// in view, which picks the shard of a split one, and the page language, in which the
    /// catalog worker words why it could not be had (not a different catalog).
    Url(HttpsUrl, RegionCode, Locale),
    /// Live from TMDB with the reader's own token (`source=tmdb`): the catalog worker
    /// gathers the region's most popular titles (`tmdb::live`, `live.rs`). Holds the
    /// worker's request, "tmdb DE de": the region in view and the page language, so
    /// either one changing loads anew.
    Tmdb(String),
}

/// Whether the catalog loaded last was one region's shard (`Library::shards`): then
/// another region in view is another catalog.
static SPLIT: AtomicBool = AtomicBool::new(false);

/// Two sources are the same catalog: the same URL is one catalog in every region, unless
/// it is split by region. A source equal to the one loaded loads nothing anew.
impl PartialEq for CatalogSource {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (CatalogSource::BuiltIn, CatalogSource::BuiltIn) => true,
            (CatalogSource::Url(a, ra, _), CatalogSource::Url(b, rb, _)) => {
                a == b && (ra == rb || !SPLIT.load(Ordering::Relaxed))
            }
            (CatalogSource::Tmdb(a), CatalogSource::Tmdb(b)) => a == b,
            _ => false,
        }
    }
}

impl CatalogSource {
    /// Reads `source=`: `tmdb` is TMDB live (`live::request` names region and language,
    /// and what the page's query `search` asks of TMDB); absent, `builtin` or anything that is not an
    /// https URL means the built-in catalog, so a broken link still opens a working page.
    /// `region` is the one in view.
    pub fn from_param(value: Option<&str>, region: RegionCode, locale: Locale, search: &str) -> CatalogSource {
        if value == Some(live::LIVE) {
            return CatalogSource::Tmdb(live::request(region, locale, search));
        }
        match value.and_then(HttpsUrl::parse) {
            Some(url) => CatalogSource::Url(url, region, locale),
            None => CatalogSource::BuiltIn,
        }
    }

    /// Whether this is TMDB live, whose data is credited to TMDB and which TMDB's search can widen.
    pub fn is_live(&self) -> bool {
        matches!(self, CatalogSource::Tmdb(_))
    }

    /// What the catalog worker is asked for: a URL with the region in view and the page
    /// language ("https://… DE de", `json::read`), or TMDB live's request ("tmdb DE de").
    /// The language is the last word of either.
    pub fn request(&self) -> String {
        match self {
            CatalogSource::BuiltIn => BUILT_IN_PATH.to_owned(),
            CatalogSource::Url(url, region, locale) => [url.as_str(), region.as_str(), locale.code()].join(" "),
            CatalogSource::Tmdb(request) => request.clone(),
        }
    }
}

/// A worker's request read back (`CatalogSource::request`, `live::request`): what to read
/// (a URL, or TMDB live's first word), the region in view, and the page language, which is
/// the last word of every request. The catalog worker's side, in one place.
pub struct WorkerRequest<'a> {
    pub what: &'a str,
    pub region: Option<RegionCode>,
    pub locale: Locale,
}

impl WorkerRequest<'_> {
    pub fn parse(request: &str) -> WorkerRequest<'_> {
        let mut words = request.rsplitn(3, ' ');
        let locale = words.next().and_then(Locale::parse).unwrap_or(Locale::De);
        let region = words.next().and_then(RegionCode::parse);
        WorkerRequest { what: words.next().unwrap_or_default(), region, locale }
    }
}

/// Why a catalog could not be shown at all. Packed by the catalog worker for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LoadError {
    /// No answer: offline, DNS, CORS, aborted.
    Network(String),
    /// An answer that is not a catalog: 404, 500, …
    Http { status: u16, url: String },
    /// A catalog file too broken to read.
    Catalog(CatalogError),
    /// A reason the catalog worker has worded in the page's language: TMDB live's (no
    /// token saved, a token TMDB refused), whose words the app shell does not carry.
    Said(String),
}

impl LoadError {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            LoadError::Network(detail) => locale.network_error(detail),
            LoadError::Http { status, url } => locale.http_error(*status, url),
            LoadError::Catalog(e) => locale.catalog_error(e),
            LoadError::Said(reason) => reason.clone(),
        }
    }
}

/// How far reading a catalog from a URL has come, for the loading message: a catalog of
/// 23,000 titles is 13 MB of JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Bytes received so far (after the transfer's compression is undone).
    Received(u64),
    /// All received: decoding, validating and indexing.
    Reading,
    /// A line the catalog worker has worded in the page's language (TMDB live's pause
    /// before it asks again: "noch 12 s").
    Said(String),
}

impl Progress {
    /// As the catalog worker posts it: a number, bytes received or -1 for reading; or the
    /// worded line as a string.
    pub fn to_message(&self) -> JsValue {
        match self {
            Progress::Received(bytes) => JsValue::from_f64(*bytes as f64),
            Progress::Reading => JsValue::from_f64(-1.0),
            Progress::Said(line) => JsValue::from_str(line),
        }
    }

    /// A number the worker posted.
    pub fn from_message(n: f64) -> Progress {
        if n < 0.0 {
            Progress::Reading
        } else {
            Progress::Received(n as u64)
        }
    }
}

/// Fetches a catalog and indexes it for offers open on `today`.
///
/// The built-in catalog arrives packed (`catalog::pack`, written by the build) and is
/// indexed here. A JSON catalog from a URL is fetched, decoded, validated and indexed by
/// the catalog worker, off the main thread, which hands catalog and index over packed.
/// Either way the shell only unpacks: it never parses JSON, and a page never freezes
/// while a large catalog is read.
pub async fn load(
    source: &CatalogSource,
    today: Date,
    on_progress: impl Fn(Progress) + 'static,
) -> Result<Arc<Library>, LoadError> {
    // Each step is called through an opaque function pointer: `#[inline(never)]` stops
    // LLVM, but wasm-opt would inline a function with one caller back into the future.
    let library = match source {
        CatalogSource::BuiltIn => {
            let packed = match early_fetch() {
                Some(response) => read_bytes(response, BUILT_IN_PATH).await?,
                None => fetch(BUILT_IN_PATH).await?.binary().await.map_err(network)?,
            };
            let unpack: fn(&[u8]) -> Result<Loaded<Said>, LoadError> = std::hint::black_box(unpack_catalog);
            let loaded = unpack(&packed)?;
            drop(packed);
            // Unpacking, indexing and drawing the first cards are separate tasks: the
            // browser gets the main thread back (input, paint) between them.
            next_task().await;
            let index: fn(Loaded<Said>, Date) -> Library = std::hint::black_box(index);
            index(loaded, today)
        }
        // A catalog from a URL, or TMDB live: read by the catalog worker.
        source => {
            let (packed, films) = worker::read(&source.request(), today, on_progress).await?;
            let unpack: fn(&[u8], Vec<Film>) -> Result<Library, LoadError> = std::hint::black_box(unpack_library);
            let library = unpack(&packed, films)?;
            SPLIT.store(!library.shards.is_empty(), Ordering::Relaxed);
            library
        }
    };
    next_task().await;
    Ok(Arc::new(library))
}

/// A successful response from `url`; no answer and an error status are `LoadError`s.
pub(crate) async fn fetch(url: &str) -> Result<gloo_net::http::Response, LoadError> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url: url.to_owned() });
    }
    Ok(response)
}

pub(crate) fn network(e: gloo_net::Error) -> LoadError {
    LoadError::Network(e.to_string())
}

/// The request for the built-in catalog that index.html started before the app loaded
/// (`window.__flimmerCatalog`), taken once: a Retry fetches anew. A `<link rel=preload>`
/// did the same in Chromium and Firefox, but WebKit does not hand a preloaded response to
/// the app's fetch and downloaded the catalog twice.
fn early_fetch() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("__flimmerCatalog");
    let promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(promise)
}

/// The bytes of a response promised by `early_fetch`.
async fn read_bytes(response: js_sys::Promise, url: &str) -> Result<Vec<u8>, LoadError> {
    let failed = |e: wasm_bindgen::JsValue| LoadError::Network(e.as_string().unwrap_or_else(|| "no answer".to_owned()));
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(response).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url: url.to_owned() });
    }
    let buffer = response.array_buffer().map_err(failed)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer).await.map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

// Kept out of the load future: with the decoder and the index build inlined, the future's
// `poll` became one 25 KB wasm function, and WebKit's baseline wasm compiler (JavaScriptCore's
// BBQ) corrupts about one page load in 80 while that function runs (README, "WebKit";
// `scripts/stress-load.mjs webkit N`).

/// The built-in catalog: a packed `Loaded`, its problems worded (`Said`).
#[inline(never)]
fn unpack_catalog(bytes: &[u8]) -> Result<Loaded<Said>, LoadError> {
    catalog::unpack(bytes).map_err(LoadError::Catalog)
}

/// The worker's answer: a packed `Result<Library, LoadError>`, so a broken remote catalog
/// keeps its precise message, and the films it sent before it. The index is checked
/// against the whole catalog before any query.
#[inline(never)]
fn unpack_library(bytes: &[u8], films: Vec<Film>) -> Result<Library, LoadError> {
    let mut library = catalog::unpack::<Result<Library, LoadError>>(bytes).map_err(LoadError::Catalog)??;
    library.loaded.catalog.films = films;
    if !library.index.fits(&library.loaded.catalog) {
        let message = "the index does not fit its catalog".to_owned();
        return Err(LoadError::Catalog(CatalogError::Damaged { message }));
    }
    Ok(library)
}

#[inline(never)]
pub(crate) fn index(loaded: Loaded<Said>, today: Date) -> Library {
    let index = Index::build(&loaded.catalog, today);
    Library::new(loaded, index)
}

/// Resolves in a new task of the browser's event loop (`setTimeout(0)`), so the work after
/// it runs after the browser had a chance to handle input and paint. A promise alone would
/// resolve in the same task, as a microtask.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(region: &str) -> CatalogSource {
        CatalogSource::from_param(
            Some("https://a.example/world/index.json"),
            RegionCode::parse(region).unwrap(),
            Locale::De,
            "",
        )
    }

    // One test, not several: `SPLIT` is the app's one global, and tests run in parallel.
    #[test]
    fn another_region_is_another_catalog_only_when_the_catalog_is_split() {
        SPLIT.store(false, Ordering::Relaxed);
        assert_eq!(url("DE"), url("AT"), "a whole catalog is one for every region");
        assert_ne!(
            url("DE"),
            CatalogSource::from_param(Some("https://b.example/c.json"), RegionCode::DE, Locale::De, "")
        );
        SPLIT.store(true, Ordering::Relaxed);
        assert_ne!(url("DE"), url("AT"), "a split catalog's region picks its shard");
        assert_eq!(url("DE"), url("DE"));
        SPLIT.store(false, Ordering::Relaxed);
        // TMDB live names region and language; anything else is the built-in catalog.
        let tmdb = |region, search| CatalogSource::from_param(Some("tmdb"), region, Locale::De, search);
        assert_ne!(tmdb(RegionCode::DE, ""), tmdb(RegionCode::parse("AT").unwrap(), ""));
        assert_eq!(
            CatalogSource::from_param(Some("javascript:alert(1)"), RegionCode::DE, Locale::De, ""),
            CatalogSource::BuiltIn
        );
        assert_eq!(url("AT").request(), "https://a.example/world/index.json AT de");
        assert_eq!(tmdb(RegionCode::DE, "").request(), "tmdb DE de");
        // The popular titles, whatever the filter and search words on screen.
        assert_eq!(tmdb(RegionCode::DE, "region=DE&source=tmdb&services=netflix&q=heat").request(), "tmdb DE de");
        // Asked to find a title: TMDB's search, another catalog; the language stays last.
        let finding =
            CatalogSource::from_param(Some("tmdb"), RegionCode::DE, Locale::En, "source=tmdb&find=Lola+rennt");
        assert_eq!(finding.request(), "tmdb?find=Lola%20rennt DE en");
        assert_ne!(finding, CatalogSource::from_param(Some("tmdb"), RegionCode::DE, Locale::En, "source=tmdb"));
        assert!(live::is_request(&finding.request()) && live::is_request("tmdb DE de"));
        assert!(!live::is_request("https://tmdb.example/c.json DE de"));
        // More from TMDB: a step further, for the filter on screen (not its search words).
        let more = live::more("region=DE&source=tmdb&services=netflix&q=heat");
        assert_eq!(more, "?region=DE&source=tmdb&services=netflix&q=heat&more=2");
        assert_eq!(live::more(&more), "?region=DE&source=tmdb&services=netflix&q=heat&more=3");
        let browsing = tmdb(RegionCode::DE, &more);
        assert_eq!(browsing.request(), "tmdb?region=DE&services=netflix&types=flatrate&more=2 DE de");
        let reordered = tmdb(RegionCode::DE, "services=netflix&q=heat&region=DE&more=2&source=tmdb");
        assert_eq!(browsing, reordered, "the same query, in another order");
        let (typed, other) = (more.replace("heat", "hea"), more.replace("netflix", "mubi"));
        assert_eq!(browsing, tmdb(RegionCode::DE, &typed), "typing searches what is there");
        assert_ne!(browsing, tmdb(RegionCode::DE, &other), "another filter loads anew");
        let asked = WorkerRequest::parse("tmdb?find=Lola%20rennt DE en");
        assert_eq!(
            (asked.what, asked.region, asked.locale),
            ("tmdb?find=Lola%20rennt", Some(RegionCode::DE), Locale::En)
        );
        // A search asked of TMDB goes on with more steps of it.
        let lola = tmdb(RegionCode::DE, "source=tmdb&find=Lola+rennt&more=3");
        assert_eq!(lola.request(), "tmdb?region=DE&types=flatrate&more=3&find=Lola%20rennt DE de");
        // Steps that are not a number are dropped: the popular titles, and the next step is 2.
        let garbled = "source=tmdb&more=abc";
        assert_eq!(tmdb(RegionCode::DE, garbled).request(), "tmdb DE de");
        assert_eq!(live::more(garbled), "?source=tmdb&more=2");
        let asked = WorkerRequest::parse("https://a.example/c.json AT de");
        assert_eq!(
            (asked.what, asked.region, asked.locale),
            ("https://a.example/c.json", RegionCode::parse("AT"), Locale::De)
        );
    }
}
