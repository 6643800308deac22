//! Reading the recorded TMDB samples (shared, outside the repository) and our fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// The real TMDB answers recorded in `/work/shared/data/tmdb-samples` (see SOURCES.md
/// there). Read in place, never copied into the repository.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/tmdb-samples")
}

pub fn sample(name: &str) -> String {
    let dir = samples_dir();
    assert!(
        dir.is_dir(),
        "the recorded TMDB samples are missing: expected the directory {} (shared/data/tmdb-samples beside the \
         checkout, with discover_movie_page1.json and movie_550_watch_providers.json)",
        dir.display()
    );
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read the TMDB sample {}: {e}", path.display()))
}

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read the fixture {}: {e}", path.display()))
}

/// A 200 answer read as `T`, failing the test with TMDB's failure if it does not read.
pub fn ok<T: DeserializeOwned>(body: &str) -> T {
    tmdb::decode(200, body).unwrap_or_else(|e| panic!("a 200 answer should read: {e}"))
}
