//! Reading a catalog: JSON text in, a validated `Catalog` plus a report of skipped entries out.
//!
//! Decoding never panics. The top level is parsed once, keeping providers and films as raw
//! slices of the text; each entry is then read into a JSON value and validated field by
//! field, so one bad entry is skipped (with its JSON path) while the rest loads, and only a
//! broken file as a whole stops the load.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::model::*;
use crate::problem::{CatalogError, JsonType, Problem, Reason};
use crate::small::CodeMap;

/// The catalog format version this reader understands.
pub const FORMAT_VERSION: u64 = 1;

/// A loaded catalog and what had to be left out of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub catalog: Catalog,
    pub skipped: Vec<Skipped>,
}

/// One provider or film that was left out, and every problem found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// `films[12]`
    pub path: String,
    /// The entry's title or id, when it had one, so a reader can find it.
    pub label: Option<String>,
    pub problems: Vec<Problem>,
}

/// Decodes and validates a catalog in format v1.
pub fn decode(text: &str) -> Result<Loaded, CatalogError> {
    // Files saved by spreadsheet tools often start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Obj(top): Obj<RawTop> = serde_json::from_str(text).map_err(top_level_error)?;
    let at = |raw: &RawValue| line_column(text, raw);

    let format = top.format.ok_or_else(|| missing("format"))?;
    match serde_json::from_str::<u64>(format.get()) {
        Ok(FORMAT_VERSION) => {}
        _ => {
            let (line, column) = at(format);
            return Err(CatalogError::UnknownFormat { found: cut(format.get(), 40), line, column });
        }
    }

    let as_of_raw = top.as_of.ok_or_else(|| missing("as_of"))?;
    let as_of = serde_json::from_str::<&str>(as_of_raw.get())
        .ok()
        .and_then(Date::parse)
        .ok_or_else(|| bad_shape(text, "as_of", as_of_raw, "expected a date like \"2026-03-05\""))?;

    let providers_raw = top.providers.ok_or_else(|| missing("providers"))?;
    let films_raw = top.films.ok_or_else(|| missing("films"))?;
    let provider_entries: Vec<&RawValue> = serde_json::from_str(providers_raw.get())
        .map_err(|_| bad_shape(text, "providers", providers_raw, "expected an array of providers"))?;
    let film_entries: Vec<&RawValue> = serde_json::from_str(films_raw.get())
        .map_err(|_| bad_shape(text, "films", films_raw, "expected an array of films"))?;

    let mut skipped = Vec::new();
    let mut providers: Vec<Provider> = Vec::with_capacity(provider_entries.len());
    for (i, raw) in provider_entries.iter().enumerate() {
        let mut entry = Entry::new("providers", i);
        if let Some(p) = entry.object(raw).and_then(|object| entry.provider(object, &providers)) {
            providers.push(p);
        }
        entry.finish(&mut skipped);
    }

    // Sorted once, so each offer's provider is one binary search: a catalog names a few
    // providers and many offers, and a hash set of them would cost the shell another table.
    let order = crate::small::sorted_positions(providers.len(), &|a, b| providers[a].id.cmp(&providers[b].id));
    let provider_ids: Vec<&ProviderId> = order.iter().map(|&i| &providers[i as usize].id).collect();
    // Film ids seen so far. A map of the same type as the search index's vocabulary, so the
    // shell compiles one hash table, not two.
    let mut film_ids: FxHashMap<String, u32> = FxHashMap::default();
    film_ids.reserve(film_entries.len());
    let mut films = Vec::with_capacity(film_entries.len());
    for (i, raw) in film_entries.iter().enumerate() {
        let mut entry = Entry::new("films", i);
        if let Some(film) = entry.object(raw).and_then(|object| entry.film(object, &provider_ids, &film_ids)) {
            film_ids.insert(film.id.as_str().to_owned(), i as u32);
            films.push(film);
        }
        entry.finish(&mut skipped);
    }

    // The catalog's own order (see `Catalog::films`): sorted once here, so that no
    // filter query has to sort.
    Ok(Loaded { catalog: Catalog::in_order(as_of, providers, films), skipped })
}

// ---------------------------------------------------------------------------------------
// The top level keeps its values raw, so a message can give their position in the file.

