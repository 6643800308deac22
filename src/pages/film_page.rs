//! `/film/<id>?region=DE`: one film with every offer in the chosen country.

use std::sync::Arc;

use catalog::offer_groups;
use catalog::query::with_filter;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};

use crate::components::{data_note, FilmCard, OfferGroups};
use crate::pages::{use_url_filter, with_catalog};
use crate::state::{use_app, use_locale, Library, SharedFilm};

#[component]
pub fn FilmPage() -> impl IntoView {
    with_catalog(|library| view! { <FilmView library/> })
}

#[component]
fn FilmView(library: Arc<Library>) -> impl IntoView {
    let app = use_app();
    let locale = use_locale();
    let params = use_params_map();
    let filter = use_url_filter(&library);
    let location = use_location();
    // Back keeps the language and the source; only the path changes.
    let back = move || format!("/{}", filter.with(|f| with_filter(&location.search.get(), f)));
    // Escape goes back to the grid, as the back link does.
    let navigate = use_navigate();
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && !e.default_prevented() {
            navigate(&back(), Default::default());
        }
    });
    on_cleanup(move || escape.remove());

    move || {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        let Some(film) = SharedFilm::find(library.clone(), &id) else {
            return view! {
                <div class="film-page film-page--missing">
                    <p>{locale.t().film_not_found}</p>
                    <a href=back>{locale.t().back_to_list}</a>
                </div>
            }
            .into_any();
        };
        // Every offer in the region, whatever services and types the grid was narrowed to,
        // grouped by way to watch; the other countries folded below.
        let catalog_film = film.clone();
        let today = app.today;
        let title = film.title_in(locale.lang()).to_owned();
        let groups = move || {
            let film = &catalog_film;
            let groups = offer_groups(&film.library().loaded.catalog, film, filter.with(|f| f.region), today);
            let t = locale.t();
            let none_here = groups.here.is_empty().then(|| view! { <p>{t.not_in_region}</p> });
            let here = groups.here.into_iter().map(move |(m, badges)| (locale.monetization(m).to_owned(), badges));
            let here = view! { <OfferGroups groups=here.collect() film_title=title.clone()/> };
            let elsewhere = (!groups.elsewhere.is_empty()).then(|| {
                let countries = groups.elsewhere.into_iter().map(move |(r, badges)| (locale.region(r), badges));
                view! {
                    <details data-testid="other-countries">
                        <summary>{t.other_countries}</summary>
                        <OfferGroups groups=countries.collect() film_title=title.clone()/>
                    </details>
                }
            });
            (none_here, here, elsewhere)
        };
        view! {
            <div class="film-page">
                <a class="film-page__back" href=back>"← " {locale.t().back_to_list}</a>
                <FilmCard film=film badges=Signal::stored(Vec::new()) heading_level=1 without_offers=true/>
                <section class="film-offers" aria-labelledby="offers-heading" data-testid="film-offers">
                    <h2 id="offers-heading" class="results__heading">{locale.t().where_to_watch}</h2>
                    <p class="film-page__region" data-testid="offers-region">
                        {move || locale.offers_in(filter.with(|f| f.region))}
                    </p>
                    {groups}
                </section>
                {data_note(&library)}
            </div>
        }
        .into_any()
    }
}
