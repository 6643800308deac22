//! Film pages: Heat's details (our fixture in TMDB's shape) and a series, as full films.

mod common;

use catalog::{decode, Genre, Kind, LangCode, Monetization, RegionCode};
use common::{fixture, ok};
use tmdb::{film_from_details, Details, FilmDetails, Images};

fn heat(lang: LangCode) -> FilmDetails {
    let details: Details = ok(&fixture("movie_949_details.json"));
    film_from_details(&details, Kind::Movie, lang, &Images::tmdb()).expect("Heat is a film")
}

fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).unwrap()
}

#[test]
fn heat_has_its_facts() {
    let f = heat(LangCode::EN).film;
    assert_eq!(f.id.as_str(), "tmdb:949");
    assert_eq!((f.title.as_str(), f.original_title.as_str(), f.year, f.runtime), ("Heat", "Heat", 1995, Some(170)));
    assert_eq!(f.genres, [Genre::Crime, Genre::Drama, Genre::Action]);
    assert_eq!(f.imdb_id.as_deref(), Some("tt0113277"));
    assert_eq!(f.poster.as_ref().unwrap().as_str(), "https://image.tmdb.org/t/p/w342/heatPosterFixture.jpg");
    let rating = f.rating.unwrap();
    assert_eq!((rating.value, rating.votes), (7.9, 7800));
}

#[test]
fn directors_are_the_crew_whose_job_is_director() {
    // Michael Mann is credited three times; the director of photography is no director.
    assert_eq!(heat(LangCode::EN).film.directors, ["Michael Mann"]);
}

#[test]
fn the_cast_is_the_top_eight_by_billing() {
    assert_eq!(
        heat(LangCode::EN).film.cast,
        [
            "Al Pacino",
            "Robert De Niro",
            "Val Kilmer",
            "Jon Voight",
            "Tom Sizemore",
            "Diane Venora",
            "Amy Brenneman",
            "Ashley Judd"
        ]
    );
}

#[test]
fn each_region_gets_its_theatrical_age_rating() {
    let f = heat(LangCode::EN).film;
    // DE lists a digital release without a rating first; the theatrical one says 16.
    assert_eq!(f.certification.get(&RegionCode::DE).map(String::as_str), Some("16"));
    assert_eq!(f.certification.get(&RegionCode::US).map(String::as_str), Some("R"));
    assert_eq!(f.certification.get(&RegionCode::GB).map(String::as_str), Some("15"));
    assert_eq!(f.certification.get(&region("FR")), None, "France's release has no rating");
}

#[test]
fn the_synopsis_is_filed_under_the_page_language() {
    let en = heat(LangCode::EN).film;
    assert!(en.synopsis_in(LangCode::EN).unwrap().starts_with("A career thief"));
    assert!(en.titles.is_empty());
    let de = heat(LangCode::DE).film;
    assert!(de.synopsis.get(&LangCode::DE).is_some());
    assert_eq!(de.titles.get(&LangCode::DE).map(String::as_str), Some("Heat"));
}

#[test]
fn offers_cover_every_region_with_tmdbs_link() {
    let FilmDetails { film, providers } = heat(LangCode::DE);
    let de: Vec<String> = film
        .offers
        .iter()
        .filter(|o| o.region == RegionCode::DE)
        .map(|o| format!("{} {}", o.provider, o.monetization.as_str()))
        .collect();
    assert_eq!(
        de,
        [
            "netflix flatrate",
            "apple-tv rent",
            "amazon-video rent",
            "google-play rent",
            "apple-tv buy",
            "amazon-video buy",
            "google-play buy"
        ]
    );
    let netflix = film.offers.iter().find(|o| o.monetization == Monetization::Flatrate).unwrap();
    assert_eq!(netflix.url.as_ref().unwrap().as_str(), "https://www.themoviedb.org/movie/949-heat/watch?locale=DE");
    let regions: Vec<&str> = film.offers.iter().map(|o| o.region.as_str()).collect();
    assert_eq!(regions.iter().filter(|r| **r == "AT").count(), 2);
    assert_eq!(regions.iter().filter(|r| **r == "US").count(), 4);
    let names: Vec<&str> = providers.iter().map(|p| p.provider.name.as_str()).collect();
    assert_eq!(names, ["Netflix", "Apple TV", "Amazon Video", "Google Play Movies"]);
}