#[derive(Deserialize)]
struct RawTop<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    as_of: Option<&'a RawValue>,
    #[serde(borrow, default)]
    providers: Option<&'a RawValue>,
    #[serde(borrow, default)]
    films: Option<&'a RawValue>,
}

/// A value that must be a JSON object. serde's derived structs also accept arrays
/// (fields by position); a catalog written as an array is a mistake to report.
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectOnly<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(ObjectOnly(std::marker::PhantomData)).map(Obj)
    }
}

// ---------------------------------------------------------------------------------------
// Validation of one entry, read field by field from its JSON value. Walking the value by
// hand (rather than deriving `Deserialize` for every shape) lets validation name each
// problem in its own words, in both languages, and keeps the decoder small in the wasm
// shell. Problems are collected rather than returned at the first one, so whoever fixes
// the file sees everything wrong with the entry at once. Unknown fields are ignored for
// forward compatibility; a field that is `null` counts as absent.

type Object = Map<String, Value>;

#[derive(Clone, Copy)]
enum Need {
    Required,
    Optional,
}

#[derive(Clone, Copy)]
enum Within {
    Entry,
    Offer(usize),
    Rating,
}

struct Entry {
    /// `films` or `providers`, and the entry's position there.
    list: &'static str,
    index: usize,
    /// The part of the entry being validated, so its fields report as `offers[2].type`.
    within: Within,
    label: Option<String>,
    problems: Vec<Problem>,
}

impl Entry {
    fn new(list: &'static str, index: usize) -> Self {
        Entry { list, index, within: Within::Entry, label: None, problems: Vec::new() }
    }

    /// `films[12]`
    fn path(&self) -> String {
        format!("{}[{}]", self.list, self.index)
    }

    /// Paths and labels are built only when something is wrong: validating a good entry
    /// allocates nothing for its report.
    fn report(&mut self, field: &str, reason: Reason) {
        let mut path = self.path();
        match self.within {
            Within::Entry => {}
            Within::Offer(i) => path.push_str(&format!(".offers[{i}]")),
            Within::Rating => path.push_str(".rating"),
        }
        if !field.is_empty() {
            path.push('.');
            path.push_str(field);
        }
        self.problems.push(Problem { path, reason });
    }

    fn wrong_type(&mut self, field: &str, expected: JsonType, found: &Value) {
        self.report(field, Reason::WrongType { expected, found: JsonType::of(found) });
    }

    fn finish(self, skipped: &mut Vec<Skipped>) {
        if !self.problems.is_empty() {
            skipped.push(Skipped { path: self.path(), label: self.label, problems: self.problems });
        }
    }

    /// The entry itself, which must be an object.
    fn object(&mut self, raw: &RawValue) -> Option<Object> {
        // The text was checked as JSON already; only nesting deeper than serde_json's
        // limit (128) can fail here, and that is no shape a catalog entry has.
        match serde_json::from_str(raw.get()) {
            Ok(Value::Object(object)) => Some(object),
            Ok(other) => {
                self.wrong_type("", JsonType::Object, &other);
                None
            }
            Err(_) => {
                self.report("", Reason::NestedTooDeeply);
                None
            }
        }
    }

    /// The field's value. `null` counts as absent, and an absent required field is
    /// reported here, once for every kind of field.
    fn take(&mut self, object: &mut Object, field: &str, need: Need) -> Option<Value> {
        match object.remove(field) {
            None | Some(Value::Null) => {
                if matches!(need, Need::Required) {
                    self.report(field, Reason::Missing);
                }
                None
            }
            value => value,
        }
    }

    /// A string field, trimmed; a required one must not be blank.
    fn string(&mut self, object: &mut Object, field: &str, need: Need) -> Option<String> {
        match self.take(object, field, need)? {
            Value::String(s) => {
                let s = clean(s);
                if s.is_empty() && matches!(need, Need::Required) {
                    self.report(field, Reason::Missing);
                    return None;
                }
                Some(s)
            }
            other => {
                self.wrong_type(field, JsonType::String, &other);
                None
            }
        }
    }

    /// A string field that must parse as `T`.
    fn parsed<T>(
        &mut self,
        object: &mut Object,
        field: &str,
        need: Need,
        parse: impl Fn(&str) -> Option<T>,
        reason: impl Fn(String) -> Reason,
    ) -> Option<T> {
        let value = self.string(object, field, need)?;
        let parsed = parse(&value);
        if parsed.is_none() {
            self.report(field, reason(value));
        }
        parsed
    }

