//! `flimmer-tmdb` run again after a stop: what the cache holds is never asked for twice,
//! and a damaged entry is asked for again.
#![cfg(feature = "tmdb")]

mod fake_tmdb;

use std::collections::BTreeSet;

use fake_tmdb::{
    cache_file, decoded, fixture_reply, ids_in_file_order, run, scratch, stderr, tmdb_fixture, Fake, Reply,
    EXPECTED_ORDER, FULL_RUN_REQUESTS, TOKEN,
};

/// Details answered before the first fake starts refusing the token.
const ANSWERED: usize = 5;

#[test]
fn a_run_stopped_by_a_refused_token_goes_on_without_asking_again() {
    // First run: the token is revoked after five details answers.
    let revoking = Fake::start(|seen, earlier| {
        let details_answered = earlier.iter().filter(|e| e.path.starts_with("/movie/") && e.status == 200).count();
        if details_answered >= ANSWERED {
            Reply::json(401, tmdb_fixture("error_401.json"))
        } else {
            fixture_reply(seen)
        }
    });
    let dir = scratch("resume");
    let first = run(&revoking, &dir, Some(TOKEN), &[]);
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(1), "{err}");
    assert!(err.contains("token refused") && err.contains("run the same command again to go on"), "{err}");
    assert!(!dir.join("catalog.json").exists(), "no half catalog");
    let answered: BTreeSet<String> =
        revoking.requests().iter().filter(|r| r.status == 200).map(|r| r.target()).collect();
    assert_eq!(answered.len(), 4 + ANSWERED, "four list pages and five details");
    assert_eq!(revoking.requests().last().unwrap().status, 401, "stopped at the first 401");

    // Second run, with a good token: only what the first did not get is asked for.
    let healthy = Fake::healthy();
    let second = run(&healthy, &dir, Some(TOKEN), &[]);
    let err = stderr(&second);
    assert!(second.status.success(), "{err}");
    let asked: Vec<String> = healthy.requests().iter().map(|r| r.target()).collect();
    let again: Vec<&String> = asked.iter().filter(|t| answered.contains(*t)).collect();
    assert!(again.is_empty(), "asked again for cached answers: {again:#?}");
    assert_eq!(asked.len(), FULL_RUN_REQUESTS - answered.len(), "{asked:#?}");

    assert_eq!(ids_in_file_order(&dir), EXPECTED_ORDER, "the whole catalog");
    decoded(&dir);
    for line in ["requests to TMDB: 9; answers from the cache: 9", "details 7/7 (2 from cache)", "titles written: 6"] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_cache_entry_is_asked_for_again() {
    let dir = scratch("damaged");
    let first_fake = Fake::healthy();
    let first = run(&first_fake, &dir, Some(TOKEN), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let written = std::fs::read(dir.join("catalog.json")).unwrap();
    let entries = fake_tmdb::files_below(&dir.join("cache"));
    assert_eq!(entries.len(), FULL_RUN_REQUESTS, "one file per answer, no temporary files left");

    // A details answer cut short, and a list page left empty.
    let heat = cache_file(&dir, "movie-949-de-DE-");
    let whole = std::fs::read(&heat).unwrap();
    std::fs::write(&heat, &whole[..whole.len() / 2]).unwrap();
    let page = cache_file(&dir, "discover-movie-en-US-2-DE-");
    std::fs::write(&page, "").unwrap();

    let second_fake = Fake::healthy();
    let second = run(&second_fake, &dir, Some(TOKEN), &[]);
    let err = stderr(&second);
    assert!(second.status.success(), "{err}");
    let mut asked: Vec<String> = second_fake
        .requests()
        .iter()
        .map(|r| format!("{} {} {}", r.path, r.param("language").unwrap(), r.param("page").unwrap_or_default()))
        .collect();
    asked.sort();
    assert_eq!(asked, ["/discover/movie en-US 2", "/movie/949 de-DE "], "exactly the damaged entries");
    assert!(err.contains("answers from the cache: 16 (2 damaged entries fetched again)"), "{err}");
    assert_eq!(std::fs::read(dir.join("catalog.json")).unwrap(), written, "the same catalog, byte for byte");
    assert_eq!(std::fs::read(&heat).unwrap(), whole, "the entry is whole again");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_as_of_day_has_its_own_cache() {
    let dir = scratch("days");
    let fake = Fake::healthy();
    assert!(run(&fake, &dir, Some(TOKEN), &[]).status.success());
    let next_day = run(&fake, &dir, Some(TOKEN), &["--as-of", "2026-11-27"]);
    assert!(next_day.status.success(), "{}", stderr(&next_day));
    assert_eq!(fake.requests().len(), 2 * FULL_RUN_REQUESTS, "a new day's availability is fetched anew");
    assert!(dir.join("cache/2026-11-26").is_dir() && dir.join("cache/2026-11-27").is_dir());
    let same_day = run(&fake, &dir, Some(TOKEN), &["--as-of", "2026-11-27"]);
    assert!(same_day.status.success());
    assert_eq!(fake.requests().len(), 2 * FULL_RUN_REQUESTS, "the same day again: all from the cache");
    let _ = std::fs::remove_dir_all(&dir);
}
