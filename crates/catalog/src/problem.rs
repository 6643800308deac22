//! What can be wrong with a catalog: whole-file errors that stop a load, and problems
//! with single entries that are skipped while the rest loads.

use serde::{Deserialize, Serialize};

use std::fmt;

/// A catalog that cannot be read at all. One message naming the problem and where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CatalogError {
    /// The text is not JSON.
    NotJson { line: usize, column: usize, message: String },
    /// The JSON is not an object with the required top-level fields.
    BadShape { path: String, line: usize, column: usize, message: String },
    /// `format` names a version this reader does not know.
    UnknownFormat { found: String, line: usize, column: usize },
    /// A packed catalog (`crate::pack`) that cannot be read back.
    Damaged { message: String },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::NotJson { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            CatalogError::BadShape { path, line, column, message } => {
                write!(f, "{path} (line {line}, column {column}): {message}")
            }
            CatalogError::UnknownFormat { found, line, column } => write!(
                f,
                "format (line {line}, column {column}): unknown catalog format {found}, this reader knows format {}",
                crate::FORMAT_VERSION
            ),
            CatalogError::Damaged { message } => write!(f, "the packed catalog cannot be read: {message}"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// One entry that was skipped, with the JSON path of the offending value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// `films[12].offers[0].type`
    pub path: String,
    pub reason: Reason,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl Problem {
    /// The problem as the app shows it, in both its languages.
    pub fn said(&self) -> Said {
        Said { de: format!("{}: {}", self.path, self.reason.german()), en: self.to_string() }
    }
}

/// A problem as the app shows it: in German and in English, the page's language picked
/// when it is drawn (a language switch keeps the catalog). Written where a catalog is read
/// and packed (`Loaded::said`: the catalog worker, `flimmer-pack`), so the app shell
/// carries neither the reasons nor their wording, only text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Said {
    pub de: String,
    pub en: String,
}

impl Said {
    /// `path` names a link that is not https: what the app says of a `source=` that is none.
    pub fn not_https(path: &str, found: &str) -> Said {
        Said { de: format!("{path}: {}", not_https_de(found)), en: format!("{path}: {}", not_https_en(found)) }
    }
}

fn not_https_en(found: &str) -> String {
    format!("link must be an https URL, found {}", quoted(found))
}

fn not_https_de(found: &str) -> String {
    format!("Links müssen https-Adressen sein, gefunden: {}", quoted(found))
}

/// Why an entry was skipped. Values from the file are quoted as found (and cut short),
/// so a reader can find them; the view escapes them like any other text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    Missing,
    /// A value of the wrong JSON type (a number where a string belongs).
    WrongType {
        expected: JsonType,
        found: JsonType,
    },
    OutOfRange {
        found: String,
        min: i64,
        max: i64,
    },
    UnknownMonetization(String),
    UnknownGenre(String),
    UnknownKind(String),
    UnknownProvider(String),
    UnknownProviderKind(String),
    UnknownQuality(String),
    NotHttps(String),
    BadDate(String),
    BadId(String),
    BadRegion(String),
    BadLanguage(String),
    BadCurrency(String),
    BadColor(String),
    BadImdbId(String),
    DuplicateId(String),
    PriceWithoutCurrency,
    PriceForFreeOffer,
    WindowEndsBeforeStart,
}

/// The type of a JSON value, as a message names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JsonType {
    Null,
    Boolean,
    WholeNumber,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    /// The type of a JSON value, read from its text: the first character says which,
    /// except a number's kind, which takes parsing it.
    pub fn of(value: &serde_json::value::RawValue) -> JsonType {
        match value.get().as_bytes().first() {
            Some(b'n') => JsonType::Null,
            Some(b't' | b'f') => JsonType::Boolean,
            Some(b'"') => JsonType::String,
            Some(b'[') => JsonType::Array,
            Some(b'{') => JsonType::Object,
            _ => match serde_json::from_str::<serde_json::Number>(value.get()) {
                Ok(n) if n.is_i64() || n.is_u64() => JsonType::WholeNumber,
                _ => JsonType::Number,
            },
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonType::Null => "null",
            JsonType::Boolean => "true or false",
            JsonType::WholeNumber => "a whole number",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        })
    }
}

/// A value from the file as a message quotes it: in quotes, cut after 60 characters, and
/// with what a reader could not see escaped (control and invisible formatting characters
/// as `\u{200b}`). Not `{:?}`: release builds compile `Debug` output away
/// (scripts/build.sh), and its Unicode tables would cost the shell 2 KB.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars().take(60) {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || invisible(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    if s.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// Zero-width and direction-changing characters: invisible in a message, yet they change it.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod quoted_tests {
    use super::quoted;

    #[test]
    fn quotes_escape_what_a_reader_could_not_see() {
        assert_eq!(quoted("Heat"), "\"Heat\"");
        assert_eq!(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quoted("x\u{200b}y\u{202e}\n\u{7}"), "\"x\\u{200b}y\\u{202e}\\n\\u{7}\"");
        assert_eq!(quoted("Amélie 東京"), "\"Amélie 東京\"");
        let long = "a".repeat(61);
        assert_eq!(quoted(&long), format!("\"{}\"…", "a".repeat(60)));
        assert_eq!(quoted(&"a".repeat(60)), format!("\"{}\"", "a".repeat(60)));
    }
}

