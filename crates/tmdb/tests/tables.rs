//! The service and genre tables: in step with the shipped catalog, and one mapping both ways.

use catalog::{decode, Genre, Kind, ProviderId};
use tmdb::genres::{genres_of, tmdb_genre};
use tmdb::services::{provider_id, tmdb_ids, SERVICES};
use tmdb::Service;

#[test]
fn the_service_table_matches_the_providers_of_the_shipped_catalog() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
    let text = std::fs::read_to_string(path).expect("public/catalog.json");
    let shipped = decode(&text).expect("the shipped catalog loads").catalog;
    let ours: Vec<_> = SERVICES.iter().map(Service::provider).collect();
    assert_eq!(ours, shipped.providers, "same ids, names, kinds, colours, homepages and TMDB ids, in the same order");
}

#[test]
fn every_tmdb_id_of_a_service_leads_back_to_it() {
    for service in &SERVICES {
        for &id in service.tmdb_ids {
            assert_eq!(provider_id(id).as_str(), service.id);
            assert!(tmdb_ids(&provider_id(id)).unwrap().contains(&id));
        }
    }
    assert_eq!(tmdb_ids(&ProviderId::parse("prime-video").unwrap()), Some(vec![9, 119]));
}

#[test]
fn unknown_providers_round_trip_through_their_id() {
    for id in [1, 20, 178, 1796, u32::MAX] {
        let ours = provider_id(id);
        assert_eq!(ours.as_str(), format!("tmdb-provider-{id}"));
        assert_eq!(tmdb_ids(&ours), Some(vec![id]));
    }
    let unknown = tmdb::services::provider(178, "MagentaTV", catalog::ProviderKind::Subscription);
    assert!(unknown.color.wants_light_text(), "white badge text on the neutral grey is readable");
    for odd in [
        "tmdb-provider-0",
        "tmdb-provider-007",
        "tmdb-provider-8",
        "tmdb-provider-",
        "tmdb-provider-99999999999",
        "my-club",
    ] {
        assert_eq!(tmdb_ids(&ProviderId::parse(odd).unwrap()), None, "{odd}");
    }
}

#[test]
fn every_catalog_genre_is_a_tmdb_movie_genre_and_back() {
    for g in Genre::ALL {
        let id = tmdb_genre(Kind::Movie, g).unwrap_or_else(|| panic!("{g:?} has a movie id"));
        assert_eq!(genres_of(Kind::Movie, id), [g]);
    }
    assert_eq!(tmdb_genre(Kind::Movie, Genre::ScienceFiction), Some(878));
    assert_eq!(genres_of(Kind::Movie, 10759), [], "a series genre is no movie genre");
}

#[test]
fn series_genres_map_both_ways_consistently() {
    for g in Genre::ALL {
        if let Some(id) = tmdb_genre(Kind::Show, g) {
            assert!(genres_of(Kind::Show, id).contains(&g), "{g:?} → {id} → {:?}", genres_of(Kind::Show, id));
        }
    }
    assert_eq!(genres_of(Kind::Show, 10759), [Genre::Action, Genre::Adventure]);
    assert_eq!(genres_of(Kind::Show, 10765), [Genre::ScienceFiction, Genre::Fantasy]);
    assert_eq!(genres_of(Kind::Show, 10764), [], "Reality has no catalog genre");
    let unmapped: Vec<Genre> = Genre::ALL.into_iter().filter(|&g| tmdb_genre(Kind::Show, g).is_none()).collect();
    assert_eq!(
        unmapped,
        [Genre::History, Genre::Horror, Genre::Music, Genre::Romance, Genre::Thriller, Genre::TvMovie]
    );
}
