//! TMDB's answers turned into the catalog's model: films with their offers, and providers.
//!
//! The catalog's types carry promises (an `HttpsUrl` is https, a year is 1870–2100, a
//! `ProviderId` is URL-safe), and views rely on them without checking again. So nothing
//! from TMDB is taken as it comes: texts are cleaned and cut, ids and dates checked, and
//! only image paths of TMDB's own shape and https links become URLs. An entry that cannot
//! be a film (no id, no title, no year) is skipped with the reason, never a panic.

use std::collections::{BTreeMap, BTreeSet};

use catalog::{
    CodeMap, Film, FilmId, Genre, HttpsUrl, Kind, LangCode, Monetization, Offer, Provider, ProviderId, ProviderKind,
    Rating, RegionCode,
};

use crate::genres;
use crate::response::{Details, ListedProvider, Page, ProviderList, RegionOffers, Summary, WatchProviders};
use crate::services;

/// Longest title kept (the longest real ones are about 200 characters).
const MAX_TITLE_CHARS: usize = 300;
/// Longest synopsis kept: a card shows two sentences, the page a paragraph.
const MAX_SYNOPSIS_CHARS: usize = 2000;
const MAX_PERSON_CHARS: usize = 100;
/// The catalog's reader cuts age ratings at the same length (`catalog::decode`).
const MAX_CERTIFICATION_CHARS: usize = 12;
/// Top-billed cast a film keeps: enough for cards and search, small for the index.
pub const CAST: usize = 8;
const MAX_DIRECTORS: usize = 10;
/// More than there are regions, and more offers in one list than any film has: a body
/// that claims more is hostile, and is cut instead of being walked.
const MAX_REGIONS: usize = 300;
const MAX_PER_LIST: usize = 100;

/// Where poster and logo images come from: TMDB's image server, or a configured https
/// base (a mirror, a fake in tests). Images are `{base}/{size}{path}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Images {
    base: String,
}

/// The poster sizes the app shows, from TMDB's fixed list of widths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PosterSize {
    /// `w185`: a grid card.
    Card,
    /// `w342`: the film page.
    Page,
}

impl PosterSize {
    pub fn as_str(self) -> &'static str {
        match self {
            PosterSize::Card => "w185",
            PosterSize::Page => "w342",
        }
    }
}

impl Images {
    /// TMDB's image server (the `secure_base_url` of `/configuration`).
    pub const TMDB: &'static str = "https://image.tmdb.org/t/p";
    /// Logos are shown at badge size.
    pub const LOGO_SIZE: &'static str = "w92";

    /// A configured base; `None` unless it is an https URL.
    pub fn new(base: &str) -> Option<Images> {
        let base = base.trim_end_matches('/');
        HttpsUrl::parse(base).map(|_| Images { base: base.to_owned() })
    }

    pub fn tmdb() -> Images {
        Images { base: Self::TMDB.to_owned() }
    }

    /// The poster at `size`, when `path` has TMDB's shape (`/pFlaoHTZ….jpg`).
    pub fn poster(&self, path: &str, size: PosterSize) -> Option<HttpsUrl> {
        self.image(path, size.as_str())
    }

    pub fn logo(&self, path: &str) -> Option<HttpsUrl> {
        self.image(path, Self::LOGO_SIZE)
    }

    /// TMDB's image paths are one slash and a file name of letters, digits, `.`, `_` and
    /// `-`. Anything else (`javascript:…`, `//evil.example/x.jpg`, `/../x`, a full URL)
    /// is not an image path, and gives no URL rather than a strange one.
    fn image(&self, path: &str, size: &str) -> Option<HttpsUrl> {
        let name = path.trim().strip_prefix('/')?;
        let ok = !name.is_empty()
            && name.len() <= 100
            && !name.starts_with('.')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !ok {
            return None;
        }
        HttpsUrl::parse(&format!("{}/{size}/{name}", self.base))
    }
}

impl Default for Images {
    fn default() -> Self {
        Images::tmdb()
    }
}

/// Why a TMDB entry did not become a film.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// No id, or one outside TMDB's range (1 to 2³²−1).
    BadId,
    /// Neither a title nor an original title.
    NoTitle,
    /// No release date with a year from 1870 to 2100: a catalog film needs its year.
    NoYear,
}

