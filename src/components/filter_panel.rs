//! The filter: country, services in and out, ways to watch, and (folded) the lists, kind,
//! genres, years, runtime, rating, age rating and original language, every option with
//! the number of films it would show.
//!
//! Stateless: it shows `filter` and reports the next filter through `on_change`.
//! The page keeps the filter in the URL; a test can keep it in a signal.

use catalog::{FacetKey, Filter, Monetization, Provider, RegionCode, Results, Span};
use leptos::prelude::*;

use super::{MyServices, OptionGroup};
use crate::i18n::Locale;
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
    /// The query's results: every option's count.
    #[prop(into)]
    results: Signal<Results>,
    /// Called with the filter after a change.
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.t();
    let count = move |key: FacetKey, value: &str| {
        results.with(|r| r.options(key).iter().find(|o| o.value == value).map_or(0, |o| o.count))
    };
    // Opens when a folded facet is set, so a shared link shows what narrows the list, and
    // never closes by itself: clearing the last folded filter from inside would otherwise
    // fold away the button that has the keyboard focus, and the focus would fall to <body>.
    let more_open = Memo::new(move |was_open: Option<&bool>| {
        was_open.copied().unwrap_or(false)
            || filter.with(|f| {
                f.list.is_some()
                    || !f.kinds.is_empty()
                    || !f.genres.is_empty()
                    || !f.without_genres.is_empty()
                    || !f.years.is_open()
                    || !f.runtime.is_open()
                    || f.min_rating.is_some()
                    || !f.ages.is_empty()
                    || !f.languages.is_empty()
            })
    });

    // The folded filters are drawn when they first open (`toggle`, also when a link's filter
    // opens them), or from the start if open: drawn folded, their options were a quarter of
    // the first page's longest task (README, "Figures"). Drawn once (`drawn` is a memo and
    // changes once), never removed: a second drawing would replace the buttons, and the
    // keyboard focus with them.
    let opened = RwSignal::new(false);
    let drawn = Memo::new(move |_| opened.get() || more_open.get());

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
                    <span class="filter__hint" hidden=move || !filter.with(|f| f.services.is_empty())>
                        {t.services_hint}
                    </span>
                </legend>
                <ul class="filter__toggles filter__toggles--services" role="list">
                    // Drawn anew only when the country changes (`services` is a memo), so a
                    // pressed toggle keeps its focus; not a keyed <For>, which costs the
                    // shell kilobytes for a list of a dozen.
                    {move || {
                        services
                            .get()
                            .into_iter()
                            .map(|provider| {
                                view! {
                                    <li class="service">
                                        <ServiceToggle provider=provider.clone() filter=filter count=count on_change=on_change/>
                                        <ExcludeToggle provider=provider filter=filter count=count on_change=on_change/>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <MyServices filter=filter services=services on_change=on_change/>
            </fieldset>
            <fieldset class="filter__group">
                <legend class="filter__label">{t.types}</legend>
                <ul class="filter__toggles" role="list">
                    {Monetization::ALL
                        .into_iter()
                        .map(|m| view! { <li><TypeToggle monetization=m filter=filter count=count on_change=on_change/></li> })
                        .collect_view()}
                </ul>
            </fieldset>
            <details
                class="filter__more"
                open=more_open
                on:toggle=move |_| opened.set(true)
            >
                <summary class="filter__label">{t.more_filters}</summary>
                {move || drawn.get().then(|| view! {
                <OptionGroup key=FacetKey::List legend=t.lists results=results label=Locale::list_label on_change=on_change/>
                <OptionGroup key=FacetKey::Kind legend=t.kind results=results label=Locale::kind_label on_change=on_change/>
                <OptionGroup key=FacetKey::Genres legend=t.genres results=results label=Locale::genre_label on_change=on_change/>
                <OptionGroup
                    key=FacetKey::WithoutGenres
                    legend=t.without_genres
                    results=results
                    label=Locale::genre_label
                    on_change=on_change
                />
                <SpanInput
                    id="filter-years"
                    legend=t.years
                    span=Signal::derive(move || filter.with(|f| f.years))
                    min=1870
                    max=2100
                    on_input=Callback::new(move |years| on_change.run(Filter { years, ..filter.get_untracked() }))
                />
                <SpanInput
                    id="filter-runtime"
                    legend=t.runtime
                    span=Signal::derive(move || filter.with(|f| f.runtime))
                    min=1
                    max=1000
                    on_input=Callback::new(move |runtime| on_change.run(Filter { runtime, ..filter.get_untracked() }))
                />
                <OptionGroup key=FacetKey::Rating legend=t.rating results=results label=Locale::rating_label on_change=on_change/>
                <OptionGroup key=FacetKey::Age legend=t.age_rating results=results label=Locale::age_label on_change=on_change/>
                <OptionGroup
                    key=FacetKey::Language
                    legend=t.original_language
                    results=results
                    label=Locale::language_label
                    on_change=on_change
                />
                })}
            </details>
        </section>
    }
}

/// A service the reader has (pressed) or not, with how many films choosing it would show.
#[component]
fn ServiceToggle(
    provider: Provider,
    filter: Signal<Filter>,
    count: impl Fn(FacetKey, &str) -> usize + Copy + Send + Sync + 'static,
    on_change: Callback<Filter>,
) -> impl IntoView {
    let id = provider.id.clone();
    let pressed = Memo::new({
        let id = id.clone();
        move |_| filter.with(|f| f.services.contains(&id))
    });
    let n = {
        let id = id.clone();
        move || use_locale().number(count(FacetKey::Services, id.as_str()))
    };
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
            <span class="toggle__count">{n}</span>
            <span class="toggle__check" aria-hidden="true">"✓"</span>
        </button>
    }
}

/// "Not on Netflix": hides the films a service offers.
#[component]
fn ExcludeToggle(
    provider: Provider,
    filter: Signal<Filter>,
    count: impl Fn(FacetKey, &str) -> usize + Copy + Send + Sync + 'static,
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    let id = provider.id.clone();
    let pressed = Memo::new({
        let id = id.clone();
        move |_| filter.with(|f| f.exclude.contains(&id))
    });
    let label = locale.exclude_label(&provider.name);
    let title = {
        let id = id.clone();
        move || locale.exclude_title(&provider.name, count(FacetKey::Exclude, id.as_str()))
    };
    view! {
        <button
            type="button"
            class="toggle toggle--exclude"
            aria-pressed=move || pressed.get().to_string()
            aria-label=label
            title=title
            data-exclude=id.as_str().to_owned()
            on:click=move |_| on_change.run(filter.get_untracked().toggle_exclude(&id))
        >
            <span aria-hidden="true">"⊘"</span>
        </button>
    }
}

/// A way to watch (flatrate, free, ads, rent, buy) the reader accepts (pressed) or not.
#[component]
fn TypeToggle(
    monetization: Monetization,
    filter: Signal<Filter>,
    count: impl Fn(FacetKey, &str) -> usize + Copy + Send + Sync + 'static,
    on_change: Callback<Filter>,
) -> impl IntoView {
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
            <span class="toggle__count">
                {move || locale.number(count(FacetKey::Types, monetization.as_str()))}
            </span>
            <span class="toggle__check" aria-hidden="true">"✓"</span>
        </button>
    }
}

/// Two number fields for a range ("from", "to"); an empty field leaves that end open.
#[component]
fn SpanInput(
    id: &'static str,
    legend: &'static str,
    #[prop(into)] span: Signal<Span>,
    min: u16,
    max: u16,
    on_input: Callback<Span>,
) -> impl IntoView {
    let t = use_locale().t();
    // One field: which end it shows (`get`) and how a new value changes the span (`set`).
    let field = move |end: &str,
                      label: &'static str,
                      get: fn(Span) -> Option<u16>,
                      set: fn(Span, Option<u16>) -> Span| {
        let field_id = format!("{id}-{end}");
        view! {
            <label for=field_id.clone()>{label}</label>
            <input
                id=field_id
                class="filter__number"
                type="number"
                inputmode="numeric"
                min=min
                max=max
                prop:value=move || get(span.get()).map_or(String::new(), |v| v.to_string())
                on:change=move |ev| {
                    let value = event_target_value(&ev).trim().parse::<u16>().ok().filter(|v| (min..=max).contains(v));
                    on_input.run(set(span.get_untracked(), value));
                }
            />
        }
    };
    view! {
        <fieldset class="filter__group filter__span">
            <legend class="filter__label">{legend}</legend>
            {field("from", t.from, |s| s.from, |s, from| Span { from, ..s })}
            {field("to", t.to, |s| s.to, |s, to| Span { to, ..s })}
        </fieldset>
    }
}
