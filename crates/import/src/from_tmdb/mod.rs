//! flimmer-tmdb: a catalog v1 from TMDB, for chosen regions and services.
//!
//! Every request is built and every answer mapped by the `tmdb` crate; this module only
//! walks TMDB in order and writes what it found:
//!
//! 1. **Lists**: for each kind and region, `discover` pages 1 to `--pages` (or TMDB's
//!    last), most popular first, with `with_watch_providers` = the services (any of them)
//!    and every way to watch (`flatrate|free|ads|rent|buy`). Their ids, each once.
//! 2. **Details**, most popular title first: `/movie/{id}` (or `/tv/{id}`) with credits,
//!    watch providers and age ratings appended, once in English (`en-US`) and once in
//!    German (`de-DE`). English gives the title, the English synopsis and everything
//!    else; German adds `titles.de` (when it differs, and is a translation rather than
//!    TMDB's fallback to the original title) and the German synopsis.
//! 3. **Films**: offers and age ratings of the requested regions only (every provider
//!    TMDB lists there, ours under our ids and the others under TMDB's names); a title
//!    with no offer in those regions is skipped. `providers` lists every provider an
//!    offer names: the requested services first, in the order given, then the others in
//!    TMDB's display order.
//!
//! **Order**: films are written by TMDB's popularity, most popular first (the highest
//! `popularity` any list reported for the title; ties in the order the lists named them).
//! `catalog::decode` orders films by votes on reading, as the format says; the file's
//! order is what a reader of the file, or a cut to the first N films, sees.
//!
//! Answers are cached (`cache`) per `as_of` day, so a stopped run goes on where it was;
//! `client` sends what the cache does not have.

pub mod cache;
pub mod client;
pub mod summary;

use std::path::PathBuf;
use std::time::Duration;

use catalog::{Date, Film, Kind, LangCode, Provider, ProviderId, RegionCode};
use tmdb::gather::{lists_filter, Providers, Title, Titles};
use tmdb::request::kind_segment;
use tmdb::{Details, Images, Page};

pub use self::client::{Client, Problem, Stop, Token, Wait};
pub use self::summary::{Reason, Summary};

/// What to import.
#[derive(Debug, Clone)]
pub struct Config {
    pub regions: Vec<RegionCode>,
    /// Our service ids (`netflix`) or TMDB's unknown ones (`tmdb-provider-178`).
    pub services: Vec<ProviderId>,
    pub kinds: Vec<Kind>,
    /// Pages of each list, at most (TMDB serves at most 500 of 20 titles).
    pub pages: u32,
    pub as_of: Date,
    /// `https://api.themoviedb.org/3` (`tmdb::API_BASE`), or a fake's address in tests.
    pub api_base: String,
    pub images: Images,
    /// Where answers are kept: in a folder per `as_of` below it ([`Config::cache_for_day`]).
    pub cache: PathBuf,
    /// The least time between two requests sent.
    pub delay: Duration,
}

impl Config {
    /// The cache folder of this run: the day's own, so a run for a later day fetches
    /// today's availability instead of reusing an older day's.
    pub fn cache_for_day(&self) -> PathBuf {
        self.cache.join(self.as_of.to_string())
    }
}

/// What a run reports as it goes, for progress on stderr.
#[derive(Debug)]
pub enum Event<'a> {
    /// A page of a list was read (or came from the cache); `of` is the last page that will be.
    Page { region: RegionCode, kind: Kind, page: u32, of: u32 },
    /// Details of `done` of `total` titles are in, `from_cache` of them without a request.
    Details { done: usize, total: usize, from_cache: usize },
    /// A pause before a request is sent again.
    Wait(&'a Wait),
    /// A title or page gave nothing: `movie 680` or `DE movie page 2`, and why.
    Skipped { what: &'a str, problem: &'a Problem },
}

/// Every how many titles [`Event::Details`] is reported (and after the last).
pub const PROGRESS_EVERY: usize = 25;

/// The finished import.
#[derive(Debug)]
pub struct Output {
    /// Compact catalog v1 JSON.
    pub json: String,
    pub films: Vec<Film>,
    pub providers: Vec<Provider>,
    pub summary: Summary,
}

