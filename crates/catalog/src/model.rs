//! The catalog's data model: films, providers, offers and the small value types they use.
//!
//! Every value here has passed validation (see `decode`): an `HttpsUrl` is https, a
//! `RegionCode` is two upper-case letters, a `Date` exists in the calendar. Views can
//! therefore render these values without checking them again.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::small::{CodeMap, SortedSet};

/// A whole, validated catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The day the availability data was true.
    pub as_of: Date,
    /// Every provider, in file order (the order badges and toggles are shown in).
    pub providers: Vec<Provider>,
    /// Most-voted first, then by title: the order a list of films starts from, so a
    /// filter only has to drop films, never sort them (see `in_order`).
    #[serde(with = "crate::pack::films")]
    pub films: Vec<Film>,
}

impl Catalog {
    /// A catalog of `films` in the catalog's own order (see `films`), for sources that
    /// build a catalog from parts: the JSON decoder, TMDB live.
    pub fn in_order(as_of: Date, providers: Vec<Provider>, films: Vec<Film>) -> Catalog {
        let votes = |f: &Film| f.rating.map_or(0, |r| r.votes);
        let cmp = |a: &Film, b: &Film| votes(b).cmp(&votes(a)).then_with(|| a.title.cmp(&b.title));
        // The JSON decoder reads films in this order already: a check, not a sort.
        if films.is_sorted_by(|a, b| cmp(a, b).is_le()) {
            return Catalog { as_of, providers, films };
        }
        let order = crate::small::sorted_positions(films.len(), &|a, b| cmp(&films[a], &films[b]));
        let films = crate::small::reordered(films, &order);
        Catalog { as_of, providers, films }
    }

    pub fn provider(&self, id: &ProviderId) -> Option<&Provider> {
        self.providers.iter().find(|p| &p.id == id)
    }

    pub fn film(&self, id: &str) -> Option<&Film> {
        self.film_position(id).map(|at| &self.films[at])
    }

    /// Where the film with this id is in `films`.
    pub fn film_position(&self, id: &str) -> Option<usize> {
        self.films.iter().position(|f| f.id.as_str() == id)
    }

    /// Every region some film has an offer in, sorted.
    pub fn regions(&self) -> SortedSet<RegionCode> {
        self.films.iter().flat_map(|f| f.offers.iter().map(|o| o.region)).collect()
    }

    /// The services of `region`, in catalog order: providers that offer at least one film
    /// there, or are listed there (`Provider::regions`).
    pub fn providers_in(&self, region: RegionCode) -> Vec<&Provider> {
        self.providers.iter().filter(|p| self.serves(region, &p.id)).collect()
    }

    /// Whether `provider` is one of `region`'s services (`providers_in`).
    pub fn serves(&self, region: RegionCode, provider: &ProviderId) -> bool {
        self.provider(provider).is_some_and(|p| p.regions.contains(&region)) || self.has_offers(region, Some(provider))
    }

    /// Whether any film has an offer in `region` (from `provider`, when given).
    /// Stops at the first one, so asking about a region that is there is cheap.
    pub fn has_offers(&self, region: RegionCode, provider: Option<&ProviderId>) -> bool {
        self.films
            .iter()
            .any(|f| f.offers.iter().any(|o| o.region == region && provider.is_none_or(|p| &o.provider == p)))
    }
}

/// A streaming service or store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: ProviderId,
    pub name: String,
    pub kind: ProviderKind,
    pub color: Color,
    pub homepage: HttpsUrl,
    pub tmdb_provider_id: Option<u32>,
    /// Regions where the service is listed even where no film of this catalog has an offer
    /// from it: TMDB live lists a region's main services from TMDB's own list of them, so a
    /// reader can choose one and ask TMDB for its titles. Empty: where its offers are.
    pub regions: Vec<RegionCode>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderKind {
    Subscription,
    Free,
    Store,
}

