//! Every request builder's exact URL, percent-encoding, and what discover cannot send.

use catalog::{Filter, Genre, Kind, LangCode, List, Monetization, ProviderId, RegionCode, Sort, SortedSet, Span};
use tmdb::{details, discover, discover_unsupported, providers, search, Request, API_BASE};

fn ids(names: &[&str]) -> SortedSet<ProviderId> {
    names.iter().map(|n| ProviderId::parse(n).unwrap()).collect()
}

/// Everything discover can send, for a movie in Germany.
fn everything() -> Filter {
    let mut f = Filter::new(RegionCode::DE);
    f.services = ids(&["netflix", "prime-video"]);
    f.exclude = ids(&["disney-plus"]);
    f.types = SortedSet::from([Monetization::Flatrate, Monetization::Rent]);
    f.genres = SortedSet::from([Genre::Crime, Genre::Drama]);
    f.without_genres = SortedSet::from([Genre::Horror]);
    f.years = Span { from: Some(1990), to: Some(1999) };
    f.runtime = Span { from: Some(90), to: Some(180) };
    f.min_rating = Some(7);
    f.languages = SortedSet::from([LangCode::EN]);
    f.ages = SortedSet::from(["12".to_owned(), "16".to_owned()]);
    f.sort = Some(Sort::Rating);
    f
}

#[test]
fn discover_default_view_asks_for_flatrate_in_the_region_by_popularity() {
    let r = discover(Kind::Movie, &Filter::new(RegionCode::DE), LangCode::DE, 1);
    assert_eq!(
        r.url(API_BASE),
        "https://api.themoviedb.org/3/discover/movie?language=de-DE&page=1&sort_by=popularity.desc\
         &include_adult=false&watch_region=DE&with_watch_monetization_types=flatrate"
    );
    assert!(discover_unsupported(Kind::Movie, &Filter::new(RegionCode::DE)).is_empty());
}

#[test]
fn discover_sends_every_facet_tmdb_knows_with_pipes_encoded() {
    let r = discover(Kind::Movie, &everything(), LangCode::DE, 2);
    assert_eq!(
        r.url(API_BASE),
        "https://api.themoviedb.org/3/discover/movie?language=de-DE&page=2&sort_by=vote_average.desc\
         &include_adult=false&watch_region=DE&with_watch_monetization_types=flatrate%7Crent\
         &with_watch_providers=8%7C9%7C119&without_watch_providers=337&with_genres=80%7C18&without_genres=27\
         &primary_release_date.gte=1990-01-01&primary_release_date.lte=1999-12-31\
         &with_runtime.gte=90&with_runtime.lte=180&vote_average.gte=7&vote_count.gte=100\
         &with_original_language=en&certification_country=DE&certification=12%7C16"
    );
    assert!(discover_unsupported(Kind::Movie, &everything()).is_empty());
}

#[test]
fn discover_for_series_uses_their_dates_names_and_genre_ids() {
    let mut f = Filter::new(RegionCode::US);
    f.types = Monetization::ALL.into_iter().collect();
    // Action and Adventure are one series genre; Science Fiction is "Sci-Fi & Fantasy".
    f.genres = SortedSet::from([Genre::Action, Genre::Adventure, Genre::ScienceFiction]);
    f.without_genres = SortedSet::from([Genre::War, Genre::Horror]);
    f.years = Span { from: Some(2010), to: None };
    f.sort = Some(Sort::Title);
    let r = discover(Kind::Show, &f, LangCode::EN, 1);
    assert_eq!(
        r.url(API_BASE),
        "https://api.themoviedb.org/3/discover/tv?language=en-US&page=1&sort_by=name.asc&include_adult=false\
         &watch_region=US&with_watch_monetization_types=flatrate%7Cfree%7Cads%7Crent%7Cbuy\
         &with_genres=10759%7C10765&without_genres=10768&first_air_date.gte=2010-01-01"
    );
    assert!(discover_unsupported(Kind::Show, &f).is_empty(), "no series has Horror, so leaving it out is exact");
}

