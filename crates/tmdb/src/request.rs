//! Every request Flimmer sends to TMDB, as a path and query pairs built from the app's own
//! types. The shell only joins them to the configured API base and fetches with the
//! reader's token in an `Authorization: Bearer` header: a token never goes into a URL,
//! where it would end up in history, logs and caches.

use catalog::{Filter, Genre, Kind, LangCode, Monetization, ProviderId, Sort, SortedSet, Span};

use crate::genres;
use crate::services;

/// TMDB's v3 API, the base a shell uses unless configured otherwise (tests point at a fake).
pub const API_BASE: &str = "https://api.themoviedb.org/3";

/// TMDB answers pages 1 to 500 of a list and refuses the rest.
pub const MAX_PAGE: u32 = 500;

/// The votes a film needs before its rating counts: without it, a film rated 10 by one
/// person tops "rating" and passes every minimum rating.
pub const MIN_VOTES: u32 = 100;

/// Search words sent at most; the URL codec keeps as many (`catalog::facet`).
pub const MAX_QUERY_CHARS: usize = 200;

/// One GET request: a path under the API base and its query, in the order it is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// `/discover/movie`, `/movie/949`, …
    pub path: String,
    /// Keys and values as they are meant, not yet percent-encoded.
    pub query: Vec<(String, String)>,
}

impl Request {
    fn new(path: String) -> Self {
        Request { path, query: Vec::new() }
    }

    fn push(&mut self, key: &str, value: impl Into<String>) {
        self.query.push((key.to_owned(), value.into()));
    }

    /// The value of `key`, if the request has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The full URL under `api_base` (`https://api.themoviedb.org/3`, with or without a
    /// trailing slash). Keys and values are percent-encoded byte by byte, everything but
    /// RFC 3986's unreserved characters, so `|`, `,`, `/`, spaces, `&`, `+` and umlauts in
    /// search words arrive as written.
    pub fn url(&self, api_base: &str) -> String {
        let mut url = String::with_capacity(api_base.len() + self.path.len() + 16 * self.query.len());
        url.push_str(api_base.trim_end_matches('/'));
        url.push_str(&self.path);
        for (i, (key, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            percent_encode(&mut url, key);
            url.push('=');
            percent_encode(&mut url, value);
        }
        url
    }
}

fn percent_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        }
    }
}

/// TMDB's name for a kind in paths: `movie` or `tv`.
pub fn kind_segment(kind: Kind) -> &'static str {
    match kind {
        Kind::Movie => "movie",
        Kind::Show => "tv",
    }
}

/// The `language` TMDB localizes titles and synopses into: the app speaks German and
/// English, so `de` asks for `de-DE` and everything else for `en-US`.
pub fn language_tag(lang: LangCode) -> &'static str {
    if lang == LangCode::DE {
        "de-DE"
    } else {
        "en-US"
    }
}

/// A page of films of `kind` that the filter lets through, as far as TMDB can filter
/// (see [`discover_unsupported`] for what it cannot, and the crate docs for the mapping).
pub fn discover(kind: Kind, filter: &Filter, lang: LangCode, page: u32) -> Request {
    build_discover(kind, filter, lang, page).0
}

/// The parts of `filter` that [`discover`] cannot send to TMDB for `kind`, by their URL
/// key (`catalog::FacetKey::url_key`, and `sort`), so the page can say which of the
/// reader's choices a live list ignores. Empty when TMDB filters exactly what was asked.
pub fn discover_unsupported(kind: Kind, filter: &Filter) -> Vec<&'static str> {
    build_discover(kind, filter, LangCode::EN, 1).1
}

/// Both answers come from one function, so the list of what is unsupported cannot drift
/// from what the request actually leaves out.
fn build_discover(kind: Kind, filter: &Filter, lang: LangCode, page: u32) -> (Request, Vec<&'static str>) {
    let mut r = Request::new(format!("/discover/{}", kind_segment(kind)));
    let mut unsupported = Vec::new();
    r.push("language", language_tag(lang));
    r.push("page", page.clamp(1, MAX_PAGE).to_string());

    let sort = filter.effective_sort();
    let sort_by = match (sort, kind) {
        // Relevance is the order of search words, which discover cannot take (`q` below).
        (Sort::Relevance | Sort::Popularity, _) => "popularity.desc",
        (Sort::Rating, _) => "vote_average.desc",
        (Sort::Newest, Kind::Movie) => "primary_release_date.desc",
        (Sort::Newest, Kind::Show) => "first_air_date.desc",
        (Sort::Title, Kind::Movie) => "title.asc",
        (Sort::Title, Kind::Show) => "name.asc",
        // TMDB knows no dates of offers: recently added and leaving soon fall back.
        (Sort::Added | Sort::Leaving, _) => {
            unsupported.push("sort");
            "popularity.desc"
        }
    };
    r.push("sort_by", sort_by);
    r.push("include_adult", "false");

    // Where to watch. The region is always sent: with the ways to watch it keeps out films
    // that cannot be watched there at all, as the app's own filter does.
    r.push("watch_region", filter.region.as_str());
    if filter.types.is_empty() {
        // The app shows nothing then; TMDB has no way to ask for nothing.
        unsupported.push("types");
    } else {
        let types: Vec<&str> = filter.types.iter().map(|m| monetization_value(*m)).collect();
        r.push("with_watch_monetization_types", types.join("|"));
    }
    let (with, all_known) = provider_ids(&filter.services);
    if !all_known {
        unsupported.push("services");
    }
    if !with.is_empty() {
        r.push("with_watch_providers", join(&with, "|"));
    }
    let (without, all_known) = provider_ids(&filter.exclude);
    if !all_known {
        unsupported.push("exclude");
    }
    if !without.is_empty() {
        r.push("without_watch_providers", join(&without, ","));
    }
    if filter.list.is_some() {
        unsupported.push("list");
    }
    if !filter.text.trim().is_empty() {
        unsupported.push("q");
    }

    // What: genres, years, runtime, rating, language, age rating.
    let (with, some_mapped) = genre_ids(kind, &filter.genres);
    if !with.is_empty() {
        r.push("with_genres", join(&with, "|"));
    } else if !some_mapped {
        // Only genres this kind has no TMDB id for: no film can match, and TMDB cannot
        // say "nothing". (Unmapped genres among mapped ones change nothing: no film of
        // this kind is decoded with them.)
        unsupported.push("genres");
    }
    let (without, _) = genre_ids(kind, &filter.without_genres);
    if !without.is_empty() {
        r.push("without_genres", join(&without, ","));
    }
    let date_key = match kind {
        Kind::Movie => "primary_release_date",
        Kind::Show => "first_air_date",
    };
    push_span(&mut r, date_key, filter.years, |y| format!("{y:04}-01-01"), |y| format!("{y:04}-12-31"));
    push_span(&mut r, "with_runtime", filter.runtime, |m| m.to_string(), |m| m.to_string());
    if let Some(points) = filter.min_rating {
        r.push("vote_average.gte", points.to_string());
    }
    if filter.min_rating.is_some() || sort == Sort::Rating {
        r.push("vote_count.gte", MIN_VOTES.to_string());
    }
    match filter.languages.as_slice() {
        [] => {}
        [one] => r.push("with_original_language", one.as_str()),
        // TMDB documents one language here, no OR list.
        _ => unsupported.push("language"),
    }
    if !filter.ages.is_empty() {
        match kind {
            Kind::Movie => {
                r.push("certification_country", filter.region.as_str());
                let ages: Vec<&str> = filter.ages.iter().map(String::as_str).collect();
                r.push("certification", ages.join("|"));
            }
            // TMDB's discover for series has no certification filter.
            Kind::Show => unsupported.push("age"),
        }
    }
    (r, unsupported)
}

