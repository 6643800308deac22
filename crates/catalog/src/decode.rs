//! Reading a catalog: JSON text in, a validated `Catalog` plus a report of skipped entries out.
//!
//! Decoding never panics. The top level is parsed once, keeping providers and films as raw
//! slices of the text; each entry is then split into its fields and validated field by
//! field, so one bad entry is skipped (with its JSON path) while the rest loads, and only a
//! broken file as a whole stops the load.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::model::*;
use crate::problem::{CatalogError, JsonType, Problem, Reason, Said};
use crate::small::CodeMap;

/// The catalog format version this reader understands.
pub const FORMAT_VERSION: u64 = 1;

/// A loaded catalog and what had to be left out of it: each problem a `Problem` as
/// `decode` finds it, or `Said` as the app shows it (`said`, which the packed forms hold).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded<P = Problem> {
    pub catalog: Catalog,
    pub skipped: Vec<Skipped<P>>,
}

/// One provider or film that was left out, and every problem found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped<P = Problem> {
    /// `films[12]`
    pub path: String,
    /// The entry's title or id, when it had one, so a reader can find it.
    pub label: Option<String>,
    pub problems: Vec<P>,
}

impl Loaded {
    /// The catalog with its problems worded for the app (`Problem::said`).
    pub fn said(self) -> Loaded<Said> {
        Loaded { skipped: self.skipped.iter().map(Skipped::said).collect(), catalog: self.catalog }
    }
}

impl Skipped {
    /// The entry with its problems worded for the app (`Problem::said`).
    pub fn said(&self) -> Skipped<Said> {
        let problems = self.problems.iter().map(Problem::said).collect();
        Skipped { path: self.path.clone(), label: self.label.clone(), problems }
    }
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
        if let Some(p) = entry.object("", raw).and_then(|object| entry.provider(object, &providers)) {
            providers.push(p);
        }
        entry.finish(&mut skipped);
    }

    // Sorted once, so each offer's provider is one binary search: a catalog names a few
    // providers and many offers, and a hash set of them would cost the shell another table.
    let order = crate::small::sorted_positions(providers.len(), &|a, b| providers[a].id.cmp(&providers[b].id));
    let provider_ids: Vec<&ProviderId> = order.iter().map(|&i| &providers[i as usize].id).collect();
    let films = read_films(&film_entries, &provider_ids, &mut skipped);

    // The catalog's own order (see `Catalog::films`), so that no filter query has to sort:
    // the films were read in it, so this checks it rather than sorts.
    Ok(Loaded { catalog: Catalog::in_order(as_of, providers, films), skipped })
}

/// The valid films of `entries`, in the catalog's own order (most votes first, then by
/// title; `Catalog::in_order`), and a report of each one left out, in the file's order.
///
/// Read in the catalog's order, not the file's, so that their strings lie in memory in
/// the order the index build reads them: it builds 10 % faster (README, "Figures").
fn read_films(entries: &[&RawValue], providers: &[&ProviderId], skipped: &mut Vec<Skipped>) -> Vec<Film> {
    let mut entries: Vec<(Entry, Option<Object>)> = entries
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let mut entry = Entry::new("films", i);
            let object = entry.object("", raw);
            (entry, object)
        })
        .collect();
    let keys: Vec<(u32, Cow<str>)> =
        entries.iter().map(|(_, object)| object.as_ref().map_or((0, Cow::Borrowed("")), order_key)).collect();
    let order = crate::small::sorted_positions(keys.len(), &|a, b| {
        keys[b].0.cmp(&keys[a].0).then_with(|| keys[a].1.cmp(&keys[b].1))
    });
    let mut read: Vec<Option<Film>> = (0..entries.len()).map(|_| None).collect();
    for &i in &order {
        let (entry, object) = &mut entries[i as usize];
        read[i as usize] = object.take().and_then(|object| entry.film(object, providers));
    }
    // Ids in the file's order: of two films with one id, the second is left out.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    seen.reserve(read.len());
    let duplicate: Vec<bool> = read
        .iter()
        .zip(&entries)
        .map(|(film, (entry, _))| match (film, &entry.id) {
            (Some(film), _) => !seen.insert(film.id.as_str()),
            (None, Some(id)) => seen.contains(id.as_str()),
            (None, None) => false,
        })
        .collect();
    drop(seen);
    for (i, (mut entry, _)) in entries.into_iter().enumerate() {
        if duplicate[i] {
            let film = read[i].take();
            let id = film.as_ref().map(|f| &f.id).or(entry.id.as_ref()).map(FilmId::to_string).unwrap_or_default();
            // First, where the id is read.
            entry.report("id", Reason::DuplicateId(id));
            entry.problems.rotate_right(1);
            entry.label = entry.label.take().or(film.map(|f| f.title));
        }
        entry.finish(skipped);
    }
    order.iter().filter_map(|&i| read[i as usize].take()).collect()
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
// Validation of one entry, read field by field from its JSON text. Reading the fields by
// hand (rather than deriving `Deserialize` for every shape) lets validation name each
// problem in its own words, in both languages. Problems are collected rather than
// returned at the first one, so whoever fixes the file sees everything wrong with the
// entry at once. Unknown fields are ignored for forward compatibility (never parsed past
// their extent); a field that is `null` counts as absent.
//
// An entry is split into its fields as slices of the file (`Object`), and each field is
// parsed from its slice into what the catalog keeps. No JSON value tree is built: a film
// of 23,000 allocates only the strings and lists it keeps, so decoding is faster, and the
// catalog's strings lie together in memory, which the index build reads them faster for
// (README, "Figures").