/// English: for logs and tools, and the app's English pages (`Problem::said`).
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| quoted(s);
        match self {
            Reason::Missing => write!(f, "missing required field"),
            Reason::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Reason::OutOfRange { found, min, max } => {
                write!(f, "{found} is out of range ({min} to {max})")
            }
            Reason::UnknownMonetization(s) => {
                write!(f, "unknown monetization {}, expected flatrate, free, ads, rent or buy", q(s))
            }
            Reason::UnknownGenre(s) => write!(f, "unknown genre {}", q(s)),
            Reason::UnknownKind(s) => write!(f, "unknown kind {}, expected movie or show", q(s)),
            Reason::UnknownProvider(s) => write!(f, "unknown provider {}", q(s)),
            Reason::UnknownProviderKind(s) => {
                write!(f, "unknown provider kind {}, expected subscription, free or store", q(s))
            }
            Reason::UnknownQuality(s) => {
                write!(f, "unknown quality {}, expected SD, HD or 4K", q(s))
            }
            Reason::NotHttps(s) => f.write_str(&not_https_en(s)),
            Reason::BadDate(s) => write!(f, "not a date (YYYY-MM-DD): {}", q(s)),
            Reason::BadId(s) => write!(f, "not a valid id: {}", q(s)),
            Reason::BadRegion(s) => write!(f, "not an ISO 3166-1 region like \"DE\": {}", q(s)),
            Reason::BadLanguage(s) => write!(f, "not an ISO 639-1 language like \"de\": {}", q(s)),
            Reason::BadCurrency(s) => write!(f, "not an ISO 4217 currency like \"EUR\": {}", q(s)),
            Reason::BadColor(s) => write!(f, "not a colour like \"#e50914\": {}", q(s)),
            Reason::BadImdbId(s) => write!(f, "not an IMDb id like \"tt0113277\": {}", q(s)),
            Reason::DuplicateId(s) => write!(f, "duplicate id {}", q(s)),
            Reason::PriceWithoutCurrency => write!(f, "price needs a currency"),
            Reason::PriceForFreeOffer => write!(f, "only rent and buy offers have a price"),
            Reason::WindowEndsBeforeStart => write!(f, "available_until is before available_from"),
        }
    }
}

impl Reason {
    /// German, for the app's German pages (`Problem::said`).
    pub fn german(&self) -> String {
        let q = |s: &str| quoted(s);
        match self {
            Reason::Missing => "Pflichtfeld fehlt".into(),
            Reason::WrongType { expected, found } => {
                format!("{} erwartet, {} gefunden", expected.german(), found.german())
            }
            Reason::OutOfRange { found, min, max } => format!("{found} liegt nicht zwischen {min} und {max}"),
            Reason::UnknownMonetization(s) => {
                format!("unbekannte Angebotsart {}, erlaubt sind flatrate, free, ads, rent und buy", q(s))
            }
            Reason::UnknownGenre(s) => format!("unbekanntes Genre {}", q(s)),
            Reason::UnknownKind(s) => format!("unbekannte Art {}, erlaubt sind movie und show", q(s)),
            Reason::UnknownProvider(s) => format!("unbekannter Anbieter {}", q(s)),
            Reason::UnknownProviderKind(s) => {
                format!("unbekannte Anbieterart {}, erlaubt sind subscription, free und store", q(s))
            }
            Reason::UnknownQuality(s) => format!("unbekannte Qualität {}, erlaubt sind SD, HD und 4K", q(s)),
            Reason::NotHttps(s) => not_https_de(s),
            Reason::BadDate(s) => format!("kein Datum (JJJJ-MM-TT): {}", q(s)),
            Reason::BadId(s) => format!("keine gültige ID: {}", q(s)),
            Reason::BadRegion(s) => format!("kein Ländercode wie \"DE\": {}", q(s)),
            Reason::BadLanguage(s) => format!("kein Sprachcode wie \"de\": {}", q(s)),
            Reason::BadCurrency(s) => format!("kein Währungscode wie \"EUR\": {}", q(s)),
            Reason::BadColor(s) => format!("keine Farbe wie \"#e50914\": {}", q(s)),
            Reason::BadImdbId(s) => format!("keine IMDb-ID wie \"tt0113277\": {}", q(s)),
            Reason::DuplicateId(s) => format!("doppelte ID {}", q(s)),
            Reason::PriceWithoutCurrency => "Preis ohne Währung".into(),
            Reason::PriceForFreeOffer => "nur Leih- und Kaufangebote haben einen Preis".into(),
            Reason::WindowEndsBeforeStart => "available_until liegt vor available_from".into(),
        }
    }
}

impl JsonType {
    fn german(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "true oder false",
            JsonType::WholeNumber => "ganze Zahl",
            JsonType::Number => "Zahl",
            JsonType::String => "Text",
            JsonType::Array => "Liste",
            JsonType::Object => "Objekt",
        }
    }
}
