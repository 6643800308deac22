//! Components mounted in a real browser (wasm-bindgen-test in headless Chromium):
//! a film card, the filter panel with its toggles, the empty state and the notice.
#![cfg(target_arch = "wasm32")]

use catalog::{
    badges, decode, Catalog, Date, FacetKey, Filter, Index, LangCode, Loosen, Monetization, Problem, Reason,
    RegionCode, Said, Skipped,
};
use flimmer::components::skipped_notice::{SHOWN_ENTRIES, SHOWN_PROBLEMS};
use flimmer::components::{EmptyState, FilmCard, FilterPanel, SearchBox, SkippedNotice};
use flimmer::i18n::Locale;
use flimmer::state::{Library, PageLocale, SharedFilm};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/catalog-with-broken-entries.json");
const TODAY: Date = Date { year: 2026, month: 3, day: 5 };

fn sample() -> Catalog {
    decode(FIXTURE).expect("fixture loads").catalog
}

/// A film of the fixture, as the app's cards get it: shared with its library.
fn shared(id: &str) -> SharedFilm {
    let loaded = decode(FIXTURE).expect("fixture loads").said();
    let index = Index::build(&loaded.catalog, TODAY);
    SharedFilm::find(std::sync::Arc::new(Library::new(loaded, index)), id).expect("the fixture has the film")
}

/// A fresh element in the page to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}")).unchecked_into()
}

/// The element's text as assistive technology reads it: without `aria-hidden` parts.
fn accessible_text(element: &web_sys::HtmlElement) -> String {
    let copy: web_sys::Element = element.clone_node_with_deep(true).unwrap().unchecked_into();
    let hidden = copy.query_selector_all("[aria-hidden=true]").unwrap();
    for i in 0..hidden.length() {
        let node = hidden.item(i).unwrap();
        node.parent_node().unwrap().remove_child(&node).unwrap();
    }
    copy.text_content().unwrap_or_default().trim().to_owned()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    find(root, selector).click();
}

#[wasm_bindgen_test]
async fn film_card_shows_the_film_and_where_it_streams() {
    let catalog = sample();
    let heat = shared("tmdb:949");
    let shown = badges(&catalog, &heat, &Filter::new(RegionCode::DE), TODAY);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::De));
        view! { <FilmCard film=heat badges=Signal::stored(shown) href=Signal::stored("/film/tmdb:949".to_string())/> }
    });
    tick().await;

    let text = root.text_content().unwrap();
    for expected in ["Heat", "1995", "2 Std. 50 Min.", "Krimi", "Michael Mann", "Al Pacino", "7,9", "Testfilm Heat."] {
        assert!(text.contains(expected), "card lacks {expected:?}: {text}");
    }
    assert_eq!(find(&root, "h3 a").get_attribute("href").as_deref(), Some("/film/tmdb:949"));
    let badge = find(&root, "a.offer-badge");
    assert_eq!(badge.get_attribute("data-provider").as_deref(), Some("netflix"));
    assert_eq!(badge.get_attribute("title").as_deref(), Some("Heat kann bei Netflix im Abo gestreamt werden"));
    assert!(badge.get_attribute("aria-label").is_none(), "the visible text is the name (WCAG 2.5.3)");
    assert_eq!(badge.get_attribute("href").as_deref(), Some("https://www.netflix.com/"));
    assert_eq!(badge.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert!(root.query_selector("img").unwrap().is_none(), "no poster URL: a placeholder is drawn");
    assert!(find(&root, ".poster--placeholder").text_content().unwrap().contains("Heat"));
}

#[wasm_bindgen_test]
async fn film_card_renders_hostile_text_as_text() {
    let hostile = shared("flimmer:hostile");
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::En));
        view! { <FilmCard film=hostile badges=Signal::stored(Vec::new())/> }
    });
    tick().await;
    assert!(root.query_selector("img, script").unwrap().is_none(), "markup in a title must not become elements");
    assert!(root.text_content().unwrap().contains("<img src=x onerror="));
    assert!(root.text_content().unwrap().contains("Currently on no service in this country."));
}

