//! The order of the list: relevance (while searching), popularity, rating, year, title, added, leaving.

use catalog::{Filter, Sort};
use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn SortSelect(
    #[prop(into)] filter: Signal<Filter>,
    /// Called with the filter in its new order.
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="sort">
            <label for="sort-select" class="sort__label">{locale.t().sort_label}</label>
            <select
                id="sort-select"
                class="filter__select"
                // The value as a property too: once the reader has changed the select, a
                // browser ignores changes to its options' `selected` attribute (Firefox kept
                // showing the old order after Back).
                prop:value=move || filter.with(Filter::effective_sort).as_str()
                on:change=move |ev| {
                    let sort = Sort::parse(&event_target_value(&ev));
                    on_change.run(Filter { sort, ..filter.get_untracked() });
                }
            >
                {move || {
                    let current = filter.with(Filter::effective_sort);
                    // Relevance only means something while searching.
                    Sort::ALL
                        .into_iter()
                        .filter(|s| *s != Sort::Relevance || current == Sort::Relevance)
                        .map(|s| view! { <option value=s.as_str() selected=s == current>{locale.sort(s)}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
