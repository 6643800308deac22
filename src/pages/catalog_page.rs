//! `/`: search, the filter and the grid of film cards they let through. The filter lives in the URL.

use std::sync::Arc;
use std::time::Duration;

use catalog::query::{param, with_filter, REGION};
use catalog::{loosen_hint, my_services, Filter, Said};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::components::film_grid::FIRST;
use crate::components::{data_note, EmptyState, FilmGrid, FilterPanel, SearchBox, SkippedNotice, SortSelect};
use crate::grid_window::{GridWindow, PAGE};
use crate::i18n::Locale;
use crate::pages::{use_url_filter, with_catalog};
use crate::sources::{live, CatalogSource};
use crate::state::{use_app, use_locale, GridPlace, Library};

#[component]
pub fn CatalogPage() -> impl IntoView {
    with_catalog(|library| view! { <CatalogView library/> })
}

/// How long typing pauses before the rest of the first page of cards is drawn.
const TYPING: Duration = Duration::from_millis(500);

#[component]
fn CatalogView(library: Arc<Library>) -> impl IntoView {
    let app = use_app();
    let locale = use_locale();
    let location = use_location();
    let navigate = use_navigate();
    let url_filter = use_url_filter(&library);
    // Words typed into the search and not yet written to the URL, after the query string
    // they were typed over and U+001F: the URL takes them once typing pauses (`set_search`),
    // since the router's navigation was a third of a keystroke's script (README,
    // "Figures"). They count only while the URL is still the one they were typed over:
    // back or a link wins; a click in the page writes them first. (One string, not a
    // pair: a signal of a type of its own cost the app shell 0.4 KB more.)
    let typed = RwSignal::new(String::new());
    let filter = Memo::new(move |_| {
        let mut f = url_filter.get();
        typed.with(|t| location.search.with(|s| words_over(t, s).map(|words| words.clone_into(&mut f.text))));
        f
    });
    // Which cards are mounted (`grid_window`). Coming back from a film to the same query
    // mounts the same ones and scrolls to where the reader was (the place is noted when a
    // card is clicked).
    let returning = app.grid_place.get_value().filter(|p| p.search == location.search.get_untracked());
    let shown = RwSignal::new(returning.as_ref().map_or_else(GridWindow::default, |p| p.shown.clone()));
    // A new list mounts its first screen of cards in the task that changed it, the rest of
    // its first page a screen at a time, each after the frame that painted the ones before,
    // in a task of its own (one task for all of them was a long task on a slow phone, most
    // of it laying them out); while the reader types, once typing pauses (`TYPING`, or the
    // reader scrolls): each keystroke would otherwise remove the 48 cards the one before it
    // drew, which costs Chromium more than drawing the first screen (README, "Figures").
    let drawn = RwSignal::new(if returning.is_none() { FIRST } else { usize::MAX });
    let fills = StoredValue::new(0u32);
    let fill_page = move |pause: Duration| {
        // Only the last list's fill: an earlier one, still going, would fill this one early.
        let this = fills.try_update_value(|n| {
            *n += 1;
            *n
        });
        fill(drawn, move || fills.try_get_value() == this, pause)
    };
    fill_page(Duration::ZERO);
    if let Some(place) = returning {
        // After the cards are drawn, and after the router's own scroll to the top.
        request_animation_frame(move || {
            request_animation_frame(move || {
                window().scroll_to_with_x_and_y(0.0, place.scroll_y);
                // The focus was on the button that grew the grid, which is drawn anew: the
                // keyboard goes on from the grid's end button, or else its last card.
                // (The grid's last child is the space below its cards.)
                if !place.at_end {
                    return;
                }
                let found = |css| document().query_selector(css).ok().flatten();
                if let Some(end) = found(".film-grid__more").or_else(|| found(".film-grid__item:nth-last-child(2) a")) {
                    let _ = end.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        });
    }
    // Notes the window and scroll offset on screen as the place of the list `search` names.
    let note_place = move |search: String, at_end: bool| {
        let scroll_y = window().scroll_y().unwrap_or(0.0);
        app.grid_place.set_value(Some(GridPlace { search, shown: shown.get_untracked(), scroll_y, at_end }));
    };
    // A window belongs to one list: back or forward to another list starts that one at its
    // first page (a window deep into a long list would show a short one as empty space).
    // A list the reader changes (`go`) has its new window already; one that grows (more
    // from TMDB) had this window noted for its query, and keeps it.
    Effect::new(move |previous: Option<String>| {
        let search = location.search.get();
        let noted = app
            .grid_place
            .with_value(|p| p.as_ref().is_some_and(|p| p.search == search && shown.with_untracked(|w| *w == p.shown)));
        if previous.is_some_and(|p| p != search) && !shown.with_untracked(GridWindow::is_new) && !noted {
            shown.set(GridWindow::default());
        }
        search
    });
    // Writes `next` to the URL: a history entry, or in place of the current one.
    let write = {
        let navigate = navigate.clone();
        move |next: &Filter, replace: bool| {
            let url =
                format!("{}{}", location.pathname.get_untracked(), with_filter(&location.search.get_untracked(), next));
            navigate(&url, NavigateOptions { replace, scroll: false, ..Default::default() });
        }
    };
    // A new list starts again from its first screen.
    let go = {
        let write = write.clone();
        move |next: &Filter, replace: bool, pause: Duration| {
            shown.set(GridWindow::default());
            drawn.set(FIRST);
            write(next, replace);
            fill_page(pause);
        }
    };
    // Every filter change is a history entry, so back and forward walk through them.
    let set_filter = Callback::new({
        let go = go.clone();
        move |next: Filter| go(&next, false, Duration::ZERO)
    });
    // Writes the words typed and not yet in the URL, while the URL is still the one they
    // were typed over. The first words of a search are a history entry, later ones replace
    // them: back returns to the list before the search, not through "h", "he", "hea".
    let flush = {
        let write = write.clone();
        move || {
            let pending = typed.try_with_untracked(|t| location.search.with_untracked(|s| words_over(t, s).is_some()));
            if pending == Some(true) {
                let next = filter.get_untracked();
                // Written, so no longer laid over the URL: back to it shows it as it was.
                typed.update_untracked(String::clear);
                write(&next, url_filter.with_untracked(|f| !f.text.is_empty()));
            }
        }
    };
    // A keystroke shows its list at once and writes its words to the URL once typing
    // pauses, unless the URL has changed since (back or a link won), or the reader left
    // the field or clicked in the page first (`on:change`, `on:click:capture` below).
    let set_search = Callback::new({
        let flush = flush.clone();
        move |next: Filter| {
            shown.set(GridWindow::default());
            drawn.set(FIRST);
            let now = format!("{}\u{1f}{}", location.search.get_untracked(), next.text);
            typed.set(now.clone());
            fill_page(TYPING);
            let flush = flush.clone();
            set_timeout(
                move || {
                    if typed.try_with_untracked(|t| *t == now) == Some(true) {
                        flush();
                    }
                },
                TYPING,
            );
        }
    });
    // A first visit writes its region into the URL, so a copied link shows the same view.
    Effect::new({
        let go = go.clone();
        let library = library.clone();
        move |_| {
            if param(&location.search.get(), REGION).is_none() {
                // ... and starts with my services, unless the link chooses services itself.
                let mine = crate::browser::my_services();
                go(&my_services::apply(filter.get_untracked(), &mine, &library.loaded.catalog), true, Duration::ZERO);
            }
        }
    });

    // One query answers the list, its order and every option's count.
    let results = Memo::new({
        let library = library.clone();
        move |_| filter.with(|f| library.index.run(f, locale.lang()))
    });
    let hint = Signal::derive({
        let library = library.clone();
        move || filter.with(|f| loosen_hint(f, |wider| library.index.count(wider)))
    });
    let regions = Signal::stored(library.regions());
    // Memos, so toggling a service does not recompute (or re-diff) the list of services.
    let region = Memo::new(move |_| filter.with(|f| f.region));
    let services = Memo::new({
        let library = library.clone();
        move |_| library.loaded.catalog.providers_in(region.get()).into_iter().cloned().collect::<Vec<_>>()
    });
    // The count is announced once typing or clicking pauses, not after every keystroke: a
    // screen reader would otherwise read "12 Filme" after each letter of a search.
    let announced = RwSignal::new(String::new());
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let text = locale.films(results.with(|r| r.films.len()));
        if let Some(Some(timer)) = pending {
            timer.clear();
        }
        set_timeout_with_handle(move || announced.set(text), Duration::from_millis(700)).ok()
    });
    // A click in the grid notes where the reader was. With TMDB live, which holds what
    // TMDB's lists named so far, the grid's end button then asks TMDB for the next step
    // (`more=`): more of its discover for this filter, or of the search on screen. The
    // catalog comes back larger, and the grid stays where the reader was: the place is
    // noted for the next query (the Effect above keeps the window, the next catalog's page
    // scrolls back to it).
    let on_grid_click = Callback::new({
        let navigate = navigate.clone();
        move |more: bool| {
            let search = location.search.get_untracked();
            if !more {
                return note_place(search, false);
            }
            let next = live::more(&search);
            note_place(next.trim_start_matches('?').to_owned(), true);
            let url = format!("{}{next}", location.pathname.get_untracked());
            navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    });
    // The part of every card link after the path, built once per filter, not per card.
    let link_query = Memo::new(move |_| filter.with(|f| with_filter(&location.search.get(), f)));

    view! {
        <h1 class="visually-hidden">{locale.t().tagline}</h1>
        // Above both columns: on a phone the search comes first, not after the filter.
        // Leaving the field (Tab, a click anywhere) writes the words still waiting for the
        // pause first: `change` comes with the field's blur, on the press of a click, so
        // the header's language switch, outside the page, takes them along. (A callback on
        // the field, not `on:change` on the component: that listener stayed the first
        // page's when a new catalog drew this one again in place.)
        <SearchBox filter=filter on_change=set_search on_leave=Callback::new({
            let flush = flush.clone();
            move |_| flush()
        })/>
        // The page is drawn anew with each catalog, so with each source.
        {match (library.instead_of.as_str(), app.source.get_untracked()) {
            ("", CatalogSource::Url(url, ..)) => Some(locale.foreign_source(url.host())),
            // A `source=` naming no https URL: the built-in catalog, saying why.
            ("", CatalogSource::BuiltIn) => {
                let source = param(&location.search.get_untracked(), "source");
                source.map(|s| locale.said(&Said::not_https("source", &s)))
            }
            ("", _) => None,
            // The built-in catalog in its place, saying why in the page's language (the
            // worker writes both); its date line says "Beispieldaten". (A sentence of its
            // own cost the app shell 0.3 KB it does not have.)
            (why, _) => {
                let at = why.bytes().position(|b| b == 0x1f).unwrap_or(why.len());
                Some(if locale == Locale::De { &why[..at] } else { why.get(at + 1..).unwrap_or(why) }.to_owned())
            }
        }
        .map(|note| view! { <p class="notice notice--source" data-testid="source-note">{note}</p> })}
        // A click in the page writes them too, in the capture phase, ahead of what it
        // clicks (a touch screen may keep the field focused): a film's link (its page's
        // back returns to this list), "find on TMDB", "more from TMDB", which start from
        // the URL.
        <div class="catalog-page" on:click:capture=move |_| flush()>
            <aside class="catalog-page__filter">
                <FilterPanel
                    filter=filter
                    regions=regions
                    services=services
                    results=results
                    on_change=set_filter
                />
                {data_note(&library)}
            </aside>
            // Busy (`aria-busy`, set by the shell's loader, `busy` in lib.rs) while another
            // region's shard, or TMDB live in another region or language, loads: this view
            // stays until it is in, and says so (style/status.css draws `data-loading`).
            <section
                id="results"
                class="catalog-page__results"
                aria-labelledby="results-heading"
                data-loading=locale.t().loading
            >
                <div class="results__head">
                    <h2 id="results-heading" class="results__heading">{locale.t().results_heading}</h2>
                    <p class="results__count" data-testid="result-count">{move || locale.films(results.with(|r| r.films.len()))}</p>
                    <p class="visually-hidden" role="status" aria-atomic="true" data-testid="result-announcement">
                        {move || announced.get()}
                    </p>
                    <SortSelect filter=filter on_change=set_filter/>
                </div>
                <SkippedNotice skipped=library.loaded.skipped.clone()/>
                <Show when=move || results.with(|r| r.films.is_empty())>
                    <EmptyState hint=hint filter=filter on_change=set_filter/>
                </Show>
                <FilmGrid
                    library=library.clone()
                    results=results
                    filter=filter
                    shown=shown
                    drawn=drawn
                    link_query=link_query
                    on_click=on_grid_click
                    more_from_tmdb=library.more
                />
            </section>
        </div>
    }
}

/// The words of `typed` (`CatalogView`), while `search` is still the query string they
/// were typed over.
fn words_over<'a>(typed: &'a str, search: &str) -> Option<&'a str> {
    typed.split_once('\u{1f}').filter(|(over, _)| *over == search).map(|(_, words)| words)
}

/// After the next frame and `pause`, mounts [`FIRST`] more cards of the first page, and
/// so on, a task each, until the page is whole; stops when `current` says a newer list
/// has begun.
fn fill(drawn: RwSignal<usize>, current: impl Fn() -> bool + Copy + 'static, pause: Duration) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                let more = current()
                    && drawn.try_update(|n| {
                        // (All of them already when the reader scrolled or asked for more.)
                        *n = if n.saturating_add(FIRST) < PAGE { *n + FIRST } else { usize::MAX };
                        *n != usize::MAX
                    }) == Some(true);
                if more {
                    fill(drawn, current, Duration::ZERO);
                }
            },
            pause,
        )
    })
}
