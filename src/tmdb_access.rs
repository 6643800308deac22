//! The reader's TMDB access: their token, and the API and image addresses (TMDB's own
//! unless changed, for a proxy or the tests' fake TMDB). Kept in this browser's IndexedDB
//! and nowhere else: the settings page (`settings.rs`) writes it, the catalog worker
//! (`sources::live`) reads it. IndexedDB, not localStorage, because a worker can read only
//! the former; so the app shell never holds the token, and it never goes into a URL, a
//! cookie or a request to us: [`Access::get`] is the one place that sends it.

use std::pin::pin;

use catalog::HttpsUrl;
use futures::future::{select, Either};
use js_sys::{Object, Promise, Reflect};
use tmdb::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, IdbDatabase, IdbFactory, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

/// TMDB's image host; `w185` and `w342` posters are below it.
pub const IMAGE_BASE: &str = "https://image.tmdb.org/t/p";

const DATABASE: &str = "flimmer";
const STORE: &str = "settings";
const KEY: &str = "tmdb";

/// Longest token kept: TMDB's read access tokens are JWTs of about 250 characters.
const MAX_TOKEN_CHARS: usize = 2000;

/// What Flimmer needs to ask TMDB for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub token: String,
    /// `https://api.themoviedb.org/3` ([`tmdb::API_BASE`]) unless changed.
    pub api: HttpsUrl,
    /// [`IMAGE_BASE`] unless changed.
    pub images: HttpsUrl,
}

/// Why an access cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessProblem {
    NoToken,
    /// Spaces or control characters inside, or far too long: not a token.
    BadToken,
    /// An address that is not https: the token would travel unencrypted.
    NotHttps,
}

impl Access {
    /// The access as typed: the token trimmed (and without a pasted `Bearer `), the
    /// addresses https only.
    pub fn new(token: &str, api: &str, images: &str) -> Result<Access, AccessProblem> {
        let token = token.trim();
        let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
        if token.is_empty() {
            return Err(AccessProblem::NoToken);
        }
        if token.chars().count() > MAX_TOKEN_CHARS || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(AccessProblem::BadToken);
        }
        let (Some(api), Some(images)) = (HttpsUrl::parse(api.trim()), HttpsUrl::parse(images.trim())) else {
            return Err(AccessProblem::NotHttps);
        };
        Ok(Access { token: token.to_owned(), api, images })
    }

    /// The `Authorization` header's value.
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

/// How long an answer of TMDB may take, headers and body, before it is given up (a
/// stalled connection).
pub const PATIENCE_MS: i32 = 10_000;

/// An answer of TMDB, read whole.
pub struct Answer {
    pub status: u16,
    pub status_text: String,
    pub headers: gloo_net::http::Headers,
    pub body: String,
}

/// Why there is no answer.
pub enum NoAnswer {
    /// None within [`PATIENCE_MS`]; the request was aborted.
    Stalled,
    /// The browser's reason: offline, refused by CORS, …
    Failed(gloo_net::Error),
}

impl Access {
    /// Sends `request` to the API address with the token in its `Authorization` header
    /// (never in the URL) and reads the answer whole, within [`PATIENCE_MS`]. The time
    /// limit is a race of our own, not only the abort signal's: WebKit does not end a body
    /// that stalls after its headers when the request is aborted.
    pub async fn get(&self, request: &Request) -> Result<Answer, NoAnswer> {
        let controller = web_sys::AbortController::new().ok();
        let exchange = async {
            let response = gloo_net::http::Request::get(&request.url(self.api.as_str()))
                .header("Authorization", &self.bearer())
                .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref())
                .send()
                .await?;
            let body = response.text().await?;
            Ok(Answer {
                status: response.status(),
                status_text: response.status_text(),
                headers: response.headers(),
                body,
            })
        };
        let (exchange, timer) = (pin!(exchange), pin!(crate::browser::sleep(PATIENCE_MS)));
        match select(exchange, timer).await {
            Either::Left((answer, _)) => answer.map_err(NoAnswer::Failed),
            Either::Right(_) => {
                if let Some(controller) = &controller {
                    controller.abort();
                }
                Err(NoAnswer::Stalled)
            }
        }
    }
}

