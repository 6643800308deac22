//! Decoding and validation of catalog files: whole-file errors and skipped entries.

mod common;

use catalog::{decode, CatalogError, Date, Kind, Monetization, ProviderId, RegionCode};
use common::*;
use serde_json::json;

/// Every problem of the one skipped entry, as messages.
fn problems(text: &str) -> Vec<String> {
    let loaded = decode(text).expect("file loads");
    assert_eq!(loaded.skipped.len(), 1, "one entry skipped: {:?}", loaded.skipped);
    loaded.skipped[0].problems.iter().map(|p| p.to_string()).collect()
}

fn only_problem(text: &str) -> String {
    let loaded = decode(text).expect("file loads");
    assert_eq!(loaded.skipped.len(), 1, "one entry skipped: {:?}", loaded.skipped);
    let problems = &loaded.skipped[0].problems;
    assert_eq!(problems.len(), 1, "one problem: {problems:?}");
    problems[0].to_string()
}

#[test]
fn decodes_a_valid_catalog_completely() {
    let loaded = decode(&catalog(vec![heat()])).unwrap();
    assert!(loaded.skipped.is_empty());
    let c = &loaded.catalog;
    assert_eq!(c.as_of, Date::new(2026, 3, 5).unwrap());
    assert_eq!(c.providers.len(), 3);
    let heat = c.film("tmdb:949").unwrap();
    assert_eq!(heat.title, "Heat");
    assert_eq!(heat.original_title, "Heat", "original title defaults to the title");
    assert_eq!(heat.runtime, Some(170));
    assert_eq!(heat.directors, ["Michael Mann"]);
    assert_eq!(heat.offers.len(), 3);
    assert_eq!(heat.offers[0].monetization, Monetization::Flatrate);
    assert_eq!(heat.offers[1].price.as_ref().unwrap().minor_units, 399);
    assert_eq!(heat.offers[1].price.as_ref().unwrap().currency.as_str(), "EUR");
    assert_eq!(c.regions(), [RegionCode::DE, RegionCode::US].into());
    let in_de: Vec<&str> = c.providers_in(RegionCode::DE).iter().map(|p| p.id.as_str()).collect();
    assert_eq!(in_de, ["netflix", "store"]);
}

#[test]
fn rejects_text_that_is_not_json_naming_the_position() {
    let err = decode("{\n  \"format\": 1,\n  \"films\": [ oops ]\n}").unwrap_err();
    match &err {
        CatalogError::NotJson { line, column, .. } => assert_eq!((*line, *column), (3, 14)),
        other => panic!("expected NotJson, got {other:?}"),
    }
    assert!(err.to_string().starts_with("not valid JSON at line 3, column 14: expected value"), "{err}");
}

#[test]
fn rejects_an_empty_file() {
    let err = decode("").unwrap_err();
    assert!(matches!(err, CatalogError::NotJson { line: 1, .. }), "{err:?}");
}

#[test]
fn rejects_json_that_is_not_an_object() {
    let err = decode("[1, 2]").unwrap_err();
    assert!(err.to_string().contains("expected a JSON object with format"), "{err}");
}

#[test]
fn rejects_an_unknown_format_version_naming_the_position() {
    let text = "{\n  \"format\": 2,\n  \"as_of\": \"2026-03-05\", \"providers\": [], \"films\": []\n}";
    let err = decode(text).unwrap_err();
    assert_eq!(err, CatalogError::UnknownFormat { found: "2".into(), line: 2, column: 13 });
    assert_eq!(err.to_string(), "format (line 2, column 13): unknown catalog format 2, this reader knows format 1");
}

