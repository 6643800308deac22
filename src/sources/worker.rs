//! The page's side of the catalog worker (`src/bin/catalog-worker.rs`): a JSON catalog from
//! a URL is fetched, decoded and validated there, off the main thread, and comes back packed.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions};

use catalog::Date;

use super::LoadError;

/// The worker's loader, written by Trunk next to index.html (`data-loader-shim`).
const SCRIPT: &str = "/catalog-worker_loader.js";

/// Reads the catalog at `url` in a new worker, indexed for `today`; resolves to its packed
/// answer, a `Result<Library, LoadError>` (see `super::unpack_library`).
pub async fn read(url: &str, today: Date) -> Result<Vec<u8>, LoadError> {
    // The request travels as the worker's name, "2026-11-26 https://…": it is there when
    // the worker starts, so no message can be sent before the worker listens (a wasm worker
    // starts asynchronously).
    let options = WorkerOptions::new();
    options.set_name(&format!("{today} {url}"));
    let worker = Worker::new_with_options(SCRIPT, &options).map_err(|_| stopped())?;
    // One answer: the packed result, or an error event when the worker could not be loaded
    // or stopped on a fault of its own.
    let answer = Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        // Handled here (the page explains it and offers Retry), so the error must not also
        // reach the window, where index.html's start guard would take it for a crash.
        let on_error = Closure::once_into_js(move |event: Event| {
            event.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    let answer = JsFuture::from(answer).await;
    worker.terminate();
    let event = answer.map_err(|_| stopped())?;
    let data = event.unchecked_into::<MessageEvent>().data();
    data.dyn_into::<Uint8Array>().map(|bytes| bytes.to_vec()).map_err(|_| stopped())
}

fn stopped() -> LoadError {
    LoadError::Network("the catalog reader stopped".to_owned())
}
