//! The collapsible notice listing catalog entries that were skipped, and why.

use catalog::{Said, Skipped};
use leptos::prelude::*;

use crate::state::use_locale;

/// Entries listed, and problems listed per entry; the rest is counted. A broken export
/// can skip every one of 200,000 films, and the notice must stay a notice.
pub const SHOWN_ENTRIES: usize = 50;
pub const SHOWN_PROBLEMS: usize = 10;

/// Shows nothing when no entry was skipped.
#[component]
pub fn SkippedNotice(
    /// The entries that were left out of the catalog.
    skipped: Vec<Skipped<Said>>,
) -> impl IntoView {
    let locale = use_locale();
    let more = move |total: usize, shown: usize| {
        (total > shown).then(|| view! { <li class="notice__more">{locale.and_more(total - shown)}</li> })
    };
    (!skipped.is_empty()).then(|| {
        let count = skipped.len();
        view! {
            <details class="notice" data-testid="skipped-notice">
                <summary class="notice__summary">{locale.skipped(count)}</summary>
                <ul class="notice__list">
                    {skipped
                        .into_iter()
                        .take(SHOWN_ENTRIES)
                        .map(|entry| {
                            let problems = entry.problems.len();
                            view! {
                                <li class="notice__entry">
                                    <code>{entry.path}</code>
                                    {entry.label.map(|l| view! { " „" {l} "“" })}
                                    <ul>
                                        {entry
                                            .problems
                                            .iter()
                                            .take(SHOWN_PROBLEMS)
                                            .map(|p| view! { <li><code>{locale.said(p)}</code></li> })
                                            .collect_view()}
                                        {more(problems, SHOWN_PROBLEMS)}
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()}
                    {more(count, SHOWN_ENTRIES)}
                </ul>
            </details>
        }
    })
}
