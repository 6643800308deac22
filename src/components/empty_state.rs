//! What the grid shows when nothing matches: which filter to loosen, and a button that does
//! it; with TMDB live, a link that asks TMDB to find the title searched for.

use catalog::query::{param, with_param};
use catalog::{Filter, Loosen};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::sources::live;
use crate::state::{use_locale, AppState};

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
    let live = use_context::<AppState>().is_some_and(|app| app.source.get_untracked().is_live());
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
            // TMDB live holds the region's most popular titles: one searched for and not
            // among them may still be on TMDB. This asks TMDB's search (`find=`, a catalog of
            // its own) for the text searched for.
            {live.then(|| {
                // Only with TMDB live, so only in the app, under its router: the component
                // alone (its tests) has no router.
                let (location, navigate) = (use_location(), use_navigate());
                let search = location.search;
                view! {
                <button
                    type="button"
                    class="button"
                    data-testid="find-on-tmdb"
                    // Not without search words, nor once TMDB found nothing more for them.
                    hidden=move || filter.with(|f| {
                        let text = f.text.trim();
                        text.is_empty() || param(&search.get(), live::FIND).as_deref() == Some(text)
                    })
                    on:click=move |_| {
                        let text = filter.with_untracked(|f| f.text.trim().to_owned());
                        // A new search starts from its first step (`more=`).
                        let search = with_param(&location.search.get_untracked(), live::MORE, None);
                        navigate(&with_param(&search, live::FIND, Some(&text)), Default::default());
                    }
                >
                    {locale.t().find_on_tmdb}
                </button>
                }
            })}
        </div>
    }
}