impl ProviderKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "subscription" => Some(Self::Subscription),
            "free" => Some(Self::Free),
            "store" => Some(Self::Store),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Film {
    pub id: FilmId,
    /// A film or a series; files without the field describe films.
    pub kind: Kind,
    pub title: String,
    /// Localized titles by language ("de" → "Der Pate").
    pub titles: CodeMap<LangCode, String>,
    pub original_title: String,
    pub original_language: Option<LangCode>,
    pub year: u16,
    pub runtime: Option<u16>,
    pub genres: Vec<Genre>,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub rating: Option<Rating>,
    pub certification: CodeMap<RegionCode, String>,
    pub synopsis: CodeMap<LangCode, String>,
    pub poster: Option<HttpsUrl>,
    pub tmdb_id: Option<u32>,
    pub imdb_id: Option<String>,
    pub offers: Vec<Offer>,
}

impl Film {
    /// The title to show to a reader of `lang`: the localized one, else the default.
    pub fn title_in(&self, lang: LangCode) -> &str {
        self.titles.get(&lang).map_or(&self.title, String::as_str)
    }

    /// The synopsis in `lang`, else in English, else in any language the film has.
    pub fn synopsis_in(&self, lang: LangCode) -> Option<&str> {
        self.synopsis
            .get(&lang)
            .or_else(|| self.synopsis.get(&LangCode::EN))
            .or_else(|| self.synopsis.values().next())
            .map(String::as_str)
    }
}

/// What a catalog entry is: a film, or a show with seasons. Absent in a file means `Movie`,
/// so catalogs written before the field existed stay valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    #[default]
    Movie,
    Show,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Movie, Kind::Show];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Movie => "movie",
            Kind::Show => "show",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Audience rating on a 0–10 scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub value: f32,
    pub votes: u32,
}

/// One way to watch a film in one region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub provider: ProviderId,
    pub region: RegionCode,
    pub monetization: Monetization,
    pub price: Option<Price>,
    pub quality: Option<Quality>,
    pub url: Option<HttpsUrl>,
    pub available_from: Option<Date>,
    pub available_until: Option<Date>,
}

impl Offer {
    /// Whether the offer is open on `day` (both window ends inclusive).
    pub fn is_available_on(&self, day: Date) -> bool {
        self.available_from.is_none_or(|from| from <= day) && self.available_until.is_none_or(|until| day <= until)
    }
}

/// How an offer can be watched. The order is the order shown in the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Monetization {
    Flatrate,
    Free,
    Ads,
    Rent,
    Buy,
}

impl Monetization {
    pub const ALL: [Monetization; 5] =
        [Monetization::Flatrate, Monetization::Free, Monetization::Ads, Monetization::Rent, Monetization::Buy];

    pub fn as_str(self) -> &'static str {
        match self {
            Monetization::Flatrate => "flatrate",
            Monetization::Free => "free",
            Monetization::Ads => "ads",
            Monetization::Rent => "rent",
            Monetization::Buy => "buy",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quality {
    Sd,
    Hd,
    Uhd4k,
}

impl Quality {
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Sd => "SD",
            Quality::Hd => "HD",
            Quality::Uhd4k => "4K",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "SD" => Some(Quality::Sd),
            "HD" => Some(Quality::Hd),
            "4K" => Some(Quality::Uhd4k),
            _ => None,
        }
    }
}

/// A price in minor units (cents), so sums and comparisons are exact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub minor_units: u32,
    pub currency: Currency,
}

/// ISO 4217 code, three upper-case ASCII letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| Currency([b[0], b[1], b[2]]))
    }

    pub fn as_str(&self) -> &str {
        // Constructed only from ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// The fixed genre list of catalog format v1 (TMDB's movie genres).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Genre {
    Action,
    Adventure,
    Animation,
    Comedy,
    Crime,
    Documentary,
    Drama,
    Family,
    Fantasy,
    History,
    Horror,
    Music,
    Mystery,
    Romance,
    ScienceFiction,
    Thriller,
    TvMovie,
    War,
    Western,
}

