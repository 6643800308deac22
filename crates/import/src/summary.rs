//! What an import did, counted: rows read and skipped, titles merged, values dropped or repaired.

use std::collections::BTreeMap;
use std::fmt;

use crate::csv_row::SkipReason;

/// How many rows one input file had, and what became of them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileCount {
    /// `netflix:US netflix_titles.csv`
    pub label: String,
    pub rows_read: usize,
    pub rows_skipped: usize,
    /// Why the file could not be read, or not to the end (no `title` column, say).
    pub unreadable: Option<String>,
}

/// Rows skipped for one reason: how many, and the first few, so they can be found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skips {
    pub count: usize,
    /// `netflix_titles.csv row 12 (line 14): "abc"`
    pub examples: Vec<String>,
}

const EXAMPLES_PER_REASON: usize = 3;
const TOP_VALUES: usize = 8;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files: Vec<FileCount>,
    pub titles_written: usize,
    pub movies: usize,
    pub shows: usize,
    /// Titles found on more than one service, and how many offers they have together.
    pub merged_titles: usize,
    pub merged_offers: usize,
    /// Rows naming a title that the same service and region listed already.
    pub duplicate_rows: usize,
    pub skipped: BTreeMap<SkipReason, Skips>,
    /// `listed_in` labels with no genre of ours, and how often each occurred.
    pub unmapped_genres: BTreeMap<String, usize>,
    /// `rating` values that are no certification of the file's region.
    pub certifications_dropped: BTreeMap<String, usize>,
    /// Director fields that are a copy of the description (a scrape error in the Hulu list).
    pub director_copies_dropped: usize,
    /// Names that are none: placeholders ("Not Available"), bare numbers, scraped text.
    pub junk_names_dropped: usize,
    pub mojibake_repaired: usize,
    /// Titles with U+FFFD: the original character is lost, so the title is kept as it is.
    pub titles_with_replacement_char: usize,
    pub unreadable_dates: usize,
}

impl Summary {
    pub fn rows_read(&self) -> usize {
        self.files.iter().map(|f| f.rows_read).sum()
    }

    pub fn rows_skipped(&self) -> usize {
        self.skipped.values().map(|s| s.count).sum()
    }

    pub fn skip(&mut self, reason: SkipReason, example: impl FnOnce() -> String) {
        let skips = self.skipped.entry(reason).or_default();
        skips.count += 1;
        if skips.examples.len() < EXAMPLES_PER_REASON {
            skips.examples.push(example());
        }
    }

    pub fn skipped_for(&self, reason: SkipReason) -> usize {
        self.skipped.get(&reason).map_or(0, |s| s.count)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "rows read: {}", thousands(self.rows_read()))?;
        for file in &self.files {
            write!(
                f,
                "  {}: {} rows, {} skipped",
                file.label,
                thousands(file.rows_read),
                thousands(file.rows_skipped)
            )?;
            match &file.unreadable {
                Some(why) => writeln!(f, " — {why}")?,
                None => writeln!(f)?,
            }
        }
        writeln!(
            f,
            "titles written: {} ({} movies, {} shows)",
            thousands(self.titles_written),
            thousands(self.movies),
            thousands(self.shows)
        )?;
        writeln!(
            f,
            "merged: {} titles on several services, with {} offers between them",
            thousands(self.merged_titles),
            thousands(self.merged_offers)
        )?;
        writeln!(f, "duplicate rows (a title listed twice by one service): {}", thousands(self.duplicate_rows))?;
        writeln!(f, "rows skipped: {}", thousands(self.rows_skipped()))?;
        for (reason, skips) in &self.skipped {
            writeln!(f, "  {reason}: {}", thousands(skips.count))?;
            for example in &skips.examples {
                writeln!(f, "    {example}")?;
            }
        }
        let uses = |m: &BTreeMap<String, usize>| thousands(m.values().sum());
        writeln!(
            f,
            "genre labels not mapped: {} uses of {} labels{}",
            uses(&self.unmapped_genres),
            self.unmapped_genres.len(),
            top(&self.unmapped_genres)
        )?;
        writeln!(
            f,
            "certifications dropped (not the region's rating system): {}{}",
            uses(&self.certifications_dropped),
            top(&self.certifications_dropped)
        )?;
        writeln!(
            f,
            "names dropped: {} director fields equal to the description, {} placeholders, numbers or over 80 characters",
            self.director_copies_dropped, self.junk_names_dropped
        )?;
        writeln!(f, "mojibake repaired: {} texts", self.mojibake_repaired)?;
        writeln!(f, "titles with U+FFFD (not repairable, kept as they are): {}", self.titles_with_replacement_char)?;
        write!(f, "unreadable date_added values (offer written without a start): {}", self.unreadable_dates)
    }
}

/// The most frequent values first, in parentheses: ` (International Movies 2,752; Sports 342; …)`;
/// nothing when there are none.
fn top(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut by_count: Vec<(&String, &usize)> = counts.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut shown: Vec<String> =
        by_count.iter().take(TOP_VALUES).map(|(value, n)| format!("{value} {}", thousands(**n))).collect();
    if by_count.len() > TOP_VALUES {
        shown.push("…".into());
    }
    format!(" ({})", shown.join("; "))
}

/// `22998` → `22,998`
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_thousands_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(22998), "22,998");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn lists_the_most_frequent_values_first() {
        let counts: BTreeMap<String, usize> = [("b".to_string(), 5), ("a".to_string(), 5), ("c".to_string(), 9)].into();
        assert_eq!(top(&counts), " (c 9; a 5; b 5)");
        assert_eq!(top(&BTreeMap::new()), "");
    }
}
