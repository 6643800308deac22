//! A film's offers as a row of badges: on the card, and per group on the film page.

use catalog::Badge;
use leptos::prelude::*;

use super::OfferBadge;

#[component]
pub fn OfferList(
    badges: Vec<Badge>,
    /// The film's title, for the sentence screen readers hear on each badge.
    film_title: String,
    /// What the list is, where no heading says it ("Verfügbar bei").
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ul class="film-card__badges" role="list" aria-label=label>
            {badges.into_iter().map(|b| view! { <li><OfferBadge badge=b film_title=film_title.clone()/></li> }).collect_view()}
        </ul>
    }
}