impl Genre {
    pub const ALL: [Genre; 19] = [
        Genre::Action,
        Genre::Adventure,
        Genre::Animation,
        Genre::Comedy,
        Genre::Crime,
        Genre::Documentary,
        Genre::Drama,
        Genre::Family,
        Genre::Fantasy,
        Genre::History,
        Genre::Horror,
        Genre::Music,
        Genre::Mystery,
        Genre::Romance,
        Genre::ScienceFiction,
        Genre::Thriller,
        Genre::TvMovie,
        Genre::War,
        Genre::Western,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Genre::Action => "action",
            Genre::Adventure => "adventure",
            Genre::Animation => "animation",
            Genre::Comedy => "comedy",
            Genre::Crime => "crime",
            Genre::Documentary => "documentary",
            Genre::Drama => "drama",
            Genre::Family => "family",
            Genre::Fantasy => "fantasy",
            Genre::History => "history",
            Genre::Horror => "horror",
            Genre::Music => "music",
            Genre::Mystery => "mystery",
            Genre::Romance => "romance",
            Genre::ScienceFiction => "science-fiction",
            Genre::Thriller => "thriller",
            Genre::TvMovie => "tv-movie",
            Genre::War => "war",
            Genre::Western => "western",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.slug() == s)
    }
}

/// A film's stable id, `namespace:value` (`tmdb:949`, `imdb:tt0113277`, `flimmer:heat-1995`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct FilmId(String);