#[test]
fn discover_sorts_map_onto_tmdb_and_rating_demands_votes() {
    let sorted = |kind, sort| {
        let f = Filter { sort: Some(sort), ..Filter::new(RegionCode::DE) };
        discover(kind, &f, LangCode::EN, 1)
    };
    let sort_by = |kind, sort| sorted(kind, sort).get("sort_by").unwrap().to_owned();
    assert_eq!(sort_by(Kind::Movie, Sort::Popularity), "popularity.desc");
    assert_eq!(sort_by(Kind::Movie, Sort::Relevance), "popularity.desc");
    assert_eq!(sort_by(Kind::Movie, Sort::Newest), "primary_release_date.desc");
    assert_eq!(sort_by(Kind::Show, Sort::Newest), "first_air_date.desc");
    assert_eq!(sort_by(Kind::Movie, Sort::Title), "title.asc");
    assert_eq!(sort_by(Kind::Movie, Sort::Added), "popularity.desc");
    assert_eq!(sort_by(Kind::Show, Sort::Leaving), "popularity.desc");
    assert_eq!(sorted(Kind::Movie, Sort::Rating).get("vote_count.gte"), Some("100"));
    assert_eq!(sorted(Kind::Movie, Sort::Popularity).get("vote_count.gte"), None);
}

#[test]
fn discover_excluding_several_services_joins_them_with_an_encoded_comma() {
    let f = Filter { exclude: ids(&["disney-plus", "netflix"]), ..Filter::new(RegionCode::DE) };
    let url = discover(Kind::Movie, &f, LangCode::DE, 1).url(API_BASE);
    assert!(url.ends_with("&without_watch_providers=337%2C8"), "{url}");
    assert!(!url.contains("with_watch_providers="), "none chosen means every service: {url}");
}

#[test]
fn discover_keeps_providers_it_does_not_know_by_their_tmdb_id() {
    let f = Filter { services: ids(&["tmdb-provider-178", "netflix"]), ..Filter::new(RegionCode::DE) };
    assert_eq!(discover(Kind::Movie, &f, LangCode::DE, 1).get("with_watch_providers"), Some("8|178"));
    assert!(discover_unsupported(Kind::Movie, &f).is_empty());
}

#[test]
fn discover_lists_what_tmdb_cannot_filter() {
    let mut f = Filter::new(RegionCode::DE);
    f.text = "heat".into();
    f.list = Some(List::Leaving);
    f.sort = Some(Sort::Leaving);
    f.types = SortedSet::new();
    f.services = ids(&["netflix", "my-local-video-club"]);
    f.exclude = ids(&["another-club"]);
    f.languages = SortedSet::from([LangCode::DE, LangCode::EN]);
    f.ages = SortedSet::from(["16".to_owned()]);
    assert_eq!(
        discover_unsupported(Kind::Movie, &f),
        ["sort", "types", "services", "exclude", "list", "q", "language"]
    );
    let r = discover(Kind::Movie, &f, LangCode::DE, 1);
    assert_eq!(r.get("with_watch_providers"), Some("8"), "the known service is still sent");
    assert_eq!(r.get("with_original_language"), None);
    assert_eq!(r.get("with_watch_monetization_types"), None);
    assert_eq!(r.get("certification"), Some("16"));
    assert!(!r.url(API_BASE).contains("heat"), "search words are not discover's");

    // Series: no certification filter, and genres without a series id match nothing.
    let mut f = Filter::new(RegionCode::DE);
    f.ages = SortedSet::from(["16".to_owned()]);
    f.genres = SortedSet::from([Genre::Horror, Genre::Romance]);
    assert_eq!(discover_unsupported(Kind::Show, &f), ["genres", "age"]);
    let r = discover(Kind::Show, &f, LangCode::DE, 1);
    assert_eq!((r.get("with_genres"), r.get("certification")), (None, None));
    assert!(discover_unsupported(Kind::Movie, &f).is_empty(), "movies have both");
}

#[test]
fn pages_stay_within_what_tmdb_serves() {
    let f = Filter::new(RegionCode::DE);
    assert_eq!(discover(Kind::Movie, &f, LangCode::DE, 0).get("page"), Some("1"));
    assert_eq!(discover(Kind::Movie, &f, LangCode::DE, 9999).get("page"), Some("500"));
    assert_eq!(search(Kind::Movie, "heat", LangCode::DE, u32::MAX).get("page"), Some("500"));
}