/// Why no catalog was written.
#[derive(Debug)]
pub enum Failure {
    /// The cache folder cannot be made.
    Cache(PathBuf, std::io::Error),
    /// The run had to stop (token refused, TMDB down, quota used up).
    Stopped(Stop),
    /// Nothing could be used: no list had a title, or every title was skipped.
    NothingUsable,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Cache(dir, e) => write!(f, "cannot use the cache folder {}: {e}", dir.display()),
            Failure::Stopped(stop) => write!(f, "{stop}"),
            Failure::NothingUsable => f.write_str("no title could be used: nothing to write"),
        }
    }
}

/// Runs the import; `progress` hears of pages, titles, waits and skips as they happen.
pub fn run(config: &Config, token: Token, mut progress: impl FnMut(Event)) -> Result<Output, (Failure, Box<Summary>)> {
    let mut summary = Summary::default();
    let cache_dir = config.cache_for_day();
    let mut client = match Client::new(&config.api_base, token, &cache_dir, config.delay) {
        Ok(client) => client,
        Err(e) => return Err((Failure::Cache(cache_dir, e), Box::new(summary))),
    };
    let result = import(config, &mut client, &mut summary, &mut progress);
    summary.requests = client.requests.clone();
    match result {
        Ok((json, films, providers)) => Ok(Output { json, films, providers, summary }),
        Err(failure) => Err((failure, Box::new(summary))),
    }
}

/// The catalog's JSON, films and providers; the counts go to `summary`.
fn import(
    config: &Config,
    client: &mut Client,
    summary: &mut Summary,
    progress: &mut impl FnMut(Event),
) -> Result<(String, Vec<Film>, Vec<Provider>), Failure> {
    let found = discover_all(config, client, summary, progress).map_err(Failure::Stopped)?;
    summary.titles_found = found.len();

    let mut films = Vec::new();
    let mut providers = Providers::default();
    for (i, title) in found.iter().enumerate() {
        if let Some((film, offered_by)) = film_of(title, config, client, summary, progress).map_err(Failure::Stopped)? {
            for p in offered_by {
                providers.add(p);
            }
            films.push(film);
        }
        let done = i + 1;
        if done % PROGRESS_EVERY == 0 || done == found.len() {
            progress(Event::Details { done, total: found.len(), from_cache: summary.titles_from_cache });
        }
    }
    if films.is_empty() {
        return Err(Failure::NothingUsable);
    }

    let providers = providers.in_order(&config.services);
    summary.titles_written = films.len();
    summary.shows = films.iter().filter(|f| f.kind == Kind::Show).count();
    summary.movies = films.len() - summary.shows;
    summary.offers = films.iter().map(|f| f.offers.len()).sum();
    summary.providers = providers.len();
    let json = crate::output::model_json(config.as_of, &providers, &films);
    // The app's own reader checks the file: a writer bug shows in every run's summary.
    summary.entries_the_app_skips = match catalog::decode(&json) {
        Ok(loaded) => loaded.skipped.len(),
        Err(_) => films.len(),
    };
    Ok((json, films, providers))
}

/// Every title of every list, each once, most popular first.
fn discover_all(
    config: &Config,
    client: &mut Client,
    summary: &mut Summary,
    progress: &mut impl FnMut(Event),
) -> Result<Vec<Title>, Stop> {
    let mut found = Titles::default();
    for &kind in &config.kinds {
        for &region in &config.regions {
            let filter = lists_filter(region, config.services.iter().cloned());
            let label = format!("{region} {}", kind.as_str());
            let mut list = summary::ListCount { label: label.clone(), ..Default::default() };
            let mut last = config.pages;
            let mut page = 1;
            while page <= last {
                let request = tmdb::discover(kind, &filter, LangCode::EN, page);
                let answer = client.get::<Page>(&request, &mut |w| progress(Event::Wait(w)))?;
                match answer {
                    Ok(got) => {
                        let answer = got.value;
                        list.pages_read += 1;
                        list.total_pages = answer.total_pages;
                        last = config.pages.min(answer.total_pages).min(tmdb::request::MAX_PAGE);
                        list.titles += found.add_page(kind, &answer);
                        progress(Event::Page { region, kind, page, of: last });
                    }
                    Err(problem) => {
                        let what = format!("{label} page {page}");
                        progress(Event::Skipped { what: &what, problem: &problem });
                        summary.skip_page(format!("{what}: {}", problem.detail));
                        // Without its first page a list's length is unknown.
                        if page == 1 {
                            break;
                        }
                    }
                }
                page += 1;
            }
            summary.lists.push(list);
        }
    }
    Ok(found.by_popularity())
}

