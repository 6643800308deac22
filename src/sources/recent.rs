//! TMDB's answers kept for up to half an hour in this browser, so a step of "more from
//! TMDB" (`live::MORE`) asks TMDB only for what the steps before it did not: each step
//! walks its lists from their first page again, and a worker holds nothing between two
//! requests. In Cache Storage, in a cache named after its half hour: opening this half
//! hour's cache deletes the older ones, so nothing piles up.
//!
//! Only a step reads them (`live::read`): a reload, a Retry or another region always asks
//! TMDB anew. Storage that fails (full, refused, a private window) keeps nothing, and the
//! walk goes on over the network.
//!
//! Cache Storage is called by name (`js_sys::Reflect`), not through web-sys' `Cache` and
//! `CacheStorage` features: enabling those alone made the app shell, which never calls
//! them, 139 B larger (its code laid out anew).

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

const PREFIX: &str = "flimmer-live-";
const SPAN_MS: f64 = 30.0 * 60.0 * 1000.0;

/// Calls `target.name(args…)`: the promise it returns.
fn promise(target: &JsValue, name: &str, args: &[&JsValue]) -> Option<JsFuture> {
    let method: Function = Reflect::get(target, &name.into()).ok()?.dyn_into().ok()?;
    let promise: Promise = method.apply(target, &args.iter().copied().collect::<Array>()).ok()?.dyn_into().ok()?;
    Some(JsFuture::from(promise))
}

/// Calls `target.name(args…)` and awaits its promise.
async fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Option<JsValue> {
    promise(target, name, args)?.await.ok()
}

/// This half hour's cache (a `Cache`), the older ones deleted; `None` without storage.
pub async fn open() -> Option<JsValue> {
    let caches = Reflect::get(&js_sys::global(), &"caches".into()).ok().filter(|c| c.is_object())?;
    let name = JsValue::from(format!("{PREFIX}{}", (js_sys::Date::now() / SPAN_MS) as u64));
    if let Some(names) = call(&caches, "keys", &[]).await {
        for old in Array::from(&names).iter().filter(|n| n.as_string().is_some_and(|n| n.starts_with(PREFIX))) {
            if old != name {
                call(&caches, "delete", &[&old]).await;
            }
        }
    }
    call(&caches, "open", &[&name]).await.filter(|c| c.is_object())
}

/// The answer kept for `url`, if any.
pub async fn get(cache: &JsValue, url: &str) -> Option<String> {
    let found: Response = call(cache, "match", &[&url.into()]).await?.dyn_into().ok()?;
    JsFuture::from(found.text().ok()?).await.ok()?.as_string()
}

/// Keeps a successful answer for `url`: the storage's promise, to be awaited before the
/// worker ends (WebKit drops what a worker stopped before it was stored). Its failure (a
/// full storage, say) keeps nothing.
pub fn keep(cache: &JsValue, url: &str, body: &str) -> Option<JsFuture> {
    let response = Response::new_with_opt_str(Some(body)).ok()?;
    promise(cache, "put", &[&url.into(), &response])
}
