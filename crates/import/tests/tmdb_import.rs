//! `flimmer-tmdb` against a fake TMDB: what a full import asks for and writes, where the
//! token goes, and what wrong arguments or a missing token say.
#![cfg(feature = "tmdb")]

mod fake_tmdb;

use catalog::{Kind, LangCode, Monetization, ProviderKind, RegionCode};
use fake_tmdb::{decoded, ids_in_file_order, run, scratch, stderr, Fake, EXPECTED_ORDER, FULL_RUN_REQUESTS, TOKEN};

fn offers_of(film: &catalog::Film) -> Vec<(String, String, &'static str)> {
    let mut offers: Vec<_> = film
        .offers
        .iter()
        .map(|o| (o.region.as_str().to_owned(), o.provider.as_str().to_owned(), o.monetization.as_str()))
        .collect();
    offers.sort();
    offers
}

fn owned(offers: &[(&str, &str, &'static str)]) -> Vec<(String, String, &'static str)> {
    let mut v: Vec<_> = offers.iter().map(|(r, p, m)| (r.to_string(), p.to_string(), *m)).collect();
    v.sort();
    v
}

#[test]
fn imports_two_regions_of_two_services_most_popular_first() {
    let fake = Fake::healthy();
    let dir = scratch("full");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");

    // What was asked: two pages of each region's list, never page 3, then every title
    // in English and German.
    let requests = fake.requests();
    assert_eq!(requests.len(), FULL_RUN_REQUESTS, "{requests:#?}");
    let pages: Vec<(String, String)> = requests
        .iter()
        .filter(|r| r.path == "/discover/movie")
        .map(|r| (r.param("watch_region").unwrap(), r.param("page").unwrap()))
        .collect();
    let expected_pages = [("DE", "1"), ("DE", "2"), ("AT", "1"), ("AT", "2")];
    assert_eq!(pages, expected_pages.map(|(r, p)| (r.to_owned(), p.to_owned())));
    for page in requests.iter().filter(|r| r.path == "/discover/movie") {
        let mut providers: Vec<String> =
            page.param("with_watch_providers").unwrap().split('|').map(str::to_owned).collect();
        providers.sort();
        assert_eq!(providers, ["337", "8"], "Disney+ or Netflix");
        assert_eq!(page.param("with_watch_monetization_types").as_deref(), Some("flatrate|free|ads|rent|buy"));
        assert_eq!(page.param("sort_by").as_deref(), Some("popularity.desc"));
    }
    for id in [603, 680, 238, 949, 27205, 129, 807] {
        for lang in ["en-US", "de-DE"] {
            let details: Vec<_> = requests.iter().filter(|r| r.is_details(id, lang)).collect();
            assert_eq!(details.len(), 1, "movie {id} in {lang}");
            assert_eq!(
                details[0].param("append_to_response").as_deref(),
                Some("credits,watch/providers,release_dates")
            );
        }
    }

    // What was written: the app loads every entry, most popular first in the file.
    let catalog = decoded(&dir);
    assert_eq!(ids_in_file_order(&dir), EXPECTED_ORDER, "TMDB's popularity, highest first");
    assert_eq!(catalog.as_of.to_string(), "2026-11-26");
    assert!(catalog.film("tmdb:807").is_none(), "Se7en has offers only in the US");
    assert!(catalog.film("tmdb:155").is_none(), "The Dark Knight is only on page 3");

    let godfather = catalog.film("tmdb:238").unwrap();
    assert_eq!(godfather.kind, Kind::Movie);
    assert_eq!(godfather.title, "The Godfather");
    assert_eq!(godfather.title_in(LangCode::DE), "Der Pate");
    assert_eq!(
        godfather.synopsis_in(LangCode::EN),
        Some("The ageing head of a New York crime family hands his empire to his youngest son, who never wanted it.")
    );
    assert_eq!(
        godfather.synopsis_in(LangCode::DE),
        Some("Das alternde Oberhaupt einer New Yorker Mafiafamilie übergibt sein Reich dem jüngsten Sohn, der es nie wollte.")
    );
    assert_eq!(godfather.year, 1972);
    assert_eq!(godfather.runtime, Some(175));
    assert_eq!(godfather.directors, ["Francis Ford Coppola"]);
    assert_eq!(godfather.cast, ["Marlon Brando", "Al Pacino", "James Caan", "Robert Duvall"]);
    assert_eq!(godfather.imdb_id.as_deref(), Some("tt0068646"));
    assert_eq!(godfather.tmdb_id, Some(238));
    assert_eq!(
        godfather.poster.as_ref().map(|p| p.as_str()),
        Some("https://images.example/t/p/w342/thegodfatherPosterFixture.jpg")
    );
    // Offers of DE and AT only (CH is dropped), every provider TMDB lists: MagentaTV,
    // which is no service of ours, under TMDB's id and name.
    assert_eq!(
        offers_of(godfather),
        owned(&[
            ("AT", "amazon-video", "rent"),
            ("AT", "netflix", "flatrate"),
            ("DE", "netflix", "flatrate"),
            ("DE", "tmdb-provider-178", "flatrate"),
        ])
    );
    let link = godfather.offers.iter().find(|o| o.region == RegionCode::AT).unwrap().url.as_ref().unwrap();
    assert_eq!(link.as_str(), "https://www.themoviedb.org/movie/238-the-godfather/watch?locale=AT");
    // Age ratings of the requested regions only.
    let certification: Vec<_> = godfather.certification.iter().map(|(r, c)| (r.as_str(), c.as_str())).collect();
    assert_eq!(certification, [("DE", "16")]);

    let matrix = catalog.film("tmdb:603").unwrap();
    assert_eq!(matrix.title_in(LangCode::DE), "Matrix");
    let certification: Vec<_> = matrix.certification.iter().map(|(r, c)| (r.as_str(), c.as_str())).collect();
    assert_eq!(
        certification,
        [("DE", "16"), ("AT", "14")],
        "the theatrical rating, not the digital release's empty one"
    );
    assert!(matrix.offers.iter().all(|o| o.region != RegionCode::US), "US offers (Max) are not asked for");
    assert_eq!(matrix.genres.iter().map(|g| g.slug()).collect::<Vec<_>>(), ["action", "science-fiction"]);
    assert_eq!(matrix.rating.map(|r| (r.value, r.votes)), Some((8.2, 26000)));

    // A German title only where it is one: Pulp Fiction is Pulp Fiction in German too,
    // and Spirited Away keeps its Japanese original title beside the German one.
    let pulp = catalog.film("tmdb:680").unwrap();
    assert!(pulp.titles.get(&LangCode::DE).is_none());
    assert_eq!(pulp.synopsis.len(), 2);
    let spirited = catalog.film("tmdb:129").unwrap();
    assert_eq!(spirited.title_in(LangCode::DE), "Chihiros Reise ins Zauberland");
    assert_eq!(spirited.original_title, "千と千尋の神隠し");
    assert_eq!(spirited.original_language, LangCode::parse("ja"));

    // Providers: every one an offer names, the requested services first, then TMDB's order.
    let providers: Vec<(&str, &str, ProviderKind)> =
        catalog.providers.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.kind)).collect();
    let decode_order: Vec<&str> = providers.iter().map(|p| p.0).collect();
    let text = std::fs::read_to_string(dir.join("catalog.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let file_order: Vec<&str> =
        json["providers"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        file_order,
        ["netflix", "disney-plus", "apple-tv", "amazon-video", "tmdb-provider-1796", "tmdb-provider-178"]
    );
    let mut sorted_file_order = file_order.clone();
    sorted_file_order.sort();
    let mut sorted_decode_order = decode_order.clone();
    sorted_decode_order.sort();
    assert_eq!(sorted_decode_order, sorted_file_order);
    assert!(providers.contains(&("tmdb-provider-178", "MagentaTV", ProviderKind::Subscription)));
    assert!(
        providers.contains(&("tmdb-provider-1796", "Netflix basic with Ads", ProviderKind::Free)),
        "offered only with ads: a free service"
    );
    assert!(providers.contains(&("disney-plus", "Disney+", ProviderKind::Subscription)), "our name, not TMDB's");
    for film in &catalog.films {
        assert!(!film.offers.is_empty(), "{}", film.id);
        for offer in &film.offers {
            assert!(catalog.provider(&offer.provider).is_some(), "{} names {}", film.id, offer.provider);
            assert!([RegionCode::DE, RegionCode::AT].contains(&offer.region));
        }
    }
    let inception = catalog.film("tmdb:27205").unwrap();
    assert!(inception.offers.iter().any(|o| o.monetization == Monetization::Ads));

    // Progress and the summary.
    for line in [
        "DE movie: page 1/2",
        "AT movie: page 2/2",
        "details 7/7 (0 from cache)",
        "requests to TMDB: 18; answers from the cache: 0",
        "retried after 429: 0",
        "titles written: 6 (6 movies, 0 shows), 25 offers, 6 providers",
        "titles skipped: 1",
        "no offer in the requested regions: 1",
        "movie 807: \"Se7en\" (1995): none in DE, AT",
        "Data from TMDB; availability from JustWatch.",
    ] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn imports_shows_with_their_creators_and_tv_age_ratings() {
    let fake = Fake::healthy();
    let dir = scratch("shows");
    let out = run(&fake, &dir, Some(TOKEN), &["--kinds", "show", "--regions", "DE"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let targets: Vec<(String, Option<String>)> =
        fake.requests().iter().map(|r| (r.path.clone(), r.param("append_to_response"))).collect();
    let tv_details = Some("credits,watch/providers,content_ratings".to_owned());
    assert_eq!(
        targets,
        [
            ("/discover/tv".to_owned(), None),
            ("/tv/70523".to_owned(), tv_details.clone()),
            ("/tv/70523".to_owned(), tv_details)
        ],
        "one page (TMDB has one), then the series in English and German"
    );
    let catalog = decoded(&dir);
    let dark = catalog.film("tmdbtv:70523").expect("series have their own id space");
    assert_eq!(dark.kind, Kind::Show);
    assert_eq!(dark.directors, ["Baran bo Odar", "Jantje Friese"], "creators stand for directors");
    assert_eq!(dark.runtime, Some(60));
    assert_eq!(dark.original_language, LangCode::parse("de"));
    assert!(dark.titles.get(&LangCode::DE).is_none(), "the same title in German");
    assert!(dark.synopsis_in(LangCode::DE).unwrap().starts_with("Ein verschwundenes Kind"));
    let certification: Vec<_> = dark.certification.iter().map(|(r, c)| (r.as_str(), c.as_str())).collect();
    assert_eq!(certification, [("DE", "16")]);
    assert_eq!(offers_of(dark), owned(&[("DE", "netflix", "flatrate")]));
    assert!(err.contains("DE show: page 1/1") && err.contains("titles written: 1 (0 movies, 1 shows)"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sends_the_token_only_in_the_authorization_header() {
    let fake = Fake::healthy();
    let dir = scratch("token");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let requests = fake.requests();
    assert_eq!(requests.len(), FULL_RUN_REQUESTS);
    let bearer = format!("Bearer {TOKEN}");
    for r in &requests {
        assert_eq!(r.header("authorization"), Some(bearer.as_str()), "{}", r.target());
        assert!(!r.target().contains(TOKEN) && !r.target().contains("api_key"), "{}", r.target());
        // No other header carries it either.
        assert!(r.headers.iter().filter(|(n, _)| n != "authorization").all(|(_, v)| !v.contains(TOKEN)));
    }
    // Not in the output, the cache (names or contents), stdout or stderr.
    let files = fake_tmdb::files_below(&dir);
    assert!(files.len() > FULL_RUN_REQUESTS, "the catalog and a cache entry per answer: {}", files.len());
    for (path, content) in &files {
        assert!(!path.to_string_lossy().contains(TOKEN), "{}", path.display());
        assert!(!String::from_utf8_lossy(content).contains(TOKEN), "{}", path.display());
    }
    assert!(!stderr(&out).contains(TOKEN) && !String::from_utf8_lossy(&out.stdout).contains(TOKEN));
    // The summary names neither the token nor its start.
    assert!(!stderr(&out).contains(&TOKEN[..12]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_token_is_a_clear_error_and_asks_nothing() {
    let fake = Fake::healthy();
    let dir = scratch("no-token");
    let out = run(&fake, &dir, None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("TMDB_TOKEN is not set"), "{}", stderr(&out));
    let blank = run(&fake, &dir, Some("  "), &[]);
    assert_eq!(blank.status.code(), Some(2));
    assert!(stderr(&blank).contains("TMDB_TOKEN is empty"), "{}", stderr(&blank));
    assert!(fake.requests().is_empty());
    assert!(!dir.join("catalog.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_exit_2_with_the_usage() {
    let fake = Fake::healthy();
    let dir = scratch("arguments");
    for (args, says) in [
        (&["--services", "netflx"][..], "unknown service \"netflx\"; known services: netflix, prime-video"),
        (&["--regions", "Deutschland"], "region \"Deutschland\""),
        (&["--pages", "0"], "--pages \"0\": expected a number from 1 to 500"),
        (&["--as-of", "26.11.2026"], "--as-of \"26.11.2026\""),
        (&["--kinds", "series"], "kind \"series\": expected movie or show"),
        (&["--api-base", "http://api.example/3"], "must be an https URL"),
        (&["--image-base", "http://images.example"], "--image-base"),
        (&["--frobnicate"], "unknown argument"),
    ] {
        let out = run(&fake, &dir, Some(TOKEN), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("usage: flimmer-tmdb"), "{args:?}");
    }
    assert!(fake.requests().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_names_the_source_and_the_use() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flimmer-tmdb")).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Data from TMDB; availability from JustWatch"), "{help}");
    assert!(help.contains("TMDB_TOKEN") && help.contains("never commit or ship"), "{help}");
}

#[test]
fn writes_the_catalog_to_stdout_with_out_dash() {
    let fake = Fake::healthy();
    let dir = scratch("stdout");
    let out = run(&fake, &dir, Some(TOKEN), &["--out", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let loaded = catalog::decode(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    assert!(loaded.skipped.is_empty());
    assert_eq!(loaded.catalog.films.len(), EXPECTED_ORDER.len());
    let _ = std::fs::remove_dir_all(&dir);
}