/// One JSON object's fields, in the file's order, as slices of the file. When a key
/// repeats, the last one counts, as in every JSON reader that keeps one value per key.
struct Object<'a>(Vec<(Text<'a>, &'a RawValue)>);

impl<'a> Object<'a> {
    /// The value of `field`, `null` included.
    fn get(&self, field: &str) -> Option<&'a RawValue> {
        self.0.iter().rev().find(|(key, _)| key.0 == field).map(|(_, value)| *value)
    }

    /// The fields, each key once (its last value), in the order of their first appearance.
    fn fields(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + '_ {
        self.0.iter().enumerate().filter_map(move |(i, (key, _))| {
            let first = !self.0[..i].iter().any(|(k, _)| k.0 == key.0);
            first.then(|| (&*key.0, self.get(&key.0).unwrap_or(self.0[i].1)))
        })
    }
}

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Object<'de>, A::Error> {
                // Grown as the fields come, not sized ahead: room for 16 fields, 640 bytes
                // a film and as much for each offer, left holes between the strings kept
                // (decoding and the index build 10 % slower).
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry()? {
                    fields.push(field);
                }
                Ok(Object(fields))
            }
        }
        d.deserialize_map(Fields)
    }
}

/// A JSON string, borrowed from the file unless it holds escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Str;
        impl<'de> serde::de::Visitor<'de> for Str {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(Str)
    }
}

/// A string value, trimmed (`clean`), or `None` when the value is no string.
fn text(raw: &RawValue) -> Option<String> {
    serde_json::from_str::<Text>(raw.get()).ok().map(|t| clean(t.0))
}

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
    /// A film's id, when it was read but the film is left out: its duplicates are, too.
    id: Option<FilmId>,
    problems: Vec<Problem>,
}

