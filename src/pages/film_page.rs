//! `/film/<id>?region=DE`: one film with every offer in the chosen country.

use std::sync::Arc;

use catalog::query::with_filter;
use catalog::badges;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::components::FilmCard;
use crate::pages::{use_url_filter, with_catalog};
use crate::state::{use_app, use_locale, Library};

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

    move || {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        let Some(film) = library.loaded.catalog.film(&id).cloned() else {
            return view! {
                <div class="film-page film-page--missing">
                    <p>{locale.t().film_not_found}</p>
                    <a href=back>{locale.t().back_to_list}</a>
                </div>
            }
            .into_any();
        };
        // The detail view shows every offer in the region, whatever services and types
        // the grid was narrowed to.
        let shown = Signal::derive({
            let library = library.clone();
            let film = film.clone();
            move || {
                let everything = filter.with(|f| f.with_all_services().with_all_types());
                badges(&library.loaded.catalog, &film, &everything, app.today)
            }
        });
        view! {
            <div class="film-page">
                <a class="film-page__back" href=back>"← " {locale.t().back_to_list}</a>
                <FilmCard film=film badges=shown heading_level=1/>
                <p class="film-page__region" data-testid="offers-region">
                    {move || locale.offers_in(filter.with(|f| f.region))}
                </p>
            </div>
        }
        .into_any()
    }
}
