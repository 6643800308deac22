//! The "where to stream" filter: country, services and ways to watch.
//!
//! Stateless: it shows `filter` and reports the next filter through `on_change`.
//! The page keeps the filter in the URL; a test can keep it in a signal.

use catalog::{Filter, Monetization, Provider, RegionCode};
use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn FilterPanel(
    /// The filter to show.
    #[prop(into)]
    filter: Signal<Filter>,
    /// The countries to choose from.
    #[prop(into)]
    regions: Signal<Vec<RegionCode>>,
    /// The services that have offers in the chosen country.
    #[prop(into)]
    services: Signal<Vec<Provider>>,
    /// Called with the filter after a change.
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.t();

    view! {
        <section class="filter" aria-labelledby="filter-heading">
            <h2 id="filter-heading" class="filter__heading">{t.filter_heading}</h2>
            <div class="filter__field">
                <label for="filter-region" class="filter__label">{t.region}</label>
                <select
                    id="filter-region"
                    class="filter__select"
                    on:change=move |ev| {
                        if let Some(region) = RegionCode::parse(&event_target_value(&ev)) {
                            on_change.run(filter.get_untracked().with_region(region));
                        }
                    }
                >
                    {move || {
                        let chosen = filter.with(|f| f.region);
                        regions
                            .get()
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=r.as_str().to_owned() selected=r == chosen>
                                        {locale.region(r)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <fieldset class="filter__group">
                <legend class="filter__label">
                    {t.services}
                    <Show when=move || filter.with(|f| f.services.is_empty())>
                        <span class="filter__hint">{t.services_hint}</span>
                    </Show>
                </legend>
                <ul class="filter__toggles" role="list">
                    <For each=move || services.get() key=|p| p.id.clone() let:provider>
                        <li>
                            <ServiceToggle provider=provider filter=filter on_change=on_change/>
                        </li>
                    </For>
                </ul>
            </fieldset>
            <fieldset class="filter__group">
                <legend class="filter__label">{t.types}</legend>
                <ul class="filter__toggles" role="list">
                    {Monetization::ALL
                        .into_iter()
                        .map(|m| view! { <li><TypeToggle monetization=m filter=filter on_change=on_change/></li> })
                        .collect_view()}
                </ul>
            </fieldset>
        </section>
    }
}

/// A service the reader has (pressed) or not.
#[component]
fn ServiceToggle(provider: Provider, filter: Signal<Filter>, on_change: Callback<Filter>) -> impl IntoView {
    let id = provider.id.clone();
    let pressed = Memo::new({
        let id = id.clone();
        move |_| filter.with(|f| f.services.contains(&id))
    });
    view! {
        <button
            type="button"
            class="toggle toggle--service"
            style:--brand=provider.color.as_str().to_owned()
            aria-pressed=move || pressed.get().to_string()
            data-provider=provider.id.as_str().to_owned()
            on:click=move |_| on_change.run(filter.get_untracked().toggle_service(&id))
        >
            <span class="toggle__swatch" aria-hidden="true"></span>
            {provider.name.clone()}
            <span class="toggle__check" aria-hidden="true">"✓"</span>
        </button>
    }
}

/// A way to watch (flatrate, free, ads, rent, buy) the reader accepts (pressed) or not.
#[component]
fn TypeToggle(monetization: Monetization, filter: Signal<Filter>, on_change: Callback<Filter>) -> impl IntoView {
    let locale = use_locale();
    let pressed = Memo::new(move |_| filter.with(|f| f.types.contains(&monetization)));
    view! {
        <button
            type="button"
            class="toggle toggle--type"
            aria-pressed=move || pressed.get().to_string()
            data-type=monetization.as_str()
            on:click=move |_| on_change.run(filter.get_untracked().toggle_type(monetization))
        >
            {locale.monetization(monetization)}
            <span class="toggle__check" aria-hidden="true">"✓"</span>
        </button>
    }
}
