//! One way to watch a film: the service, how (flatrate, rent, …) and a link there.

use catalog::Badge;
use leptos::prelude::*;

use crate::state::use_locale;

#[component]
pub fn OfferBadge(
    /// The offer and its provider.
    badge: Badge,
    /// The film's title, for the sentence screen readers hear.
    film_title: String,
) -> impl IntoView {
    let locale = use_locale();
    let Badge { provider, offer } = badge;
    // The visible "Netflix · Flatrate" is the link's name (what a voice user says, WCAG
    // 2.5.3); the full sentence is its description, read after it.
    // Only `HttpsUrl`s exist in a decoded catalog: no `javascript:` link can get here.
    let href = offer.url.as_ref().unwrap_or(&provider.homepage).as_str().to_owned();
    let text_class = if provider.color.wants_light_text() { "offer-badge--light" } else { "offer-badge--dark" };
    let name = provider.name.clone();
    let monetization = offer.monetization;
    let sentence = locale.offer_sentence(&film_title, &name, monetization);
    view! {
        <a
            class=format!("offer-badge offer-badge--{} {text_class}", monetization.as_str())
            style:--brand=provider.color.as_str().to_owned()
            href=href
            target="_blank"
            rel="noopener noreferrer"
            title=sentence
            data-provider=provider.id.as_str().to_owned()
            data-type=monetization.as_str()
        >
            <span class="offer-badge__provider">{provider.name.clone()}</span>
            <span class="offer-badge__type">{locale.monetization(monetization)}</span>
            {offer.quality.map(|q| view! { <span class="offer-badge__quality">{q.as_str()}</span> })}
            {offer.price.map(|p| view! { <span class="offer-badge__price">{locale.price(&p)}</span> })}
        </a>
    }
}
