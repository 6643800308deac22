//! The catalog worker: fetches a catalog in format v1 (JSON, packed, or packed with its
//! index; whole, or the shard of one region) from the URL it is named after, decodes,
//! validates and indexes it (or takes the index it came with), or gathers one live from
//! TMDB (`sources::live`); and posts it back packed (`catalog::pack`): its films in runs
//! (`[bytes]`, read by the page while the index is built), then the rest and the index as
//! a `Result<Library, LoadError>`. It runs off the page's main thread, so reading 23,000
//! titles never freezes the page, and it keeps serde_json and the validation out of the
//! app shell (src/sources/worker.rs starts it).

use catalog::Date;
use flimmer::i18n::Locale;
use flimmer::sources::json::{built_in, CORS_REFUSED};
use flimmer::sources::{LoadError, Progress};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DedicatedWorkerGlobalScope;

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return; // Not started as a worker: nothing to do.
    };
    // "2026-11-26 https://… DE de" (src/sources/worker.rs): the reader's day, for the offers
    // open today, and what to read (`CatalogSource::request`).
    let request = scope.name();
    let request = request.split_once(' ').and_then(|(day, url)| Some((Date::parse(day)?, url.to_owned())));
    wasm_bindgen_futures::spawn_local(async move {
        // Always an answer: the page waits for one.
        let answer = match request {
            Some((today, url)) => {
                let progress = |p: Progress| {
                    let _ = scope.post_message(&p.to_message());
                };
                let send_films = |run: Vec<u8>| {
                    let bytes = Uint8Array::from(run.as_slice());
                    let _ = scope.post_message_with_transfer(&Array::of1(&bytes), &Array::of1(&bytes.buffer()));
                };
                // At once: the page shows that a catalog is on its way (another region's
                // while it still shows the last one) before the first bytes arrive.
                progress(Progress::Received(0));
                let answer = if flimmer::sources::live::is_request(&url) {
                    flimmer::sources::live::read(&url, today, &progress, &send_films).await
                } else {
                    flimmer::sources::json::read(&url, today, &progress, &send_films).await
                };
                // No answer (offline, the site unreachable) and no copy kept, or an answer
                // closed to us by CORS: the built-in catalog, saying why, rather than no
                // films at all. In both languages (`Library::instead_of`): a language switch
                // keeps the source, so the page picks its own without asking again.
                let both = |say: &dyn Fn(Locale) -> String| [say(Locale::De), say(Locale::En)].join("\u{1f}");
                let note = match &answer {
                    Err(LoadError::Network(why)) => Some(both(&|l| l.network_error(why))),
                    Err(LoadError::Http { status: CORS_REFUSED, url }) => Some(both(&|l| l.cors_refused(url))),
                    _ => None,
                };
                match (answer, note) {
                    (Err(failure), Some(note)) => built_in(failure, note, today, progress, send_films).await,
                    (answer, _) => answer,
                }
            }
            None => Err(LoadError::Network("the catalog reader was started without a catalog".to_owned())),
        };
        let bytes = Uint8Array::from(catalog::pack(&answer).as_slice());
        // Transferred, not copied: the buffer moves to the page.
        let transfer = Array::of1(&bytes.buffer());
        let _ = scope.post_message_with_transfer(&JsValue::from(bytes), &transfer);
    });
}
