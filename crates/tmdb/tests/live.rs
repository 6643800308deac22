//! The live source's walk (`tmdb::live`) on recorded answers: what it asks, and the
//! catalog it makes of the answers.

mod common;

use catalog::{Date, Kind, LangCode, RegionCode};
use common::{fixture, ok, sample};
use tmdb::live::{Live, LISTED, PAGES, REGIONS};
use tmdb::{Details, Images, Page, ProviderList};

const TODAY: Date = Date { year: 2026, month: 11, day: 27 };

fn heat_with(extra_region: &str) -> Details {
    // Heat's recorded details, with offers in one more region.
    let mut value: serde_json::Value = serde_json::from_str(&fixture("movie_949_details.json")).unwrap();
    let results = value["watch/providers"]["results"].as_object_mut().unwrap();
    let de = results["DE"].clone();
    results.insert(extra_region.to_owned(), de);
    ok(&value.to_string())
}

#[test]
fn it_lists_movies_then_series_on_our_services_in_the_region_and_language() {
    let live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb());
    let lists = live.lists();
    assert_eq!(lists.len(), 2 * PAGES as usize);
    let kinds: Vec<Kind> = lists.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [Kind::Movie, Kind::Movie, Kind::Show, Kind::Show]);
    let first = lists[0].1.url("https://api.example/3");
    assert!(first.starts_with("https://api.example/3/discover/movie?language=de-DE&page=1"), "{first}");
    assert_eq!(lists[0].1.get("watch_region"), Some("DE"));
    let services = lists[0].1.get("with_watch_providers").unwrap();
    // Netflix, Prime Video (both ids), Disney+: any of them.
    for id in ["8", "9", "119", "337"] {
        assert!(services.split('|').any(|s| s == id), "{id} in {services}");
    }
    assert_eq!(lists[0].1.get("with_watch_monetization_types"), Some("flatrate|free|ads|rent|buy"));
    assert_eq!(lists[1].1.get("page"), Some("2"));
    assert!(lists[2].1.url("").starts_with("/discover/tv?"));
}

#[test]
fn finding_a_title_asks_tmdbs_search_for_movies_and_series_instead() {
    let live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).finding("  Lola rennt ");
    let lists = live.lists();
    let kinds: Vec<Kind> = lists.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [Kind::Movie, Kind::Show]);
    assert_eq!(lists[0].1.url(""), "/search/movie?query=Lola%20rennt&include_adult=false&language=de-DE&page=1");
    assert!(lists[1].1.url("").starts_with("/search/tv?query=Lola%20rennt&"));
    // Search takes no filter: the title is found whatever services it is on.
    assert_eq!(lists[0].1.get("with_watch_providers"), None);
    // Blank text finds nothing: the popular titles, as without it.
    let blank = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).finding(" ");
    assert!(blank.lists()[0].1.url("").starts_with("/discover/movie?"));
    // A search page is read as a list page: its titles' details are asked for next.
    let mut live = live;
    let page: Page = ok(&sample("discover_movie_page1.json"));
    live.add_list(Kind::Movie, &page);
    assert_eq!(live.details().len(), page.results.len());
}

#[test]
fn details_are_asked_once_per_title_most_popular_first() {
    let mut live = Live::new(RegionCode::DE, LangCode::EN, Images::tmdb());
    let page: Page = ok(&sample("discover_movie_page1.json"));
    live.add_list(Kind::Movie, &page);
    // The same page again (a title on two lists) adds no title twice.
    live.add_list(Kind::Movie, &page);
    let details = live.details();
    assert_eq!(details.len(), page.results.len());
    let mut by_popularity: Vec<_> = page.results.iter().collect();
    by_popularity.sort_by(|a, b| b.popularity.total_cmp(&a.popularity));
    let first = details[0].1.url("");
    assert!(first.starts_with(&format!("/movie/{}?language=en-US", by_popularity[0].id)), "{first}");
    assert!(first.contains("append_to_response=credits%2Cwatch%2Fproviders%2Crelease_dates"), "{first}");
    // Asked for once: the titles are handed over.
    assert!(live.details().is_empty());
}

#[test]
fn the_catalog_keeps_films_of_the_region_with_offers_in_the_known_regions() {
    let mut live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb());
    live.add_details(Kind::Movie, &heat_with("FR"));
    // The same title twice is one film.
    live.add_details(Kind::Movie, &heat_with("FR"));
    assert_eq!((live.films(), live.skipped), (1, 1));
    let catalog = live.finish(TODAY);
    assert_eq!(catalog.as_of, TODAY);
    let heat = &catalog.films[0];
    assert_eq!(heat.id.as_str(), "tmdb:949");
    let regions = catalog.regions();
    assert!(regions.iter().all(|r| REGIONS.contains(r)), "{regions:?}");
    assert!(regions.contains(&RegionCode::DE) && regions.contains(&RegionCode::US));
    // Netflix first (our services in our order), then the stores TMDB named.
    assert_eq!(catalog.providers[0].id.as_str(), "netflix");
    for offer in &heat.offers {
        assert!(catalog.provider(&offer.provider).is_some(), "{:?} has a provider", offer.provider);
    }
    assert!(catalog.providers.iter().all(|p| heat.offers.iter().any(|o| o.provider == p.id)));
}