    /// A number field within `min..=max`; `whole` asks for an integer.
    fn number(&mut self, object: &mut Object, field: &str, need: Need, whole: bool, min: i64, max: i64) -> Option<f64> {
        let n = match self.take(object, field, need)? {
            Value::Number(n) => n,
            other => {
                let expected = if whole { JsonType::WholeNumber } else { JsonType::Number };
                self.wrong_type(field, expected, &other);
                return None;
            }
        };
        if whole && !(n.is_i64() || n.is_u64()) {
            self.report(field, Reason::WrongType { expected: JsonType::WholeNumber, found: JsonType::Number });
            return None;
        }
        // Every number serde_json reads converts to a finite f64, and catalog ranges are
        // far inside f64's exact integers.
        let value = n.as_f64().unwrap_or(f64::INFINITY);
        if value < min as f64 || value > max as f64 {
            self.report(field, Reason::OutOfRange { found: n.to_string(), min, max });
            return None;
        }
        Some(value)
    }

    fn whole(&mut self, object: &mut Object, field: &str, need: Need, min: i64, max: i64) -> Option<i64> {
        self.number(object, field, need, true, min, max).map(|v| v as i64)
    }

    /// A list of strings, trimmed, blanks dropped.
    fn strings(&mut self, object: &mut Object, field: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, item) in self.array(object, field).into_iter().enumerate() {
            match item {
                Value::String(s) => {
                    let s = clean(s);
                    if !s.is_empty() {
                        out.push(s);
                    }
                }
                other => self.wrong_type(&format!("{field}[{i}]"), JsonType::String, &other),
            }
        }
        out
    }

    fn array(&mut self, object: &mut Object, field: &str) -> Vec<Value> {
        match self.take(object, field, Need::Optional) {
            None => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(field, JsonType::Array, &other);
                Vec::new()
            }
        }
    }

    fn nested(&mut self, object: &mut Object, field: &str) -> Option<Object> {
        match self.take(object, field, Need::Optional)? {
            Value::Object(o) => Some(o),
            other => {
                self.wrong_type(field, JsonType::Object, &other);
                None
            }
        }
    }

    /// An object of texts keyed by a code (`{"de": "…", "en": "…"}`), blanks dropped.
    fn texts<K: PartialEq>(
        &mut self,
        object: &mut Object,
        field: &str,
        parse_code: impl Fn(&str) -> Option<K>,
        bad_code: impl Fn(String) -> Reason,
    ) -> CodeMap<K, String> {
        let mut map = CodeMap::new();
        for (code, text) in self.nested(object, field).unwrap_or_default() {
            let Some(key) = parse_code(&code) else {
                self.report(&format!("{field}.{code}"), bad_code(code));
                continue;
            };
            match text {
                Value::String(s) => {
                    let s = clean(s);
                    if !s.is_empty() {
                        map.insert(key, s);
                    }
                }
                Value::Null => {}
                other => self.wrong_type(&format!("{field}.{code}"), JsonType::String, &other),
            }
        }
        map
    }

    fn provider(&mut self, mut raw: Object, earlier: &[Provider]) -> Option<Provider> {
        let id = self.string(&mut raw, "id", Need::Required).and_then(|id| {
            let parsed = ProviderId::parse(&id);
            if parsed.is_none() {
                self.report("id", Reason::BadId(id.clone()));
            }
            self.label = Some(id);
            parsed
        });
        if let Some(id) = &id {
            if earlier.iter().any(|p| &p.id == id) {
                self.report("id", Reason::DuplicateId(id.to_string()));
            }
        }
        let name = self.string(&mut raw, "name", Need::Required);
        let kind = self.parsed(&mut raw, "kind", Need::Required, ProviderKind::parse, Reason::UnknownProviderKind);
        let color = self.parsed(&mut raw, "color", Need::Required, Color::parse, Reason::BadColor);
        let homepage = self.parsed(&mut raw, "homepage", Need::Required, HttpsUrl::parse, Reason::NotHttps);
        let tmdb_provider_id = self.whole(&mut raw, "tmdb_provider_id", Need::Optional, 0, u32::MAX as i64);
        let mut regions = Vec::new();
        for (i, code) in self.strings(&mut raw, "regions").into_iter().enumerate() {
            match RegionCode::parse(&code) {
                Some(region) if !regions.contains(&region) => regions.push(region),
                Some(_) => {}
                None => self.report(&format!("regions[{i}]"), Reason::BadRegion(code)),
            }
        }
        if !self.problems.is_empty() {
            return None;
        }
        Some(Provider {
            id: id?,
            name: name?,
            kind: kind?,
            color: color?,
            homepage: homepage?,
            tmdb_provider_id: tmdb_provider_id.map(|t| t as u32),
            regions,
        })
    }

    fn film(&mut self, mut raw: Object, providers: &[&ProviderId], earlier: &FxHashMap<String, u32>) -> Option<Film> {
        let id_text = self.string(&mut raw, "id", Need::Required);
        let id = id_text.as_deref().and_then(|text| {
            let parsed = FilmId::parse(text);
            if parsed.is_none() {
                self.report("id", Reason::BadId(text.to_owned()));
            }
            parsed
        });
        if let Some(id) = &id {
            if earlier.get(id.as_str()).is_some() {
                self.report("id", Reason::DuplicateId(id.to_string()));
            }
        }
        let kind = self.parsed(&mut raw, "kind", Need::Optional, Kind::parse, Reason::UnknownKind);
        let title = self.string(&mut raw, "title", Need::Required);
        let titles = self.texts(&mut raw, "titles", LangCode::parse, Reason::BadLanguage);
        let original_title = self.string(&mut raw, "original_title", Need::Optional).filter(|t| !t.is_empty());
        let original_language =
            self.parsed(&mut raw, "original_language", Need::Optional, LangCode::parse, Reason::BadLanguage);
        let year = self.whole(&mut raw, "year", Need::Required, 1870, 2100);
        let runtime = self.whole(&mut raw, "runtime", Need::Optional, 1, 1000);
        let mut genres = Vec::new();
        for (i, item) in self.array(&mut raw, "genres").into_iter().enumerate() {
            match item {
                Value::String(g) => match Genre::parse(g.trim()) {
                    Some(g) if !genres.contains(&g) => genres.push(g),
                    Some(_) => {}
                    None => self.report(&format!("genres[{i}]"), Reason::UnknownGenre(g)),
                },
                other => self.wrong_type(&format!("genres[{i}]"), JsonType::String, &other),
            }
        }
        let directors = self.strings(&mut raw, "directors");
        let cast = self.strings(&mut raw, "cast");
        let rating = self.nested(&mut raw, "rating").and_then(|mut r| {
            self.within = Within::Rating;
            let value = self.number(&mut r, "value", Need::Required, false, 0, 10);
            let votes = self.whole(&mut r, "votes", Need::Optional, 0, u32::MAX as i64).unwrap_or(0);
            self.within = Within::Entry;
            Some(Rating { value: value? as f32, votes: votes as u32 })
        });
        let mut certification = CodeMap::new();
        for (region, label) in self.texts(&mut raw, "certification", RegionCode::parse, Reason::BadRegion).iter() {
            certification.insert(*region, cut(label, 12));
        }
        let synopsis = self.texts(&mut raw, "synopsis", LangCode::parse, Reason::BadLanguage);
        let poster = self.parsed(&mut raw, "poster", Need::Optional, HttpsUrl::parse, Reason::NotHttps);
        let tmdb_id = self.whole(&mut raw, "tmdb_id", Need::Optional, 1, u32::MAX as i64).map(|t| t as u32);
        let imdb_id = self.parsed(&mut raw, "imdb_id", Need::Optional, parse_imdb_id, Reason::BadImdbId);

        let mut offers = Vec::new();
        for (i, item) in self.array(&mut raw, "offers").into_iter().enumerate() {
            self.within = Within::Offer(i);
            match item {
                Value::Object(o) => offers.extend(self.offer(o, providers)),
                other => self.wrong_type("", JsonType::Object, &other),
            }
            self.within = Within::Entry;
        }

        if !self.problems.is_empty() {
            // Named by its title, else its id, so whoever fixes the file can find it.
            self.label = title.or(id_text);
            return None;
        }
        let title = title?;
        Some(Film {
            id: id?,
            kind: kind.unwrap_or_default(),
            original_title: original_title.unwrap_or_else(|| title.clone()),
            title,
            titles,
            original_language,
            year: year? as u16,
            runtime: runtime.map(|r| r as u16),
            genres,
            directors,
            cast,
            rating,
            certification,
            synopsis,
            poster,
            tmdb_id,
            imdb_id,
            offers,
        })
    }

    fn offer(&mut self, mut raw: Object, providers: &[&ProviderId]) -> Option<Offer> {
        let before = self.problems.len();
        let provider = self.string(&mut raw, "provider", Need::Required).and_then(|p| {
            match ProviderId::parse(&p).filter(|id| providers.binary_search(&id).is_ok()) {
                Some(id) => Some(id),
                None => {
                    self.report("provider", Reason::UnknownProvider(p));
                    None
                }
            }
        });
        let region = self.parsed(&mut raw, "region", Need::Required, RegionCode::parse, Reason::BadRegion);
        let monetization =
            self.parsed(&mut raw, "type", Need::Required, Monetization::parse, Reason::UnknownMonetization);
        let currency = self.parsed(&mut raw, "currency", Need::Optional, Currency::parse, Reason::BadCurrency);
        let price = match self.number(&mut raw, "price", Need::Optional, false, 0, 100_000) {
            Some(_) if !matches!(monetization, Some(Monetization::Rent | Monetization::Buy) | None) => {
                self.report("price", Reason::PriceForFreeOffer);
                None
            }
            Some(_) if currency.is_none() => {
                self.report("currency", Reason::PriceWithoutCurrency);
                None
            }
            Some(p) => currency.map(|currency| Price { minor_units: (p * 100.0).round() as u32, currency }),
            None => None, // absent, or of the wrong type or out of range (reported)
        };
        let quality = self.parsed(&mut raw, "quality", Need::Optional, Quality::parse, Reason::UnknownQuality);
        let url = self.parsed(&mut raw, "url", Need::Optional, HttpsUrl::parse, Reason::NotHttps);
        let available_from = self.parsed(&mut raw, "available_from", Need::Optional, Date::parse, Reason::BadDate);
        let available_until = self.parsed(&mut raw, "available_until", Need::Optional, Date::parse, Reason::BadDate);
        if let (Some(from), Some(until)) = (available_from, available_until) {
            if until < from {
                self.report("available_until", Reason::WindowEndsBeforeStart);
            }
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Offer {
            provider: provider?,
            region: region?,
            monetization: monetization?,
            price,
            quality,
            url,
            available_from,
            available_until,
        })
    }
}