#[test]
fn rejects_a_missing_format() {
    let err = decode(r#"{"as_of": "2026-03-05", "providers": [], "films": []}"#).unwrap_err();
    assert!(err.to_string().starts_with("format"), "{err}");
}

#[test]
fn rejects_films_that_are_not_an_array() {
    let err = decode(r#"{"format": 1, "as_of": "2026-03-05", "providers": [], "films": {}}"#).unwrap_err();
    assert_eq!(err.to_string(), "films (line 1, column 64): expected an array of films");
}

#[test]
fn rejects_an_impossible_as_of_date() {
    let err = decode(r#"{"format": 1, "as_of": "2026-02-30", "providers": [], "films": []}"#).unwrap_err();
    assert!(err.to_string().starts_with("as_of (line 1, column 24)"), "{err}");
}

#[test]
fn skips_film_without_title_and_loads_the_rest() {
    let mut untitled = heat();
    untitled["id"] = json!("tmdb:1");
    untitled.as_object_mut().unwrap().remove("title");
    let loaded = decode(&catalog(vec![heat(), untitled])).unwrap();
    assert_eq!(loaded.catalog.films.len(), 1);
    assert_eq!(loaded.skipped[0].path, "films[1]");
    assert_eq!(loaded.skipped[0].label.as_deref(), Some("tmdb:1"), "the id names an untitled film");
    assert_eq!(loaded.skipped[0].problems[0].to_string(), "films[1].title: missing required field");
}

#[test]
fn blank_title_counts_as_missing() {
    let mut f = heat();
    f["title"] = json!(" \u{a0}\u{200b} ");
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].title: missing required field");
}

#[test]
fn skips_film_with_negative_runtime() {
    let mut f = heat();
    f["runtime"] = json!(-5);
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].runtime: -5 is out of range (1 to 1000)");
}

#[test]
fn skips_film_whose_offer_names_an_unknown_provider() {
    let mut f = heat();
    f["offers"][1]["provider"] = json!("blockbuster");
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].offers[1].provider: unknown provider \"blockbuster\"");
}

#[test]
fn skips_film_with_a_non_https_link() {
    for link in ["http://netflix.example/heat", "javascript:alert(1)", "https://user@evil.example/", "https:// x"] {
        let mut f = heat();
        f["offers"][0]["url"] = json!(link);
        let problem = only_problem(&catalog(vec![f]));
        assert!(problem.starts_with("films[0].offers[0].url: link must be an https URL"), "{link}: {problem}");
    }
}

#[test]
fn skips_film_with_a_non_https_poster() {
    let mut f = heat();
    f["poster"] = json!("data:image/svg+xml,<svg onload=alert(1)>");
    assert!(only_problem(&catalog(vec![f])).starts_with("films[0].poster: link must be an https URL"));
}

#[test]
fn skips_film_with_unknown_monetization() {
    let mut f = heat();
    f["offers"][0]["type"] = json!("stream");
    let problem = only_problem(&catalog(vec![f]));
    assert!(problem.starts_with("films[0].offers[0].type: unknown monetization \"stream\""), "{problem}");
}

#[test]
fn films_come_most_voted_first_then_by_title_whatever_the_file_order() {
    let rated = |id: &str, title: &str, votes: u32| {
        let mut f = film(id, title, json!([]));
        f["rating"] = json!({ "value": 7.0, "votes": votes });
        f
    };
    let loaded = decode(&catalog(vec![
        film("tmdb:1", "Unrated", json!([])),
        rated("tmdb:2", "Zulu", 10),
        rated("tmdb:3", "Alpha", 10),
        rated("tmdb:4", "Popular", 900),
    ]))
    .unwrap();
    let titles: Vec<&str> = loaded.catalog.films.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Popular", "Alpha", "Zulu", "Unrated"]);
}

#[test]
fn skips_the_second_film_with_a_duplicate_id() {
    let mut twin = heat();
    twin["title"] = json!("Heat (again)");
    let loaded = decode(&catalog(vec![heat(), twin])).unwrap();
    assert_eq!(loaded.catalog.films.len(), 1);
    assert_eq!(loaded.catalog.films[0].title, "Heat");
    assert_eq!(loaded.skipped[0].problems[0].to_string(), "films[1].id: duplicate id \"tmdb:949\"");
}

#[test]
fn of_two_films_with_one_id_the_file_keeps_the_first_whatever_the_catalog_order() {
    // Films are read in the catalog's order (most votes first), ids checked in the file's.
    let mut broken = heat();
    broken["year"] = json!("1995");
    let mut popular_twin = heat();
    popular_twin["title"] = json!("A Heat with more votes");
    popular_twin["rating"] = json!({ "value": 8.0, "votes": 99_999 });
    let mut broken_twin = heat();
    broken_twin["title"] = json!("Heat, broken");
    broken_twin["runtime"] = json!(0);
    let loaded = decode(&catalog(vec![broken, heat(), popular_twin, broken_twin])).unwrap();
    let titles: Vec<&str> = loaded.catalog.films.iter().map(|f| f.title.as_str()).collect();
    // A first film with the id that is itself left out does not make the next a duplicate.
    assert_eq!(titles, ["Heat"]);
    let skipped: Vec<(String, Option<&str>, Vec<String>)> = loaded
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.label.as_deref(), s.problems.iter().map(|p| p.to_string()).collect()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("films[0]".into(), Some("Heat"), vec!["films[0].year: expected a whole number, found a string".into()]),
            ("films[2]".into(), Some("A Heat with more votes"), vec!["films[2].id: duplicate id \"tmdb:949\"".into()]),
            (
                "films[3]".into(),
                Some("Heat, broken"),
                vec![
                    "films[3].id: duplicate id \"tmdb:949\"".into(),
                    "films[3].runtime: 0 is out of range (1 to 1000)".into()
                ]
            ),
        ]
    );
}

