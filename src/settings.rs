//! The TMDB settings page (`/settings.html`, mounted by `src/bin/settings.rs`): where a
//! reader pastes their TMDB token, checked with TMDB before it is kept, and removes it in
//! one click. A page and a wasm of its own: the app shell carries none of it, and a reader
//! who never uses TMDB never downloads it. The token is kept by `tmdb_access` (this
//! browser's IndexedDB) and read from there by the catalog worker for `source=tmdb`.

use catalog::query::param;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::i18n::{Locale, SettingsStrings};
use crate::tmdb_access::{self, Access, AccessProblem, NoAnswer, IMAGE_BASE, PATIENCE_MS};

/// TMDB's page where a reader with an account gets a token.
const TOKEN_PAGE: &str = "https://www.themoviedb.org/settings/api";

pub fn mount() {
    let query = window().location().search().unwrap_or_default();
    let languages = browser::languages();
    let locale = param(&query, "lang")
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_else(|| Locale::from_languages(languages.iter().map(String::as_str)));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.code());
    }
    document().set_title(&format!("Flimmer – {}", locale.settings().title));
    leptos::mount::mount_to_body(move || view! { <TmdbSettings locale/> });
}

/// What TMDB said of a token.
enum Checked {
    Accepted,
    Refused,
    /// No answer in time, or one that says nothing about the token (a proxy's error).
    Unknown(String),
}

#[component]
fn TmdbSettings(locale: Locale) -> impl IntoView {
    let t: &'static SettingsStrings = locale.settings();
    let token = RwSignal::new(String::new());
    let api = RwSignal::new(tmdb::API_BASE.to_owned());
    let images = RwSignal::new(IMAGE_BASE.to_owned());
    // Whether a token is saved; `None` until storage has answered.
    let saved = RwSignal::new(None::<bool>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // Storage that refused: full, blocked, a private window; the browser's reason.
    let not_stored = move |reason: String| format!("{} ({reason}).", t.not_stored);

    spawn_local(async move {
        match tmdb_access::load().await {
            Ok(Some(access)) => {
                api.set(access.api.as_str().to_owned());
                images.set(access.images.as_str().to_owned());
                saved.set(Some(true));
            }
            Ok(None) => saved.set(Some(false)),
            Err(reason) => {
                status.set(not_stored(reason));
                saved.set(Some(false));
            }
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let access = match Access::new(&token.get_untracked(), &api.get_untracked(), &images.get_untracked()) {
            Ok(access) => access,
            Err(problem) => {
                status.set(
                    match problem {
                        AccessProblem::NoToken => t.no_token,
                        AccessProblem::BadToken => t.bad_token,
                        AccessProblem::NotHttps => t.not_https,
                    }
                    .to_owned(),
                );
                return;
            }
        };
        busy.set(true);
        status.set(t.checking.to_owned());
        spawn_local(async move {
            let said = match check(&access).await {
                Checked::Refused => t.refused.to_owned(),
                checked => match tmdb_access::save(&access).await {
                    Ok(()) => {
                        token.set(String::new());
                        saved.set(Some(true));
                        match checked {
                            Checked::Unknown(reason) => format!("{} ({reason}).", t.saved_unchecked),
                            _ => t.saved.to_owned(),
                        }
                    }
                    Err(reason) => not_stored(reason),
                },
            };
            status.set(said);
            busy.set(false);
        });
    };
    let remove = move |_| {
        spawn_local(async move {
            match tmdb_access::remove().await {
                Ok(()) => {
                    saved.set(Some(false));
                    status.set(t.removed.to_owned());
                }
                Err(reason) => status.set(not_stored(reason)),
            }
        })
    };
    let home = format!("/?lang={}", locale.code());
    let live = format!("/?source=tmdb&lang={}", locale.code());

    view! {
        <header class="site-header">
            <a class="site-header__brand" href=home.clone()>
                <span class="site-header__logo" aria-hidden="true">"▶"</span>
                "Flimmer"
            </a>
        </header>
        <main class="site-main settings" id="main">
            <h1>{t.title}</h1>
            <p>{t.intro} " " <a href=TOKEN_PAGE>{t.get_token}</a></p>
            <p>{t.privacy}</p>
            <form class="settings__form" on:submit=save>
                <label for="tmdb-token">{t.token}</label>
                <input
                    id="tmdb-token"
                    data-testid="tmdb-token"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || (saved.get() == Some(true)).then_some(t.token_saved)
                    bind:value=token
                />
                <details data-testid="tmdb-advanced">
                    <summary>{t.advanced}</summary>
                    <div class="settings__fields">
                        <label for="tmdb-api">{t.api}</label>
                        <input id="tmdb-api" data-testid="tmdb-api" type="url" spellcheck="false" bind:value=api/>
                        <label for="tmdb-images">{t.images}</label>
                        <input id="tmdb-images" data-testid="tmdb-images" type="url" spellcheck="false" bind:value=images/>
                    </div>
                </details>
                <div class="settings__actions">
                    <button type="submit" class="button" data-testid="tmdb-save" disabled=move || busy.get()>
                        {t.save}
                    </button>
                    <Show when=move || saved.get() == Some(true)>
                        <button type="button" class="button button--quiet" data-testid="tmdb-remove" on:click=remove>
                            {t.remove}
                        </button>
                    </Show>
                </div>
            </form>
            <p class="settings__status" role="status" data-testid="tmdb-status">{move || status.get()}</p>
            <p class="settings__links">
                <a class="button" href=live data-testid="tmdb-open">{t.open_live}</a>
                <a href=home>{t.back}</a>
            </p>
            <p class="settings__notice">{t.notice}</p>
        </main>
    }
}

/// Asks TMDB whether it accepts the token (`tmdb::authentication`).
async fn check(access: &Access) -> Checked {
    match access.get(&tmdb::authentication()).await {
        Ok(answer) if (200..300).contains(&answer.status) => Checked::Accepted,
        Ok(answer) if answer.status == 401 => Checked::Refused,
        Ok(answer) => Checked::Unknown(format!("{} {}", answer.status, answer.status_text)),
        Err(NoAnswer::Stalled) => Checked::Unknown(format!("no answer within {} s", PATIENCE_MS / 1000)),
        Err(NoAnswer::Failed(e)) => Checked::Unknown(e.to_string()),
    }
}