/// `years.from` → `….gte`, `years.to` → `….lte`.
fn push_span(r: &mut Request, key: &str, span: Span, from: impl Fn(u16) -> String, to: impl Fn(u16) -> String) {
    if let Some(f) = span.from {
        r.push(&format!("{key}.gte"), from(f));
    }
    if let Some(t) = span.to {
        r.push(&format!("{key}.lte"), to(t));
    }
}

fn monetization_value(m: Monetization) -> &'static str {
    // TMDB's names are ours (`catalog::Monetization::as_str`); spelled out so a rename on
    // our side cannot change what TMDB is sent.
    match m {
        Monetization::Flatrate => "flatrate",
        Monetization::Free => "free",
        Monetization::Ads => "ads",
        Monetization::Rent => "rent",
        Monetization::Buy => "buy",
    }
}

/// TMDB provider ids of the services, deduplicated in order, and whether every service
/// had one.
fn provider_ids(services: &SortedSet<ProviderId>) -> (Vec<u32>, bool) {
    let mut ids = Vec::new();
    let mut all_known = true;
    for service in services {
        match services::tmdb_ids(service) {
            Some(found) => push_unique(&mut ids, found.iter().copied()),
            None => all_known = false,
        }
    }
    (ids, all_known)
}

/// TMDB genre ids of `chosen` for `kind`, deduplicated (Action and Adventure are one
/// series genre), and whether any had one (true when none were chosen).
fn genre_ids(kind: Kind, chosen: &SortedSet<Genre>) -> (Vec<u32>, bool) {
    let mut ids = Vec::new();
    push_unique(&mut ids, chosen.iter().filter_map(|&g| genres::tmdb_genre(kind, g)));
    let some_mapped = chosen.is_empty() || !ids.is_empty();
    (ids, some_mapped)
}

fn push_unique(ids: &mut Vec<u32>, more: impl Iterator<Item = u32>) {
    for id in more {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
}

fn join(ids: &[u32], separator: &str) -> String {
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(separator)
}

/// Films of `kind` whose titles match `text`, best match first (TMDB's order). TMDB's
/// search takes no filter: which of them can be watched where comes from their details.
pub fn search(kind: Kind, text: &str, lang: LangCode, page: u32) -> Request {
    let mut r = Request::new(format!("/search/{}", kind_segment(kind)));
    let text: String = text.trim().chars().take(MAX_QUERY_CHARS).collect();
    r.push("query", text);
    r.push("include_adult", "false");
    r.push("language", language_tag(lang));
    r.push("page", page.clamp(1, MAX_PAGE).to_string());
    r
}

/// One film with its credits, offers in every region and age ratings, in one request
/// (`append_to_response`): a film page costs a single call against the reader's quota.
pub fn details(kind: Kind, tmdb_id: u32, lang: LangCode) -> Request {
    let mut r = Request::new(format!("/{}/{tmdb_id}", kind_segment(kind)));
    r.push("language", language_tag(lang));
    let ratings = match kind {
        Kind::Movie => "release_dates",
        Kind::Show => "content_ratings",
    };
    r.push("append_to_response", format!("credits,watch/providers,{ratings}"));
    r
}

/// Every watch provider TMDB knows in `region` for `kind`, with names and logos.
pub fn providers(kind: Kind, region: catalog::RegionCode, lang: LangCode) -> Request {
    let mut r = Request::new(format!("/watch/providers/{}", kind_segment(kind)));
    r.push("language", language_tag(lang));
    r.push("watch_region", region.as_str());
    r
}

/// Whether TMDB accepts a token: 200 if so, 401 if not. The settings check a token with it
/// before keeping it.
pub fn authentication() -> Request {
    Request::new("/authentication".to_owned())
}
