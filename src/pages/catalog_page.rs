//! `/`: the filter and the grid of film cards it lets through. The filter lives in the URL.

use std::sync::Arc;

use catalog::query::{param, with_filter, REGION};
use catalog::{apply, badges, loosen_hint, Filter, Loaded};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::{EmptyState, FilmCard, FilterPanel, SkippedNotice};
use crate::pages::{use_url_filter, with_catalog};
use crate::sources::CatalogSource;
use crate::state::{use_app, use_locale};

#[component]
pub fn CatalogPage() -> impl IntoView {
    with_catalog(|loaded| view! { <CatalogView loaded/> })
}

#[component]
fn CatalogView(loaded: Arc<Loaded>) -> impl IntoView {
    let app = use_app();
    let locale = use_locale();
    let location = use_location();
    let navigate = use_navigate();
    let today = app.today;
    let filter = use_url_filter(&loaded);
    let go = {
        let navigate = navigate.clone();
        move |next: &Filter, replace: bool| {
            let url =
                format!("{}{}", location.pathname.get_untracked(), with_filter(&location.search.get_untracked(), next));
            navigate(&url, NavigateOptions { replace, scroll: false, ..Default::default() });
        }
    };
    // Every filter change is a history entry, so back and forward walk through them.
    let set_filter = Callback::new({
        let go = go.clone();
        move |next: Filter| go(&next, false)
    });
    // A first visit writes its region into the URL, so a copied link shows the same view.
    Effect::new(move |_| {
        if param(&location.search.get(), REGION).is_none() {
            go(&filter.get_untracked(), true);
        }
    });

    let results = Memo::new({
        let loaded = loaded.clone();
        move |_| filter.with(|f| apply(&loaded.catalog, f, today))
    });
    let hint = Signal::derive({
        let loaded = loaded.clone();
        move || filter.with(|f| loosen_hint(f, |wider| apply(&loaded.catalog, wider, today).len()))
    });
    let regions = Signal::stored(loaded.catalog.regions().into_vec());
    // Memos, so toggling a service does not recompute (or re-diff) the list of services.
    let region = Memo::new(move |_| filter.with(|f| f.region));
    let services = Memo::new({
        let loaded = loaded.clone();
        move |_| loaded.catalog.providers_in(region.get()).into_iter().cloned().collect::<Vec<_>>()
    });
    let as_of = loaded.catalog.as_of;

    view! {
        <h1 class="visually-hidden">{locale.t().tagline}</h1>
        <div class="catalog-page">
            <aside class="catalog-page__filter">
                <FilterPanel filter=filter regions=regions services=services on_change=set_filter/>
                <p class="as-of">
                    {locale.as_of(as_of)} " · " {locale.t().sample_data}
                </p>
            </aside>
            <section id="results" class="catalog-page__results" aria-labelledby="results-heading">
                <div class="results__head">
                    <h2 id="results-heading" class="results__heading">{locale.t().results_heading}</h2>
                    <p class="results__count" role="status" aria-atomic="true" data-testid="result-count">
                        {move || locale.films(results.with(Vec::len))}
                    </p>
                </div>
                {move || match app.source.get() {
                    CatalogSource::Url(url) => Some(view! {
                        <p class="notice notice--source" data-testid="source-note">{locale.foreign_source(url.host())}</p>
                    }),
                    CatalogSource::BuiltIn => None,
                }}
                <SkippedNotice skipped=loaded.skipped.clone()/>
                <Show when=move || results.with(Vec::is_empty)>
                    <EmptyState hint=hint filter=filter on_change=set_filter/>
                </Show>
                <ul class="film-grid" role="list">
                    <For each=move || results.get() key=|i| *i let:i>
                        {
                            let loaded = loaded.clone();
                            let film = loaded.catalog.films[i].clone();
                            let href = Signal::derive({
                                let id = film.id.clone();
                                move || format!("/film/{id}{}", filter.with(|f| with_filter(&location.search.get(), f)))
                            });
                            let shown = Signal::derive(move || {
                                filter.with(|f| badges(&loaded.catalog, &loaded.catalog.films[i], f, today))
                            });
                            view! {
                                <li class="film-grid__item">
                                    <FilmCard film=film badges=shown href=href/>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </div>
    }
}
