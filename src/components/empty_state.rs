//! What the grid shows when nothing matches: which filter to loosen, and a button that does it.

use catalog::{Filter, Loosen};
use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn EmptyState(
    /// The suggestion from the catalog engine.
    #[prop(into)]
    hint: Signal<Loosen>,
    /// The current filter, which the button loosens.
    #[prop(into)]
    filter: Signal<Filter>,
    on_change: Callback<Filter>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="empty-state" data-testid="empty-state">
            <p class="empty-state__title">{locale.t().nothing_found}</p>
            <p>{move || locale.loosen(hint.get())}</p>
            {move || {
                hint.get().apply_to(&filter.get()).map(|loosened| {
                    view! {
                        <button type="button" class="button" on:click=move |_| on_change.run(loosened.clone())>
                            {locale.t().loosen_button}
                        </button>
                    }
                })
            }}
        </div>
    }
}