#[test]
fn reports_every_wrong_type_in_a_film_with_its_path() {
    let mut f = heat();
    f["year"] = json!(1995.5);
    f["directors"] = json!("Michael Mann");
    f["cast"] = json!(["Al Pacino", 7]);
    f["rating"] = json!({ "value": "7.9", "votes": 12 });
    f["synopsis"] = json!({ "de": ["Ein Coup"] });
    f["offers"][2] = json!("netflix");
    assert_eq!(
        problems(&catalog(vec![f])),
        [
            "films[0].year: expected a whole number, found a number",
            "films[0].directors: expected an array, found a string",
            "films[0].cast[1]: expected a string, found a whole number",
            "films[0].rating.value: expected a number, found a string",
            "films[0].synopsis.de: expected a string, found an array",
            "films[0].offers[2]: expected an object, found a string",
        ]
    );
}

#[test]
fn numbers_out_of_range_are_quoted_as_written() {
    let mut f = heat();
    f["rating"]["value"] = json!(11.5);
    f["offers"][1]["price"] = json!(-0.5);
    f["tmdb_id"] = json!(18446744073709551615u64);
    assert_eq!(
        problems(&catalog(vec![f])),
        [
            "films[0].rating.value: 11.5 is out of range (0 to 10)",
            "films[0].tmdb_id: 18446744073709551615 is out of range (1 to 4294967295)",
            "films[0].offers[1].price: -0.5 is out of range (0 to 100000)",
        ]
    );
}

#[test]
fn null_counts_as_absent_but_not_for_required_fields() {
    let mut f = heat();
    f["poster"] = json!(null);
    f["runtime"] = json!(null);
    f["rating"] = json!(null);
    let loaded = decode(&catalog(vec![f])).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.catalog.films[0].runtime, None);
    let mut f = heat();
    f["title"] = json!(null);
    f["year"] = json!(null);
    assert_eq!(
        problems(&catalog(vec![f])),
        ["films[0].title: missing required field", "films[0].year: missing required field"]
    );
}

#[test]
fn a_field_nested_deeply_is_ignored_where_unknown_and_reported_where_read() {
    // Deeper than serde_json builds values (128 levels): an entry is read field by field
    // from its text, so a field nobody reads is never parsed past its extent.
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let mut unknown = heat();
    unknown["x"] = json!("DEEP");
    let mut known = heat();
    known["id"] = json!("tmdb:2");
    known["genres"] = json!("DEEP");
    let text = catalog(vec![unknown, known]).replace("\"DEEP\"", &deep);
    let loaded = decode(&text).unwrap();
    assert_eq!(loaded.catalog.films.len(), 1);
    assert_eq!(loaded.catalog.films[0].id.as_str(), "tmdb:949");
    assert_eq!(loaded.skipped[0].problems[0].to_string(), "films[1].genres[0]: expected a string, found an array");
}

#[test]
fn a_repeated_key_counts_once_with_its_last_value_and_escapes_are_read() {
    let mut f = heat();
    f["title"] = json!("FIRST");
    f["synopsis"] = json!({ "de": "SYNOPSIS", "en": "A heist." });
    // Keys and values with escapes, and keys that repeat: as in every JSON reader that
    // keeps one value per key, the last one counts.
    let text = catalog(vec![f])
        .replace("\"FIRST\"", "\"First\", \"ti\\u0074le\": \"  Am\\u00e9lie \\\"Poulain\\\"\\u200b \"")
        .replace("\"SYNOPSIS\"", "null, \"en\": \"Not this.\", \"de\": \"Ein Coup.\"");
    let loaded = decode(&text).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    let film = &loaded.catalog.films[0];
    assert_eq!(film.title, "Amélie \"Poulain\"");
    let synopsis: Vec<_> = film.synopsis.iter().map(|(lang, text)| (lang.as_str(), text.as_str())).collect();
    assert_eq!(synopsis, [("de", "Ein Coup."), ("en", "A heist.")]);
}

#[test]
fn names_the_path_of_a_value_of_the_wrong_type() {
    let mut f = heat();
    f["offers"][0]["region"] = json!(49);
    let problem = only_problem(&catalog(vec![f]));
    assert_eq!(problem, "films[0].offers[0].region: expected a string, found a whole number");
}

