//! A region's catalog, live from TMDB: what the app's catalog worker asks TMDB for
//! `source=tmdb`, and how it makes a catalog of the answers. No network here (the worker
//! fetches, with the reader's token), so every step is tested natively on recorded answers.
//!
//! The walk is the importer's (`flimmer-tmdb`), cut to what a reader waits for:
//!
//! 1. **Lists** ([`Live::lists`]): `discover` pages 1 to [`PAGES`] of movies and of series
//!    in the reader's region, on any of our services, every way to watch, most popular
//!    first: up to 80 titles. Or, when the reader asked TMDB to find a title the popular
//!    ones do not hold ([`Live::finding`]), the first page of TMDB's `search` for movies
//!    and for series: up to 40 titles, whatever services they are on.
//! 2. **Details** ([`Live::details`]): each title's details with credits, watch providers
//!    and age ratings, in the page's language only (one request per title).
//! 3. **Catalog** ([`Live::finish`]): the films with an offer in the region, with their
//!    offers in the region and in the regions the app's own catalog covers ([`REGIONS`]:
//!    so a reader can still compare them), dated today.
//!
//! The catalog then goes through the app's usual path (indexed, filtered and counted in
//! the browser): the live counts count these titles.

use catalog::{Catalog, Date, Film, Kind, LangCode, ProviderId, RegionCode};

use crate::gather::{lists_filter, Providers, Titles};
use crate::request::{details, discover, search, Request};
use crate::services::SERVICES;
use crate::{film_from_details, Details, FilmDetails, Images, Page};

/// List pages read per kind (20 titles each).
pub const PAGES: u32 = 2;

/// The regions whose offers a live catalog keeps besides the reader's: those of the app's
/// own catalog.
pub const REGIONS: [RegionCode; 5] = [RegionCode::AT, RegionCode::CH, RegionCode::DE, RegionCode::GB, RegionCode::US];

/// A live catalog being gathered.
#[derive(Debug)]
pub struct Live {
    region: RegionCode,
    lang: LangCode,
    images: Images,
    titles: Titles,
    films: Vec<Film>,
    providers: Providers,
    /// What the reader asked TMDB to find, if anything: then the lists are its search.
    finding: Option<String>,
    /// Titles whose details gave no film of the region (no offer there, no year, …).
    pub skipped: usize,
}

impl Live {
    pub fn new(region: RegionCode, lang: LangCode, images: Images) -> Live {
        Live {
            region,
            lang,
            images,
            titles: Titles::default(),
            films: Vec::new(),
            providers: Providers::default(),
            finding: None,
            skipped: 0,
        }
    }

    /// The titles TMDB finds for `text` (its search for movies and for series, best match
    /// first) instead of the region's most popular ones. Blank text finds nothing, so it
    /// asks for the popular ones.
    pub fn finding(self, text: &str) -> Live {
        let text = text.trim();
        Live { finding: (!text.is_empty()).then(|| text.to_owned()), ..self }
    }

    /// The list requests: movies, then series, page by page.
    pub fn lists(&self) -> Vec<(Kind, Request)> {
        if let Some(text) = &self.finding {
            return Kind::ALL.into_iter().map(|kind| (kind, search(kind, text, self.lang, 1))).collect();
        }
        let filter = lists_filter(self.region, our_services());
        Kind::ALL
            .into_iter()
            .flat_map(|kind| (1..=PAGES).map(move |page| (kind, page)))
            .map(|(kind, page)| (kind, discover(kind, &filter, self.lang, page)))
            .collect()
    }

    /// Adds a list page of `kind`.
    pub fn add_list(&mut self, kind: Kind, page: &Page) {
        self.titles.add_page(kind, page);
    }

    /// The details requests of every title listed, most popular first; asked once the
    /// lists are in.
    pub fn details(&mut self) -> Vec<(Kind, Request)> {
        let titles = std::mem::take(&mut self.titles).by_popularity();
        titles.into_iter().map(|t| (t.kind, details(t.kind, t.tmdb_id, self.lang))).collect()
    }

    /// Adds a title's details: its film, if it has an offer in the region.
    pub fn add_details(&mut self, kind: Kind, answer: &Details) {
        let Ok(FilmDetails { mut film, providers }) = film_from_details(answer, kind, self.lang, &self.images) else {
            self.skipped += 1;
            return;
        };
        let kept = |r: &RegionCode| *r == self.region || REGIONS.contains(r);
        film.offers.retain(|o| kept(&o.region));
        if !film.offers.iter().any(|o| o.region == self.region) || self.films.iter().any(|f| f.id == film.id) {
            self.skipped += 1;
            return;
        }
        film.certification = film.certification.iter().filter(|(r, _)| kept(r)).map(|(r, c)| (*r, c.clone())).collect();
        for p in providers {
            if film.offers.iter().any(|o| o.provider == p.provider.id) {
                self.providers.add(p);
            }
        }
        self.films.push(film);
    }

    pub fn films(&self) -> usize {
        self.films.len()
    }

    /// The catalog, true on `today`: our services first, in the built-in catalog's order,
    /// then the others TMDB named.
    pub fn finish(self, today: Date) -> Catalog {
        let providers = self.providers.in_order(&our_services());
        Catalog::in_order(today, providers, self.films)
    }
}

fn our_services() -> Vec<ProviderId> {
    SERVICES.iter().map(|s| s.provider().id).collect()
}
