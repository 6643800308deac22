//! Hostile and broken answers: no panic, no link that is not https, no film without
//! what a film needs.

mod common;

use catalog::{Kind, LangCode, RegionCode};
use common::{ok, sample};
use serde_json::json;
use tmdb::{
    decode, film_from_details, film_from_summary, films_from_page, offers_from, providers_from_list, Details, Images,
    Page, PosterSize, ProviderList, SkipReason, Summary, WatchProviders,
};

fn page(value: serde_json::Value) -> tmdb::PageFilms {
    let page: Page = ok(&value.to_string());
    films_from_page(&page, Kind::Movie, LangCode::EN, &Images::tmdb())
}

fn one(entry: serde_json::Value) -> Result<catalog::Film, tmdb::Skip> {
    let summary: Summary = ok(&entry.to_string());
    film_from_summary(&summary, Kind::Movie, LangCode::EN, &Images::tmdb())
}

#[test]
fn a_poster_path_that_is_not_tmdbs_never_becomes_a_link() {
    let images = Images::tmdb();
    for path in [
        "javascript:alert(1)",
        "/javascript:alert(1)",
        "//evil.example/x.jpg",
        "https://evil.example/x.jpg",
        "/../../etc/passwd",
        "/a b.jpg",
        "/a\u{0}.jpg",
        "/.hidden",
        "/",
        "",
        "data:image/png;base64,AAAA",
        "/x.jpg?y=1",
        "/x.jpg#frag",
    ] {
        assert_eq!(images.poster(path, PosterSize::Card), None, "{path:?}");
        assert_eq!(images.logo(path), None, "{path:?}");
    }
    let film = one(json!({"id": 1, "title": "X", "release_date": "2000-01-01", "poster_path": "javascript:alert(1)"}));
    assert_eq!(film.unwrap().poster, None);
}

#[test]
fn a_page_without_results_is_an_empty_page() {
    assert!(page(json!({"page": 1})).films.is_empty());
    assert!(page(json!({"page": 1, "results": null})).films.is_empty());
    assert!(page(json!({"page": 1, "results": "lots"})).films.is_empty());
    assert!(page(json!({})).films.is_empty());
    assert!(!page(json!({"page": "one", "total_pages": -4})).has_more());
}

#[test]
fn a_null_title_falls_back_to_the_original_and_no_title_at_all_is_skipped() {
    let film = one(json!({"id": 2, "title": null, "original_title": "Das Boot", "release_date": "1981-09-17"}));
    assert_eq!(film.unwrap().title, "Das Boot");
    let skip =
        one(json!({"id": 3, "title": null, "original_title": "  \u{200b} ", "release_date": "1981"})).unwrap_err();
    assert_eq!((skip.tmdb_id, skip.reason), (3, SkipReason::NoTitle));
    assert_eq!(skip.to_string(), "TMDB entry 3: no title");
}

#[test]
fn entries_that_are_not_objects_or_lack_an_id_are_dropped_not_fatal() {
    let films = page(json!({"results": [
        null, 5, "x", [],
        {"title": "No id", "release_date": "2000-01-01"},
        {"id": 0, "title": "Zero", "release_date": "2000-01-01"},
        {"id": -1, "title": "Negative", "release_date": "2000-01-01"},
        {"id": 4294967296u64, "title": "Too big", "release_date": "2000-01-01"},
        {"id": 1e30, "title": "Float", "release_date": "2000-01-01"},
        {"id": "949", "title": "String", "release_date": "2000-01-01"},
        {"id": 949, "title": "Heat", "release_date": "1995-12-15"},
        {"id": 949, "title": "Heat again", "release_date": "1995-12-15"}
    ]}));
    let titles: Vec<&str> = films.films.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Heat"], "the same film twice is one card");
    assert!(films.skipped.iter().all(|s| s.reason == SkipReason::BadId), "{:?}", films.skipped);
    assert_eq!(films.skipped.len(), 7, "{:?}", films.skipped);
}

