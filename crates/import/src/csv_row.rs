//! One row of a service list (`show_id,type,title,…,description`) read into a cleaned `Row`.

use std::fmt;

use catalog::{Date, Genre, Kind, RegionCode};
use csv::StringRecord;

use crate::summary::Summary;
use crate::{certification, clean, genres};

/// Where each column is, found by name, so lists with extra or reordered columns read too.
#[derive(Debug, Clone)]
pub struct Columns {
    show_id: Option<usize>,
    kind: Option<usize>,
    title: usize,
    director: Option<usize>,
    cast: Option<usize>,
    date_added: Option<usize>,
    release_year: usize,
    rating: Option<usize>,
    duration: Option<usize>,
    listed_in: Option<usize>,
    description: Option<usize>,
    /// How many fields the header has; a row with another number is shifted or cut.
    count: usize,
}

impl Columns {
    /// The columns of a header row. Without `title` and `release_year` no row can be
    /// used, which is an error for the whole file.
    pub fn from_header(header: &StringRecord) -> Result<Columns, String> {
        let find = |name: &str| {
            header.iter().position(|h| h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}') == name)
        };
        let required = |name: &str| find(name).ok_or_else(|| format!("no `{name}` column in the header"));
        Ok(Columns {
            show_id: find("show_id"),
            kind: find("type"),
            title: required("title")?,
            director: find("director"),
            cast: find("cast"),
            date_added: find("date_added"),
            release_year: required("release_year")?,
            rating: find("rating"),
            duration: find("duration"),
            listed_in: find("listed_in"),
            description: find("description"),
            count: header.len(),
        })
    }
}

/// A row as the catalog needs it: cleaned text, typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The service's own id of the title (`s123`), for the fallback film id.
    pub show_id: String,
    pub kind: Kind,
    pub title: String,
    pub year: u16,
    pub runtime: Option<u16>,
    pub genres: Vec<Genre>,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub certification: Option<&'static str>,
    pub date_added: Option<Date>,
    pub description: Option<String>,
}

/// Why a row was left out. The order is the order the summary lists them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The CSV reader could not read it (not UTF-8, say).
    Unreadable,
    /// More or fewer fields than the header: columns shifted by a stray quote or comma.
    FieldCount,
    EmptyTitle,
    BadYear,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::Unreadable => "unreadable CSV",
            SkipReason::FieldCount => "number of fields differs from the header",
            SkipReason::EmptyTitle => "empty title",
            SkipReason::BadYear => "release_year not a year from 1870 to 2100",
        })
    }
}

/// A skipped row: the reason, and the detail a reader needs to find and judge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub reason: SkipReason,
    pub detail: String,
}

/// What the `duration` column says (and sometimes, shifted, the `rating` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Duration {
    Minutes(u16),
    Seasons,
}

fn duration(s: &str) -> Option<Duration> {
    let (n, unit) = s.trim().split_once(' ')?;
    let n: u16 = n.parse().ok()?;
    match unit {
        "min" if (1..=1000).contains(&n) => Some(Duration::Minutes(n)),
        "Season" | "Seasons" => Some(Duration::Seasons),
        _ => None,
    }
}

