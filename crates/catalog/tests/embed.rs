//! The embed's data on the shipped catalog: a film found by every kind of name, its slice
//! read back alone, and the offers a card shows with the publisher's options.

use catalog::embed::{slice, slice_path, EmbedOptions, FilmRef, Lookup};
use catalog::{decode, pack, unpack, Date, Film, FilmId, HttpsUrl, Loaded, Monetization, RegionCode};

fn shipped() -> Loaded {
    decode(include_str!("../../../public/catalog.json")).expect("the shipped catalog decodes")
}

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

#[test]
fn finds_a_film_by_each_kind_of_name() {
    let lookup = Lookup::of(&shipped().catalog);
    let found = |film: FilmRef| lookup.find(&film).map(|id| id.as_str().to_owned());
    let heat = Some("tmdb:949".to_owned());
    assert_eq!(found(FilmRef::Id(FilmId::parse("tmdb:949").unwrap())), heat);
    assert_eq!(found(FilmRef::Tmdb(949)), heat);
    assert_eq!(found(FilmRef::Imdb("tt0113277".into())), heat);
    assert_eq!(found(FilmRef::Title { title: "HEAT".into(), year: Some(1995) }), heat);
    // Any of its titles, without accents or case; the year must agree when given.
    let amelie = Some("tmdb:194".to_owned());
    for title in ["Die fabelhafte Welt der Amélie", "amelie", "le fabuleux destin d'amelie poulain"] {
        assert_eq!(found(FilmRef::Title { title: title.into(), year: Some(2001) }), amelie, "{title}");
    }
    assert_eq!(found(FilmRef::Title { title: "Amélie".into(), year: None }), amelie);
    assert_eq!(found(FilmRef::Title { title: "Amélie".into(), year: Some(1999) }), None);
    assert_eq!(found(FilmRef::Tmdb(1)), None);
    assert_eq!(found(FilmRef::Nothing), None);
}

#[test]
fn the_lookup_and_a_slice_read_back_alone() {
    let loaded = shipped();
    let lookup = Lookup::of(&loaded.catalog);
    assert_eq!(unpack::<Lookup>(&pack(&lookup)).unwrap(), lookup);
    let heat = loaded.catalog.film("tmdb:949").unwrap();
    let one = unpack::<Loaded>(&pack(&slice(&loaded.catalog, heat))).unwrap();
    assert_eq!(one.catalog.films, vec![heat.clone()]);
    // A poster is another host's image: the card, which requests nothing from anyone but
    // us, draws the placeholder.
    let with_poster = Film { poster: HttpsUrl::parse("https://image.tmdb.org/t/p/w342/heat.jpg"), ..heat.clone() };
    assert_eq!(slice(&loaded.catalog, &with_poster).catalog.films[0].poster, None);
    assert_eq!(one.catalog.as_of, loaded.catalog.as_of);
    // Only the providers the film names, each of them.
    assert!(one.catalog.providers.len() < loaded.catalog.providers.len());
    for offer in &heat.offers {
        assert!(one.catalog.provider(&offer.provider).is_some(), "{}", offer.provider.as_str());
    }
    assert_eq!(slice_path(&heat.id), "films/tmdb/949.bin");
}

#[test]
fn the_card_shows_the_chosen_ways_to_watch_and_no_more_than_asked() {
    let catalog = shipped().catalog;
    let heat = catalog.film("tmdb:949").unwrap();
    let de = RegionCode::DE;
    let shown = |query: &str| {
        EmbedOptions::parse(query)
            .offers(&catalog, heat, de, today())
            .into_iter()
            .map(|(m, badges)| (m, badges.iter().map(|b| b.provider.id.as_str().to_owned()).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    let all = shown("");
    assert_eq!(all[0], (Monetization::Flatrate, vec!["netflix".to_owned()]));
    assert_eq!(all.iter().map(|(_, b)| b.len()).sum::<usize>(), 7);
    assert_eq!(shown("types=flatrate"), vec![(Monetization::Flatrate, vec!["netflix".to_owned()])]);
    let two = shown("max-offers=2");
    assert_eq!(two.iter().map(|(_, b)| b.len()).sum::<usize>(), 2);
    assert_eq!(two[0].0, Monetization::Flatrate);
    assert!(shown("types=free,ads").is_empty());
}
