//! The search field: titles, original titles, directors and cast, as you type.

use catalog::Filter;
use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn SearchBox(
    /// The filter whose search words the field shows.
    #[prop(into)]
    filter: Signal<Filter>,
    /// Called with the filter after every keystroke.
    on_change: Callback<Filter>,
    /// Called when the reader leaves the field after changing its words (`change`: Tab,
    /// or the press of a click anywhere, before the click itself).
    on_leave: Callback<()>,
) -> impl IntoView {
    let t = use_locale().t();
    view! {
        // A landmark, not a form: there is nothing to submit, results follow every keystroke.
        <div class="search" role="search">
            <label for="search-input" class="search__label">{t.search_label}</label>
            <input
                id="search-input"
                class="search__input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder=t.search_placeholder
                // Set only when the URL changes the words (a link, back): while typing it
                // already holds them, so the caret stays where it is.
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    on_change.run(Filter { text, ..filter.get_untracked() });
                }
                on:change=move |_| on_leave.run(())
            />
        </div>
    }
}
