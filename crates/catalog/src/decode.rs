//! Reading a catalog: JSON text in, a validated `Catalog` plus a report of skipped entries out.
//!
//! Decoding never panics. The text is parsed once; providers and films are kept as raw
//! slices and decoded one at a time, so one bad entry is skipped (with its JSON path) while
//! the rest loads, and only a broken file as a whole stops the load.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::*;
use crate::problem::{CatalogError, Problem, Reason};
use crate::small::CodeMap;

/// The catalog format version this reader understands.
pub const FORMAT_VERSION: u64 = 1;

/// A loaded catalog and what had to be left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub catalog: Catalog,
    pub skipped: Vec<Skipped>,
}

/// One provider or film that was left out, and every problem found in it.
#[derive(Clone, Debug, PartialEq)]
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
        let mut entry = Entry::new(format!("providers[{i}]"));
        if let Some(p) = entry.decode::<Obj<RawProvider>>(raw).map(|o| o.0) {
            if let Some(p) = entry.provider(p, &providers) {
                providers.push(p);
            }
        }
        entry.finish(&mut skipped);
    }

    let provider_ids: HashSet<&ProviderId> = providers.iter().map(|p| &p.id).collect();
    let mut film_ids: HashSet<FilmId> = HashSet::with_capacity(film_entries.len());
    let mut films = Vec::with_capacity(film_entries.len());
    for (i, raw) in film_entries.iter().enumerate() {
        let mut entry = Entry::new(format!("films[{i}]"));
        if let Some(f) = entry.decode::<Obj<RawFilm>>(raw).map(|o| o.0) {
            if let Some(film) = entry.film(f, &provider_ids, &film_ids) {
                film_ids.insert(film.id.clone());
                films.push(film);
            }
        }
        entry.finish(&mut skipped);
    }

    // The catalog's own order (see `Catalog::films`): sorted once here, so that no
    // filter query has to sort.
    films.sort_by(|a: &Film, b: &Film| {
        let votes = |f: &Film| f.rating.map_or(0, |r| r.votes);
        votes(b).cmp(&votes(a)).then_with(|| a.title.cmp(&b.title))
    });
    Ok(Loaded { catalog: Catalog { as_of, providers, films }, skipped })
}

// ---------------------------------------------------------------------------------------
// Raw shapes: as permissive as JSON types allow, so that validation (not serde) decides
// and can name the field. Unknown fields are ignored for forward compatibility.

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

#[derive(Deserialize)]
struct RawProvider {
    id: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    color: Option<String>,
    homepage: Option<String>,
    tmdb_provider_id: Option<u32>,
}

#[derive(Deserialize)]
struct RawFilm {
    id: Option<String>,
    title: Option<String>,
    titles: Option<BTreeMap<String, String>>,
    original_title: Option<String>,
    original_language: Option<String>,
    year: Option<i64>,
    runtime: Option<i64>,
    genres: Option<Vec<String>>,
    directors: Option<Vec<String>>,
    cast: Option<Vec<String>>,
    rating: Option<Obj<RawRating>>,
    certification: Option<BTreeMap<String, String>>,
    synopsis: Option<BTreeMap<String, String>>,
    poster: Option<String>,
    tmdb_id: Option<i64>,
    imdb_id: Option<String>,
    offers: Option<Vec<Obj<RawOffer>>>,
}

#[derive(Deserialize)]
struct RawRating {
    value: Option<f64>,
    votes: Option<i64>,
}

#[derive(Deserialize)]
struct RawOffer {
    provider: Option<String>,
    region: Option<String>,
    #[serde(rename = "type")]
    monetization: Option<String>,
    price: Option<f64>,
    currency: Option<String>,
    quality: Option<String>,
    url: Option<String>,
    available_from: Option<String>,
    available_until: Option<String>,
}

/// A value that must be a JSON object. serde's derived structs also accept arrays
/// (fields by position); a catalog entry written as an array is a mistake to report.
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
// Validation of one entry. Problems are collected rather than returned at the first one,
// so whoever fixes the file sees everything wrong with the entry at once.

struct Entry {
    path: String,
    /// The offer being validated, so its fields report as `offers[2].type`.
    offer: Option<usize>,
    label: Option<String>,
    problems: Vec<Problem>,
}

impl Entry {
    fn new(path: String) -> Self {
        Entry { path, offer: None, label: None, problems: Vec::new() }
    }

    /// Paths are built only here, when something is wrong: validating a good entry
    /// allocates no path strings.
    fn report(&mut self, field: &str, reason: Reason) {
        let mut path = self.path.clone();
        if let Some(i) = self.offer {
            path.push_str(&format!(".offers[{i}]"));
        }
        if !field.is_empty() {
            if !field.starts_with('[') {
                path.push('.');
            }
            path.push_str(field);
        }
        self.problems.push(Problem { path, reason });
    }