impl FilmId {
    /// Accepts `namespace:value` with a lower-case namespace and a value of
    /// letters, digits, `-`, `_` and `.`: safe in a URL path without escaping.
    pub fn parse(s: &str) -> Option<Self> {
        let (ns, value) = s.split_once(':')?;
        let ns_ok = !ns.is_empty() && ns.len() <= 16 && ns.bytes().all(|b| b.is_ascii_lowercase());
        let value_ok = !value.is_empty()
            && value.len() <= 64
            && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        (ns_ok && value_ok).then(|| FilmId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FilmId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A provider's stable id: `[a-z0-9-]{1,40}`, so it can stand in a URL unescaped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct ProviderId(String);

impl ProviderId {
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= 40
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| ProviderId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// ISO 3166-1 alpha-2 region, upper case (`DE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RegionCode([u8; 2]);

impl RegionCode {
    pub const DE: RegionCode = RegionCode(*b"DE");
    pub const AT: RegionCode = RegionCode(*b"AT");
    pub const CH: RegionCode = RegionCode(*b"CH");
    pub const US: RegionCode = RegionCode(*b"US");
    pub const GB: RegionCode = RegionCode(*b"GB");

    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| RegionCode([b[0], b[1]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The region a browser language implies: `de` → DE, `de-AT` → AT, `en-GB` → GB.
    ///
    /// Looks through the reader's languages in order of preference and takes the first
    /// one whose region (explicit, or implied for German) is in `supported`; falls back to DE.
    pub fn from_languages<'a>(languages: impl IntoIterator<Item = &'a str>, supported: &[RegionCode]) -> RegionCode {
        languages.into_iter().filter_map(RegionCode::from_tag).find(|r| supported.contains(r)).unwrap_or(RegionCode::DE)
    }

    /// The region one language tag names (`de-AT` → AT, `zh-Hant-TW` → TW), or implies
    /// (`de` → DE); `None` for a bare language other than German.
    pub fn from_tag(tag: &str) -> Option<RegionCode> {
        let mut parts = tag.split(['-', '_']);
        let lang = parts.next().unwrap_or("");
        // The region subtag is the first later subtag of two letters (skips scripts like `Latn`).
        match parts.find(|p| p.len() == 2).and_then(|p| RegionCode::parse(&p.to_ascii_uppercase())) {
            Some(region) => Some(region),
            None => lang.eq_ignore_ascii_case("de").then_some(RegionCode::DE),
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// ISO 639-1 language, lower case (`de`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LangCode([u8; 2]);

impl LangCode {
    pub const DE: LangCode = LangCode(*b"de");
    pub const EN: LangCode = LangCode(*b"en");

    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        (b.len() == 2 && b.iter().all(u8::is_ascii_lowercase)).then(|| LangCode([b[0], b[1]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for LangCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A URL that is known to be `https:` with a host. The only kind of link the app renders,
/// so a catalog can never smuggle a `javascript:` or `data:` link into a page.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct HttpsUrl(String);

impl HttpsUrl {
    pub fn parse(s: &str) -> Option<Self> {
        let rest = s.strip_prefix("https://")?;
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..host_end];
        // No user-info (`https://bank.example@evil.example`), no empty host, no white space
        // or control characters anywhere.
        let host_ok = !authority.is_empty()
            && !authority.contains('@')
            && authority.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
        let chars_ok = s.chars().all(|c| !c.is_whitespace() && !c.is_control());
        (host_ok && chars_ok && s.len() <= 2048).then(|| HttpsUrl(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host (and port, if any): `https://a.example:8443/x` → `a.example:8443`.
    pub fn host(&self) -> &str {
        let rest = &self.0["https://".len()..];
        &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())]
    }
}

/// A brand colour `#rrggbb`, safe to put into a CSS custom property; with the text colour
/// readable on it, worked out once where the colour is parsed.
///
/// Packed (`crate::pack`) as the colour and that choice: the app shell reads both, checks
/// the colour again, and never computes a luminance itself. (WCAG's luminance needs
/// `powf`, whose code cost the shell about 1 KB brotli.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PackedColor", into = "PackedColor")]
pub struct Color {
    hex: String,
    light_text: bool,
}

impl Color {
    pub fn parse(s: &str) -> Option<Self> {
        let hex = hex_color(s)?;
        let light_text = 1.05 / (luminance(&hex) + 0.05) >= 4.5;
        Some(Color { hex, light_text })
    }

    pub fn as_str(&self) -> &str {
        &self.hex
    }

    /// Whether white text on this colour meets WCAG's 4.5:1 contrast, else black is used.
    pub fn wants_light_text(&self) -> bool {
        self.light_text
    }
}

/// `s` as a colour `#rrggbb` in lower case, if it is one.
fn hex_color(s: &str) -> Option<String> {
    let hex = s.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| s.to_ascii_lowercase())
}

/// The relative luminance (WCAG 2) of a colour `#rrggbb`.
fn luminance(hex: &str) -> f32 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0) as f32 / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/// A colour as packed: `#rrggbb` and whether white text is readable on it.
#[derive(Serialize, Deserialize)]
struct PackedColor(String, bool);

impl From<Color> for PackedColor {
    fn from(c: Color) -> Self {
        PackedColor(c.hex, c.light_text)
    }
}

impl TryFrom<PackedColor> for Color {
    type Error = &'static str;
    fn try_from(PackedColor(s, light_text): PackedColor) -> Result<Self, Self::Error> {
        Ok(Color { hex: hex_color(&s).ok_or("not a valid Color")?, light_text })
    }
}

/// A calendar date (proleptic Gregorian), ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), so dates can be subtracted.
    pub fn day_number(self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (self.month as i32, self.day as i32);
        let y = self.year as i32 - i32::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A packed catalog (`crate::pack`) is read back through each value's own parser, so a
/// value from bytes holds the same promise as one from JSON: an `HttpsUrl` is https.
macro_rules! parsed_from_string {
    ($($t:ident),*) => {$(
        impl TryFrom<String> for $t {
            type Error = &'static str;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $t::parse(&s).ok_or(concat!("not a valid ", stringify!($t)))
            }
        }
    )*};
}
parsed_from_string!(FilmId, ProviderId, HttpsUrl);
