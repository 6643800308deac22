//! TMDB's recorded offers of Fight Club (`movie/550/watch/providers`, 96 regions).

mod common;

use catalog::{Monetization, ProviderKind, RegionCode};
use common::{ok, sample};
use tmdb::{offers_from, Images, Offers, Service, WatchProviders};

fn fight_club() -> Offers {
    let watch: WatchProviders = ok(&sample("movie_550_watch_providers.json"));
    assert_eq!(watch.id, 550);
    offers_from(&watch, &Images::tmdb())
}

/// The region's offers as `provider way` lines, in order.
fn lines(offers: &Offers, region: RegionCode) -> Vec<String> {
    offers
        .offers
        .iter()
        .filter(|o| o.region == region)
        .map(|o| format!("{} {}", o.provider, o.monetization.as_str()))
        .collect()
}

#[test]
fn germany_has_every_offer_with_our_ids_and_tmdbs_for_the_rest() {
    let offers = fight_club();
    assert_eq!(
        lines(&offers, RegionCode::DE),
        [
            "netflix flatrate",
            "disney-plus flatrate",
            "tmdb-provider-178 flatrate",
            "tmdb-provider-1796 flatrate",
            "apple-tv rent",
            "amazon-video rent",
            "google-play rent",
            "tmdb-provider-192 rent",
            "tmdb-provider-130 rent",
            "tmdb-provider-35 rent",
            "tmdb-provider-20 rent",
            "apple-tv buy",
            "amazon-video buy",
            "google-play buy",
            "tmdb-provider-192 buy",
            "tmdb-provider-130 buy",
            "tmdb-provider-35 buy",
            "tmdb-provider-20 buy",
            "tmdb-provider-68 buy",
        ]
    );
}

#[test]
fn each_offer_links_to_tmdbs_page_of_its_region() {
    let offers = fight_club();
    for o in &offers.offers {
        let url = o.url.as_ref().expect("every region of the sample has a link");
        assert_eq!(url.as_str(), format!("https://www.themoviedb.org/movie/550-fight-club/watch?locale={}", o.region));
        assert!(o.price.is_none() && o.quality.is_none() && o.available_from.is_none());
    }
}

#[test]
fn every_region_of_the_sample_has_its_offers() {
    let offers = fight_club();
    let mut regions: Vec<RegionCode> = offers.offers.iter().map(|o| o.region).collect();
    regions.dedup();
    assert_eq!(regions.len(), 96);
    assert!(regions.windows(2).all(|w| w[0] < w[1]), "regions come sorted");
    let ways: Vec<Monetization> = offers.offers.iter().map(|o| o.monetization).collect();
    for way in Monetization::ALL {
        assert!(ways.contains(&way), "the sample has {way:?} offers");
    }
}

#[test]
fn unknown_providers_keep_tmdbs_name_and_logo() {
    let offers = fight_club();
    let find = |id: &str| offers.providers.iter().find(|p| p.provider.id.as_str() == id).unwrap();
    let magenta = find("tmdb-provider-178");
    assert_eq!(magenta.provider.name, "MagentaTV");
    assert_eq!(magenta.provider.tmdb_provider_id, Some(178));
    assert_eq!(magenta.provider.kind, ProviderKind::Subscription);
    assert_eq!(
        magenta.logo.as_ref().unwrap().as_str(),
        "https://image.tmdb.org/t/p/w92/lrEigPPAhggq02q53uM8vdWAIUX.jpg"
    );
    assert_eq!(magenta.provider.homepage.as_str(), "https://www.themoviedb.org/");
    assert_eq!(find("tmdb-provider-1796").provider.name, "Netflix basic with Ads");
    // Kinds follow how they offer films: Sky Store rents and sells, Plex is free.
    assert_eq!(find("tmdb-provider-130").provider.kind, ProviderKind::Store);
    assert_eq!(find("tmdb-provider-538").provider.kind, ProviderKind::Free);
}

#[test]
fn known_services_carry_our_names_and_colours() {
    let offers = fight_club();
    let find = |id: &str| offers.providers.iter().find(|p| p.provider.id.as_str() == id).unwrap();
    let disney = find("disney-plus");
    assert_eq!(disney.provider.name, "Disney+", "ours, not TMDB's \"Disney Plus\"");
    assert_eq!(disney.provider.color.as_str(), "#113ccf");
    assert_eq!(
        disney.logo.as_ref().unwrap().as_str(),
        "https://image.tmdb.org/t/p/w92/7YPdUs60C9qQQQfOFCgxpnF07D9.jpg"
    );
    assert_eq!(find("netflix").display_priority, 0);
    // TMDB's display order: the lowest priority any region gives, then the name.
    let priorities: Vec<u32> = offers.providers.iter().map(|p| p.display_priority).collect();
    assert!(priorities.windows(2).all(|w| w[0] <= w[1]), "{priorities:?}");
    let ids: Vec<&str> = offers.providers.iter().map(|p| p.provider.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one entry per provider");
}

#[test]
fn amazon_prime_videos_second_tmdb_id_is_prime_video() {
    let offers = fight_club();
    let za = lines(&offers, RegionCode::parse("ZA").unwrap());
    assert!(za.contains(&"prime-video flatrate".to_owned()), "{za:?}");
    assert!(!offers.providers.iter().any(|p| p.provider.id.as_str() == "tmdb-provider-119"));
}

/// The names TMDB gives the providers our table maps, in this recorded answer: if TMDB's
/// id meant another service, its name would show it.
#[test]
fn the_service_table_agrees_with_the_names_in_the_sample() {
    let watch: WatchProviders = ok(&sample("movie_550_watch_providers.json"));
    let expected = [
        (2, "Apple TV"),
        (3, "Google Play Movies"),
        (8, "Netflix"),
        (10, "Amazon Video"),
        (11, "MUBI"),
        (15, "Hulu"),
        (119, "Amazon Prime Video"),
        (337, "Disney Plus"),
    ];
    let mut checked = Vec::new();
    for (_, region) in &watch.results {
        for p in region.flatrate.iter().chain(&region.free).chain(&region.ads).chain(&region.rent).chain(&region.buy) {
            if let Some(service) = Service::by_tmdb_id(p.provider_id) {
                let (_, name) = expected.iter().find(|(id, _)| *id == p.provider_id).unwrap_or_else(|| {
                    panic!("{} ({}) is mapped to {} but not checked here", p.provider_id, p.provider_name, service.id)
                });
                assert_eq!(&p.provider_name, name);
                checked.push(p.provider_id);
            }
        }
    }
    checked.sort();
    checked.dedup();
    assert_eq!(checked, [2, 3, 8, 10, 11, 15, 119, 337]);
}
