//! The app's shared state, provided once as context: the catalog source and the loaded
//! catalog, and the two browser facts the filter needs; the page language on its own.
//! Everything else is derived.

use std::future::Future;
use std::ops::Deref;
use std::sync::Arc;

use catalog::{Date, Film, Index, Loaded, RegionCode, Said};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::sources::{CatalogSource, LoadError, Progress};

pub type CatalogResult = Result<Arc<Library>, LoadError>;

/// A loaded catalog and its index, built once per load (for a JSON catalog from a URL, by
/// the catalog worker, which hands both over packed).
#[derive(Serialize, Deserialize)]
pub struct Library {
    pub loaded: Loaded<Said>,
    pub index: Index,
    /// Every region of a catalog split by region, when this is one region's shard of it
    /// (`sources::json`); empty for a whole catalog.
    pub shards: Vec<RegionCode>,
    /// Why the catalog asked for could not be had (no answer: offline, its site unreachable;
    /// or closed to us by CORS), when this is the built-in catalog shown in its place: in
    /// German, U+001F, then in English (the catalog worker writes it; a language switch
    /// keeps the source and shows the other). Empty when it is the catalog asked for. (Not
    /// an `Option`: the app shell would need a reader of its own for one.)
    pub instead_of: String,
    /// Whether TMDB live has more titles for a next step of "more from TMDB"
    /// (`tmdb::live::Live::has_more`); false for every other source.
    pub more: bool,
}

impl Library {
    /// The library of a whole catalog, as asked for: not a shard, not in place of another.
    // Always inlined: called out of line, wasm-opt laid the app shell's load path out
    // 105 B (brotli) larger.
    #[inline(always)]
    pub fn new(loaded: Loaded<Said>, index: Index) -> Library {
        Library { loaded, index, shards: Vec::new(), instead_of: String::new(), more: false }
    }

    /// The regions a reader can choose: those of the whole catalog, also when only one
    /// region's shard is loaded.
    pub fn regions(&self) -> Vec<RegionCode> {
        if self.shards.is_empty() {
            self.loaded.catalog.regions().into_vec()
        } else {
            self.shards.clone()
        }
    }
}

/// One film of a library, shared rather than copied: a card holds its film for as long as
/// it is mounted, and the windowed grid mounts cards as the reader scrolls.
#[derive(Clone)]
pub struct SharedFilm {
    library: Arc<Library>,
    at: usize,
}

impl SharedFilm {
    /// The film at `at` in the library's catalog; `None` past its end.
    pub fn new(library: Arc<Library>, at: usize) -> Option<Self> {
        (at < library.loaded.catalog.films.len()).then_some(SharedFilm { library, at })
    }

    /// The film with this id.
    pub fn find(library: Arc<Library>, id: &str) -> Option<Self> {
        let at = library.loaded.catalog.film_position(id)?;
        Some(SharedFilm { library, at })
    }

    pub fn library(&self) -> &Library {
        &self.library
    }
}

impl Deref for SharedFilm {
    type Target = Film;

    fn deref(&self) -> &Film {
        &self.library.loaded.catalog.films[self.at]
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Where the catalog comes from (`source=` in the URL).
    pub source: Memo<CatalogSource>,
    pub catalog: LocalResource<CatalogResult>,
    /// How far a catalog from a URL has come while it loads.
    pub progress: RwSignal<Option<Progress>>,
    /// Where the reader was in the grid when they opened a film, so coming back (back
    /// button, the back link, Escape) finds the same cards at the same place.
    pub grid_place: StoredValue<Option<GridPlace>>,
    /// `navigator.languages`, for the default region.
    pub languages: StoredValue<Vec<String>>,
    pub today: Date,
}

/// A place in the grid: its query string, which cards were mounted, the scroll offset.
#[derive(Clone, Debug, PartialEq)]
pub struct GridPlace {
    pub search: String,
    pub shown: crate::grid_window::GridWindow,
    pub scroll_y: f64,
    /// Whether the keyboard goes back to the grid's end: it grew by "more from TMDB",
    /// whose button was where the focus was.
    pub at_end: bool,
}

impl AppState {
    /// The state both roots provide: the app's shell, whose catalog is the one `source`
    /// names, and the embed's card, whose catalog is its film's slice. `load` fetches and
    /// reads the catalog (reporting progress), again whenever `source` changes.
    pub fn new<Load, Loading>(source: Memo<CatalogSource>, languages: Vec<String>, load: Load) -> AppState
    where
        Load: Fn(CatalogSource, Date, RwSignal<Option<Progress>>) -> Loading + 'static,
        Loading: Future<Output = CatalogResult> + 'static,
    {
        let today = crate::browser::today();
        let progress = RwSignal::new(None);
        let catalog = LocalResource::new(move || {
            progress.set(None);
            load(source.get(), today, progress)
        });
        AppState {
            source,
            catalog,
            progress,
            grid_place: StoredValue::new(None),
            languages: StoredValue::new(languages),
            today,
        }
    }

    /// The region a reader gets when the URL names none.
    pub fn default_region(&self, loaded: &Loaded<Said>) -> RegionCode {
        let regions = loaded.catalog.regions();
        self.languages
            .with_value(|langs| RegionCode::from_languages(langs.iter().map(String::as_str), regions.as_slice()))
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The page language, provided on its own so a component can be mounted (in a test,
/// or later in the embed) without the whole app around it.
///
/// A plain value, not a signal: switching the language is rare, and the shell then
/// renders the page anew. Components therefore write their strings as static text,
/// which keeps the wasm small (every reactive text node is code of its own).
#[derive(Clone, Copy)]
pub struct PageLocale(pub Locale);

pub fn use_locale() -> Locale {
    use_context::<PageLocale>().map_or(Locale::De, |l| l.0)
}
