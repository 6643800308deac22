//! Any path the router does not know.

use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="not-found">
            <h1>{locale.t().page_not_found}</h1>
            <a href="/">{locale.t().to_home}</a>
        </div>
    }
}
