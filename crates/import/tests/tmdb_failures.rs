//! `flimmer-tmdb` when TMDB does not simply answer: rate limits, server errors, broken
//! bodies and a refused token.
#![cfg(feature = "tmdb")]

mod fake_tmdb;

use std::time::Duration;

use fake_tmdb::{
    decoded, fixture_reply, ids_in_file_order, run, scratch, stderr, tmdb_fixture, Fake, Reply, Seen, EXPECTED_ORDER,
    FULL_RUN_REQUESTS, TOKEN,
};

fn first_time(seen: &Seen, earlier: &[Seen]) -> bool {
    !earlier.iter().any(|e| e.target() == seen.target())
}

fn gap(requests: &[&Seen]) -> Duration {
    requests[1].at.duration_since(requests[0].at)
}

#[test]
fn waits_as_long_as_retry_after_says_on_429_then_asks_again() {
    // Matrix in English: 429 with `Retry-After: 1`; The Godfather in German: 429 with a
    // header that is no wait, so the client backs off by itself (1 s first).
    let fake = Fake::start(|seen, earlier| {
        let limited = Reply::json(429, tmdb_fixture("error_429.json"));
        if seen.is_details(603, "en-US") && first_time(seen, earlier) {
            limited.with_header("Retry-After", "1")
        } else if seen.is_details(238, "de-DE") && first_time(seen, earlier) {
            limited.with_header("Retry-After", "soon")
        } else {
            fixture_reply(seen)
        }
    });
    let dir = scratch("429");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");

    let requests = fake.requests();
    assert_eq!(requests.len(), FULL_RUN_REQUESTS + 2, "each limited request once more");
    let matrix: Vec<&Seen> = requests.iter().filter(|r| r.is_details(603, "en-US")).collect();
    assert_eq!(matrix.iter().map(|r| r.status).collect::<Vec<_>>(), [429, 200]);
    assert_eq!(matrix[0].target(), matrix[1].target(), "the same request again");
    assert!(gap(&matrix) >= Duration::from_secs(1), "asked again after {:?}", gap(&matrix));
    let godfather: Vec<&Seen> = requests.iter().filter(|r| r.is_details(238, "de-DE")).collect();
    assert_eq!(godfather.iter().map(|r| r.status).collect::<Vec<_>>(), [429, 200]);
    assert!(gap(&godfather) >= Duration::from_secs(1), "asked again after {:?}", gap(&godfather));

    assert_eq!(ids_in_file_order(&dir), EXPECTED_ORDER, "nothing lost");
    decoded(&dir);
    for line in [
        "429, Retry-After: 1: waiting 1 s before asking for /movie/603 again",
        "429, Retry-After: soon: waiting 1 s before asking for /movie/238 again",
        "requests to TMDB: 20;",
        "retried after 429: 2 (waited 2 s in all)",
        "titles written: 6",
    ] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_title_that_keeps_failing_with_500_is_skipped_with_its_reason() {
    let fake = Fake::start(|seen, _| {
        if seen.path == "/movie/680" {
            Reply::json(
                500,
                r#"{"success":false,"status_code":11,"status_message":"Internal error: Something went wrong, contact TMDB."}"#,
            )
        } else {
            fixture_reply(seen)
        }
    });
    let dir = scratch("500");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "the rest is written: {err}");

    let requests = fake.requests();
    let pulp: Vec<&Seen> = requests.iter().filter(|r| r.path == "/movie/680").collect();
    assert_eq!(pulp.len(), 3, "the first try and two more");
    assert!(pulp.iter().all(|r| r.param("language").as_deref() == Some("en-US")), "German is not asked for then");

    let mut expected: Vec<&str> = EXPECTED_ORDER.to_vec();
    expected.retain(|id| *id != "tmdb:680");
    assert_eq!(ids_in_file_order(&dir), expected);
    decoded(&dir);
    for line in [
        "retried after a server error or no answer: 2 (waited 3 s in all)",
        "titles written: 5",
        "titles skipped: 2",
        "server error or no answer, on every try: 1",
        "movie 680: TMDB answered 500 (code 11): Internal error: Something went wrong, contact TMDB. (3 tries)",
    ] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_malformed_answer_skips_its_title_and_is_not_cached() {
    let fake = Fake::start(|seen, _| {
        if seen.is_details(129, "en-US") {
            Reply::json(200, r#"{"id": 129, "title": "Spirited Aw"#)
        } else {
            fixture_reply(seen)
        }
    });
    let dir = scratch("malformed");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(fake.requests().iter().filter(|r| r.is_details(129, "en-US")).count(), 1, "not retried");

    let catalog = decoded(&dir);
    assert!(catalog.film("tmdb:129").is_none());
    assert_eq!(catalog.films.len(), EXPECTED_ORDER.len() - 1);
    for line in ["answer not readable: 1", "movie 129: TMDB's answer could not be read: EOF while parsing a string"] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    let cached: Vec<String> = std::fs::read_dir(dir.join("cache").join(fake_tmdb::AS_OF))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!cached.iter().any(|name| name.starts_with("movie-129-en-US-")), "{cached:?}");
    assert!(cached.iter().any(|name| name.starts_with("movie-603-en-US-")), "{cached:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_refused_token_stops_the_run_at_once() {
    let fake = Fake::start(|_, _| Reply::json(401, tmdb_fixture("error_401.json")));
    let dir = scratch("401");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(fake.requests().len(), 1, "nothing is asked after a 401");
    assert!(err.contains("token refused: Invalid API key: You must be granted a valid key."), "{err}");
    assert!(err.contains("API Read Access Token"), "says which token is wanted: {err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!err.contains(TOKEN), "{err}");
    assert!(!dir.join("catalog.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_list_that_names_nothing_usable_exits_1_without_a_catalog() {
    let fake = Fake::start(|seen, _| {
        if seen.path == "/discover/movie" {
            Reply::json(200, r#"{"page":1,"results":[],"total_pages":0,"total_results":0}"#)
        } else {
            fixture_reply(seen)
        }
    });
    let dir = scratch("empty");
    let out = run(&fake, &dir, Some(TOKEN), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no title could be used: nothing to write"), "{}", stderr(&out));
    assert_eq!(fake.requests().len(), 2, "page 1 of each region, then nothing more");
    assert!(!dir.join("catalog.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
