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
//!    and for series: up to 40 titles, whatever services they are on. When the reader asks
//!    for more ([`Live::more`], step by step up to [`MAX_STEPS`]), the popular titles are
//!    joined by more of TMDB's discover for the reader's own filter (services, ways to
//!    watch, genres, years, runtime, rating, language, age rating, sort: as far as TMDB
//!    can filter, `crate::request::discover`), or by more pages of its search.
//! 2. **Details** ([`Live::details`]): each title's details with credits, watch providers
//!    and age ratings, in the page's language only (one request per title).
//! 3. **Catalog** ([`Live::finish`]): the films with an offer in the region, with their
//!    offers in the region and in the regions the app's own catalog covers ([`REGIONS`]:
//!    so a reader can still compare them), dated today. Its services are those the films'
//!    offers name, and the region's main ones from TMDB's list of them
//!    ([`Live::provider_lists`], [`LISTED`]), also with no title on them yet: a reader can
//!    choose one and ask TMDB for its titles ("more from TMDB").
//!
//! The catalog then goes through the app's usual path (indexed, filtered and counted in
//! the browser): the live counts count these titles.

use catalog::{Catalog, Date, Film, Filter, Kind, LangCode, ProviderId, RegionCode};

use crate::gather::{lists_filter, Providers, Titles};
use crate::request::{details, discover, providers, search, Request};
use crate::services::SERVICES;
use crate::{film_from_details, providers_from_list, Details, FilmDetails, Images, Page, ProviderList, WatchProvider};

/// List pages read per kind (20 titles each), and per step of "more".
pub const PAGES: u32 = 2;

/// The steps of "more" a reader can ask for. Each step walks the lists from their first
/// page again (a worker holds nothing between two requests; the app keeps TMDB's answers
/// for the next step): step 5 names up to 520 titles.
pub const MAX_STEPS: u32 = 5;

/// The services of TMDB's list for the region that a live catalog lists, the first in
/// TMDB's order for the region. The whole list is long (over a hundred in Germany, many of
/// them channels inside another service); the panel shows each service as a toggle.
pub const LISTED: usize = 20;

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
    /// The region's main services from TMDB's list ([`LISTED`] per kind), in its order.
    listed: Vec<WatchProvider>,
    /// What the reader asked TMDB to find, if anything: then the lists are its search.
    finding: Option<String>,
    /// How many steps of lists to read (1: the popular titles), and the reader's filter
    /// that the steps after the first follow.
    steps: u32,
    filter: Option<Filter>,
    /// Whether a list's last page read has pages after it: a next step finds more.
    more_listed: bool,
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
            listed: Vec::new(),
            finding: None,
            steps: 1,
            filter: None,
            more_listed: false,
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

    /// `steps` steps of lists (clamped to 1 ..= [`MAX_STEPS`]): with search, that many
    /// pages of it per kind; else, from the second step on, the popular titles joined by
    /// [`PAGES`] × `steps` pages per kind of TMDB's discover for `filter` (in the reader's
    /// region; no services chosen means ours; only the kinds it asks for).
    pub fn more(self, steps: u32, mut filter: Filter) -> Live {
        filter.region = self.region;
        if filter.services.is_empty() {
            filter.services = our_services().into_iter().collect();
        }
        Live { steps: steps.clamp(1, MAX_STEPS), filter: Some(filter), ..self }
    }

    /// The last page read of the lists that grow with each step.
    fn last_page(&self) -> u32 {
        match (&self.finding, &self.filter) {
            (Some(_), _) => self.steps,
            (None, Some(_)) if self.steps > 1 => PAGES * self.steps,
            _ => PAGES,
        }
    }

    /// The list requests: movies, then series, page by page; each once.
    pub fn lists(&self) -> Vec<(Kind, Request)> {
        let last = self.last_page();
        if let Some(text) = &self.finding {
            return Kind::ALL
                .into_iter()
                .flat_map(|kind| (1..=last).map(move |page| (kind, search(kind, text, self.lang, page))))
                .collect();
        }
        let popular = lists_filter(self.region, our_services());
        let mut lists: Vec<(Kind, Request)> = Vec::new();
        for kind in Kind::ALL {
            let pages = (1..=PAGES).map(|page| discover(kind, &popular, self.lang, page));
            let asked =
                self.filter.as_ref().filter(|f| self.steps > 1 && (f.kinds.is_empty() || f.kinds.contains(&kind)));
            let more = asked.into_iter().flat_map(|f| (1..=last).map(move |page| discover(kind, f, self.lang, page)));
            for request in pages.chain(more) {
                if !lists.iter().any(|(_, r)| *r == request) {
                    lists.push((kind, request));
                }
            }
        }
        lists
    }

    /// TMDB's lists of the region's services, for movies and for series: asked with the
    /// title lists. A list that fails costs only the services no title names.
    pub fn provider_lists(&self) -> Vec<Request> {
        Kind::ALL.into_iter().map(|kind| providers(kind, self.region, self.lang)).collect()
    }

    /// Adds one of TMDB's lists of the region's services: its first [`LISTED`].
    pub fn add_provider_list(&mut self, list: &ProviderList) {
        for p in providers_from_list(list, self.region, &self.images).into_iter().take(LISTED) {
            match self.listed.iter_mut().find(|l| l.provider.id == p.provider.id) {
                Some(l) => l.display_priority = l.display_priority.min(p.display_priority),
                None => self.listed.push(p),
            }
        }
    }

    /// Adds a list page of `kind`.
    pub fn add_list(&mut self, kind: Kind, page: &Page) {
        self.titles.add_page(kind, page);
        if page.page >= self.last_page() && page.total_pages > page.page {
            self.more_listed = true;
        }
    }

    /// Whether the reader can ask for another step and TMDB has more to list.
    pub fn has_more(&self) -> bool {
        self.more_listed && self.steps < MAX_STEPS
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
    /// then the others TMDB named. The region's listed services are there with no title
    /// on them too (`Provider::regions`); a film's offers tell an unknown one's kind better
    /// than the list, which does not say.
    pub fn finish(mut self, today: Date) -> Catalog {
        let listed: Vec<_> = self.listed.iter().map(|l| l.provider.id.clone()).collect();
        for p in self.listed {
            self.providers.list(p);
        }
        let mut providers = self.providers.in_order(&our_services());
        for p in providers.iter_mut().filter(|p| listed.contains(&p.id)) {
            p.regions = vec![self.region];
        }
        Catalog::in_order(today, providers, self.films)
    }
}

fn our_services() -> Vec<ProviderId> {
    SERVICES.iter().map(|s| s.provider().id).collect()
}
