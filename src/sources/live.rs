//! TMDB live (`source=tmdb`), the catalog worker's side: it reads the reader's access
//! (`crate::tmdb_access`), asks TMDB what `tmdb::live` plans, a few requests at a time,
//! and hands the catalog to the page as any other catalog. Never on the page's main
//! thread, and the token never leaves this worker but in the `Authorization` header of a
//! request to the API base.

use catalog::query::{param, with_param};
use catalog::{Date, Filter, Loaded, RegionCode};
use futures::future::join_all;
use futures::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use tmdb::live::Live;
use tmdb::{Failure, Images, ProviderList, Request};

use super::{LoadError, Progress, WorkerRequest};
use crate::i18n::Locale;
use crate::state::Library;
use crate::tmdb_access::{self, Access, Answer, NoAnswer, PATIENCE_MS};

/// `source=tmdb`, and the first word of the worker's request (`CatalogSource::Tmdb`).
pub const LIVE: &str = "tmdb";

/// The worker's request for `region`'s live catalog in `locale`, from the page's query
/// `search`: "tmdb DE de", the region's most popular titles; or, when the reader asked
/// TMDB to find a title ([`FIND`]), what TMDB finds: "tmdb?find=Lola%20rennt DE de" (its
/// first word holds no space).
///
/// Once the reader asked for more ([`MORE`], [`more`]), the page's whole query but its
/// search words: the steps, and the filter they follow (the worker asks TMDB's discover
/// for it, `tmdb::live::Live::more`). The list on screen is then TMDB's answer for the
/// filter on screen, so another filter loads anew; typing still searches what is there.
pub fn request(region: RegionCode, locale: Locale, search: &str) -> String {
    let find = param(search, FIND);
    // Steps that are not a number are dropped, as any malformed value in a URL.
    let query = match steps(search) {
        // The filter in its canonical form: the same filter is the same request, however
        // the URL writes it.
        Some(steps) => {
            let filter = Filter { text: String::new(), ..Filter::from_query(search, region) };
            let steps = steps.to_string();
            with_param(&with_param(&format!("?{}", filter.to_query()), MORE, Some(&steps)), FIND, find.as_deref())
        }
        None => with_param("", FIND, find.as_deref()),
    };
    [&format!("{LIVE}{query}"), region.as_str(), locale.code()].join(" ")
}

/// The page's URL parameter for what TMDB is asked to find (the empty state's button).
pub const FIND: &str = "find";

/// The page's URL parameter for the steps of "more from TMDB" asked for (2 and up).
pub const MORE: &str = "more";

/// The page's query after "more from TMDB": one step further.
pub fn more(search: &str) -> String {
    with_param(search, MORE, Some(&(steps(search).unwrap_or(1) + 1).to_string()))
}

/// The steps of "more from TMDB" the query asks for, if it names a number of them.
fn steps(search: &str) -> Option<u32> {
    param(search, MORE).and_then(|n| n.parse().ok())
}

/// Whether the worker was asked for a live catalog ([`request`]), not a catalog's URL.
pub fn is_request(request: &str) -> bool {
    request.split(['?', ' ']).next() == Some(LIVE)
}

/// Details asked for at once: TMDB allows about 50 requests a second, and a browser opens
/// at most 6 connections to a host over HTTP/1.1 (TMDB answers over HTTP/2).
const AT_ONCE: usize = 8;

/// The longest pause TMDB may ask for (429, `Retry-After`) that is waited out, in seconds;
/// and how often in a row.
const MAX_WAIT: u32 = 60;
const MAX_WAITS: u32 = 3;

/// Gathers the live catalog the request names ([`request`]), dated `today`; progress as bytes received, and pauses TMDB asks for.
pub async fn read(
    request: &str,
    today: Date,
    progress: &dyn Fn(Progress),
    send_films: &dyn Fn(Vec<u8>),
) -> Result<Library, LoadError> {
    let asked = WorkerRequest::parse(request);
    let query = asked.what.strip_prefix(LIVE).unwrap_or_default();
    let find = param(query, FIND);
    let steps = steps(query).unwrap_or(1);
    let (region, locale) = (asked.region.unwrap_or(RegionCode::DE), asked.locale);
    let lang = locale.lang();
    let access = match tmdb_access::load().await {
        Ok(Some(access)) => access,
        Ok(None) => return Err(LoadError::Said(locale.token_error(false).to_owned())),
        Err(detail) => return Err(LoadError::Network(detail)),
    };
    let images = Images::new(access.images.as_str()).unwrap_or_default();
    // A step of "more" takes what the steps before it received from the answers kept; every
    // walk keeps its answers for the next step.
    let recent = super::recent::open().await;
    let client = Client {
        access,
        locale,
        received: Default::default(),
        kept: Default::default(),
        progress,
        recent,
        reuse: steps > 1,
        storing: Default::default(),
    };
    let mut live = Live::new(region, lang, images)
        .finding(find.as_deref().unwrap_or_default())
        .more(steps, Filter::from_query(query, region));

    let lists = live.lists();
    let services = live.provider_lists();
    let (pages, services) = futures::join!(
        join_all(lists.iter().map(|(_, r)| client.get(r))),
        join_all(services.iter().map(|r| client.get::<ProviderList>(r)))
    );
    for ((kind, _), page) in lists.iter().zip(pages) {
        live.add_list(*kind, &page.map_err(Problem::into_error)?);
    }
    // Without TMDB's list of the region's services, the panel offers those the titles name.
    for list in services.into_iter().flatten() {
        live.add_provider_list(&list);
    }
    // A title TMDB cannot answer for (gone since it was listed, a server error, a broken
    // answer) is left out; a refused token or no answer ends the walk. AT_ONCE requests
    // are in flight at any time: a slow answer holds up no other.
    let mut failed = None;
    let details = live.details();
    let asked = details.iter().map(|(kind, request)| async { (*kind, client.get(request).await) });
    let mut answers = stream::iter(asked).buffer_unordered(AT_ONCE);
    while let Some((kind, answer)) = answers.next().await {
        match answer {
            Ok(details) => live.add_details(kind, &details),
            Err(Problem::EndsWalk(e)) => return Err(e),
            Err(Problem::OneAnswer(e)) => failed = Some(e),
        }
    }
    if let (0, Some(e)) = (live.films(), failed) {
        return Err(e);
    }
    progress(Progress::Reading);
    // Kept before the worker ends (`recent::keep`).
    join_all(client.storing.take()).await;
    // Dated by its oldest answer: today's, or a copy the offline app kept on an earlier day.
    let as_of = client.kept.get().map_or(today, |kept| kept.min(today));
    let more = live.has_more();
    let loaded = Loaded { catalog: live.finish(as_of), skipped: Vec::new() };
    Ok(Library { more, ..super::json::hand_over(loaded, today, send_films) })
}