#[test]
fn a_region_outside_the_known_ones_is_kept_for_its_reader() {
    let mut live = Live::new(RegionCode::parse("FR").unwrap(), LangCode::EN, Images::tmdb());
    live.add_details(Kind::Movie, &heat_with("FR"));
    let catalog = live.finish(TODAY);
    assert!(catalog.regions().contains(&RegionCode::parse("FR").unwrap()));
}

#[test]
fn a_title_with_no_offer_in_the_region_is_skipped() {
    let mut live = Live::new(RegionCode::GB, LangCode::EN, Images::tmdb());
    live.add_details(Kind::Movie, &ok(&fixture("movie_949_details.json")));
    assert_eq!((live.films(), live.skipped), (0, 1));
    assert!(live.finish(TODAY).films.is_empty());
}

#[test]
fn films_come_in_the_catalog_order() {
    let mut live = Live::new(RegionCode::DE, LangCode::EN, Images::tmdb());
    let mut fewer: serde_json::Value = serde_json::from_str(&fixture("movie_949_details.json")).unwrap();
    fewer["id"] = 950.into();
    fewer["title"] = "Heat (fewer votes)".into();
    fewer["vote_count"] = 10.into();
    live.add_details(Kind::Movie, &ok(&fewer.to_string()));
    live.add_details(Kind::Movie, &ok(&fixture("movie_949_details.json")));
    let ids: Vec<String> = live.finish(TODAY).films.iter().map(|f| f.id.as_str().to_owned()).collect();
    assert_eq!(ids, ["tmdb:949", "tmdb:950"]);
}

#[test]
fn more_joins_the_popular_titles_with_tmdbs_discover_for_the_readers_filter() {
    let mut filter = catalog::Filter::from_query("region=AT&services=netflix&genres=horror&kind=movie", RegionCode::DE);
    filter.text = String::new();
    let live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).more(2, filter);
    let lists = live.lists();
    let urls: Vec<String> = lists.iter().map(|(_, r)| r.url("")).collect();
    // The popular titles as before: PAGES per kind, on every service of ours.
    let popular = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).lists();
    for (_, request) in &popular {
        assert!(lists.iter().any(|(_, r)| r == request), "{request:?} still asked");
    }
    // Then two steps of the filter's discover: movies only (the filter asks for movies),
    // on Netflix, horror, in the region in view (DE, not the filter's AT).
    let more: Vec<&(Kind, tmdb::Request)> = lists.iter().filter(|(_, r)| r.get("with_genres").is_some()).collect();
    assert_eq!(more.len(), 2 * PAGES as usize, "{urls:#?}");
    assert!(more.iter().all(|(kind, r)| *kind == Kind::Movie
        && r.get("with_watch_providers") == Some("8")
        && r.get("watch_region") == Some("DE")));
    let pages: Vec<&str> = more.iter().map(|(_, r)| r.get("page").unwrap()).collect();
    assert_eq!(pages, ["1", "2", "3", "4"]);
}

#[test]
fn more_without_a_filter_of_its_own_asks_the_next_pages_once() {
    // The reader's filter is the popular one (every way to watch, every service of ours):
    // its first pages are not asked twice.
    let mut filter = catalog::Filter::new(RegionCode::DE);
    filter.types = catalog::Monetization::ALL.into_iter().collect();
    let live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).more(2, filter.clone());
    let lists = live.lists();
    assert_eq!(lists.len(), 2 * 2 * PAGES as usize);
    for (i, (_, a)) in lists.iter().enumerate() {
        assert!(!lists[..i].iter().any(|(_, b)| a == b), "{a:?} asked twice");
    }
    // Steps are bounded.
    let far = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).more(99, filter);
    assert_eq!(far.lists().len(), 2 * tmdb::live::MAX_STEPS as usize * PAGES as usize);
}

#[test]
fn more_of_a_search_asks_its_next_pages() {
    let live = Live::new(RegionCode::DE, LangCode::EN, Images::tmdb())
        .finding("lola")
        .more(3, catalog::Filter::new(RegionCode::DE));
    let pages: Vec<(Kind, String)> =
        live.lists().iter().map(|(k, r)| (*k, format!("{} {}", r.path, r.get("page").unwrap()))).collect();
    assert_eq!(pages.len(), 6);
    assert_eq!(pages[2], (Kind::Movie, "/search/movie 3".to_owned()));
    assert_eq!(pages[5], (Kind::Show, "/search/tv 3".to_owned()));
}