/// The access saved in this browser; `None` when there is none (or what is stored no
/// longer reads as one). `Err` when the browser keeps no data for the page.
pub async fn load() -> Result<Option<Access>, String> {
    let store = store(IdbTransactionMode::Readonly).await?;
    let value = finished(&store.get(&KEY.into()).map_err(describe)?).await?;
    if !value.is_object() {
        return Ok(None);
    }
    let field = |name: &str| Reflect::get(&value, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    Ok(Access::new(&field("token"), &field("api"), &field("images")).ok())
}

/// Saves the access, replacing any saved before.
pub async fn save(access: &Access) -> Result<(), String> {
    let value = Object::new();
    for (name, text) in
        [("token", access.token.as_str()), ("api", access.api.as_str()), ("images", access.images.as_str())]
    {
        Reflect::set(&value, &name.into(), &text.into()).map_err(describe)?;
    }
    let store = store(IdbTransactionMode::Readwrite).await?;
    finished(&store.put_with_key(&value, &KEY.into()).map_err(describe)?).await?;
    Ok(())
}

/// Forgets the access.
pub async fn remove() -> Result<(), String> {
    let store = store(IdbTransactionMode::Readwrite).await?;
    finished(&store.delete(&KEY.into()).map_err(describe)?).await?;
    Ok(())
}

async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, String> {
    let factory: IdbFactory = Reflect::get(&js_sys::global(), &"indexedDB".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| "IndexedDB is not available".to_owned())?;
    let open: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1).map_err(describe)?;
    // The first open of a new database creates its store.
    let create = Closure::once(move |event: Event| {
        let db = event.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()).and_then(|r| r.result().ok());
        if let Some(db) = db.and_then(|db| db.dyn_into::<IdbDatabase>().ok()) {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(create.as_ref().unchecked_ref()));
    let db: IdbDatabase = finished(&open).await?.dyn_into().map_err(describe)?;
    drop(create);
    db.transaction_with_str_and_mode(STORE, mode).and_then(|t| t.object_store(STORE)).map_err(describe)
}

/// A request's result once it succeeded; its error's message if it failed.
async fn finished(request: &IdbRequest) -> Result<JsValue, String> {
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(describe),
        Err(_) => Err(request.error().ok().flatten().map_or_else(|| "the browser refused".to_owned(), |e| e.message())),
    }
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.dyn_ref::<web_sys::DomException>().map(|e| e.message()))
        .unwrap_or_else(|| "the browser refused".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_trimmed_and_a_pasted_bearer_goes() {
        let access = Access::new("  Bearer eyJhbGciOi.abc-_  ", tmdb::API_BASE, IMAGE_BASE).unwrap();
        assert_eq!(access.token, "eyJhbGciOi.abc-_");
        assert_eq!(access.bearer(), "Bearer eyJhbGciOi.abc-_");
    }

    #[test]
    fn no_token_a_broken_one_or_plain_http_is_refused() {
        assert_eq!(Access::new("   ", tmdb::API_BASE, IMAGE_BASE), Err(AccessProblem::NoToken));
        assert_eq!(Access::new("two words", tmdb::API_BASE, IMAGE_BASE), Err(AccessProblem::BadToken));
        assert_eq!(Access::new("a\u{7}b", tmdb::API_BASE, IMAGE_BASE), Err(AccessProblem::BadToken));
        assert_eq!(Access::new("t", "http://api.themoviedb.org/3", IMAGE_BASE), Err(AccessProblem::NotHttps));
        assert_eq!(Access::new("t", tmdb::API_BASE, "javascript:alert(1)"), Err(AccessProblem::NotHttps));
    }
}