/// The filter panel over `catalog` (countries AT and DE, the services of DE), showing and
/// changing `filter`; its root, the query's results and the mount (dropped: unmounted).
async fn filter_panel(
    catalog: &Catalog,
    filter: RwSignal<Filter>,
) -> (web_sys::HtmlElement, Signal<catalog::Results>, impl Sized) {
    let services = catalog.providers_in(RegionCode::DE).into_iter().cloned().collect::<Vec<_>>();
    let index = std::sync::Arc::new(Index::build(catalog, TODAY));
    let results = Signal::derive(move || filter.with(|f| index.run(f, LangCode::DE)));
    let root = container();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::De));
        view! {
            <FilterPanel
                filter=filter
                regions=Signal::stored(vec![RegionCode::AT, RegionCode::DE])
                services=Signal::stored(services)
                results=results
                on_change=Callback::new(move |next| filter.set(next))
            />
        }
    });
    tick().await;
    (root, results, mounted)
}

#[wasm_bindgen_test]
async fn filter_panel_toggles_services_and_types() {
    let catalog = sample();
    let filter = RwSignal::new(Filter::new(RegionCode::DE));
    let (root, results, _mounted) = filter_panel(&catalog, filter).await;

    // Every option shows how many films choosing it would show.
    let shown_count = |selector: &str| find(&root, &format!("{selector} .toggle__count")).text_content().unwrap();
    let netflix_count = results.with_untracked(|r| {
        r.options(FacetKey::Services).iter().find(|o| o.value == "netflix").map(|o| o.count).unwrap()
    });
    assert!(netflix_count > 0);
    assert_eq!(shown_count("button[data-provider=netflix]"), netflix_count.to_string());

    let netflix = "button[data-provider=netflix]";
    assert_eq!(find(&root, netflix).get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        accessible_text(&find(&root, netflix)),
        format!("Netflix{netflix_count}"),
        "the name and the count are the accessible name"
    );
    click(&root, netflix);
    tick().await;
    assert_eq!(find(&root, netflix).get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(
        !accessible_text(&find(&root, netflix)).contains('✓'),
        "pressed is said by aria-pressed, not by the check mark in the name"
    );
    assert!(filter.with_untracked(|f| f.services.iter().any(|s| s.as_str() == "netflix")));

    assert_eq!(find(&root, "button[data-type=flatrate]").get_attribute("aria-pressed").as_deref(), Some("true"));
    click(&root, "button[data-type=rent]");
    tick().await;
    assert_eq!(find(&root, "button[data-type=rent]").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(filter.with_untracked(|f| f.types.contains(&Monetization::Rent)));

    // "Not on Netflix" moves Netflix from the included services to the excluded ones.
    let exclude = "button[data-exclude=netflix]";
    assert_eq!(find(&root, exclude).get_attribute("aria-label").as_deref(), Some("Ohne Netflix"));
    click(&root, exclude);
    tick().await;
    assert_eq!(find(&root, exclude).get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(find(&root, netflix).get_attribute("aria-pressed").as_deref(), Some("false"));
    assert!(filter.with_untracked(|f| f.exclude.iter().any(|s| s.as_str() == "netflix") && f.services.is_empty()));

    // The folded part draws its options when it first opens (its `toggle` event comes in
    // a task of its own), and a genre option there narrows the filter.
    let genres = "[data-facet=genres] button";
    assert!(root.query_selector(genres).unwrap().is_none(), "folded, the options are not drawn yet");
    click(&root, ".filter__more > summary");
    flimmer::browser::sleep(30).await;
    tick().await;
    assert!(root.query_selector_all(genres).unwrap().length() > 3, "opened, every genre is an option");
    click(&root, "[data-facet=genres] button[data-value=crime]");
    tick().await;
    assert!(filter.with_untracked(|f| f.genres.contains(&catalog::Genre::Crime)));

    let select: web_sys::HtmlSelectElement = find(&root, "select").unchecked_into();
    assert_eq!(select.value(), "DE");
    select.set_value("AT");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    assert_eq!(filter.with_untracked(|f| f.region), RegionCode::AT);
    assert_eq!(find(&root, "label[for=filter-region]").text_content().unwrap(), "Land");
}

#[wasm_bindgen_test]
async fn filter_panel_opens_with_its_folded_options_when_one_is_set() {
    let mut start = Filter::new(RegionCode::DE);
    start.genres.insert(catalog::Genre::Crime);
    let filter = RwSignal::new(start);
    let (root, _, _mounted) = filter_panel(&sample(), filter).await;
    // A shared link's folded filter is on screen at once, set, without a click.
    assert!(find(&root, ".filter__more").has_attribute("open"));
    let crime = "[data-facet=genres] button[data-value=crime]";
    assert_eq!(find(&root, crime).get_attribute("aria-pressed").as_deref(), Some("true"));
    // Unset from inside, the button stays the same element (the focus stays on it).
    let before = find(&root, crime);
    before.click();
    tick().await;
    flimmer::browser::sleep(30).await;
    tick().await;
    assert!(filter.with_untracked(|f| f.genres.is_empty()));
    let after = find(&root, crime);
    assert!(before.is_same_node(Some(&after)), "the options are drawn once, not again");
    assert_eq!(after.get_attribute("aria-pressed").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn search_box_reports_every_keystroke_and_shows_words_from_the_url() {
    let filter = RwSignal::new(Filter { text: "heat".into(), ..Filter::new(RegionCode::DE) });
    let left = RwSignal::new(0);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::De));
        view! {
            <SearchBox
                filter=filter
                on_change=Callback::new(move |next| filter.set(next))
                on_leave=Callback::new(move |_| left.update(|n| *n += 1))
            />
        }
    });
    tick().await;
    let input: web_sys::HtmlInputElement = find(&root, "input[type=search]").unchecked_into();
    assert_eq!(input.value(), "heat", "the words of a link are in the field");
    assert_eq!(find(&root, "label[for=search-input]").text_content().unwrap(), "Suche");
    assert_eq!(find(&root, "[role=search]").tag_name(), "DIV");

    input.set_value("amélie");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    assert_eq!(filter.get_untracked().text, "amélie");
    assert_eq!(filter.get_untracked().region, RegionCode::DE, "the rest of the filter is kept");
    assert_eq!(left.get_untracked(), 0, "typing is not leaving");
    // Leaving the field after changing it (`change`) is reported once.
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    assert_eq!(left.get_untracked(), 1);

    // Back to a link without words empties the field.
    filter.set(Filter::new(RegionCode::DE));
    tick().await;
    assert_eq!(input.value(), "");
}

#[wasm_bindgen_test]
async fn empty_state_button_loosens_the_filter() {
    let start = Filter::new(RegionCode::DE).toggle_type(Monetization::Flatrate);
    let filter = RwSignal::new(start.clone());
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::En));
        view! {
            <EmptyState
                hint=Signal::stored(Loosen::PickAType)
                filter=filter
                on_change=Callback::new(move |next| filter.set(next))
            />
        }
    });
    tick().await;
    assert!(root.text_content().unwrap().contains("Choose at least one way to watch"));
    click(&root, "button");
    tick().await;
    assert_eq!(filter.get_untracked().types, Filter::default_types());
}

