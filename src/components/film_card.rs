//! A film card: poster, facts, people, rating, synopsis and where to watch it.

use catalog::Badge;
use leptos::prelude::*;

use super::{OfferList, Poster};
use crate::state::{use_locale, SharedFilm};

#[component]
pub fn FilmCard(
    /// The film to show.
    film: SharedFilm,
    /// The offers to show, already filtered for the reader's region and services.
    #[prop(into)]
    badges: Signal<Vec<Badge>>,
    /// Where the title links to (the film's detail view); no link when `None`.
    #[prop(optional, into)]
    href: Option<Signal<String>>,
    /// Heading level of the title: 1 on the detail page, 3 (any other value) in the grid.
    #[prop(default = 3)]
    heading_level: u8,
    /// Leaves the offers out: the film page shows them grouped below the card.
    #[prop(optional)]
    without_offers: bool,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.t();
    let title = film.title_in(locale.lang()).to_owned();
    let heading_id = format!("film-{}", film.id.as_str().replace([':', '.'], "-"));

    let heading_text = match href {
        Some(href) => view! { <a class="film-card__link" href=href>{title.clone()}</a> }.into_any(),
        None => view! { <span>{title.clone()}</span> }.into_any(),
    };
    let heading = match heading_level {
        1 => view! { <h1 class="film-card__title" id=heading_id.clone()>{heading_text}</h1> }.into_any(),
        _ => view! { <h3 class="film-card__title" id=heading_id.clone()>{heading_text}</h3> }.into_any(),
    };

    let mut meta = vec![film.year.to_string()];
    meta.extend(film.runtime.map(|m| locale.runtime(m)));
    meta.extend(film.genres.iter().take(3).map(|g| locale.genre(*g).to_owned()));
    let original_title = (film.original_title != title).then(|| {
        let lang = film.original_language.map(|l| l.as_str().to_owned());
        view! { <p class="film-card__original" lang=lang>{film.original_title.clone()}</p> }
    });
    let directors = (!film.directors.is_empty()).then(|| film.directors.join(", "));
    let cast = (!film.cast.is_empty()).then(|| film.cast.iter().take(4).cloned().collect::<Vec<_>>().join(", "));
    let rating = film.rating;
    let synopsis = film.synopsis_in(locale.lang()).map(str::to_owned);
    let film_title = title.clone();

    view! {
        <article class="film-card" aria-labelledby=heading_id.clone() data-film-id=film.id.as_str().to_owned()>
            <Poster film=film.clone() title=title/>
            <div class="film-card__body">
                {heading}
                {original_title}
                <p class="film-card__meta">{meta.join(" · ")}</p>
                <dl class="film-card__facts">
                    {directors.map(|d| view! { <div><dt>{t.directed_by}</dt><dd>{d}</dd></div> })}
                    {cast.map(|c| view! { <div><dt>{t.cast}</dt><dd>{c}</dd></div> })}
                    {rating.map(|r| view! {
                        <div class="film-card__rating">
                            <dt>{t.rating}</dt>
                            <dd>
                                <span aria-hidden="true">"★ "</span>
                                {locale.rating(r.value)}
                                <span class="film-card__votes">" (" {locale.votes(r.votes)} ")"</span>
                            </dd>
                        </div>
                    })}
                </dl>
                <p class="film-card__synopsis">{synopsis}</p>
                {(!without_offers).then(|| view! {
                    <div class="film-card__offers">
                        {move || {
                            let list = badges.get();
                            if list.is_empty() {
                                view! { <p class="film-card__no-offers">{t.not_in_region}</p> }.into_any()
                            } else {
                                view! { <OfferList badges=list film_title=film_title.clone() label=t.where_to_watch/> }.into_any()
                            }
                        }}
                    </div>
                })}
            </div>
        </article>
    }
}
