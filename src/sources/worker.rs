//! The page's side of the catalog worker (`src/bin/catalog-worker.rs`): a JSON catalog from
//! a URL is fetched, decoded and validated there, off the main thread, and comes back packed.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions};

use catalog::{Date, Film};

use super::{LoadError, Progress};

/// The worker's loader, written by Trunk next to index.html (`data-loader-shim`).
const SCRIPT: &str = "/catalog-worker_loader.js";

/// Reads the catalog at `url` in a new worker, indexed for `today`; resolves to its packed
/// answer, a `Result<Library, LoadError>` without the films (see `super::unpack_library`),
/// and the films, read run by run as they arrived. Progress messages on the way go to
/// `on_progress`.
pub async fn read(
    url: &str,
    today: Date,
    on_progress: impl Fn(Progress) + 'static,
) -> Result<(Vec<u8>, Vec<Film>), LoadError> {
    // The request travels as the worker's name, "2026-11-26 https://…": it is there when
    // the worker starts, so no message can be sent before the worker listens (a wasm worker
    // starts asynchronously).
    let options = WorkerOptions::new();
    options.set_name(&format!("{today} {url}"));
    let worker = Worker::new_with_options(SCRIPT, &options).map_err(|_| stopped())?;
    // Progress messages (numbers, or a worded line), runs of films (`[bytes]`), then one
    // answer: the packed result; or an error event when the worker could not be loaded or
    // stopped on a fault of its own. Each run is read in its own task, as it arrives.
    let mut on_message = None;
    let mut on_progress = Some(on_progress);
    let films = Rc::new(RefCell::new(Vec::new()));
    let mut runs = Some(films.clone());
    let answer = Promise::new(&mut |resolve, reject| {
        // Called once, by the Promise constructor.
        let (Some(on_progress), Some(runs)) = (on_progress.take(), runs.take()) else { return };
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if let Some(n) = data.as_f64() {
                on_progress(Progress::from_message(n));
            } else if let Some(line) = data.as_string() {
                on_progress(Progress::Said(line));
            } else if Array::is_array(&data) {
                // Anything but bytes reads as a damaged run.
                let bytes = Array::from(&data).get(0).dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
                // Through a pointer no optimizer sees through, as every read of a whole catalog.
                let add: fn(&mut Vec<Film>, &[u8]) = std::hint::black_box(add_run);
                add(&mut runs.borrow_mut(), &bytes);
            } else {
                drop(resolve.call1(&JsValue::NULL, &data));
            }
        });
        worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        on_message = Some(handler);
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
    drop(on_message);
    let data = answer.map_err(|_| stopped())?;
    let answer = data.dyn_into::<Uint8Array>().map(|bytes| bytes.to_vec()).map_err(|_| stopped())?;
    let films = films.take();
    Ok((answer, films))
}

/// Appends a run of films to those read so far. A damaged run is left out, and then the
/// index no longer fits the catalog: the page says the catalog is damaged.
#[inline(never)]
fn add_run(films: &mut Vec<Film>, bytes: &[u8]) {
    films.extend(catalog::pack::unpack_films(bytes).unwrap_or_default());
}

fn stopped() -> LoadError {
    LoadError::Network("the catalog reader stopped".to_owned())
}