    fn finish(self, skipped: &mut Vec<Skipped>) {
        if !self.problems.is_empty() {
            skipped.push(Skipped { path: self.path, label: self.label, problems: self.problems });
        }
    }

    fn decode<'de, T: Deserialize<'de>>(&mut self, raw: &'de RawValue) -> Option<T> {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(value) => Some(value),
            Err(err) => {
                let field = err.path().to_string();
                let field = if field == "." { String::new() } else { field };
                let message = strip_position(&err.inner().to_string());
                self.report(&field, Reason::WrongType(message));
                None
            }
        }
    }

    /// A required, non-blank string.
    fn required(&mut self, field: &str, value: Option<String>) -> Option<String> {
        match value.map(clean) {
            Some(v) if !v.is_empty() => Some(v),
            _ => {
                self.report(field, Reason::Missing);
                None
            }
        }
    }

    fn parsed<T>(
        &mut self,
        field: &str,
        value: Option<String>,
        parse: impl Fn(&str) -> Option<T>,
        reason: impl Fn(String) -> Reason,
    ) -> Option<T> {
        let value = clean(value?);
        let parsed = parse(&value);
        if parsed.is_none() {
            self.report(field, reason(value));
        }
        parsed
    }

    fn in_range(&mut self, field: &str, value: i64, min: i64, max: i64) -> Option<i64> {
        if (min..=max).contains(&value) {
            Some(value)
        } else {
            self.report(field, Reason::OutOfRange { found: value.to_string(), min, max });
            None
        }
    }

    fn provider(&mut self, raw: RawProvider, earlier: &[Provider]) -> Option<Provider> {
        let id = self.required("id", raw.id).and_then(|id| {
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
        let name = self.required("name", raw.name);
        let kind = self
            .required("kind", raw.kind)
            .and_then(|k| self.parsed("kind", Some(k), ProviderKind::parse, Reason::UnknownProviderKind));
        let color = self
            .required("color", raw.color)
            .and_then(|c| self.parsed("color", Some(c), Color::parse, Reason::BadColor));
        let homepage = self
            .required("homepage", raw.homepage)
            .and_then(|h| self.parsed("homepage", Some(h), HttpsUrl::parse, Reason::NotHttps));
        if !self.problems.is_empty() {
            return None;
        }
        Some(Provider {
            id: id?,
            name: name?,
            kind: kind?,
            color: color?,
            homepage: homepage?,
            tmdb_provider_id: raw.tmdb_provider_id,
        })
    }

    fn film(
        &mut self,
        raw: RawFilm,
        providers: &HashSet<&ProviderId>,
        earlier: &HashSet<FilmId>,
    ) -> Option<Film> {
        let id = self.required("id", raw.id).and_then(|id| {
            self.label = Some(id.clone());
            self.parsed("id", Some(id), FilmId::parse, Reason::BadId)
        });
        if let Some(id) = &id {
            if earlier.contains(id) {
                self.report("id", Reason::DuplicateId(id.to_string()));
            }
        }
        let title = self.required("title", raw.title);
        if let Some(title) = &title {
            self.label = Some(title.clone());
        }
        let titles = self.lang_map("titles", raw.titles);
        let original_title = raw.original_title.map(clean).filter(|t| !t.is_empty());
        let original_language =
            self.parsed("original_language", raw.original_language, LangCode::parse, Reason::BadLanguage);
        let year = match raw.year {
            Some(y) => self.in_range("year", y, 1870, 2100),
            None => {
                self.report("year", Reason::Missing);
                None
            }
        };
        let runtime = raw.runtime.and_then(|r| self.in_range("runtime", r, 1, 1000));
        let mut genres = Vec::new();
        for (i, g) in raw.genres.unwrap_or_default().into_iter().enumerate() {
            match Genre::parse(g.trim()) {
                Some(g) if !genres.contains(&g) => genres.push(g),
                Some(_) => {}
                None => self.report(&format!("genres[{i}]"), Reason::UnknownGenre(g)),
            }
        }
        let rating = raw.rating.and_then(|Obj(r)| {
            let value = match r.value {
                Some(v) if (0.0..=10.0).contains(&v) => Some(v as f32),
                Some(v) => {
                    self.report("rating.value", Reason::OutOfRange { found: v.to_string(), min: 0, max: 10 });
                    None
                }
                None => {
                    self.report("rating.value", Reason::Missing);
                    None
                }
            };
            let votes = self.in_range("rating.votes", r.votes.unwrap_or(0), 0, u32::MAX as i64);
            Some(Rating { value: value?, votes: votes? as u32 })
        });
        let mut certification = CodeMap::new();
        for (region, label) in raw.certification.unwrap_or_default() {
            match RegionCode::parse(&region) {
                Some(r) => {
                    let label = clean(label);
                    if !label.is_empty() {
                        certification.insert(r, cut(&label, 12));
                    }
                }
                None => self.report(&format!("certification.{region}"), Reason::BadRegion(region)),
            }
        }
        let synopsis = self.lang_map("synopsis", raw.synopsis);
        let poster = self.parsed("poster", raw.poster, HttpsUrl::parse, Reason::NotHttps);
        let tmdb_id = raw
            .tmdb_id
            .and_then(|t| self.in_range("tmdb_id", t, 1, u32::MAX as i64))
            .map(|t| t as u32);
        let imdb_id = self.parsed("imdb_id", raw.imdb_id, parse_imdb_id, Reason::BadImdbId);

        let mut offers = Vec::new();
        for (i, Obj(o)) in raw.offers.unwrap_or_default().into_iter().enumerate() {
            self.offer = Some(i);
            if let Some(offer) = self.offer(o, providers) {
                offers.push(offer);
            }
            self.offer = None;
        }

        if !self.problems.is_empty() {
            return None;
        }
        let title = title?;
        Some(Film {
            id: id?,
            original_title: original_title.unwrap_or_else(|| title.clone()),
            title,
            titles,
            original_language,
            year: year? as u16,
            runtime: runtime.map(|r| r as u16),
            genres,
            directors: clean_list(raw.directors),
            cast: clean_list(raw.cast),
            rating,
            certification,
            synopsis,
            poster,
            tmdb_id,
            imdb_id,
            offers,
        })
    }

    fn offer(&mut self, raw: RawOffer, providers: &HashSet<&ProviderId>) -> Option<Offer> {
        let before = self.problems.len();
        let provider = self.required("provider", raw.provider).and_then(|p| {
            match ProviderId::parse(&p).filter(|id| providers.contains(id)) {
                Some(id) => Some(id),
                None => {
                    self.report("provider", Reason::UnknownProvider(p));
                    None
                }
            }
        });
        let region = self
            .required("region", raw.region)
            .and_then(|r| self.parsed("region", Some(r), RegionCode::parse, Reason::BadRegion));
        let monetization = self.required("type", raw.monetization).and_then(|m| {
            self.parsed("type", Some(m), Monetization::parse, Reason::UnknownMonetization)
        });
        let currency = self.parsed("currency", raw.currency, Currency::parse, Reason::BadCurrency);
        let price = match (raw.price, currency) {
            (None, _) => None,
            (Some(_), _) if !matches!(monetization, Some(Monetization::Rent | Monetization::Buy) | None) => {
                self.report("price", Reason::PriceForFreeOffer);
                None
            }
            (Some(p), _) if !(0.0..=100_000.0).contains(&p) => {
                self.report("price", Reason::OutOfRange { found: p.to_string(), min: 0, max: 100_000 });
                None
            }
            (Some(_), None) => {
                self.report("currency", Reason::PriceWithoutCurrency);
                None
            }
            (Some(p), Some(currency)) => Some(Price { minor_units: (p * 100.0).round() as u32, currency }),
        };
        let quality = self.parsed("quality", raw.quality, Quality::parse, Reason::UnknownQuality);
        let url = self.parsed("url", raw.url, HttpsUrl::parse, Reason::NotHttps);
        let available_from = self.parsed("available_from", raw.available_from, Date::parse, Reason::BadDate);
        let available_until =
            self.parsed("available_until", raw.available_until, Date::parse, Reason::BadDate);
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

    fn lang_map(&mut self, field: &str, raw: Option<BTreeMap<String, String>>) -> CodeMap<LangCode, String> {
        let mut map = CodeMap::new();
        for (lang, text) in raw.unwrap_or_default() {
            match LangCode::parse(&lang) {
                Some(l) => {
                    let text = clean(text);
                    if !text.is_empty() {
                        map.insert(l, text);
                    }
                }
                None => self.report(&format!("{field}.{lang}"), Reason::BadLanguage(lang)),
            }
        }
        map
    }
}

fn parse_imdb_id(s: &str) -> Option<String> {
    let digits = s.strip_prefix("tt")?;
    (digits.len() >= 7 && digits.len() <= 10 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.to_owned())
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

fn clean_list(list: Option<Vec<String>>) -> Vec<String> {
    list.unwrap_or_default().into_iter().map(clean).filter(|s| !s.is_empty()).collect()
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
    let offset = (raw.get().as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
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