#[test]
fn dates_without_a_catalog_year_skip_the_film_and_a_bare_year_is_enough() {
    let year = |date: serde_json::Value| one(json!({"id": 7, "title": "T", "release_date": date})).map(|f| f.year);
    assert_eq!(year(json!("2023")), Ok(2023));
    assert_eq!(year(json!("2023-13-45")), Ok(2023), "only the year is used");
    for date in [
        json!(""),
        json!(null),
        json!("20"),
        json!("abcd-01-01"),
        json!("1800-01-01"),
        json!("3000"),
        json!("20231"),
        json!(2023),
        json!("２０２３"),
    ] {
        assert_eq!(year(date.clone()).unwrap_err().reason, SkipReason::NoYear, "{date}");
    }
}

#[test]
fn ratings_outside_the_scale_or_without_votes_are_no_rating() {
    let rating = |avg: f64, votes: i64| {
        one(json!({"id": 8, "title": "T", "release_date": "2000", "vote_average": avg, "vote_count": votes}))
            .unwrap()
            .rating
    };
    assert_eq!(rating(0.0, 0), None, "nobody voted");
    assert_eq!(rating(11.0, 10), None);
    assert_eq!(rating(-1.0, 10), None);
    assert_eq!(rating(8.0, -3), None);
    assert_eq!(rating(8.0, 10).map(|r| (r.value, r.votes)), Some((8.0, 10)));
}

#[test]
fn absurdly_long_strings_are_cut() {
    let long = "Ü".repeat(1_000_000);
    let film = one(json!({"id": 9, "title": long, "original_title": long, "overview": long, "release_date": "2000",
                         "original_language": long}))
    .unwrap();
    assert_eq!(film.title.chars().count(), 300);
    assert_eq!(film.synopsis_in(LangCode::EN).unwrap().chars().count(), 2000);
    assert_eq!(film.original_language, None);
    let watch: WatchProviders = ok(&json!({"results": {"DE": {"flatrate": [
        {"provider_id": 4242, "provider_name": long, "logo_path": long}
    ]}}})
    .to_string());
    let offers = offers_from(&watch, &Images::tmdb());
    assert_eq!(offers.providers[0].provider.name.chars().count(), 60);
    assert_eq!(offers.providers[0].logo, None);
}

#[test]
fn control_characters_and_blank_names_do_not_reach_the_page() {
    let details: Details = ok(&json!({
        "id": 10, "title": "\u{7}Bell\u{0}", "release_date": "2000-01-01",
        "credits": {"cast": [{"name": "  ", "order": 0}, {"name": null}, {"name": "Real\nName", "order": 1}],
                    "crew": [{"name": "", "job": "Director"}, {"name": "Ann", "job": " Director "}]}
    })
    .to_string());
    let film = film_from_details(&details, Kind::Movie, LangCode::EN, &Images::tmdb()).unwrap().film;
    assert_eq!(film.title, "Bell");
    assert_eq!(film.cast, ["Real Name"]);
    assert_eq!(film.directors, ["Ann"]);
}

#[test]
fn cast_is_sorted_by_billing_whatever_order_it_comes_in() {
    let details: Details = ok(&json!({
        "id": 11, "title": "T", "release_date": "2000",
        "credits": {"cast": [{"name": "Third", "order": 2}, {"name": "Unbilled"}, {"name": "First", "order": 0},
                             {"name": "Second", "order": 1}, {"name": "First", "order": 5}]}
    })
    .to_string());
    let film = film_from_details(&details, Kind::Movie, LangCode::EN, &Images::tmdb()).unwrap().film;
    assert_eq!(film.cast, ["First", "Second", "Third", "Unbilled"]);
}