#[test]
fn there_is_more_while_the_last_page_read_has_pages_after_it() {
    let page = |n: u32, total: u32| -> Page {
        let mut page: Page = ok(&sample("discover_movie_page1.json"));
        page.page = n;
        page.total_pages = total;
        page
    };
    let mut live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb());
    live.add_list(Kind::Movie, &page(1, 1));
    assert!(!live.has_more(), "a first page that is the last");
    live.add_list(Kind::Movie, &page(PAGES, PAGES + 1));
    assert!(live.has_more());
    // Step 2: the popular lists' last page says nothing; the filter's last page does.
    let mut live =
        Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).more(2, catalog::Filter::new(RegionCode::DE));
    live.add_list(Kind::Movie, &page(PAGES, 500));
    assert!(!live.has_more());
    live.add_list(Kind::Show, &page(2 * PAGES, 2 * PAGES));
    assert!(!live.has_more(), "the filter's lists end there");
    live.add_list(Kind::Movie, &page(2 * PAGES, 500));
    assert!(live.has_more());
    // The last step allowed offers no more.
    let mut last =
        Live::new(RegionCode::DE, LangCode::DE, Images::tmdb()).more(99, catalog::Filter::new(RegionCode::DE));
    last.add_list(Kind::Movie, &page(PAGES * tmdb::live::MAX_STEPS, 500));
    assert!(!last.has_more());
}

/// The panel's services: those the films' offers name, and the region's main ones from
/// TMDB's list of them, also with no title on them (a reader can choose one and ask TMDB).
#[test]
fn the_regions_main_services_are_listed_with_no_title_on_them() {
    let mut live = Live::new(RegionCode::DE, LangCode::DE, Images::tmdb());
    let asked: Vec<String> = live.provider_lists().iter().map(|r| r.url("")).collect();
    assert_eq!(
        asked,
        ["/watch/providers/movie?language=de-DE&watch_region=DE", "/watch/providers/tv?language=de-DE&watch_region=DE"]
    );
    let list: ProviderList = ok(&fixture("watch_providers_movie_DE.json"));
    // The series list names the same services: each is listed once.
    live.add_provider_list(&list);
    live.add_provider_list(&list);
    live.add_details(Kind::Movie, &heat_with("US"));
    let catalog = live.finish(TODAY);
    let ids = |region| catalog.providers_in(region).iter().map(|p| p.id.as_str()).collect::<Vec<_>>();
    let in_de = ids(RegionCode::DE);
    // Our services first, in our order; then the others in TMDB's order for Germany.
    assert_eq!(&in_de[..3], ["netflix", "prime-video", "disney-plus"]);
    assert_eq!(in_de.len(), 15, "{in_de:?}");
    for listed in ["mubi", "tmdb-provider-178", "ard-mediathek"] {
        assert!(in_de.contains(&listed), "{listed} in {in_de:?}");
        let p = catalog.providers.iter().find(|p| p.id.as_str() == listed).unwrap();
        assert_eq!(p.regions, [RegionCode::DE]);
        assert!(!catalog.films[0].offers.iter().any(|o| o.provider == p.id), "no title on {listed}");
    }
    // A listed service is not one of another region; one a film names there is.
    assert_eq!(ids(RegionCode::US), ["netflix", "apple-tv", "amazon-video", "google-play"]);
    // A service a film names keeps the kind its offers show: the list does not say.
    let amazon = catalog.providers.iter().find(|p| p.id.as_str() == "amazon-video").unwrap();
    assert_eq!(amazon.kind, catalog::ProviderKind::Store);
}

#[test]
fn only_the_first_services_of_a_long_list_are_listed() {
    let mut live = Live::new(RegionCode::DE, LangCode::EN, Images::tmdb());
    let results: Vec<serde_json::Value> = (1..=60)
        .map(|i| {
            serde_json::json!({"provider_id": 1000 + i, "provider_name": format!("Channel {i}"),
            "logo_path": "/x.jpg", "display_priorities": {"DE": 100 - i}})
        })
        .collect();
    live.add_provider_list(&ok(&serde_json::json!({ "results": results }).to_string()));
    let catalog = live.finish(TODAY);
    let listed = catalog.providers_in(RegionCode::DE);
    assert_eq!(listed.len(), LISTED);
    // TMDB's first for Germany: the lowest priorities.
    assert_eq!(listed[0].name, "Channel 60");
}
