//! The catalog worker: fetches a catalog in format v1 (JSON) from the URL it is named
//! after, decodes and validates it, and posts it back packed (`catalog::pack`) as a
//! `Result<Loaded, LoadError>`. It runs off the page's main thread, so reading 23,000
//! titles never freezes the page, and it keeps serde_json and the validation out of the
//! app shell (src/sources/worker.rs starts it).

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DedicatedWorkerGlobalScope;

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return; // Not started as a worker: nothing to do.
    };
    let url = scope.name();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = flimmer::sources::fetch_json(&url).await;
        let bytes = Uint8Array::from(catalog::pack(&answer).as_slice());
        // Transferred, not copied: the buffer moves to the page.
        let transfer = Array::of1(&bytes.buffer());
        let _ = scope.post_message_with_transfer(&JsValue::from(bytes), &transfer);
    });
}