/// One title's film and the providers its offers name, from its details in English and
/// German; `None` when it was skipped (and counted).
fn film_of(
    title: &Title,
    config: &Config,
    client: &mut Client,
    summary: &mut Summary,
    progress: &mut impl FnMut(Event),
) -> Result<Option<(Film, Vec<tmdb::WatchProvider>)>, Stop> {
    let what = format!("{} {}", kind_segment(title.kind), title.tmdb_id);
    let mut answers = Vec::with_capacity(2);
    let mut from_cache = 0;
    for lang in [LangCode::EN, LangCode::DE] {
        let request = tmdb::details(title.kind, title.tmdb_id, lang);
        match client.get::<Details>(&request, &mut |w| progress(Event::Wait(w)))? {
            Ok(got) => {
                from_cache += usize::from(got.from_cache);
                answers.push(got.value);
            }
            Err(problem) => {
                skip_title(summary, progress, &what, problem);
                return Ok(None);
            }
        }
    }
    let [en, de] = <[Details; 2]>::try_from(answers).expect("an answer per language");
    let film = assemble(&en, &de, title.kind, config);
    if from_cache == 2 {
        summary.titles_from_cache += 1;
    }
    match film {
        Ok(film) => Ok(Some(film)),
        Err(problem) => {
            skip_title(summary, progress, &what, problem);
            Ok(None)
        }
    }
}

fn skip_title(summary: &mut Summary, progress: &mut impl FnMut(Event), what: &str, problem: Problem) {
    progress(Event::Skipped { what, problem: &problem });
    summary.skip(problem.reason, || format!("{what}: {}", problem.detail));
}

/// The film of a title's English and German details, cut to the requested regions.
fn assemble(
    en: &Details,
    de: &Details,
    kind: Kind,
    config: &Config,
) -> Result<(Film, Vec<tmdb::WatchProvider>), Problem> {
    let tmdb::FilmDetails { mut film, providers } = tmdb::film_from_details(en, kind, LangCode::EN, &config.images)
        .map_err(|skip| Problem { reason: Reason::NotAFilm, detail: skip.to_string() })?;
    if let Ok(german) = tmdb::film_from_details(de, kind, LangCode::DE, &config.images) {
        // Without a German translation TMDB answers with the original title: a German
        // reader is better served by the English one then, unless the film is German.
        let translated = |t: &String| *t != film.original_title || film.original_language == Some(LangCode::DE);
        if let Some(title) = german.film.titles.get(&LangCode::DE).filter(|t| **t != film.title && translated(t)) {
            film.titles.insert(LangCode::DE, title.clone());
        }
        if let Some(synopsis) = german.film.synopsis.get(&LangCode::DE) {
            film.synopsis.insert(LangCode::DE, synopsis.clone());
        }
    }
    film.offers.retain(|o| config.regions.contains(&o.region));
    if film.offers.is_empty() {
        let regions: Vec<&str> = config.regions.iter().map(|r| r.as_str()).collect();
        let detail = format!("\"{}\" ({}): none in {}", film.title, film.year, regions.join(", "));
        return Err(Problem { reason: Reason::NoOffers, detail });
    }
    film.certification =
        film.certification.iter().filter(|(r, _)| config.regions.contains(r)).map(|(r, c)| (*r, c.clone())).collect();
    let named = |id: &ProviderId| film.offers.iter().any(|o| &o.provider == id);
    let providers = providers.into_iter().filter(|p| named(&p.provider.id)).collect();
    Ok((film, providers))
}