impl Entry {
    fn new(list: &'static str, index: usize) -> Self {
        Entry { list, index, within: Within::Entry, label: None, id: None, problems: Vec::new() }
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

    fn wrong_type(&mut self, field: &str, expected: JsonType, found: &RawValue) {
        self.report(field, Reason::WrongType { expected, found: JsonType::of(found) });
    }

    fn finish(self, skipped: &mut Vec<Skipped>) {
        if !self.problems.is_empty() {
            skipped.push(Skipped { path: self.path(), label: self.label, problems: self.problems });
        }
    }

    /// `raw` split into its fields; any other type is reported as the wrong type of
    /// `field` (`""`: the entry itself, or the offer being read).
    fn object<'a>(&mut self, field: &str, raw: &'a RawValue) -> Option<Object<'a>> {
        // The text was checked as JSON already: only a value of another type fails here.
        let object = serde_json::from_str(raw.get()).ok();
        if object.is_none() {
            self.wrong_type(field, JsonType::Object, raw);
        }
        object
    }

    /// The field's value. `null` counts as absent, and an absent required field is
    /// reported here, once for every kind of field.
    fn take<'a>(&mut self, object: &Object<'a>, field: &str, need: Need) -> Option<&'a RawValue> {
        match object.get(field) {
            Some(value) if value.get() != "null" => Some(value),
            _ => {
                if matches!(need, Need::Required) {
                    self.report(field, Reason::Missing);
                }
                None
            }
        }
    }

    /// A string field, trimmed; a required one must not be blank.
    fn string(&mut self, object: &Object, field: &str, need: Need) -> Option<String> {
        let raw = self.take(object, field, need)?;
        match text(raw) {
            Some(s) if s.is_empty() && matches!(need, Need::Required) => {
                self.report(field, Reason::Missing);
                None
            }
            Some(s) => Some(s),
            None => {
                self.wrong_type(field, JsonType::String, raw);
                None
            }
        }
    }

    /// A string field that must parse as `T`.
    fn parsed<T>(
        &mut self,
        object: &Object,
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
    fn number(&mut self, object: &Object, field: &str, need: Need, whole: bool, min: i64, max: i64) -> Option<f64> {
        let raw = self.take(object, field, need)?;
        let n = match serde_json::from_str::<serde_json::Number>(raw.get()) {
            Ok(n) => n,
            Err(_) => {
                let expected = if whole { JsonType::WholeNumber } else { JsonType::Number };
                self.wrong_type(field, expected, raw);
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

    fn whole(&mut self, object: &Object, field: &str, need: Need, min: i64, max: i64) -> Option<i64> {
        self.number(object, field, need, true, min, max).map(|v| v as i64)
    }

    /// A list of strings, trimmed, blanks dropped.
    fn strings(&mut self, object: &Object, field: &str) -> Vec<String> {
        let items = self.array(object, field);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match text(item) {
                Some(s) if s.is_empty() => {}
                Some(s) => out.push(s),
                None => self.wrong_type(&format!("{field}[{i}]"), JsonType::String, item),
            }
        }
        out
    }

    fn array<'a>(&mut self, object: &Object<'a>, field: &str) -> Vec<&'a RawValue> {
        let Some(raw) = self.take(object, field, Need::Optional) else {
            return Vec::new();
        };
        serde_json::from_str(raw.get()).unwrap_or_else(|_| {
            self.wrong_type(field, JsonType::Array, raw);
            Vec::new()
        })
    }

    fn nested<'a>(&mut self, object: &Object<'a>, field: &str) -> Option<Object<'a>> {
        let raw = self.take(object, field, Need::Optional)?;
        self.object(field, raw)
    }

    /// An object of texts keyed by a code (`{"de": "…", "en": "…"}`), blanks dropped.
    fn texts<K: PartialEq>(
        &mut self,
        object: &Object,
        field: &str,
        parse_code: impl Fn(&str) -> Option<K>,
        bad_code: impl Fn(String) -> Reason,
    ) -> CodeMap<K, String> {
        let mut map = CodeMap::new();
        let Some(texts) = self.nested(object, field) else {
            return map;
        };
        for (code, value) in texts.fields() {
            let Some(key) = parse_code(code) else {
                self.report(&format!("{field}.{code}"), bad_code(code.to_owned()));
                continue;
            };
            match text(value) {
                Some(s) if s.is_empty() => {}
                Some(s) => map.insert(key, s),
                None if value.get() == "null" => {}
                None => self.wrong_type(&format!("{field}.{code}"), JsonType::String, value),
            }
        }
        map
    }

    fn provider(&mut self, raw: Object, earlier: &[Provider]) -> Option<Provider> {
        let id = self.string(&raw, "id", Need::Required).and_then(|id| {
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
        let name = self.string(&raw, "name", Need::Required);
        let kind = self.parsed(&raw, "kind", Need::Required, ProviderKind::parse, Reason::UnknownProviderKind);
        let color = self.parsed(&raw, "color", Need::Required, Color::parse, Reason::BadColor);
        let homepage = self.parsed(&raw, "homepage", Need::Required, HttpsUrl::parse, Reason::NotHttps);
        let tmdb_provider_id = self.whole(&raw, "tmdb_provider_id", Need::Optional, 0, u32::MAX as i64);
        let mut regions = Vec::new();
        for (i, code) in self.strings(&raw, "regions").into_iter().enumerate() {
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

    /// A film, all but the check of its id against the others' (`decode`).
    fn film(&mut self, raw: Object, providers: &[&ProviderId]) -> Option<Film> {
        let id_text = self.string(&raw, "id", Need::Required);
        let id = id_text.as_deref().and_then(|text| {
            let parsed = FilmId::parse(text);
            if parsed.is_none() {
                self.report("id", Reason::BadId(text.to_owned()));
            }
            parsed
        });
        let kind = self.parsed(&raw, "kind", Need::Optional, Kind::parse, Reason::UnknownKind);
        let title = self.string(&raw, "title", Need::Required);
        let titles = self.texts(&raw, "titles", LangCode::parse, Reason::BadLanguage);
        let original_title = self.string(&raw, "original_title", Need::Optional).filter(|t| !t.is_empty());
        let original_language =
            self.parsed(&raw, "original_language", Need::Optional, LangCode::parse, Reason::BadLanguage);
        let year = self.whole(&raw, "year", Need::Required, 1870, 2100);
        let runtime = self.whole(&raw, "runtime", Need::Optional, 1, 1000);
        let mut genres = Vec::new();
        for (i, item) in self.array(&raw, "genres").into_iter().enumerate() {
            match serde_json::from_str::<Text>(item.get()) {
                Ok(g) => match Genre::parse(g.0.trim()) {
                    Some(g) if !genres.contains(&g) => genres.push(g),
                    Some(_) => {}
                    None => self.report(&format!("genres[{i}]"), Reason::UnknownGenre(g.0.into_owned())),
                },
                Err(_) => self.wrong_type(&format!("genres[{i}]"), JsonType::String, item),
            }
        }
        let directors = self.strings(&raw, "directors");
        let cast = self.strings(&raw, "cast");
        let rating = self.nested(&raw, "rating").and_then(|r| {
            self.within = Within::Rating;
            let value = self.number(&r, "value", Need::Required, false, 0, 10);
            let votes = self.whole(&r, "votes", Need::Optional, 0, u32::MAX as i64).unwrap_or(0);
            self.within = Within::Entry;
            Some(Rating { value: value? as f32, votes: votes as u32 })
        });
        let mut certification = CodeMap::new();
        for (region, label) in self.texts(&raw, "certification", RegionCode::parse, Reason::BadRegion).iter() {
            certification.insert(*region, cut(label, 12));
        }
        let synopsis = self.texts(&raw, "synopsis", LangCode::parse, Reason::BadLanguage);
        let poster = self.parsed(&raw, "poster", Need::Optional, HttpsUrl::parse, Reason::NotHttps);
        let tmdb_id = self.whole(&raw, "tmdb_id", Need::Optional, 1, u32::MAX as i64).map(|t| t as u32);
        let imdb_id = self.parsed(&raw, "imdb_id", Need::Optional, parse_imdb_id, Reason::BadImdbId);

        let mut offers = Vec::new();
        for (i, item) in self.array(&raw, "offers").into_iter().enumerate() {
            self.within = Within::Offer(i);
            if let Some(offer) = self.object("", item) {
                offers.extend(self.offer(offer, providers));
            }
            self.within = Within::Entry;
        }

        if !self.problems.is_empty() {
            // Named by its title, else its id, so whoever fixes the file can find it.
            self.label = title.or(id_text);
            self.id = id;
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

    fn offer(&mut self, raw: Object, providers: &[&ProviderId]) -> Option<Offer> {
        let before = self.problems.len();
        let provider = self.string(&raw, "provider", Need::Required).and_then(|p| {
            match ProviderId::parse(&p).filter(|id| providers.binary_search(&id).is_ok()) {
                Some(id) => Some(id),
                None => {
                    self.report("provider", Reason::UnknownProvider(p));
                    None
                }
            }
        });
        let region = self.parsed(&raw, "region", Need::Required, RegionCode::parse, Reason::BadRegion);
        let monetization = self.parsed(&raw, "type", Need::Required, Monetization::parse, Reason::UnknownMonetization);
        let currency = self.parsed(&raw, "currency", Need::Optional, Currency::parse, Reason::BadCurrency);
        let price = match self.number(&raw, "price", Need::Optional, false, 0, 100_000) {
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
        let quality = self.parsed(&raw, "quality", Need::Optional, Quality::parse, Reason::UnknownQuality);
        let url = self.parsed(&raw, "url", Need::Optional, HttpsUrl::parse, Reason::NotHttps);
        let available_from = self.parsed(&raw, "available_from", Need::Optional, Date::parse, Reason::BadDate);
        let available_until = self.parsed(&raw, "available_until", Need::Optional, Date::parse, Reason::BadDate);
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
fn clean(s: Cow<str>) -> String {
    let trimmed = trim(&s);
    if trimmed.len() == s.len() {
        s.into_owned()
    } else {
        trimmed.to_owned()
    }
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
}

/// What `Catalog::in_order` sorts a film by, its votes and its title, read ahead from its
/// fields without copying the title (a film that turns out invalid is left out anyway).
fn order_key<'a>(film: &Object<'a>) -> (u32, Cow<'a, str>) {
    let field = |object: &Object<'a>, name| object.get(name).map(RawValue::get);
    let rating: Option<Object> = field(film, "rating").and_then(|r| serde_json::from_str(r).ok());
    let votes = rating.and_then(|r| serde_json::from_str(field(&r, "votes")?).ok()).unwrap_or(0);
    let title = match field(film, "title").and_then(|t| serde_json::from_str::<Text>(t).ok()).map(|t| t.0) {
        Some(Cow::Borrowed(t)) => Cow::Borrowed(trim(t)),
        Some(Cow::Owned(t)) => Cow::Owned(trim(&t).to_owned()),
        None => Cow::Borrowed(""),
    };
    (votes, title)
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
