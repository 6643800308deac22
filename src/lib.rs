//! Flimmer: where can I stream this film? The app shell — routes, pages and components
//! over the `catalog` crate, which holds all the logic.

pub mod browser;
pub mod components;
pub mod embed;
pub mod grid_window;
pub mod i18n;
pub mod pages;
pub mod settings;
pub mod sources;
pub mod state;
pub mod tmdb_access;

use catalog::query::param;
use catalog::RegionCode;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::SiteHeader;
use crate::i18n::Locale;
use crate::pages::{CatalogPage, FilmPage, NotFound};
use crate::sources::{load, CatalogSource};
use crate::state::{AppState, PageLocale};

/// The whole app: routes inside a router, with the page language and the catalog in context.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Everything that needs the URL: the language, the catalog source and the routes.
#[component]
fn Shell() -> impl IntoView {
    let location = use_location();
    let languages = browser::languages();
    let browser_locale = Locale::from_languages(languages.iter().map(String::as_str));
    let locale = Memo::new(move |_| {
        param(&location.search.get(), "lang").and_then(|c| Locale::parse(&c)).unwrap_or(browser_locale)
    });
    // A catalog split by region and TMDB live load one region: the URL's, else the one the
    // reader's languages name (the page's default region in a catalog of every region).
    let reader_region = languages.iter().find_map(|l| RegionCode::from_tag(l)).unwrap_or(RegionCode::DE);
    let source = Memo::new(move |_| {
        let search = location.search.get();
        let region = param(&search, "region").and_then(|r| RegionCode::parse(&r)).unwrap_or(reader_region);
        // TMDB live reads what the page's query asks of it (`sources::live::request`).
        CatalogSource::from_param(param(&search, "source").as_deref(), region, locale.get(), &search)
    });
    provide_context(AppState::new(source, languages, |source, today, progress| async move {
        // A page drawn from the last catalog stays until this one is in, marked busy. Set
        // here, not bound in the page: a reactive attribute cost the app shell 130 B more.
        busy(true);
        let loaded = load(&source, today, move |p| progress.set(Some(p))).await;
        busy(false);
        loaded
    }));

    view! {
        <Html attr:lang=move || locale.get().code()/>
        <Title text=move || format!("Flimmer – {}", locale.get().t().tagline)/>
        // A language switch renders the page anew; see `PageLocale`.
        {move || {
            provide_context(PageLocale(locale.get()));
            view! {
                <SiteHeader/>
                <main class="site-main" id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=CatalogPage/>
                        <Route path=path!("/film/:id") view=FilmPage/>
                    </Routes>
                </main>
            }
        }}
    }
}

/// Marks the results of the page on screen busy (`aria-busy`; style/status.css says what
/// loads), or no longer. The catalog page's view is kept, and rebuilt in place, when
/// another catalog comes in.
fn busy(busy: bool) {
    if let Some(results) = document().get_element_by_id("results") {
        let _ = results.set_attribute("aria-busy", if busy { "true" } else { "false" });
    }
}
