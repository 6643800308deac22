//! Search pages and the provider list of a region (fixtures in TMDB's shape).

mod common;

use catalog::{Genre, Kind, LangCode, ProviderKind, RegionCode};
use common::{fixture, ok};
use tmdb::{films_from_page, providers_from_list, Images, Page, ProviderList};

#[test]
fn a_movie_search_page_maps_to_films_and_a_missing_poster_stays_missing() {
    let page: Page = ok(&fixture("search_movie_heat.json"));
    let films = films_from_page(&page, Kind::Movie, LangCode::EN, &Images::tmdb());
    let ids: Vec<&str> = films.films.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["tmdb:949", "tmdb:136795"]);
    assert_eq!(films.films[1].title, "The Heat");
    assert_eq!(films.films[1].year, 2013);
    assert_eq!(films.films[1].poster, None, "poster_path null: the app draws its placeholder");
    assert!(!films.has_more());
}

#[test]
fn a_series_search_page_maps_names_air_dates_and_series_genres() {
    let page: Page = ok(&fixture("search_tv_dark.json"));
    let films = films_from_page(&page, Kind::Show, LangCode::DE, &Images::tmdb()).films;
    let dark = &films[0];
    assert_eq!(dark.id.as_str(), "tmdbtv:70523");
    assert_eq!((dark.title.as_str(), dark.original_title.as_str(), dark.year), ("Dark", "Dark", 2017));
    assert_eq!(dark.original_language, Some(LangCode::DE));
    assert_eq!(dark.genres, [Genre::Crime, Genre::Drama, Genre::Mystery, Genre::ScienceFiction, Genre::Fantasy]);
    assert!(dark.synopsis.get(&LangCode::DE).unwrap().starts_with("Als in einer Kleinstadt"));
}

#[test]
fn the_provider_list_of_germany_names_ours_as_ours_in_tmdbs_order() {
    let list: ProviderList = ok(&fixture("watch_providers_movie_DE.json"));
    let providers = providers_from_list(&list, RegionCode::DE, &Images::tmdb());
    let ids: Vec<&str> = providers.iter().map(|p| p.provider.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "netflix",
            "prime-video",
            "disney-plus",
            "apple-tv",
            "wow",
            "amazon-video",
            "google-play",
            "rtl-plus",
            "joyn",
            "tmdb-provider-178",
            "ard-mediathek",
            "zdf-mediathek",
            "mubi",
            "paramount-plus",
            "apple-tv-plus",
        ]
    );
    // ARD's priority for Germany (28), not its global one (30).
    let ard = providers.iter().find(|p| p.provider.id.as_str() == "ard-mediathek").unwrap();
    assert_eq!(ard.display_priority, 28);
    assert_eq!(ard.provider.kind, ProviderKind::Free);
    assert_eq!(providers[2].provider.name, "Disney+");
    let magenta = &providers[9];
    assert_eq!((magenta.provider.name.as_str(), magenta.provider.kind), ("MagentaTV", ProviderKind::Subscription));
    assert_eq!(
        magenta.logo.as_ref().unwrap().as_str(),
        "https://image.tmdb.org/t/p/w92/lrEigPPAhggq02q53uM8vdWAIUX.jpg"
    );
}

#[test]
fn two_tmdb_ids_of_one_service_are_one_toggle() {
    let list: ProviderList = ok(r#"{"results": [
        {"provider_id": 119, "provider_name": "Amazon Prime Video", "display_priority": 5, "logo_path": "/a.jpg"},
        {"provider_id": 9, "provider_name": "Amazon Prime Video", "display_priority": 2, "logo_path": "/b.jpg"}
    ]}"#);
    let providers = providers_from_list(&list, RegionCode::DE, &Images::tmdb());
    assert_eq!(providers.len(), 1);
    assert_eq!((providers[0].provider.id.as_str(), providers[0].display_priority), ("prime-video", 2));
}