/// Reads one record. Everything that is dropped or repaired on the way is counted in `summary`.
pub fn read(record: &StringRecord, columns: &Columns, region: RegionCode, summary: &mut Summary) -> Result<Row, Skip> {
    if record.len() != columns.count {
        let detail = format!("{} fields, the header has {}", record.len(), columns.count);
        return Err(Skip { reason: SkipReason::FieldCount, detail });
    }
    let raw = |column: Option<usize>| column.and_then(|i| record.get(i)).unwrap_or("");
    let mut clean = |s: &str| {
        let cleaned = clean::text(s);
        summary.mojibake_repaired += usize::from(cleaned.mojibake_repaired);
        cleaned.text
    };

    let title = clean(raw(Some(columns.title)));
    if title.is_empty() {
        return Err(Skip { reason: SkipReason::EmptyTitle, detail: String::new() });
    }
    let year_text = raw(Some(columns.release_year)).trim();
    let year = match year_text.parse::<u16>() {
        Ok(y) if (1870..=2100).contains(&y) => y,
        _ => return Err(Skip { reason: SkipReason::BadYear, detail: catalog::quoted(year_text) }),
    };
    let description = clean(raw(columns.description));
    let (director_field, cast_field) = (clean(raw(columns.director)), clean(raw(columns.cast)));
    let directors = names(&director_field, &description, summary, true);
    let cast = names(&cast_field, &description, summary, false);
    if title.contains('\u{fffd}') {
        summary.titles_with_replacement_char += 1;
    }

    // Some rows carry the duration in `rating` and leave `duration` empty (shifted by the
    // scraper): then `rating` is the duration and there is no certification.
    let (rating_text, duration_text) = (raw(columns.rating).trim(), raw(columns.duration).trim());
    let (duration, rating) = match (duration(duration_text), duration(rating_text)) {
        (None, Some(shifted)) if duration_text.is_empty() => (Some(shifted), ""),
        (d, _) => (d, rating_text),
    };
    // Hulu types some shows as movies; "2 Seasons" says what they are.
    let kind = if raw(columns.kind).trim() == "TV Show" || duration == Some(Duration::Seasons) {
        Kind::Show
    } else {
        Kind::Movie
    };
    let runtime = match duration {
        Some(Duration::Minutes(m)) => Some(m),
        _ => None,
    };
    let certification = certification::of_region(region, rating);
    if certification.is_none() && !rating.is_empty() {
        *summary.certifications_dropped.entry(rating.to_owned()).or_default() += 1;
    }

    let genres = genres::genres(raw(columns.listed_in), |label| {
        *summary.unmapped_genres.entry(label.to_owned()).or_default() += 1;
    });
    let date_text = raw(columns.date_added).trim();
    let date_added = date_added(date_text);
    if date_added.is_none() && !date_text.is_empty() {
        summary.unreadable_dates += 1;
    }

    Ok(Row {
        show_id: raw(columns.show_id).trim().to_owned(),
        kind,
        title,
        year,
        runtime,
        genres,
        directors,
        cast,
        certification,
        date_added,
        description: Some(description).filter(|d| !d.is_empty()),
    })
}

/// Name suffixes that the list's `, ` separator cut off the name before them.
const NAME_SUFFIXES: [&str; 5] = ["Jr.", "Jr", "Sr.", "Inc.", "Ltd."];

/// A list of names joined with `, `, cleaned already. A director field that repeats the
/// description is scraped from the wrong place and dropped whole.
fn names(field: &str, description: &str, summary: &mut Summary, is_director: bool) -> Vec<String> {
    if field.is_empty() {
        return Vec::new();
    }
    if is_director && field == description {
        summary.director_copies_dropped += 1;
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for name in field.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if let (true, Some(last)) = (NAME_SUFFIXES.contains(&name), out.last_mut()) {
            last.push_str(", ");
            last.push_str(name);
        } else if is_junk_name(name) {
            summary.junk_names_dropped += 1;
        } else if !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Values that stand where a name should: placeholders, bare numbers (Prime lists "1" as
/// cast), and runs of scraped text over 80 characters, longer than any person's name.
fn is_junk_name(name: &str) -> bool {
    const PLACEHOLDERS: [&str; 5] = ["not available", "none", "n/a", "unknown", "various"];
    name.chars().count() > 80
        || !name.chars().any(char::is_alphabetic)
        || PLACEHOLDERS.iter().any(|p| name.eq_ignore_ascii_case(p))
}

/// `September 25, 2021` (the lists' only date form), leading spaces allowed.
pub fn date_added(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = s.split_whitespace();
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u8 + 1;
    let day: u8 = parts.next()?.strip_suffix(',')?.parse().ok()?;
    let year: u16 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_lists_date_form() {
        assert_eq!(date_added("September 25, 2021"), Date::new(2021, 9, 25));
        assert_eq!(date_added(" August 4, 2017"), Date::new(2017, 8, 4));
        assert_eq!(date_added("2021-09-25"), None);
        assert_eq!(date_added("February 30, 2021"), None);
        assert_eq!(date_added("May 1, 2021 extra"), None);
    }

    #[test]
    fn reads_minutes_and_seasons() {
        assert_eq!(duration("90 min"), Some(Duration::Minutes(90)));
        assert_eq!(duration("1 Season"), Some(Duration::Seasons));
        assert_eq!(duration("12 Seasons"), Some(Duration::Seasons));
        assert_eq!(duration("0 min"), None);
        assert_eq!(duration("TV-MA"), None);
    }

    #[test]
    fn joins_a_name_suffix_to_its_name_and_drops_garbage() {
        let mut summary = Summary::default();
        let long = "CAPI Valid".repeat(20);
        let field = format!("Sammy Davis, Jr., Al Pacino, Al Pacino, {long}, 1, Not Available, Lavanya");
        assert_eq!(names(&field, "", &mut summary, false), ["Sammy Davis, Jr.", "Al Pacino", "Lavanya"]);
        assert_eq!(summary.junk_names_dropped, 3);
    }
}
