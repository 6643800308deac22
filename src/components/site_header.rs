//! The page header: name, tagline, the link to TMDB live and the language switch.

use catalog::query::with_param;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::state::use_locale;

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = main.focus();
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let t = locale.t();
    let switch_href = move || {
        let search = location.search.get();
        format!("{}{}", location.pathname.get(), with_param(&search, "lang", Some(t.other_language_code)))
    };
    view! {
        <header class="site-header">
            // Handled here, not by the router: the router would navigate to "/#main" and
            // drop the filter from the URL. The browser's own jump does not move focus
            // everywhere either, so focus goes to <main> explicitly.
            <a class="skip-link" href="#main" on:click=skip_to_main>{t.skip_to_content}</a>
            <a class="site-header__brand" href="/">
                <span class="site-header__logo" aria-hidden="true">"▶"</span>
                {t.app_name}
            </a>
            <p class="site-header__tagline">{t.tagline}</p>
            // Live data from TMDB with the reader's own token: a page of its own
            // (src/settings.rs), so the app carries none of it; `external`, so the router
            // leaves the link to the browser.
            <a class="site-header__live" href=t.settings_href rel="external">"TMDB live"</a>
            <a class="site-header__lang" href=switch_href hreflang=t.other_language_code lang=t.other_language_code>
                {t.language_switch}
            </a>
        </header>
    }
}
