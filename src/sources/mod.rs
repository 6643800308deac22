//! Where catalogs come from. Every source yields the same `Loaded` catalog or a
//! `LoadError` the page can explain; later sources (region shards, TMDB live) slot in here.

use std::sync::Arc;

use catalog::{CatalogError, Date, HttpsUrl, Index};

use crate::i18n::Locale;
use crate::state::Library;

/// The path the shipped catalog is served at (copied from `public/` by Trunk).
pub const BUILT_IN_PATH: &str = "/catalog.json";

/// A catalog source, as named by the `source` URL parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogSource {
    /// The catalog shipped with the app: works with no account and no network.
    BuiltIn,
    /// Any https URL serving catalog format v1.
    Url(HttpsUrl),
}

impl CatalogSource {
    /// Reads `source=`: absent, `builtin` or anything that is not an https URL means the
    /// built-in catalog, so a broken link still opens a working page.
    pub fn from_param(value: Option<&str>) -> CatalogSource {
        match value.and_then(HttpsUrl::parse) {
            Some(url) => CatalogSource::Url(url),
            None => CatalogSource::BuiltIn,
        }
    }

    pub fn url(&self) -> &str {
        match self {
            CatalogSource::BuiltIn => BUILT_IN_PATH,
            CatalogSource::Url(url) => url.as_str(),
        }
    }
}

/// Why a catalog could not be shown at all.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No answer: offline, DNS, CORS, aborted.
    Network(String),
    /// An answer that is not a catalog: 404, 500, …
    Http { status: u16, url: String },
    /// A catalog file too broken to read.
    Catalog(CatalogError),
}

impl LoadError {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            LoadError::Network(detail) => locale.network_error(detail),
            LoadError::Http { status, url } => locale.http_error(*status, url),
            LoadError::Catalog(e) => locale.catalog_error(e),
        }
    }
}

/// Fetches and decodes a catalog, and indexes it for offers open on `today`.
pub async fn load(source: &CatalogSource, today: Date) -> Result<Arc<Library>, LoadError> {
    let url = source.url();
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url: url.to_owned() });
    }
    let text = response.text().await.map_err(|e| LoadError::Network(e.to_string()))?;
    // Called through an opaque function pointer: `#[inline(never)]` stops LLVM, but
    // wasm-opt would inline a function with one caller back into the future.
    let build: fn(&str, Date) -> Result<Arc<Library>, LoadError> = std::hint::black_box(library);
    build(&text, today)
}

/// Decodes and indexes a fetched catalog.
///
/// Kept out of the load future: with the decoder and the index build inlined, the
/// future's `poll` became one 25 KB wasm function, and WebKit's baseline wasm compiler
/// (JavaScriptCore's BBQ) corrupts about one page load in 80 while that function runs
/// (README, "WebKit"; `scripts/stress-load.mjs webkit N`).
#[inline(never)]
fn library(text: &str, today: Date) -> Result<Arc<Library>, LoadError> {
    let loaded = catalog::decode(text).map_err(LoadError::Catalog)?;
    let index = Index::build(&loaded.catalog, today);
    Ok(Arc::new(Library { loaded, index }))
}
