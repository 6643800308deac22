//! A film card: poster, facts, people, rating, synopsis and where to watch it.

use catalog::{Badge, Film};
use leptos::prelude::*;

use super::{OfferBadge, Poster};
use crate::state::use_locale;

#[component]
pub fn FilmCard(
    /// The film to show.
    film: Film,
    /// The offers to show, already filtered for the reader's region and services.
    #[prop(into)]
    badges: Signal<Vec<Badge>>,
    /// Where the title links to (the film's detail view); no link when `None`.
    #[prop(optional, into)]
    href: Option<Signal<String>>,
    /// Heading level of the title: 3 in the grid, 1 on the detail page.
    #[prop(default = 3)]
    heading_level: u8,
) -> impl IntoView {
    let locale = use_locale();
    let t = move || locale.get().t();
    let title = Signal::derive({
        let film = film.clone();
        move || film.title_in(locale.get().lang()).to_owned()
    });
    let heading_id = format!("film-{}", film.id.as_str().replace([':', '.'], "-"));

    let heading_text = move || match href {
        Some(href) => view! { <a class="film-card__link" href=href>{title}</a> }.into_any(),
        None => view! { <span>{title}</span> }.into_any(),
    };
    let heading = match heading_level {
        1 => view! { <h1 class="film-card__title" id=heading_id.clone()>{heading_text}</h1> }.into_any(),
        2 => view! { <h2 class="film-card__title" id=heading_id.clone()>{heading_text}</h2> }.into_any(),
        _ => view! { <h3 class="film-card__title" id=heading_id.clone()>{heading_text}</h3> }.into_any(),
    };

    let meta = {
        let film = film.clone();
        move || {
            let l = locale.get();
            let mut parts = vec![film.year.to_string()];
            parts.extend(film.runtime.map(|m| l.runtime(m)));
            parts.extend(film.genres.iter().take(3).map(|g| l.genre(*g).to_owned()));
            parts.join(" · ")
        }
    };
    let original_title = {
        let film = film.clone();
        move || {
            (film.original_title != title.get()).then(|| {
                view! { <p class="film-card__original" lang=film.original_language.map(|l| l.as_str().to_owned())>{film.original_title.clone()}</p> }
            })
        }
    };
    let directors = (!film.directors.is_empty()).then(|| film.directors.join(", "));
    let cast = (!film.cast.is_empty()).then(|| film.cast.iter().take(4).cloned().collect::<Vec<_>>().join(", "));
    let rating = film.rating;
    let synopsis = {
        let film = film.clone();
        move || film.synopsis_in(locale.get().lang()).map(str::to_owned)
    };

    view! {
        <article class="film-card" aria-labelledby=heading_id.clone() data-film-id=film.id.as_str().to_owned()>
            <Poster film=film.clone() title=title/>
            <div class="film-card__body">
                {heading}
                {original_title}
                <p class="film-card__meta">{meta}</p>
                <dl class="film-card__facts">
                    {directors.map(|d| view! { <div><dt>{move || t().directed_by}</dt><dd>{d}</dd></div> })}
                    {cast.map(|c| view! { <div><dt>{move || t().cast}</dt><dd>{c}</dd></div> })}
                    {rating.map(|r| view! {
                        <div class="film-card__rating">
                            <dt>{move || t().rating}</dt>
                            <dd>
                                <span aria-hidden="true">"★ "</span>
                                {move || locale.get().rating(r.value)}
                                <span class="film-card__votes">" (" {move || locale.get().votes(r.votes)} ")"</span>
                            </dd>
                        </div>
                    })}
                </dl>
                <p class="film-card__synopsis">{synopsis}</p>
                <div class="film-card__offers">
                    {move || {
                        let list = badges.get();
                        if list.is_empty() {
                            view! { <p class="film-card__no-offers">{t().not_in_region}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="film-card__badges" role="list" aria-label=t().where_to_watch>
                                    {list.into_iter().map(|b| view! { <li><OfferBadge badge=b film_title=title/></li> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                    }}
                </div>
            </div>
        </article>
    }
}