/// An entry left out, with TMDB's id (as sent, even when that was the problem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skip {
    pub tmdb_id: u64,
    pub reason: SkipReason,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.reason {
            SkipReason::BadId => "no valid id",
            SkipReason::NoTitle => "no title",
            SkipReason::NoYear => "no release year",
        };
        write!(f, "TMDB entry {}: {why}", self.tmdb_id)
    }
}

/// A page of a list as films, with what was skipped and where the list stands.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFilms {
    pub films: Vec<Film>,
    pub skipped: Vec<Skip>,
    pub page: u32,
    pub total_pages: u32,
    pub total_results: u32,
}

impl PageFilms {
    /// Whether a next page can be asked for (TMDB serves at most 500).
    pub fn has_more(&self) -> bool {
        self.page < self.total_pages.min(crate::request::MAX_PAGE)
    }
}

/// A film page's film, and the providers its offers name (ours and TMDB's others), so
/// the shell can show every badge with a name and a logo.
#[derive(Clone, Debug, PartialEq)]
pub struct FilmDetails {
    pub film: Film,
    pub providers: Vec<WatchProvider>,
}

/// A catalog provider with what TMDB adds for showing it.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchProvider {
    pub provider: Provider,
    /// TMDB's logo, at badge size.
    pub logo: Option<HttpsUrl>,
    /// TMDB's order (lower first); the lowest seen when it differs between regions.
    pub display_priority: u32,
}

/// Offers in every region, and the providers they name, in display order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Offers {
    /// By region, then flatrate, free, ads, rent, buy, then TMDB's order.
    pub offers: Vec<Offer>,
    pub providers: Vec<WatchProvider>,
}

