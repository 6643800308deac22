//! Offers grouped under headings (ways to watch, or countries): on the film page and in
//! the embed's card.

use catalog::Badge;
use leptos::prelude::*;

use super::OfferList;

#[component]
pub fn OfferGroups(
    /// Each group's heading ("Flatrate", "Österreich") and its offers.
    groups: Vec<(String, Vec<Badge>)>,
    /// The film's title, for the sentence screen readers hear on each badge.
    film_title: String,
) -> impl IntoView {
    groups
        .into_iter()
        .map(|(heading, badges)| {
            view! {
                <h3>{heading}</h3>
                <OfferList badges film_title=film_title.clone()/>
            }
        })
        .collect_view()
}
