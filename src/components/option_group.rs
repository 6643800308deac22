//! A row of toggles for one facet (kind, genres, rating, …), each with the number of films
//! choosing it would show. The options and counts come from the index; a click reports the
//! option's filter.

use catalog::{FacetKey, FacetOption, Filter, Results};
use leptos::prelude::*;

use crate::i18n::Locale;
use crate::state::use_locale;

#[component]
pub fn OptionGroup(
    /// The facet whose options to show.
    key: FacetKey,
    /// The group's heading.
    legend: &'static str,
    /// The current query's results, with every option's count.
    #[prop(into)]
    results: Signal<Results>,
    /// How an option's URL value reads on its button.
    label: fn(Locale, &str) -> String,
    /// Called with the option's filter.
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    let options = move || results.with(|r| r.options(key).to_vec());
    view! {
        <fieldset class="filter__group" data-facet=key.url_key()>
            <legend class="filter__label">{legend}</legend>
            <ul class="filter__toggles" role="list">
                // Keyed by value alone: a pressed button stays the same element, so it keeps
                // the keyboard focus; its count and state follow the results.
                <For each=options key=|o| o.value.clone() let:option>
                    {
                        // This option in the current results: a linear look among a few dozen.
                        let value = StoredValue::new(option.value.clone());
                        let find = move |r: &Results| value.with_value(|v| r.options(key).iter().position(|o| &o.value == v));
                        let now = move |read: fn(&FacetOption) -> usize| {
                            results.with(|r| find(r).map_or(0, |i| read(&r.options(key)[i])))
                        };
                        let selected = move || now(|o| o.selected as usize) == 1;
                        let choose = move |_| {
                            let next = results.with_untracked(|r| find(r).map(|i| r.options(key)[i].next.clone()));
                            if let Some(next) = next {
                                on_change.run(next);
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="toggle"
                                    class:toggle--empty=move || now(|o| o.count) == 0 && !selected()
                                    aria-pressed=move || selected().to_string()
                                    data-value=option.value.clone()
                                    on:click=choose
                                >
                                    {label(locale, &option.value)}
                                    <span class="toggle__count">{move || locale.number(now(|o| o.count))}</span>
                                    <span class="toggle__check" aria-hidden="true">"✓"</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </fieldset>
    }
}
