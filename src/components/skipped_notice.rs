//! The collapsible notice listing catalog entries that were skipped, and why.

use catalog::Skipped;
use leptos::prelude::*;

use crate::state::use_locale;

/// Shows nothing when no entry was skipped.
#[component]
pub fn SkippedNotice(
    /// The entries that were left out of the catalog.
    skipped: Vec<Skipped>,
) -> impl IntoView {
    let locale = use_locale();
    (!skipped.is_empty()).then(|| {
        let count = skipped.len();
        view! {
            <details class="notice" data-testid="skipped-notice">
                <summary class="notice__summary">{locale.skipped(count)}</summary>
                <ul class="notice__list">
                    {skipped
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <li class="notice__entry">
                                    <code>{entry.path}</code>
                                    {entry.label.map(|l| view! { " „" {l} "“" })}
                                    <ul>
                                        {entry.problems.iter().map(|p| view! { <li><code>{locale.problem(p)}</code></li> }).collect_view()}
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}
