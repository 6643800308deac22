//! What a TMDB import did, counted: lists read, requests sent and answered from the cache,
//! waits, titles written and skipped by reason.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::summary::{thousands, Skips};

/// Why a title (or a page of a list) gave nothing to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A 5xx answer, or none at all (connection, time-out), on every try.
    ServerError,
    /// Another error status: 404 (no such film) and the like.
    Refused,
    /// A success whose body is not the JSON of the endpoint.
    Malformed,
    /// TMDB's entry is no catalog film: no id, title or release year.
    NotAFilm,
    /// No offer in any of the requested regions.
    NoOffers,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::ServerError => "server error or no answer, on every try",
            Reason::Refused => "refused by TMDB (404 or another error status)",
            Reason::Malformed => "answer not readable",
            Reason::NotAFilm => "not a catalog film (no id, title or release year)",
            Reason::NoOffers => "no offer in the requested regions",
        })
    }
}

/// How the HTTP side went: what was sent, what came from the cache, how long was waited.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Requests {
    /// Requests sent to TMDB, retries included.
    pub sent: usize,
    /// Answers read from the cache instead.
    pub from_cache: usize,
    /// Cache entries that could not be read as their endpoint's JSON, and were fetched again.
    pub cache_damaged: usize,
    /// Answers that could not be stored (the run goes on; a later run fetches them again).
    pub cache_write_errors: usize,
    pub cache_write_error: Option<String>,
    /// Requests sent again after a 429, and the time waited for them.
    pub rate_limited: usize,
    pub rate_limit_wait: Duration,
    /// Requests sent again after a 5xx or no answer, and the time waited for them.
    pub retried: usize,
    pub retry_wait: Duration,
}

/// One discover list: a region and kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListCount {
    /// `DE movie`
    pub label: String,
    pub pages_read: u32,
    /// The pages TMDB has (0 until the first page came).
    pub total_pages: u32,
    pub titles: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub lists: Vec<ListCount>,
    /// Pages of lists that could not be read, with the first few.
    pub pages_skipped: Skips,
    /// Distinct titles the lists named.
    pub titles_found: usize,
    /// Titles whose answers all came from the cache.
    pub titles_from_cache: usize,
    pub titles_written: usize,
    pub movies: usize,
    pub shows: usize,
    pub offers: usize,
    pub providers: usize,
    pub skipped: BTreeMap<Reason, Skips>,
    pub requests: Requests,
    /// Entries of the written file that `catalog::decode` skips: always 0 unless the
    /// writer has a bug, and checked on every run.
    pub entries_the_app_skips: usize,
}

const EXAMPLES_PER_REASON: usize = 3;

impl Summary {
    pub fn skip(&mut self, reason: Reason, example: impl FnOnce() -> String) {
        let skips = self.skipped.entry(reason).or_default();
        skips.count += 1;
        if skips.examples.len() < EXAMPLES_PER_REASON {
            skips.examples.push(example());
        }
    }

    pub fn skip_page(&mut self, example: String) {
        self.pages_skipped.count += 1;
        if self.pages_skipped.examples.len() < EXAMPLES_PER_REASON {
            self.pages_skipped.examples.push(example);
        }
    }

    pub fn titles_skipped(&self) -> usize {
        self.skipped.values().map(|s| s.count).sum()
    }

    pub fn skipped_for(&self, reason: Reason) -> usize {
        self.skipped.get(&reason).map_or(0, |s| s.count)
    }
}

/// `1 s`, `2.5 s`, `1 min 5 s`
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 {
        format!("{} min {} s", d.as_secs() / 60, d.as_secs() % 60)
    } else if (s - s.round()).abs() < 0.05 {
        format!("{} s", s.round())
    } else {
        format!("{s:.1} s")
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lists:")?;
        for list in &self.lists {
            writeln!(
                f,
                "  {}: {} of {} pages read, {} titles",
                list.label,
                list.pages_read,
                list.total_pages,
                thousands(list.titles)
            )?;
        }
        writeln!(f, "pages skipped: {}", self.pages_skipped.count)?;
        for example in &self.pages_skipped.examples {
            writeln!(f, "    {example}")?;
        }
        writeln!(f, "titles found: {}", thousands(self.titles_found))?;
        let r = &self.requests;
        write!(f, "requests to TMDB: {}; answers from the cache: {}", thousands(r.sent), thousands(r.from_cache))?;
        if r.cache_damaged > 0 {
            write!(f, " ({} damaged entries fetched again)", r.cache_damaged)?;
        }
        writeln!(f)?;
        writeln!(f, "retried after 429: {} (waited {} in all)", r.rate_limited, seconds(r.rate_limit_wait))?;
        writeln!(
            f,
            "retried after a server error or no answer: {} (waited {} in all)",
            r.retried,
            seconds(r.retry_wait)
        )?;
        if r.cache_write_errors > 0 {
            writeln!(
                f,
                "answers not stored in the cache: {} ({})",
                r.cache_write_errors,
                r.cache_write_error.as_deref().unwrap_or("")
            )?;
        }
        writeln!(
            f,
            "titles written: {} ({} movies, {} shows), {} offers, {} providers",
            thousands(self.titles_written),
            thousands(self.movies),
            thousands(self.shows),
            thousands(self.offers),
            self.providers
        )?;
        write!(f, "titles skipped: {}", thousands(self.titles_skipped()))?;
        for (reason, skips) in &self.skipped {
            write!(f, "\n  {reason}: {}", thousands(skips.count))?;
            for example in &skips.examples {
                write!(f, "\n    {example}")?;
            }
        }
        if self.entries_the_app_skips > 0 {
            write!(f, "\nentries the app would skip: {} (a bug in flimmer-tmdb)", self.entries_the_app_skips)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_waits_in_seconds_and_minutes() {
        assert_eq!(seconds(Duration::ZERO), "0 s");
        assert_eq!(seconds(Duration::from_millis(1000)), "1 s");
        assert_eq!(seconds(Duration::from_millis(2500)), "2.5 s");
        assert_eq!(seconds(Duration::from_secs(65)), "1 min 5 s");
    }
}