#[test]
fn skips_film_with_unknown_genre_or_bad_codes() {
    let mut f = heat();
    f["genres"] = json!(["crime", "space-opera"]);
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].genres[1]: unknown genre \"space-opera\"");
    let mut f = heat();
    f["offers"][0]["region"] = json!("Germany");
    assert!(only_problem(&catalog(vec![f])).starts_with("films[0].offers[0].region: not an ISO 3166-1 region"));
    let mut f = heat();
    f["synopsis"] = json!({ "deutsch": "x" });
    assert!(only_problem(&catalog(vec![f])).starts_with("films[0].synopsis.deutsch: not an ISO 639-1"));
}

#[test]
fn reports_every_problem_of_a_film_at_once() {
    let mut f = heat();
    f["year"] = json!(3000);
    f["offers"][0]["type"] = json!("stream");
    f["offers"][2]["url"] = json!("ftp://x");
    let loaded = decode(&catalog(vec![f])).unwrap();
    let paths: Vec<&str> = loaded.skipped[0].problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["films[0].year", "films[0].offers[0].type", "films[0].offers[2].url"]);
    assert_eq!(loaded.skipped[0].label.as_deref(), Some("Heat"));
}

#[test]
fn validates_prices_and_availability_windows() {
    let mut f = heat();
    f["offers"][0]["price"] = json!(9.99);
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].offers[0].price: only rent and buy offers have a price");
    let mut f = heat();
    f["offers"][1].as_object_mut().unwrap().remove("currency");
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].offers[1].currency: price needs a currency");
    let mut f = heat();
    f["offers"][0]["available_from"] = json!("2026-05-01");
    f["offers"][0]["available_until"] = json!("2026-04-30");
    assert_eq!(
        only_problem(&catalog(vec![f])),
        "films[0].offers[0].available_until: available_until is before available_from"
    );
}

#[test]
fn skips_bad_providers_and_then_films_that_need_them() {
    let text = json!({
        "format": 1, "as_of": "2026-03-05",
        "providers": [
            provider("netflix", "Netflix"),
            { "id": "netflix", "name": "Twin", "kind": "subscription", "color": "#000000", "homepage": "https://x.example/" },
            { "id": "store", "name": "Store", "kind": "shop", "color": "red", "homepage": "https://store.example/" }
        ],
        "films": [heat()]
    })
    .to_string();
    let loaded = decode(&text).unwrap();
    let messages: Vec<String> = loaded.skipped.iter().flat_map(|s| s.problems.iter().map(|p| p.to_string())).collect();
    assert_eq!(
        messages,
        [
            "providers[1].id: duplicate id \"netflix\"",
            "providers[2].kind: unknown provider kind \"shop\", expected subscription, free or store",
            "providers[2].color: not a colour like \"#e50914\": \"red\"",
            "films[0].offers[1].provider: unknown provider \"store\"",
        ]
    );
    assert_eq!(loaded.catalog.providers.len(), 1);
}

#[test]
fn tolerates_bom_unknown_fields_and_invisible_padding() {
    let mut f = heat();
    f["future_field"] = json!({ "anything": [1, 2, 3] });
    f["title"] = json!("\u{200b}Heat\u{a0}");
    f["cast"] = json!(["Al Pacino ", "", " \u{a0}"]);
    let text = format!("\u{feff}{}", catalog(vec![f]));
    let loaded = decode(&text).unwrap();
    assert!(loaded.skipped.is_empty());
    let heat = &loaded.catalog.films[0];
    assert_eq!(heat.title, "Heat");
    assert_eq!(heat.cast, ["Al Pacino"]);
}

#[test]
fn keeps_hostile_text_as_plain_text() {
    let mut f = heat();
    f["title"] = json!("<img src=x onerror=alert(1)>\u{2028}");
    let loaded = decode(&catalog(vec![f])).unwrap();
    assert_eq!(loaded.catalog.films[0].title, "<img src=x onerror=alert(1)>");
}

#[test]
fn never_panics_on_odd_input() {
    let deep = "[".repeat(10_000);
    let odd = [
        "null",
        "1",
        "\"x\"",
        "{}",
        "{\"format\":1}",
        "{\"format\":1e400}",
        deep.as_str(),
        "{\"format\":1,\"as_of\":\"2026-03-05\",\"providers\":[null,1,\"x\"],\"films\":[null,[],{\"offers\":[null]}]}",
        "{\"format\":1,\"as_of\":\"9999-99-99\",\"providers\":[],\"films\":[]}",
        "{\"format\":\"1\",\"as_of\":\"2026-03-05\",\"providers\":[],\"films\":[]}",
    ];
    let as_arrays = catalog(vec![json!(["tmdb:5", "Array Film", 2000])]);
    assert_eq!(only_problem(&as_arrays), "films[0]: expected an object, found an array");
    let mut f = heat();
    f["offers"][0] = json!(["netflix", "DE", "flatrate"]);
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].offers[0]: expected an object, found an array");
    for text in odd {
        let _ = decode(text);
    }
    let loaded = decode(odd[7]).unwrap();
    assert_eq!(loaded.skipped.len(), 6);
    assert_eq!(loaded.skipped[0].problems[0].to_string(), "providers[0]: expected an object, found null");
}

