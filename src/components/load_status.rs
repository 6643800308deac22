//! What the page shows while the catalog loads, and when it cannot be loaded.

use leptos::prelude::*;

use crate::sources::LoadError;
use crate::state::{use_locale, AppState};

#[component]
pub fn Loading() -> impl IntoView {
    let locale = use_locale();
    let progress = use_context::<AppState>().map(|app| app.progress);
    view! {
        <div class="load-status" role="status" aria-live="polite">
            <span class="load-status__spinner" aria-hidden="true"></span>
            {locale.t().loading}
            // Hidden from screen readers: a live region would read every update out.
            <span class="load-status__progress" aria-hidden="true" data-testid="load-progress">
                {move || progress.and_then(|p| p.get()).map(|p| locale.progress(p))}
            </span>
        </div>
    }
}

#[component]
pub fn LoadFailed(
    /// Why loading failed.
    error: LoadError,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="load-status load-status--failed" role="alert">
            <h1 class="load-status__heading">{locale.t().load_failed}</h1>
            <p class="load-status__reason">{error.message(locale)}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {locale.t().retry}
            </button>
        </div>
    }
}

/// Another catalog failed while one is on screen (another region's shard, TMDB live in
/// another region or language; `pages::with_catalog`): the reason and Retry, above the
/// page, which goes on showing the one it had.
#[component]
pub fn StillShown(
    /// Why the other catalog failed.
    error: LoadError,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="notice" role="alert" data-testid="load-failed-note">
            {error.message(locale)}
            <button type="button" class="button notice__retry" on:click=move |_| on_retry.run(())>
                {locale.t().retry}
            </button>
        </p>
    }
}
