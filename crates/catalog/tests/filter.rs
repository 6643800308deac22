//! The "where to stream" filter applied to a small catalog.

mod common;

use catalog::{
    apply, decode, loosen_hint, Catalog, Date, FacetKey, Filter, Loosen, Monetization, ProviderId, RegionCode,
};
use common::*;
use serde_json::json;

const TODAY: Date = Date { year: 2026, month: 3, day: 5 };

fn sample() -> Catalog {
    let films = vec![
        heat(),
        film(
            "tmdb:862",
            "Toy Story",
            json!([
                { "provider": "disney-plus", "region": "DE", "type": "flatrate" },
                { "provider": "store", "region": "DE", "type": "buy" }
            ]),
        ),
        film(
            "tmdb:1",
            "Leaving Soon",
            json!([
                { "provider": "netflix", "region": "DE", "type": "flatrate", "available_until": "2026-03-05" }
            ]),
        ),
        film(
            "tmdb:2",
            "Already Gone",
            json!([
                { "provider": "netflix", "region": "DE", "type": "flatrate", "available_until": "2026-03-04" }
            ]),
        ),
        film(
            "tmdb:3",
            "Coming Soon",
            json!([
                { "provider": "netflix", "region": "DE", "type": "flatrate", "available_from": "2026-03-06" }
            ]),
        ),
    ];
    let loaded = decode(&catalog(films)).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.catalog
}

fn titles(c: &Catalog, f: &Filter) -> Vec<String> {
    apply(c, f, TODAY).into_iter().map(|i| c.films[i].title.clone()).collect()
}

fn id(s: &str) -> ProviderId {
    ProviderId::parse(s).unwrap()
}

#[test]
fn default_filter_shows_flatrate_on_every_service_most_voted_first() {
    let c = sample();
    assert_eq!(titles(&c, &Filter::new(RegionCode::DE)), ["Heat", "Leaving Soon", "Toy Story"]);
}

#[test]
fn netflix_in_germany_shows_heat_with_its_netflix_offer_only() {
    let c = sample();
    let f = Filter::new(RegionCode::DE).toggle_service(&id("netflix"));
    assert_eq!(titles(&c, &f), ["Heat", "Leaving Soon"]);
    let heat = c.film("tmdb:949").unwrap();
    let offers: Vec<(&str, Monetization)> =
        f.matching_offers(heat, TODAY).map(|o| (o.provider.as_str(), o.monetization)).collect();
    assert_eq!(offers, [("netflix", Monetization::Flatrate)]);
}

#[test]
fn excluding_flatrate_and_adding_buy_shows_store_offers() {
    let c = sample();
    let f = Filter::new(RegionCode::DE).toggle_type(Monetization::Flatrate).toggle_type(Monetization::Buy);
    assert_eq!(titles(&c, &f), ["Toy Story"]);
}

#[test]
fn region_decides_what_is_shown() {
    let c = sample();
    assert_eq!(titles(&c, &Filter::new(RegionCode::US)), ["Heat"]);
    assert!(titles(&c, &Filter::new(RegionCode::GB)).is_empty());
}

#[test]
fn offers_outside_their_window_are_not_shown() {
    let c = sample();
    let shown = titles(&c, &Filter::new(RegionCode::DE));
    assert!(shown.contains(&"Leaving Soon".to_string()), "last day is inclusive");
    assert!(!shown.contains(&"Already Gone".to_string()));
    assert!(!shown.contains(&"Coming Soon".to_string()));
}

#[test]
fn toggling_twice_restores_the_filter() {
    let f = Filter::new(RegionCode::DE);
    assert_eq!(f.toggle_service(&id("netflix")).toggle_service(&id("netflix")), f);
    assert_eq!(f.toggle_type(Monetization::Rent).toggle_type(Monetization::Rent), f);
}

#[test]
fn fitting_drops_services_absent_from_the_region_and_unknown_regions() {
    let c = sample();
    let f = Filter::new(RegionCode::US).toggle_service(&id("disney-plus")).toggle_service(&id("netflix"));
    let fitted = f.clone().fitted_to(&c, RegionCode::DE);
    assert_eq!(fitted.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["netflix"]);
    let fr = Filter::new(RegionCode::parse("FR").unwrap()).fitted_to(&c, RegionCode::DE);
    assert_eq!(fr.region, RegionCode::DE);
    // A service listed in the region (TMDB live's) is kept, though nothing is on it yet.
    let mut listed = c.clone();
    listed.providers.iter_mut().find(|p| p.id == id("disney-plus")).unwrap().regions = vec![RegionCode::US];
    let fitted = f.fitted_to(&listed, RegionCode::DE);
    assert_eq!(fitted.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["disney-plus", "netflix"]);
}

#[test]
fn empty_state_names_the_filter_to_loosen() {
    let c = sample();
    let index = catalog::Index::build(&c, TODAY);
    let count = |f: &Filter| index.count(f);
    let no_types = Filter { types: Default::default(), ..Filter::new(RegionCode::DE) };
    assert_eq!(loosen_hint(&no_types, count), Loosen::PickAType);
    let store_flatrate = Filter::new(RegionCode::DE).toggle_service(&id("store"));
    let add_types = Loosen::Widen { facet: FacetKey::Types, count: 2 };
    assert_eq!(loosen_hint(&store_flatrate, count), add_types);
    let disney_us = Filter::new(RegionCode::US).toggle_service(&id("disney-plus"));
    assert_eq!(loosen_hint(&disney_us, count), Loosen::Widen { facet: FacetKey::Services, count: 1 });
    assert_eq!(loosen_hint(&Filter::new(RegionCode::GB), count), Loosen::OtherRegion);
    let loosened = add_types.apply_to(&store_flatrate).unwrap();
    assert_eq!(titles(&c, &loosened), ["Heat", "Toy Story"], "the suggested filter shows what the hint promised");
    assert_eq!(Loosen::OtherRegion.apply_to(&store_flatrate), None);
}