#[wasm_bindgen_test]
async fn skipped_notice_lists_every_skipped_entry_with_its_path() {
    // Worded as the catalog worker words them (`Loaded::said`).
    let loaded = decode(FIXTURE).unwrap().said();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::De));
        view! { <SkippedNotice skipped=loaded.skipped/> }
    });
    tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("5 Einträge im Katalog waren fehlerhaft"), "{text}");
    assert!(text.contains("films[3].offers[0].type: unbekannte Angebotsart \"stream\""), "{text}");
    assert!(text.contains("films[4].offers[0].url: Links müssen https-Adressen sein"), "{text}");
    assert!(find(&root, "details").get_attribute("open").is_none(), "collapsed until opened");
}

#[wasm_bindgen_test]
async fn skipped_notice_lists_the_first_entries_and_counts_the_rest() {
    let problem =
        |i: usize| Problem { path: format!("films[0].genres[{i}]"), reason: Reason::UnknownGenre("x".into()) }.said();
    let skipped: Vec<Skipped<Said>> = (0..SHOWN_ENTRIES + 1234)
        .map(|i| Skipped {
            path: format!("films[{i}]"),
            label: None,
            problems: (0..if i == 0 { SHOWN_PROBLEMS + 2 } else { 1 }).map(problem).collect(),
        })
        .collect();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(PageLocale(Locale::De));
        view! { <SkippedNotice skipped/> }
    });
    tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("1.284 Einträge im Katalog waren fehlerhaft"), "{text}");
    assert_eq!(root.query_selector_all(".notice__entry").unwrap().length() as usize, SHOWN_ENTRIES);
    assert!(
        text.contains(&format!("films[{}]", SHOWN_ENTRIES - 1)) && !text.contains(&format!("films[{}]", SHOWN_ENTRIES))
    );
    assert!(text.contains("… und 1.234 weitere"), "{text}");
    assert!(text.contains("… und 2 weitere"), "the first entry's problems are cut too: {text}");
}