#[test]
fn offer_links_that_are_not_https_are_dropped_and_bad_regions_skipped() {
    let watch: WatchProviders = ok(&json!({"results": {
        "DE": {"link": "javascript:alert(document.cookie)", "flatrate": [{"provider_id": 8}]},
        "AT": {"link": "http://www.themoviedb.org/movie/1/watch?locale=AT", "flatrate": [{"provider_id": 8}]},
        "CH": {"link": "https://user@evil.example/", "rent": [{"provider_id": 2}]},
        "de": {"link": "https://www.themoviedb.org/", "flatrate": [{"provider_id": 8}]},
        "DEU": {"flatrate": [{"provider_id": 8}]},
        "": {"flatrate": [{"provider_id": 8}]},
        "US": "nothing",
        "GB": {"link": null, "flatrate": "x", "buy": [null, {"provider_id": 0}, {"provider_id": -8}, {"provider_id": "8"},
                                                    {"provider_id": 3, "display_priority": -1}]}
    }})
    .to_string());
    let offers = offers_from(&watch, &Images::tmdb());
    let got: Vec<String> = offers
        .offers
        .iter()
        .map(|o| format!("{} {} {} {:?}", o.region, o.provider, o.monetization.as_str(), o.url))
        .collect();
    assert_eq!(
        got,
        ["AT netflix flatrate None", "CH apple-tv rent None", "DE netflix flatrate None", "GB google-play buy None"]
    );
}

#[test]
fn hostile_provider_lists_do_not_panic() {
    let list: ProviderList = ok(&json!({"results": [
        {"provider_id": 8, "display_priorities": "DE"},
        {"provider_id": 178, "provider_name": null, "logo_path": "javascript:x", "display_priorities": {"DE": -1, "AT": "x"}},
        {"provider_id": null}, 17, null
    ]})
    .to_string());
    let providers = providers_from_list(&list, RegionCode::DE, &Images::tmdb());
    let names: Vec<&str> = providers.iter().map(|p| p.provider.name.as_str()).collect();
    assert_eq!(names, ["Netflix", "TMDB 178"]);
    assert_eq!(providers[1].logo, None);
}

#[test]
fn cut_and_garbled_samples_never_panic() {
    for name in ["discover_movie_page1.json", "movie_550_watch_providers.json"] {
        let text = sample(name);
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(1009) {
            // Cut anywhere, and with one byte flipped to a quote or a bracket.
            let head = String::from_utf8_lossy(&bytes[..cut]).into_owned();
            let mut flipped = bytes.to_vec();
            flipped[cut] = [b'"', b'{', b']', b'0'][cut % 4];
            let flipped = String::from_utf8_lossy(&flipped).into_owned();
            for body in [&head, &flipped] {
                if let Ok(page) = decode::<Page>(200, body) {
                    films_from_page(&page, Kind::Movie, LangCode::EN, &Images::tmdb());
                }
                if let Ok(watch) = decode::<WatchProviders>(200, body) {
                    offers_from(&watch, &Images::tmdb());
                }
                if let Ok(details) = decode::<Details>(200, body) {
                    let _ = film_from_details(&details, Kind::Movie, LangCode::EN, &Images::tmdb());
                }
            }
        }
    }
}

#[test]
fn deeply_nested_json_is_a_failure_not_a_crash() {
    let body = format!("{{\"results\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(decode::<Page>(200, &body).is_err());
}

#[test]
fn two_tmdb_ids_of_one_service_in_one_region_are_one_offer() {
    let watch: WatchProviders = ok(&json!({"results": {"DE": {"flatrate": [
        {"provider_id": 9, "provider_name": "Amazon Prime Video", "display_priority": 3},
        {"provider_id": 119, "provider_name": "Amazon Prime Video", "display_priority": 1}
    ]}}})
    .to_string());
    let offers = offers_from(&watch, &Images::tmdb());
    assert_eq!(offers.offers.len(), 1);
    assert_eq!(offers.providers.len(), 1);
    assert_eq!((offers.providers[0].provider.id.as_str(), offers.providers[0].display_priority), ("prime-video", 1));
}