#[test]
fn search_encodes_spaces_umlauts_and_reserved_characters() {
    let r = search(Kind::Movie, "  Die Brücke am Fluß & Co|2+2=4/ok?  ", LangCode::DE, 1);
    assert_eq!(
        r.url(API_BASE),
        "https://api.themoviedb.org/3/search/movie?query=Die%20Br%C3%BCcke%20am%20Flu%C3%9F%20%26%20Co%7C2%2B2%3D4%2Fok%3F\
         &include_adult=false&language=de-DE&page=1"
    );
    assert_eq!(r.get("query"), Some("Die Brücke am Fluß & Co|2+2=4/ok?"), "the value itself is kept as typed");
    let r = search(Kind::Show, "dark", LangCode::EN, 3);
    assert_eq!(
        r.url(API_BASE),
        "https://api.themoviedb.org/3/search/tv?query=dark&include_adult=false&language=en-US&page=3"
    );
}

#[test]
fn search_words_are_cut_like_the_url_codec_cuts_them() {
    let long = "ä".repeat(1000);
    let r = search(Kind::Movie, &long, LangCode::DE, 1);
    assert_eq!(r.get("query").unwrap().chars().count(), 200);
}

#[test]
fn details_append_credits_offers_and_age_ratings() {
    assert_eq!(
        details(Kind::Movie, 949, LangCode::DE).url(API_BASE),
        "https://api.themoviedb.org/3/movie/949?language=de-DE\
         &append_to_response=credits%2Cwatch%2Fproviders%2Crelease_dates"
    );
    assert_eq!(
        details(Kind::Show, 70523, LangCode::EN).url(API_BASE),
        "https://api.themoviedb.org/3/tv/70523?language=en-US\
         &append_to_response=credits%2Cwatch%2Fproviders%2Ccontent_ratings"
    );
}

#[test]
fn provider_lists_are_per_kind_and_region() {
    assert_eq!(
        providers(Kind::Movie, RegionCode::DE, LangCode::DE).url(API_BASE),
        "https://api.themoviedb.org/3/watch/providers/movie?language=de-DE&watch_region=DE"
    );
    assert_eq!(
        providers(Kind::Show, RegionCode::GB, LangCode::EN).url(API_BASE),
        "https://api.themoviedb.org/3/watch/providers/tv?language=en-US&watch_region=GB"
    );
}

#[test]
fn the_api_base_is_configuration() {
    let r = details(Kind::Movie, 949, LangCode::EN);
    let fake = r.url("http://127.0.0.1:8099/3/");
    assert!(fake.starts_with("http://127.0.0.1:8099/3/movie/949?language=en-US"), "{fake}");
    assert_eq!(Request { path: "/x".into(), query: vec![] }.url("https://t.example"), "https://t.example/x");
}

/// Every request the core can build, for the checks that hold for all of them.
fn all_requests() -> Vec<Request> {
    let mut all = Vec::new();
    for kind in Kind::ALL {
        for lang in [LangCode::DE, LangCode::EN] {
            all.push(discover(kind, &Filter::new(RegionCode::DE), lang, 1));
            all.push(discover(kind, &everything(), lang, 7));
            all.push(search(kind, "Das Boot", lang, 1));
            all.push(details(kind, 949, lang));
            all.push(providers(kind, RegionCode::AT, lang));
        }
    }
    all
}

#[test]
fn no_request_carries_anything_token_like() {
    const CREDENTIAL_KEYS: [&str; 6] = ["api_key", "access_token", "token", "session_id", "guest_session_id", "auth"];
    for r in all_requests() {
        for (key, value) in &r.query {
            let key_lower = key.to_ascii_lowercase();
            assert!(
                !CREDENTIAL_KEYS.iter().any(|c| key_lower.contains(c)),
                "{key} looks like a credential parameter in {}",
                r.path
            );
            // A TMDB read token is a JWT ("eyJ…", hundreds of characters); an API key is
            // 32 hex digits. No value we send is either.
            let long_opaque =
                value.len() >= 32 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
            assert!(!value.starts_with("eyJ") && !long_opaque, "{key}={value} looks like a token");
        }
        let url = r.url(API_BASE);
        assert!(!url.contains("Bearer") && !url.contains('@'), "{url}");
    }
}

#[test]
fn every_url_is_plain_ascii_with_only_unreserved_characters_unescaped() {
    for r in all_requests() {
        let url = r.url(API_BASE);
        let query = url.split_once('?').map_or("", |(_, q)| q);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').expect("key=value");
            for part in [key, value] {
                assert!(part.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{part} in {url}");
            }
        }
    }
}
