//! A row of toggles for one facet (kind, genres, rating, …), each with the number of films
//! choosing it would show. The options and counts come from the index; a click reports the
//! option's filter.

use catalog::{FacetKey, Filter, Results};
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
                <For
                    each=options
                    // Counts and pressed state are part of the key: a changed option is
                    // drawn anew, which for a few dozen buttons beats a signal per button.
                    key=|o| (o.value.clone(), o.count, o.selected)
                    let:option
                >
                    <li>
                        <button
                            type="button"
                            class="toggle"
                            class:toggle--empty=option.count == 0 && !option.selected
                            aria-pressed=option.selected.to_string()
                            data-value=option.value.clone()
                            on:click=move |_| on_change.run(option.next.clone())
                        >
                            {label(locale, &option.value)}
                            <span class="toggle__count">{locale.number(option.count)}</span>
                            <span class="toggle__check" aria-hidden="true">"✓"</span>
                        </button>
                    </li>
                </For>
            </ul>
        </fieldset>
    }
}
