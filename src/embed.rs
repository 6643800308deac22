//! The embed card: where one film streams, for a publisher's page. It runs in an iframe of
//! ours (`public/embed.html`, mounted by `src/bin/embed-card.rs`), placed by the loader on
//! the publisher's page (`public/embed.js`). No router, no filter, no site header: its
//! options come from its own query (`catalog::embed::EmbedOptions`), its film from that
//! film's slice of the built-in catalog, and it draws the app's own film card.

use std::sync::Arc;

use catalog::embed::{fill, reader_region, slice_path, EmbedOptions, FilmRef, Lookup, LOOKUP_PATH};
use catalog::{Catalog, Date, Loaded, RegionCode, Said};
use leptos::prelude::*;

use crate::browser;
use crate::components::{FilmCard, OfferGroups};
use crate::i18n::Locale;
use crate::pages::with_catalog;
use crate::sources::{fetch, index, network, CatalogSource, LoadError};
use crate::state::{AppState, CatalogResult, PageLocale, SharedFilm};

/// Where the slices and the lookup table are (written by `flimmer-pack`).
const DATA: &str = "/embed/";

/// Reads the options, tells the page what was wrong with them, and mounts the card.
pub fn mount() {
    let query = window().location().search().unwrap_or_default();
    let options = EmbedOptions::parse(&query);
    let languages = browser::languages();
    let locale = options
        .lang
        .and_then(|l| Locale::parse(l.as_str()))
        .unwrap_or_else(|| Locale::from_languages(languages.iter().map(String::as_str)));
    let region = options.region.unwrap_or_else(|| reader_region(languages.iter().map(String::as_str)));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.code());
        let _ = root.set_attribute("data-theme", options.theme.as_str());
    }
    // embed.html's script sends these with the card's height; the loader says each once
    // in the publisher's console.
    let problems = js_sys::Array::new();
    for problem in &options.problems {
        problems.push(&problem.into());
    }
    let _ = js_sys::Reflect::set(&window(), &"__flimmerProblems".into(), &problems);
    leptos::mount::mount_to_body(move || view! { <EmbedCard options languages locale region/> });
}

/// The app's state as the app builds it (`AppState::new`), with the film's slice of the
/// built-in catalog for its catalog; the app's loading and failure states around it.
#[component]
fn EmbedCard(options: EmbedOptions, languages: Vec<String>, locale: Locale, region: RegionCode) -> impl IntoView {
    provide_context(PageLocale(locale));
    let named = options.film.clone();
    let app = AppState::new(Memo::new(|_| CatalogSource::BuiltIn), languages, move |_, today, _| {
        load_film(named.clone(), today)
    });
    provide_context(app);
    let options = Arc::new(options);
    view! {
        <main class="embed">
            {with_catalog(move |library| match SharedFilm::new(library, 0) {
                Some(film) => view! { <Found film options=options.clone() region today=app.today/> }.into_any(),
                None => {
                    let text = options.text_unknown.clone().unwrap_or_else(|| locale.embed().unknown_film.to_owned());
                    view! { <p class="embed__unknown" data-testid="embed-unknown">{text}</p> }.into_any()
                }
            })}
        </main>
    }
}

/// The film's card with the region's offers, the data's date and the way to the full page.
#[component]
fn Found(film: SharedFilm, options: Arc<EmbedOptions>, region: RegionCode, today: Date) -> impl IntoView {
    let locale = crate::state::use_locale();
    let title = film.title_in(locale.lang()).to_owned();
    let catalog = &film.library().loaded.catalog;
    let groups: Vec<_> = options
        .offers(catalog, &film, region, today)
        .into_iter()
        .map(|(m, badges)| (locale.monetization(m).to_owned(), badges))
        .collect();
    let missing = groups.is_empty().then(|| {
        let template = options.text_missing.as_deref().unwrap_or(locale.embed().not_streaming);
        view! { <p class="embed__missing" data-testid="embed-missing">{fill(template, &title, &locale.region(region))}</p> }
    });
    // The whole page on Flimmer, in a new tab (embed.html's <base target="_blank">).
    let page = format!("{}/film/{}?region={region}&lang={}", origin(), film.id.as_str(), locale.code());
    let as_of = locale.as_of(catalog.as_of);
    view! {
        <FilmCard film=film.clone() badges=Signal::stored(Vec::new()) href=Signal::stored(page.clone()) without_offers=true/>
        <section class="embed__offers" aria-label=locale.offers_in(region) data-testid="embed-offers">
            {missing}
            <OfferGroups groups film_title=title/>
        </section>
        <p class="embed__footer">
            <span class="as-of">{as_of}</span>
            <a class="embed__more" href=page>{locale.embed().more_on_flimmer} " →"</a>
        </p>
    }
}

/// Our own origin: the card's links lead to the app it belongs to.
fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The named film's slice, indexed as the app indexes a catalog; a library without films
/// when no film of the catalog matches. A film named by our id is fetched directly; any
/// other name is looked up first.
async fn load_film(film: FilmRef, today: Date) -> CatalogResult {
    let library = |loaded| Ok(Arc::new(index(loaded, today)));
    let none = || {
        let catalog = Catalog { as_of: today, providers: Vec::new(), films: Vec::new() };
        library(Loaded { catalog, skipped: Vec::new() })
    };
    let id = match &film {
        FilmRef::Nothing => return none(),
        FilmRef::Id(id) => id.clone(),
        other => {
            let bytes = fetch(&format!("{DATA}{LOOKUP_PATH}")).await?.binary().await.map_err(network)?;
            let lookup: Lookup = catalog::unpack(&bytes).map_err(LoadError::Catalog)?;
            match lookup.find(other) {
                Some(id) => id.clone(),
                None => return none(),
            }
        }
    };
    let response = match fetch(&format!("{DATA}{}", slice_path(&id))).await {
        Err(LoadError::Http { status: 404, .. }) => return none(),
        response => response?,
    };
    let bytes = response.binary().await.map_err(network)?;
    // A host that answers a missing file with its index page (as single-page hosts do)
    // has no slice of that film either.
    if !catalog::pack::is_packed(&bytes) {
        return none();
    }
    let loaded: Loaded<Said> = catalog::unpack(&bytes).map_err(LoadError::Catalog)?;
    if loaded.catalog.films.first().map(|f| &f.id) != Some(&id) {
        return none();
    }
    library(loaded)
}