#[test]
fn region_follows_the_browser_language() {
    let all = [RegionCode::AT, RegionCode::CH, RegionCode::DE, RegionCode::GB, RegionCode::US];
    let region = |langs: &[&str]| RegionCode::from_languages(langs.iter().copied(), &all);
    assert_eq!(region(&["de"]), RegionCode::DE);
    assert_eq!(region(&["de-AT"]), RegionCode::AT);
    assert_eq!(region(&["en-US"]), RegionCode::US);
    assert_eq!(region(&["en-GB", "de"]), RegionCode::GB);
    assert_eq!(region(&["en", "de-CH"]), RegionCode::CH);
    assert_eq!(region(&["fr-FR"]), RegionCode::DE, "unsupported regions fall back to DE");
    assert_eq!(region(&["zh-Hant-TW"]), RegionCode::DE);
    assert_eq!(region(&[]), RegionCode::DE);
}

#[test]
fn badges_list_flatrate_before_rent_with_their_providers() {
    let c = sample();
    let heat = c.film("tmdb:949").unwrap();
    let f = Filter::new(RegionCode::DE).toggle_type(Monetization::Rent);
    let shown: Vec<(String, Monetization)> =
        catalog::badges(&c, heat, &f, TODAY).into_iter().map(|b| (b.provider.name, b.offer.monetization)).collect();
    assert_eq!(shown, [("Netflix".to_string(), Monetization::Flatrate), ("Store".to_string(), Monetization::Rent)]);
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn names(set: &catalog::SortedSet<ProviderId>) -> Vec<String> {
    set.iter().map(|p| p.as_str().to_owned()).collect()
}

#[test]
fn my_services_are_stored_as_the_url_writes_them_and_garbage_is_dropped() {
    use catalog::my_services::{read, write};
    let mine = read("netflix,disney-plus");
    assert_eq!(names(&mine), ids(&["disney-plus", "netflix"]));
    assert_eq!(write(&mine), "disney-plus,netflix");
    assert_eq!(write(&read("")), "");
    // An old version's or a hand-edited value: only ids survive.
    assert_eq!(names(&read(" netflix ,,<script>alert(1)</script>, NETFLIX,javascript:x,%00")), ids(&["netflix"]));
    assert_eq!(names(&read(&"x,".repeat(10_000))), ids(&["x"]));
}

#[test]
fn my_services_apply_only_where_the_url_chooses_no_services() {
    use catalog::my_services::{apply, read};
    let catalog = sample();
    let mine = read("netflix,disney-plus,hulu");
    // A visit that names no services: mine, except the ones with nothing in the region.
    let fresh = apply(Filter::new(RegionCode::DE), &mine, &catalog);
    assert_eq!(names(&fresh.services), ids(&["disney-plus", "netflix"]));
    // A link that chooses services, or excludes one, keeps its own choice.
    let chosen = Filter::from_query("region=DE&services=store", RegionCode::DE);
    assert_eq!(names(&apply(chosen, &mine, &catalog).services), ids(&["store"]));
    let excluding = Filter::from_query("region=DE&exclude=netflix", RegionCode::DE);
    assert!(apply(excluding, &mine, &catalog).services.is_empty());
    // None of mine offers anything here: every service, not an empty list.
    let elsewhere = apply(Filter::new(RegionCode::DE), &read("hulu"), &catalog);
    assert!(elsewhere.services.is_empty());
}

#[test]
fn the_film_page_groups_the_regions_offers_by_way_to_watch_and_lists_other_regions() {
    let text = catalog(vec![film(
        "tmdb:7",
        "Grouped",
        json!([
            { "provider": "store", "region": "DE", "type": "buy", "price": 9.99, "currency": "EUR", "quality": "4K" },
            { "provider": "store", "region": "DE", "type": "rent", "price": 3.99, "currency": "EUR" },
            { "provider": "netflix", "region": "DE", "type": "flatrate" },
            { "provider": "disney-plus", "region": "DE", "type": "flatrate" },
            { "provider": "netflix", "region": "US", "type": "flatrate" },
            { "provider": "netflix", "region": "AT", "type": "flatrate", "available_until": "2026-03-04" },
            { "provider": "store", "region": "GB", "type": "rent" }
        ]),
    )]);
    let catalog = decode(&text).unwrap().catalog;
    let film = &catalog.films[0];
    let groups = catalog::offer_groups(&catalog, film, RegionCode::DE, TODAY);
    let here: Vec<(Monetization, Vec<&str>)> =
        groups.here.iter().map(|(m, badges)| (*m, badges.iter().map(|b| b.provider.id.as_str()).collect())).collect();
    // Flatrate first, in catalog provider order; then rent, then buy.
    assert_eq!(
        here,
        vec![
            (Monetization::Flatrate, vec!["netflix", "disney-plus"]),
            (Monetization::Rent, vec!["store"]),
            (Monetization::Buy, vec!["store"]),
        ]
    );
    assert_eq!(groups.here[2].1[0].offer.price.as_ref().map(|p| p.minor_units), Some(999));
    // Other regions in order; AT's only offer ended yesterday, so AT is not listed.
    let elsewhere: Vec<RegionCode> = groups.elsewhere.iter().map(|(r, _)| *r).collect();
    assert_eq!(elsewhere, vec![RegionCode::GB, RegionCode::US]);
    // A region without offers: nothing here, everything elsewhere.
    let none = catalog::offer_groups(&catalog, film, RegionCode::CH, TODAY);
    assert!(none.here.is_empty());
    assert_eq!(none.elsewhere.len(), 3);
}
