//! The grid of film cards: a window of pages over the list (`crate::grid_window`), empty
//! space in place of the pages outside it, and "show more" at the end.
//!
//! "Show more" is a button, not loading on scroll: keyboard and screen reader users reach
//! it like anything else, and the reader decides when the list grows.

use std::sync::Arc;

use catalog::{badges, Filter, Results};
use leptos::ev;
use leptos::html::Ul;
use leptos::prelude::*;

use super::FilmCard;
use crate::grid_window::{GridWindow, PAGE};
use crate::state::{use_app, use_locale, Library, SharedFilm};

/// Cards mounted in the task of the keystroke or click that changed the list: a first
/// screen's worth (cards are 400–550 px tall: two rows of three, three rows of two, more
/// than a 1080 px screen shows below the search and the heading). The rest of the page
/// follows as many at a time, a task and a frame each, so typing stays quick (drawing a
/// card is most of what a keystroke costs: `node scripts/bench-keystrokes.mjs` at 23 k
/// titles, a keystroke's median 31.8 ms with 6 first cards, 39.7 ms with 12) and no task
/// is long on a slow phone (README, "Figures": Lighthouse).
pub const FIRST: usize = 6;

#[component]
pub fn FilmGrid(
    library: Arc<Library>,
    /// The query's answer: its films (positions in the catalog's), in order.
    results: Memo<Results>,
    filter: Memo<Filter>,
    /// The window over the results' films; the page starts a new one for a new list.
    shown: RwSignal<GridWindow>,
    /// How many of the window's cards are mounted yet (`usize::MAX`: all of them).
    drawn: RwSignal<usize>,
    /// The part of every card link after the path, built once per list.
    #[prop(into)]
    link_query: Signal<String>,
    /// A click anywhere in the grid (false: the page notes where the reader was); or
    /// (true) on the end's button once every card is shown, when TMDB has more to list
    /// (`more_from_tmdb`): the page asks TMDB for more.
    on_click: Callback<bool>,
    more_from_tmdb: bool,
) -> impl IntoView {
    let app = use_app();
    let locale = use_locale();
    let today = app.today;
    let grid = NodeRef::<Ul>::new();
    let len = move || results.with_untracked(|r| r.films.len());
    let has_more = move || shown.with(|w| results.with(|r| w.has_more(r.films.len())));
    // One caller of `run`, which wasm-opt then inlines (two callers cost the shell more).
    let clicked = move |more: bool| on_click.run(more);

    // Moves the window. A page that leaves it is measured first (the DOM still shows the
    // old window), so its space keeps the page's length and nothing on screen moves.
    let move_window = move |step: fn(&mut GridWindow, usize, &mut dyn FnMut(usize) -> f64)| {
        let (Some(mut next), Some(ul)) = (shown.try_get_untracked(), grid.get_untracked()) else { return };
        let mounted = next.mounted(len());
        step(&mut next, len(), &mut |page| page_height(&ul, mounted.start, mounted.end, page));
        shown.set(next);
    };
    // Near the space above or below (within a screen), the next page of the window mounts.
    // Checked after a scroll (once per frame) and after every move of the window, since one
    // page may not fill the screen.
    let check = move || {
        let (Some(w), Some(ul)) = (shown.try_get_untracked(), grid.get_untracked()) else { return };
        let reach = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(800.0);
        let near_above = || ul.first_element_child().is_some_and(|e| e.get_bounding_client_rect().bottom() > -reach);
        let near_below = || ul.last_element_child().is_some_and(|e| e.get_bounding_client_rect().top() < 2.0 * reach);
        if w.unmounted_above() && near_above() {
            move_window(|w, _, measure| w.reveal_above(measure));
        } else if w.unmounted_below() && near_below() {
            move_window(|w, _, measure| w.reveal_below(measure));
        }
    };
    let pending = StoredValue::new(false);
    let schedule = move || {
        if pending.try_get_value() == Some(false) {
            pending.set_value(true);
            request_animation_frame(move || {
                if pending.try_set_value(false).is_none() {
                    check();
                }
            });
        }
    };
    // A reader who scrolls while the rest of the page is on its way (or waits for typing to
    // pause) wants it now.
    let listener = window_event_listener(ev::scroll, move |_| {
        if drawn.get_untracked() != usize::MAX {
            drawn.set(usize::MAX);
        }
        schedule()
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        shown.track();
        schedule();
    });

    let mounted = move || {
        results.with(|r| {
            let films = &r.films;
            let range = shown.with(|w| w.mounted(films.len()));
            let end = range.end.min(range.start.saturating_add(drawn.get()));
            films[range.start..end].to_vec()
        })
    };
    // Space for the pages outside the window, a row across the grid (style/layout.css).
    // (Formatted by JS: Rust's float formatting would add about 20 KB to the shell.)
    let space = |height: f64| {
        let px = js_sys::Number::from(height).to_string_with_radix(10).map(String::from).unwrap_or_default();
        format!("height: {px}px")
    };

    view! {
        <ul class="film-grid" role="list" node_ref=grid on:click=move |_| clicked(false)>
            <li class="film-grid__space" aria-hidden="true" style=move || space(shown.with(GridWindow::space_above))></li>
            <For each=mounted key=|i| *i let:i>
                {
                    let film = SharedFilm::new(library.clone(), i as usize).expect("the index lists films of its catalog");
                    let href = Signal::derive({
                        let id = film.id.clone();
                        move || format!("/film/{id}{}", link_query.get())
                    });
                    let shown_badges = Signal::derive({
                        let film = film.clone();
                        move || filter.with(|f| badges(&film.library().loaded.catalog, &film, f, today))
                    });
                    view! {
                        <li class="film-grid__item">
                            <FilmCard film=film badges=shown_badges href=href/>
                        </li>
                    }
                }
            </For>
            <li class="film-grid__space" aria-hidden="true" style=move || space(shown.with(GridWindow::space_below))></li>
        </ul>
        <Show when=move || more_from_tmdb || has_more()>
            <button
                type="button"
                class="button film-grid__more"
                data-testid="show-more"
                on:click=move |_| {
                    if has_more() {
                        drawn.set(usize::MAX);
                        move_window(|w, len, measure| w.more(len, measure));
                    } else {
                        clicked(true);
                    }
                }
            >
                {move || match has_more() {
                    true => locale.show_more(shown.with(|w| results.with(|r| w.left(r.films.len()))).min(PAGE)),
                    false => locale.t().more_from_tmdb.to_owned(),
                }}
            </button>
        </Show>
    }
}

/// The height a mounted page takes in the grid: from the top of its first card to the top
/// of what follows it (the next page, or the space below, which is always there), so its
/// row gaps are included. Pages are whole rows (see `PAGE`), so that is exactly the space
/// it leaves. `start..end` are the positions of the mounted cards.
fn page_height(ul: &web_sys::HtmlUListElement, start: usize, end: usize, page: usize) -> f64 {
    // Child 0 is the space above; the cards follow in list order, then the space below.
    let first = 1 + page * PAGE - start;
    let next = 1 + ((page + 1) * PAGE).min(end) - start;
    let children = ul.children();
    match (children.item(first as u32), children.item(next as u32)) {
        (Some(first), Some(next)) => next.get_bounding_client_rect().top() - first.get_bounding_client_rect().top(),
        _ => 0.0,
    }
}