/// Why an answer gave nothing: a problem of that answer alone, or one that every further
/// request would meet too (a refused token, no connection).
enum Problem {
    OneAnswer(LoadError),
    EndsWalk(LoadError),
}

impl Problem {
    fn into_error(self) -> LoadError {
        match self {
            Problem::OneAnswer(e) | Problem::EndsWalk(e) => e,
        }
    }
}

/// Sends the walk's requests with the reader's token.
struct Client<'a> {
    access: Access,
    locale: Locale,
    received: std::cell::Cell<u64>,
    /// The oldest day of an answer the offline app kept (`x-flimmer-kept`, written by
    /// public/service-worker.js), when the network failed and it answered instead.
    kept: std::cell::Cell<Option<Date>>,
    progress: &'a dyn Fn(Progress),
    /// Answers kept for the next step (`super::recent`), and whether this walk is a step
    /// that may take them instead of asking TMDB.
    recent: Option<wasm_bindgen::JsValue>,
    reuse: bool,
    storing: std::cell::RefCell<Vec<wasm_bindgen_futures::JsFuture>>,
}

impl Client<'_> {
    /// One answer of TMDB, read as `T`; a 429 is waited out (at most [`MAX_WAIT`] seconds,
    /// [`MAX_WAITS`] times), counting down.
    async fn get<T: DeserializeOwned>(&self, request: &Request) -> Result<T, Problem> {
        let url = request.url(self.access.api.as_str());
        let recent = self.recent.as_ref();
        if let Some(cache) = recent.filter(|_| self.reuse) {
            if let Some(value) = super::recent::get(cache, &url).await.and_then(|b| tmdb::decode::<T>(200, &b).ok()) {
                return Ok(value);
            }
        }
        let mut waits = 0;
        loop {
            let answer = match self.access.get(request).await {
                Ok(answer) => answer,
                Err(NoAnswer::Stalled) => {
                    return Err(Problem::EndsWalk(LoadError::Said(self.locale.tmdb_stalled(PATIENCE_MS / 1000))))
                }
                Err(NoAnswer::Failed(e)) => return Err(Problem::EndsWalk(super::network(e))),
            };
            let Answer { status, headers, body, .. } = answer;
            let retry_after = headers.get("retry-after").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
            if let Some(day) = headers.get("x-flimmer-kept").and_then(|d| Date::parse(d.trim())) {
                self.kept.set(Some(self.kept.get().map_or(day, |kept| kept.min(day))));
            }
            self.received.set(self.received.get() + body.len() as u64);
            (self.progress)(Progress::Received(self.received.get()));
            match tmdb::decode::<T>(status, &body) {
                Ok(value) => {
                    if let Some(stored) = recent.and_then(|cache| super::recent::keep(cache, &url, &body)) {
                        self.storing.borrow_mut().push(stored);
                    }
                    return Ok(value);
                }
                Err(Failure::Unauthorized { .. }) => {
                    return Err(Problem::EndsWalk(LoadError::Said(self.locale.token_error(true).to_owned())))
                }
                Err(Failure::RateLimited { .. }) if waits < MAX_WAITS => {
                    waits += 1;
                    for left in (1..=retry_after.clamp(1, MAX_WAIT)).rev() {
                        (self.progress)(Progress::Said(self.locale.tmdb_pause(left)));
                        crate::browser::sleep(1000).await;
                    }
                }
                Err(Failure::Malformed { detail }) => {
                    return Err(Problem::OneAnswer(LoadError::Said(
                        self.locale.tmdb_unreadable(&request.path, &detail),
                    )))
                }
                Err(_) => {
                    return Err(Problem::OneAnswer(LoadError::Http { status, url }));
                }
            }
        }
    }
}
