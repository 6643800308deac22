//! Any path the router does not know.

use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="not-found">
            <h1>{move || locale.get().t().page_not_found}</h1>
            <a href="/">{move || locale.get().t().to_home}</a>
        </div>
    }
}