#[test]
fn https_urls_know_their_host() {
    let url = catalog::HttpsUrl::parse("https://catalog.example:8443/films.json?v=2").unwrap();
    assert_eq!(url.host(), "catalog.example:8443");
    assert_eq!(catalog::HttpsUrl::parse("https://x.example").unwrap().host(), "x.example");
}

/// A provider listed in a region (TMDB live names a region's main services) is among the
/// region's services with no film on it; a region code that is not one skips the provider.
#[test]
fn a_provider_listed_in_a_region_is_there_without_an_offer() {
    let mut text: serde_json::Value = serde_json::from_str(&catalog(vec![heat()])).unwrap();
    text["providers"][1]["regions"] = json!(["US", "DE", "DE"]);
    let loaded = decode(&text.to_string()).unwrap();
    let c = &loaded.catalog;
    assert_eq!(c.providers[1].regions, [RegionCode::US, RegionCode::DE], "each once, in file order");
    let in_de: Vec<&str> = c.providers_in(RegionCode::DE).iter().map(|p| p.id.as_str()).collect();
    assert_eq!(in_de, ["netflix", "disney-plus", "store"], "in catalog order");
    assert!(c.providers_in(RegionCode::AT).is_empty());
    text["providers"][1]["regions"] = json!(["Deutschland"]);
    let loaded = decode(&text.to_string()).unwrap();
    assert_eq!(
        loaded.skipped[0].problems[0].to_string(),
        "providers[1].regions[0]: not an ISO 3166-1 region like \"DE\": \"Deutschland\""
    );
    assert_eq!(loaded.catalog.providers.len(), 2);
}

#[test]
fn provider_ids_and_regions_are_typed() {
    let loaded = decode(&catalog(vec![heat()])).unwrap();
    let netflix = ProviderId::parse("netflix").unwrap();
    assert_eq!(loaded.catalog.provider(&netflix).unwrap().name, "Netflix");
    assert!(ProviderId::parse("Netflix").is_none());
    assert!(RegionCode::parse("de").is_none());
}

#[test]
fn never_panics_on_damaged_copies_of_a_catalog() {
    let original = include_str!("../../../tests/fixtures/catalog-with-broken-entries.json").as_bytes();
    let replacements: &[&[u8]] =
        &[b"", b"\"", b"{", b"]", b",", b"null", b"-1", b"1e999", b"\\u0000", b"\xff", "é".as_bytes()];
    let mut state = 7u64;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut loaded_some = 0;
    for _ in 0..3_000 {
        let mut bytes = original.to_vec();
        for _ in 0..1 + next() % 3 {
            let at = next() % bytes.len();
            let cut = (next() % 8).min(bytes.len() - at);
            bytes.splice(at..at + cut, replacements[next() % replacements.len()].iter().copied());
        }
        let text = String::from_utf8_lossy(&bytes);
        if decode(&text).is_ok() {
            loaded_some += 1;
        }
    }
    assert!(loaded_some > 0, "some damage stays inside one entry and the rest loads");
}

/// The kind Heat decodes to with `kind` set to `value` (or left out, for `None`).
fn kind_of(value: Option<serde_json::Value>) -> Kind {
    let mut f = heat();
    if let Some(v) = value {
        f["kind"] = v;
    }
    let loaded = decode(&catalog(vec![f])).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.catalog.films[0].kind
}

#[test]
fn a_film_without_kind_is_a_movie() {
    assert_eq!(kind_of(None), Kind::Movie);
    assert_eq!(kind_of(Some(json!(null))), Kind::Movie);
    assert_eq!(kind_of(Some(json!("movie"))), Kind::Movie);
}

#[test]
fn reads_kind_show() {
    assert_eq!(kind_of(Some(json!("show"))), Kind::Show);
}

#[test]
fn skips_film_with_unknown_kind() {
    let mut f = heat();
    f["kind"] = json!("miniseries");
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].kind: unknown kind \"miniseries\", expected movie or show");
    let mut f = heat();
    f["kind"] = json!(1);
    assert_eq!(only_problem(&catalog(vec![f])), "films[0].kind: expected a string, found a whole number");
}
