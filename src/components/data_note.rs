//! How old the data on screen is, and whose: after one visit it may be read offline, and
//! data from TMDB says so wherever it is shown, as TMDB's terms ask.

use leptos::prelude::*;

use crate::state::{use_app, use_locale, Library};

/// "Stand: 27. November 2026 · Beispieldaten …", or "· Daten von TMDB; …" for TMDB live.
/// A function, not a component: it draws once per page.
pub fn data_note(library: &Library) -> impl IntoView {
    let locale = use_locale();
    let t = locale.t();
    let live = use_app().source.get_untracked().is_live() && library.instead_of.is_empty();
    view! {
        <p class="as-of">
            {locale.as_of(library.loaded.catalog.as_of)} " · " {(!live).then_some(t.sample_data)}
            {live.then(|| view! {
                <span data-testid="attribution">
                    {t.data_from}<a href="https://www.themoviedb.org/">"TMDB"</a>{t.availability_from}
                </span>
            })}
        </p>
    }
}