fn parse_imdb_id(s: &str) -> Option<String> {
    let digits = s.strip_prefix("tt")?;
    (digits.len() >= 7 && digits.len() <= 10 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| s.to_owned())
}

/// Trims white space and the invisible characters real catalogs carry at their edges
/// (U+00A0 is white space to Rust; U+200B and U+FEFF are not).
/// Reuses the string when there is nothing to trim, which is nearly always.
fn clean(s: String) -> String {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
    if trimmed.len() == s.len() {
        s
    } else {
        trimmed.to_owned()
    }
}

fn cut(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// serde_json appends " at line 1 column 7" relative to the entry; the JSON path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Line and column (1-based, in characters) where `raw` starts in `text`.
fn line_column(text: &str, raw: &RawValue) -> (usize, usize) {
    // `raw` is borrowed from `text`, so its address lies inside it.
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn top_level_error(err: serde_json::Error) -> CatalogError {
    let (line, column) = (err.line(), err.column());
    match err.classify() {
        serde_json::error::Category::Data => CatalogError::BadShape {
            path: "catalog".into(),
            line,
            column,
            message: "expected a JSON object with format, as_of, providers and films".into(),
        },
        _ => CatalogError::NotJson { line, column, message: strip_position(&err.to_string()) },
    }
}

fn missing(field: &str) -> CatalogError {
    CatalogError::BadShape { path: field.into(), line: 1, column: 1, message: "missing required field".into() }
}

fn bad_shape(text: &str, path: &str, raw: &RawValue, message: &str) -> CatalogError {
    let (line, column) = line_column(text, raw);
    CatalogError::BadShape { path: path.into(), line, column, message: message.into() }
}