/// Text as the catalog keeps it: one line, words separated by single spaces (control
/// characters and runs of white space are word breaks; zero-width spaces and byte-order
/// marks at a word's edges go), cut to `max_chars`; `None` when nothing is left.
pub fn clean(text: &str, max_chars: usize) -> Option<String> {
    let mut out = String::new();
    let mut chars = 0;
    let words = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.trim_matches(['\u{200b}', '\u{feff}']))
        .filter(|w| !w.is_empty());
    for word in words {
        if chars > 0 {
            if chars + 1 >= max_chars {
                break;
            }
            out.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            if chars == max_chars {
                return Some(out);
            }
            out.push(c);
            chars += 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Our id of a TMDB entry: `tmdb:949` for movies, as the shipped catalog writes them, and
/// `tmdbtv:1399` for series (TMDB numbers them separately, so movie 1399 is another work;
/// a namespace is lower-case letters only, see `catalog::FilmId`).
pub fn film_id(kind: Kind, tmdb_id: u64) -> Option<FilmId> {
    let id = u32::try_from(tmdb_id).ok().filter(|&id| id > 0)?;
    let namespace = match kind {
        Kind::Movie => "tmdb",
        Kind::Show => "tmdbtv",
    };
    FilmId::parse(&format!("{namespace}:{id}"))
}

/// The year of TMDB's `YYYY-MM-DD` (or a bare `YYYY`) date, when it is a catalog year.
pub fn year_of(date: &str) -> Option<u16> {
    let date = date.trim();
    let digits = date.get(..4)?;
    let rest = &date[4..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    digits.parse().ok().filter(|y| (1870..=2100).contains(y))
}

/// The audience rating, when anyone voted: TMDB reports 0.0 for films nobody rated.
pub fn rating_of(vote_average: f64, vote_count: u64) -> Option<Rating> {
    let valid = vote_count > 0 && vote_average.is_finite() && (0.0..=10.0).contains(&vote_average);
    valid.then(|| Rating { value: vote_average as f32, votes: u32::try_from(vote_count).unwrap_or(u32::MAX) })
}

/// The fields every film has, from a list entry or details alike.
struct Basics<'a> {
    id: u64,
    title: &'a str,
    original_title: &'a str,
    original_language: &'a str,
    date: &'a str,
    overview: &'a str,
    vote_average: f64,
    vote_count: u64,
}

/// Movies and series name the same facts differently (`title` / `name`, …): the kind's
/// field, or the other one when it is blank, in case an endpoint mixes them.
fn by_kind<'a>(kind: Kind, movie: &'a str, show: &'a str) -> &'a str {
    let (first, second) = if kind == Kind::Movie { (movie, show) } else { (show, movie) };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
}

impl Basics<'_> {
    fn film(&self, kind: Kind, lang: LangCode, poster: Option<HttpsUrl>, genres: Vec<Genre>) -> Result<Film, Skip> {
        let skip = |reason| Skip { tmdb_id: self.id, reason };
        let id = film_id(kind, self.id).ok_or(skip(SkipReason::BadId))?;
        let original_title = clean(self.original_title, MAX_TITLE_CHARS);
        // The title comes in the page language (TMDB falls back to the original title
        // when it has no translation); without either there is nothing to show.
        let title =
            clean(self.title, MAX_TITLE_CHARS).or_else(|| original_title.clone()).ok_or(skip(SkipReason::NoTitle))?;
        let year = year_of(self.date).ok_or(skip(SkipReason::NoYear))?;
        let mut titles = CodeMap::new();
        if lang != LangCode::EN {
            titles.insert(lang, title.clone());
        }
        let mut synopsis = CodeMap::new();
        if let Some(overview) = clean(self.overview, MAX_SYNOPSIS_CHARS) {
            synopsis.insert(lang, overview);
        }
        Ok(Film {
            id,
            kind,
            original_title: original_title.unwrap_or_else(|| title.clone()),
            title,
            titles,
            original_language: LangCode::parse(self.original_language.trim()),
            year,
            runtime: None,
            genres,
            directors: Vec::new(),
            cast: Vec::new(),
            rating: rating_of(self.vote_average, self.vote_count),
            certification: CodeMap::new(),
            synopsis,
            poster,
            tmdb_id: u32::try_from(self.id).ok(),
            imdb_id: None,
            offers: Vec::new(),
        })
    }
}

/// Catalog genres of TMDB genre ids, each once, in TMDB's order.
fn genres_from(kind: Kind, ids: impl Iterator<Item = u32>) -> Vec<Genre> {
    let mut out = Vec::new();
    for id in ids.take(64) {
        for &g in genres::genres_of(kind, id) {
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

/// A list entry as a film for a card: titles and synopsis in `lang` (TMDB sent them in
/// the language asked for), the `w185` poster, no offers yet (lists carry none).
///
/// `Film::title` is the page language's title here, not necessarily the international
/// English one the catalog format describes: a TMDB answer has one language. A German
/// page also files it under `titles["de"]`, so search and `title_in` work as for ours.
pub fn film_from_summary(s: &Summary, kind: Kind, lang: LangCode, images: &Images) -> Result<Film, Skip> {
    let basics = Basics {
        id: s.id,
        title: by_kind(kind, &s.title, &s.name),
        original_title: by_kind(kind, &s.original_title, &s.original_name),
        original_language: &s.original_language,
        date: by_kind(kind, &s.release_date, &s.first_air_date),
        overview: &s.overview,
        vote_average: s.vote_average,
        vote_count: s.vote_count,
    };
    let poster = images.poster(&s.poster_path, PosterSize::Card);
    basics.film(kind, lang, poster, genres_from(kind, s.genre_ids.iter().copied()))
}

/// A discover or search page as films, in TMDB's order, with the entries that were not.
pub fn films_from_page(page: &Page, kind: Kind, lang: LangCode, images: &Images) -> PageFilms {
    let mut films = Vec::with_capacity(page.results.len());
    let mut skipped = Vec::new();
    for summary in &page.results {
        match film_from_summary(summary, kind, lang, images) {
            // The same film twice on a page would be two cards with one key.
            Ok(film) if films.iter().any(|f: &Film| f.id == film.id) => {}
            Ok(film) => films.push(film),
            Err(skip) => skipped.push(skip),
        }
    }
    PageFilms { films, skipped, page: page.page, total_pages: page.total_pages, total_results: page.total_results }
}

/// A film page's film: everything a card has plus directors (series: creators), the
/// top-billed cast, runtime, the age rating of every region that has one, the imdb id,
/// the `w342` poster, and the offers of every region with the providers they name.
pub fn film_from_details(d: &Details, kind: Kind, lang: LangCode, images: &Images) -> Result<FilmDetails, Skip> {
    let basics = Basics {
        id: d.id,
        title: by_kind(kind, &d.title, &d.name),
        original_title: by_kind(kind, &d.original_title, &d.original_name),
        original_language: &d.original_language,
        date: by_kind(kind, &d.release_date, &d.first_air_date),
        overview: &d.overview,
        vote_average: d.vote_average,
        vote_count: d.vote_count,
    };
    let poster = images.poster(&d.poster_path, PosterSize::Page);
    let mut film = basics.film(kind, lang, poster, genres_from(kind, d.genres.iter().map(|g| g.id)))?;

    let runtime = match kind {
        Kind::Movie => d.runtime,
        Kind::Show => d.episode_run_time.first().copied(),
    };
    film.runtime = runtime.filter(|m| (1..=1000).contains(m)).map(|m| m as u16);

    let directors: Vec<&str> = match kind {
        Kind::Movie => d.credits.crew.iter().filter(|c| c.job.trim() == "Director").map(|c| c.name.as_str()).collect(),
        Kind::Show => d.created_by.iter().map(|p| p.name.as_str()).collect(),
    };
    film.directors = names(directors.into_iter(), MAX_DIRECTORS);

    // Billing order; a stable sort keeps TMDB's order among equals and unnumbered last.
    let mut cast: Vec<_> = d.credits.cast.iter().collect();
    cast.sort_by_key(|c| c.order.unwrap_or(u32::MAX));
    film.cast = names(cast.into_iter().map(|c| c.name.as_str()), CAST);

    film.certification = match kind {
        Kind::Movie => movie_certifications(d),
        Kind::Show => {
            let mut map = CodeMap::new();
            for r in d.content_ratings.results.iter().take(MAX_REGIONS) {
                if let (Some(region), Some(rating)) =
                    (RegionCode::parse(r.iso_3166_1.trim()), clean(&r.rating, MAX_CERTIFICATION_CHARS))
                {
                    map.insert(region, rating);
                }
            }
            map
        }
    };
    film.imdb_id = imdb_id(&d.imdb_id);

    let Offers { offers, providers } = offers_from(&d.watch_providers, images);
    film.offers = offers;
    Ok(FilmDetails { film, providers })
}

/// Cleaned, distinct names, at most `max`.
fn names<'a>(all: impl Iterator<Item = &'a str>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in all.filter_map(|n| clean(n, MAX_PERSON_CHARS)) {
        if out.len() == max {
            break;
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// One age rating per region: the theatrical release's (what FSK, MPAA and BBFC rate),
/// else the first release that has one. Many release entries carry an empty one.
fn movie_certifications(d: &Details) -> CodeMap<RegionCode, String> {
    const THEATRICAL: u32 = 3;
    let mut map = CodeMap::new();
    for r in d.release_dates.results.iter().take(MAX_REGIONS) {
        let Some(region) = RegionCode::parse(r.iso_3166_1.trim()) else { continue };
        let rated = |theatrical_only: bool| {
            r.release_dates
                .iter()
                .filter(|d| !theatrical_only || d.release_type == THEATRICAL)
                .find_map(|d| clean(&d.certification, MAX_CERTIFICATION_CHARS))
        };
        if let Some(certification) = rated(true).or_else(|| rated(false)) {
            map.insert(region, certification);
        }
    }
    map
}

/// `tt` and 7 to 10 digits, as the catalog format accepts it.
fn imdb_id(text: &str) -> Option<String> {
    let text = text.trim();
    let digits = text.strip_prefix("tt")?;
    ((7..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_owned())
}

/// Every region's offers of a `watch/providers` block, and the providers they name.
///
/// TMDB (from JustWatch) links each region to its own page of the film's offers, not to
/// the services: that page is each offer's link, if it is https. TMDB gives no prices,
/// qualities or dates, so those stay empty. Two TMDB providers that are one service of
/// ours (Prime Video is 9 and 119) give one offer.
pub fn offers_from(watch: &WatchProviders, images: &Images) -> Offers {
    let mut offers = Vec::new();
    // Provider by our id (Prime Video's two TMDB ids are one), with the ways it was seen:
    // a hostile block can name thousands, so no linear search.
    let mut seen: BTreeMap<ProviderId, (WatchProvider, [bool; 5])> = BTreeMap::new();
    for (code, region_offers) in watch.results.iter().take(MAX_REGIONS) {
        let Some(region) = RegionCode::parse(code.trim()) else { continue };
        let url = HttpsUrl::parse(region_offers.link.trim());
        let mut in_region: BTreeSet<(ProviderId, Monetization)> = BTreeSet::new();
        for (way, listed) in by_way(region_offers) {
            for p in listed.iter().take(MAX_PER_LIST).filter(|p| p.provider_id > 0) {
                let id = services::provider_id(p.provider_id);
                let (provider, ways) =
                    seen.entry(id.clone()).or_insert_with(|| (watch_provider(p, images), [false; 5]));
                provider.display_priority = provider.display_priority.min(p.display_priority);
                ways[way as usize] = true;
                if in_region.insert((id.clone(), way)) {
                    offers.push(Offer {
                        provider: id,
                        region,
                        monetization: way,
                        price: None,
                        quality: None,
                        url: url.clone(),
                        available_from: None,
                        available_until: None,
                    });
                }
            }
        }
    }
    let mut providers: Vec<WatchProvider> = seen
        .into_values()
        .map(|(mut p, ways)| {
            if services::Service::by_id(p.provider.id.as_str()).is_none() {
                p.provider.kind = kind_from_ways(ways);
            }
            p
        })
        .collect();
    providers.sort_by(|a, b| (a.display_priority, &a.provider.name).cmp(&(b.display_priority, &b.provider.name)));
    Offers { offers, providers }
}

/// Each list of a region with its way to watch, in `Monetization` order (the filter's).
fn by_way(r: &RegionOffers) -> [(Monetization, &[ListedProvider]); 5] {
    [
        (Monetization::Flatrate, &r.flatrate),
        (Monetization::Free, &r.free),
        (Monetization::Ads, &r.ads),
        (Monetization::Rent, &r.rent),
        (Monetization::Buy, &r.buy),
    ]
}

/// An unknown service's kind, from how it offers films: any flatrate makes it a
/// subscription, else free or with ads a free service, else a store.
fn kind_from_ways(ways: [bool; 5]) -> ProviderKind {
    let [flatrate, free, ads, ..] = ways;
    if flatrate {
        ProviderKind::Subscription
    } else if free || ads {
        ProviderKind::Free
    } else {
        ProviderKind::Store
    }
}

fn watch_provider(p: &ListedProvider, images: &Images) -> WatchProvider {
    WatchProvider {
        // The kind of an unknown one is settled once all its offers are seen.
        provider: services::provider(p.provider_id, &p.provider_name, ProviderKind::Subscription),
        logo: images.logo(&p.logo_path),
        display_priority: p.display_priority,
    }
}

/// TMDB's providers of a region for the service toggles: ours under our names, the
/// others under TMDB's, one entry per service, in TMDB's order for `region`.
///
/// The list does not say how a provider offers films, so an unknown one is filed as a
/// subscription (most of the list is); a film's offers say more (see [`offers_from`]).
pub fn providers_from_list(list: &ProviderList, region: RegionCode, images: &Images) -> Vec<WatchProvider> {
    let mut out: Vec<WatchProvider> = Vec::new();
    let mut at: BTreeMap<ProviderId, usize> = BTreeMap::new();
    for p in list.results.iter().filter(|p| p.provider_id > 0) {
        let priority = p
            .display_priorities
            .iter()
            .find(|(r, _)| r.as_str() == region.as_str())
            .map_or(p.display_priority, |(_, priority)| *priority);
        let entry = WatchProvider { display_priority: priority, ..watch_provider(p, images) };
        match at.get(&entry.provider.id) {
            Some(&i) => out[i].display_priority = out[i].display_priority.min(priority),
            None => {
                at.insert(entry.provider.id.clone(), out.len());
                out.push(entry);
            }
        }
    }
    out.sort_by(|a, b| (a.display_priority, &a.provider.name).cmp(&(b.display_priority, &b.provider.name)));
    out
}