/// The mapping of a TMDB answer and our curated entry for the same film agree on the
/// facts both have.
#[test]
fn heat_from_tmdb_agrees_with_the_shipped_catalog() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
    let text = std::fs::read_to_string(path).expect("public/catalog.json");
    let shipped = decode(&text).expect("the shipped catalog loads").catalog;
    let ours = shipped.film("tmdb:949").expect("the shipped catalog has Heat");
    let live = heat(LangCode::EN).film;
    assert_eq!(live.id, ours.id);
    assert_eq!((live.year, live.runtime, &live.genres), (ours.year, ours.runtime, &ours.genres));
    assert_eq!(live.directors, ours.directors);
    assert_eq!(live.cast[..ours.cast.len()], ours.cast[..]);
    for (region, rating) in ours.certification.iter() {
        assert_eq!(live.certification.get(region), Some(rating), "{region}");
    }
    let shipped_de: Vec<_> =
        ours.offers.iter().filter(|o| o.region == RegionCode::DE).map(|o| (&o.provider, o.monetization)).collect();
    for offer in &shipped_de {
        assert!(
            live.offers.iter().any(|o| o.region == RegionCode::DE && (&o.provider, o.monetization) == *offer),
            "{offer:?}"
        );
    }
}

#[test]
fn a_series_takes_its_creators_episode_length_and_content_ratings() {
    let body = r#"{
        "id": 70523, "name": "Dark", "original_name": "Dark", "original_language": "de",
        "first_air_date": "2017-12-01", "episode_run_time": [60],
        "genres": [{"id": 80, "name": "Krimi"}, {"id": 10765, "name": "Sci-Fi & Fantasy"}, {"id": 10766, "name": "Soap"}],
        "created_by": [{"id": 1, "name": "Baran bo Odar"}, {"id": 2, "name": "Jantje Friese"}],
        "credits": {"cast": [{"name": "Louis Hofmann", "order": 0}], "crew": [{"name": "Someone", "job": "Director"}]},
        "content_ratings": {"results": [{"iso_3166_1": "DE", "rating": "16"}, {"iso_3166_1": "US", "rating": "TV-MA"}]},
        "watch/providers": {"results": {"DE": {"link": "https://www.themoviedb.org/tv/70523-dark/watch?locale=DE",
            "flatrate": [{"provider_id": 8, "provider_name": "Netflix", "logo_path": "/pbpMk2JmcoNnQwx5JGpXngfoWtp.jpg", "display_priority": 0}]}}}
    }"#;
    let details: Details = ok(body);
    let f = film_from_details(&details, Kind::Show, LangCode::DE, &Images::tmdb()).unwrap().film;
    assert_eq!(f.id.as_str(), "tmdbtv:70523", "series are numbered apart from movies");
    assert_eq!(f.kind, Kind::Show);
    assert_eq!((f.title.as_str(), f.year, f.runtime), ("Dark", 2017, Some(60)));
    assert_eq!(f.genres, [Genre::Crime, Genre::ScienceFiction, Genre::Fantasy]);
    assert_eq!(f.directors, ["Baran bo Odar", "Jantje Friese"], "creators, not episode directors");
    assert_eq!(f.certification.get(&RegionCode::US).map(String::as_str), Some("TV-MA"));
    assert_eq!(f.offers.len(), 1);
}

#[test]
fn a_theatrical_rating_wins_over_an_earlier_release_of_another_kind() {
    let body = r#"{"id": 12, "title": "T", "release_date": "2001-05-01", "release_dates": {"results": [
        {"iso_3166_1": "DE", "release_dates": [
            {"certification": "12", "type": 5}, {"certification": "", "type": 3}, {"certification": " 16 ", "type": 3}]},
        {"iso_3166_1": "AT", "release_dates": [{"certification": "14", "type": 4}, {"certification": "", "type": 3}]},
        {"iso_3166_1": "XX1", "release_dates": [{"certification": "18", "type": 3}]}
    ]}}"#;
    let details: Details = ok(body);
    let f = film_from_details(&details, Kind::Movie, LangCode::EN, &Images::tmdb()).unwrap().film;
    assert_eq!(f.certification.get(&RegionCode::DE).map(String::as_str), Some("16"));
    assert_eq!(f.certification.get(&RegionCode::AT).map(String::as_str), Some("14"), "else any rated release");
    assert_eq!(f.certification.len(), 2);
}
