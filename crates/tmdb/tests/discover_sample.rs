//! TMDB's recorded `/discover/movie` page (2022-11-26) read into catalog films.

mod common;

use catalog::{Genre, Kind, LangCode};
use common::{ok, sample};
use tmdb::{films_from_page, Images, Page};

fn films() -> tmdb::PageFilms {
    let page: Page = ok(&sample("discover_movie_page1.json"));
    films_from_page(&page, Kind::Movie, LangCode::EN, &Images::tmdb())
}

#[test]
fn the_sample_page_maps_to_twenty_films_in_tmdbs_order() {
    let page = films();
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    let ids: Vec<&str> = page.films.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tmdb:436270",
            "tmdb:1013860",
            "tmdb:338958",
            "tmdb:505642",
            "tmdb:882598",
            "tmdb:966220",
            "tmdb:829799",
            "tmdb:988233",
            "tmdb:551271",
            "tmdb:862965",
            "tmdb:948276",
            "tmdb:829280",
            "tmdb:676701",
            "tmdb:663712",
            "tmdb:979924",
            "tmdb:899294",
            "tmdb:846778",
            "tmdb:985939",
            "tmdb:872177",
            "tmdb:760204",
        ]
    );
    assert_eq!((page.page, page.total_pages, page.total_results), (1, 36052, 721026));
    assert!(page.has_more());
    assert!(page.films.iter().all(|f| f.kind == Kind::Movie && f.year == 2022 && f.offers.is_empty()));
}

#[test]
fn black_adam_has_its_title_year_genres_poster_and_rating() {
    let page = films();
    let f = &page.films[0];
    assert_eq!(f.title, "Black Adam");
    assert_eq!(f.original_title, "Black Adam");
    assert!(f.titles.is_empty(), "an English page files no localized title");
    assert_eq!(f.original_language, LangCode::parse("en"));
    assert_eq!(f.year, 2022);
    assert_eq!(f.genres, [Genre::Action, Genre::Fantasy, Genre::ScienceFiction]);
    assert_eq!(f.poster.as_ref().unwrap().as_str(), "https://image.tmdb.org/t/p/w185/pFlaoHTZeyNkG83vxsAJiGzfSsa.jpg");
    let rating = f.rating.unwrap();
    assert_eq!((rating.value, rating.votes), (7.2, 1791));
    assert_eq!(f.tmdb_id, Some(436270));
    assert!(f.synopsis_in(LangCode::EN).unwrap().starts_with("Nearly 5,000 years after"));
    assert!(f.directors.is_empty() && f.cast.is_empty() && f.runtime.is_none(), "lists carry no credits");
}

#[test]
fn original_titles_and_languages_other_than_english_survive() {
    let page = films();
    let sniper = page.films.iter().find(|f| f.id.as_str() == "tmdb:966220").unwrap();
    assert_eq!(sniper.title, "Sniper: The White Raven");
    assert_eq!(sniper.original_title, "Снайпер. Білий ворон");
    assert_eq!(sniper.original_language, LangCode::parse("uk"));
    assert_eq!(sniper.genres, [Genre::Drama, Genre::Action, Genre::War]);
    let tad = page.films.iter().find(|f| f.id.as_str() == "tmdb:676701").unwrap();
    assert_eq!(tad.original_title, "Tadeo Jones 3: La Tabla Esmeralda");
    assert_eq!(tad.genres, [Genre::Adventure, Genre::Animation, Genre::Comedy, Genre::Family, Genre::Fantasy]);
}

#[test]
fn every_film_has_a_card_poster_and_the_right_genres() {
    let page: Page = ok(&sample("discover_movie_page1.json"));
    let films = films_from_page(&page, Kind::Movie, LangCode::EN, &Images::tmdb()).films;
    for (entry, film) in page.results.iter().zip(&films) {
        let poster = film.poster.as_ref().expect("every sample entry has a poster");
        assert_eq!(poster.as_str(), format!("https://image.tmdb.org/t/p/w185{}", entry.poster_path));
        assert_eq!(film.genres.len(), entry.genre_ids.len(), "movie genres map one to one: {}", film.title);
        assert_eq!(film.title, entry.title);
    }
}

#[test]
fn a_one_vote_film_keeps_its_votes_so_rating_sorts_can_weigh_them() {
    let page = films();
    let hex = page.films.iter().find(|f| f.id.as_str() == "tmdb:988233").unwrap();
    let rating = hex.rating.unwrap();
    assert_eq!((rating.value, rating.votes), (2.3, 3));
}

#[test]
fn a_german_page_files_titles_and_synopses_under_german() {
    // The sample was asked in English; read as if it were German, the mapping files the
    // texts under the language asked for.
    let page: Page = ok(&sample("discover_movie_page1.json"));
    let films = films_from_page(&page, Kind::Movie, LangCode::DE, &Images::tmdb()).films;
    let f = &films[0];
    assert_eq!(f.titles.get(&LangCode::DE).map(String::as_str), Some("Black Adam"));
    assert!(f.synopsis.get(&LangCode::DE).is_some() && f.synopsis.get(&LangCode::EN).is_none());
}

#[test]
fn the_image_base_is_configuration_and_must_be_https() {
    let page: Page = ok(&sample("discover_movie_page1.json"));
    let images = Images::new("https://images.example/t/p/").unwrap();
    let films = films_from_page(&page, Kind::Movie, LangCode::EN, &images).films;
    assert_eq!(
        films[0].poster.as_ref().unwrap().as_str(),
        "https://images.example/t/p/w185/pFlaoHTZeyNkG83vxsAJiGzfSsa.jpg"
    );
    assert_eq!(Images::new("http://image.tmdb.org/t/p"), None);
    assert_eq!(Images::new("javascript:alert(1)//"), None);
    assert_eq!(Images::new(""), None);
}
