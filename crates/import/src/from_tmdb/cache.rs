//! flimmer-tmdb's answer cache: one file per successful answer, so a run that stopped goes
//! on where it was instead of asking TMDB again.
//!
//! An entry is keyed by the request as it would be sent, less the API base: `GET` and the
//! path with its query (`/movie/949?language=de-DE&append_to_response=…`). The token is never
//! part of a request's URL, so it is never part of a key or of a file. The file name is a
//! readable slug of the request and a hash of the key; the content is the answer's body as
//! TMDB sent it. Files are written to a temporary name and renamed into place, so a run
//! killed mid-write leaves no half entry under a real name.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The cache of one run: a directory of answers.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// Temporary files of this process get distinct names, even if one write follows a failed one.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// The cache in `dir`, created if needed.
    pub fn open(dir: &Path) -> io::Result<Cache> {
        fs::create_dir_all(dir)?;
        Ok(Cache { dir: dir.to_owned() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the answer to `key` (`/movie/949?language=de-DE&…`) is kept.
    pub fn path_for(&self, key: &str) -> PathBuf {
        self.dir.join(file_name(key))
    }

    /// The stored answer to `key`, if there is one. Whether it is the JSON it should be is
    /// the caller's to check (a damaged entry is fetched again), so bytes that are not
    /// UTF-8 come back with U+FFFD, which no JSON reader takes for the answer.
    pub fn read(&self, key: &str) -> Option<String> {
        let bytes = fs::read(self.path_for(key)).ok()?;
        Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// Stores `body` as the answer to `key`: written beside its place and renamed into it,
    /// so the entry is either the old one, the whole new one, or absent.
    ///
    /// No `fsync`: the entries guard against a run that is stopped, not a machine that
    /// loses power, and a damaged entry is only fetched again.
    pub fn write(&self, key: &str, body: &str) -> io::Result<()> {
        let path = self.path_for(key);
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = self.dir.join(format!(".{}.{}-{n}.tmp", file_name(key), std::process::id()));
        let written = fs::File::create(&temp).and_then(|mut file| file.write_all(body.as_bytes()));
        let renamed = written.and_then(|()| fs::rename(&temp, &path));
        if renamed.is_err() {
            let _ = fs::remove_file(&temp);
        }
        renamed
    }
}

/// `movie-949-de-DE-3f2a….json`: what the request was for, readable in a directory listing,
/// then 16 hex digits of the key's FNV-1a hash, which tell requests apart (the slug leaves
/// most of the query out).
pub fn file_name(key: &str) -> String {
    let (path, query) = key.split_once('?').unwrap_or((key, ""));
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for (name, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        if matches!(name, "watch_region" | "page" | "language") {
            parts.push(value);
        }
    }
    let mut slug = String::new();
    for part in parts {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(part.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).take(40));
    }
    format!("{slug}-{:016x}.json", fnv1a(key.as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions and machines (std's hasher promises
/// neither), and far from colliding for the few thousand requests of a run.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_the_answer_is_for() {
        let name = file_name("/movie/949?language=de-DE&append_to_response=credits%2Cwatch%2Fproviders");
        assert!(name.starts_with("movie-949-de-DE-") && name.ends_with(".json"), "{name}");
        let name = file_name("/discover/movie?language=en-US&page=2&watch_region=AT&with_watch_providers=8%7C337");
        assert!(name.starts_with("discover-movie-en-US-2-AT-"), "{name}");
    }

    #[test]
    fn requests_that_differ_only_in_the_query_get_different_files() {
        let a = file_name("/discover/movie?page=1&watch_region=DE&with_watch_providers=8");
        let b = file_name("/discover/movie?page=1&watch_region=DE&with_watch_providers=337");
        assert_ne!(a, b);
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn writes_replace_whole_entries_and_leave_no_temporary_files() {
        let dir = std::env::temp_dir().join(format!("flimmer-tmdb-cache-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let cache = Cache::open(&dir).unwrap();
        assert_eq!(cache.read("/movie/1?language=en-US"), None);
        cache.write("/movie/1?language=en-US", "{\"id\": 1}").unwrap();
        cache.write("/movie/1?language=en-US", "{\"id\": 1, \"title\": \"A\"}").unwrap();
        assert_eq!(cache.read("/movie/1?language=en-US").as_deref(), Some("{\"id\": 1, \"title\": \"A\"}"));
        let names: Vec<String> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let _ = fs::remove_dir_all(&dir);
    }
}
