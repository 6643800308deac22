//! TMDB's answers as plain serde types, and how a status and body become one of them or a
//! [`Failure`].
//!
//! Read leniently: TMDB leaves fields out, sends `null` for others (a film without a
//! poster, a runtime not yet known), and a fake or broken server can send anything. So
//! every field is optional in effect: absent, `null` or of the wrong type, it takes its
//! default, and one bad entry of a list is dropped instead of failing the whole page.
//! Unknown fields are ignored. Only a body that is not JSON, or not an object where one
//! is expected, is a failure. What the values mean is checked later, in `map`.

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// A field's value, or its default when it is `null` or not of its type.
fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// A list, keeping the items that read as `T`; anything but an array is an empty list.
fn lenient_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items.into_iter().filter_map(|item| serde_json::from_value(item).ok()).collect(),
        _ => Vec::new(),
    })
}

/// An object keyed by region (`{"DE": …, "US": …}`), as `(key, value)` pairs sorted by
/// key, so everything built from it comes out in the same order; entries that do not read
/// as `T` are dropped.
fn lenient_keyed<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<(String, T)>, D::Error> {
    let Value::Object(map) = Value::deserialize(d)? else {
        return Ok(Vec::new());
    };
    let mut pairs: Vec<(String, T)> =
        map.into_iter().filter_map(|(key, value)| Some((key, serde_json::from_value(value).ok()?))).collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pairs)
}

/// One page of `/discover/…` or `/search/…`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Page {
    #[serde(default, deserialize_with = "lenient")]
    pub page: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub total_pages: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub total_results: u32,
    #[serde(default, deserialize_with = "lenient_list")]
    pub results: Vec<Summary>,
}

/// A film or series as lists show it. Movies fill `title`, `original_title` and
/// `release_date`; series `name`, `original_name` and `first_air_date`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Summary {
    /// Read wider than TMDB's ids, so an id out of range is seen as such (see `map`).
    #[serde(default, deserialize_with = "lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient")]
    pub title: String,
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_title: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_language: String,
    #[serde(default, deserialize_with = "lenient")]
    pub release_date: String,
    #[serde(default, deserialize_with = "lenient")]
    pub first_air_date: String,
    #[serde(default, deserialize_with = "lenient_list")]
    pub genre_ids: Vec<u32>,
    #[serde(default, deserialize_with = "lenient")]
    pub overview: String,
    #[serde(default, deserialize_with = "lenient")]
    pub poster_path: String,
    #[serde(default, deserialize_with = "lenient")]
    pub vote_average: f64,
    #[serde(default, deserialize_with = "lenient")]
    pub vote_count: u64,
    #[serde(default, deserialize_with = "lenient")]
    pub popularity: f64,
}

/// `/movie/{id}` or `/tv/{id}` with `append_to_response=credits,watch/providers,` and
/// `release_dates` (movies) or `content_ratings` (series).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Details {
    #[serde(default, deserialize_with = "lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient")]
    pub title: String,
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_title: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub original_language: String,
    #[serde(default, deserialize_with = "lenient")]
    pub release_date: String,
    #[serde(default, deserialize_with = "lenient")]
    pub first_air_date: String,
    #[serde(default, deserialize_with = "lenient_list")]
    pub genres: Vec<GenreName>,
    #[serde(default, deserialize_with = "lenient")]
    pub overview: String,
    #[serde(default, deserialize_with = "lenient")]
    pub poster_path: String,
    #[serde(default, deserialize_with = "lenient")]
    pub vote_average: f64,
    #[serde(default, deserialize_with = "lenient")]
    pub vote_count: u64,
    #[serde(default, deserialize_with = "lenient")]
    pub popularity: f64,
    /// Movies; `null` while TMDB does not know it.
    #[serde(default, deserialize_with = "lenient")]
    pub runtime: Option<u32>,
    /// Series: typical episode lengths, often empty.
    #[serde(default, deserialize_with = "lenient_list")]
    pub episode_run_time: Vec<u32>,
    /// Movies only (series have it under `external_ids`, which we do not ask for).
    #[serde(default, deserialize_with = "lenient")]
    pub imdb_id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub credits: Credits,
    /// Series: their creators, where movies have directors.
    #[serde(default, deserialize_with = "lenient_list")]
    pub created_by: Vec<Person>,
    #[serde(default, deserialize_with = "lenient")]
    pub release_dates: ReleaseDates,
    #[serde(default, deserialize_with = "lenient")]
    pub content_ratings: ContentRatings,
    #[serde(rename = "watch/providers", default, deserialize_with = "lenient")]
    pub watch_providers: WatchProviders,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GenreName {
    #[serde(default, deserialize_with = "lenient")]
    pub id: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Credits {
    #[serde(default, deserialize_with = "lenient_list")]
    pub cast: Vec<CastMember>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub crew: Vec<CrewMember>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CastMember {
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
    /// Billing position, 0 first; absent sorts last.
    #[serde(default, deserialize_with = "lenient")]
    pub order: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CrewMember {
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
    /// `"Director"`, `"Screenplay"`, …
    #[serde(default, deserialize_with = "lenient")]
    pub job: String,
    #[serde(default, deserialize_with = "lenient")]
    pub department: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Person {
    #[serde(default, deserialize_with = "lenient")]
    pub name: String,
}

/// Movies: release dates per region, each with its age rating (often empty).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ReleaseDates {
    #[serde(default, deserialize_with = "lenient_list")]
    pub results: Vec<RegionReleases>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct RegionReleases {
    #[serde(default, deserialize_with = "lenient")]
    pub iso_3166_1: String,
    #[serde(default, deserialize_with = "lenient_list")]
    pub release_dates: Vec<ReleaseDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ReleaseDate {
    #[serde(default, deserialize_with = "lenient")]
    pub certification: String,
    /// 1 premiere, 2 limited theatrical, 3 theatrical, 4 digital, 5 physical, 6 TV.
    #[serde(rename = "type", default, deserialize_with = "lenient")]
    pub release_type: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub release_date: String,
}

/// Series: one age rating per region.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ContentRatings {
    #[serde(default, deserialize_with = "lenient_list")]
    pub results: Vec<ContentRating>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ContentRating {
    #[serde(default, deserialize_with = "lenient")]
    pub iso_3166_1: String,
    #[serde(default, deserialize_with = "lenient")]
    pub rating: String,
}

/// Where a film can be watched, per region: the `watch/providers` block of details, or
/// the whole answer of `/movie/{id}/watch/providers`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct WatchProviders {
    #[serde(default, deserialize_with = "lenient")]
    pub id: u64,
    /// By region code as TMDB writes it (checked in `map`), sorted.
    #[serde(default, deserialize_with = "lenient_keyed")]
    pub results: Vec<(String, RegionOffers)>,
}

/// One region's offers, by way to watch, in TMDB's display order.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct RegionOffers {
    /// TMDB's page of the film's offers in this region (data from JustWatch).
    #[serde(default, deserialize_with = "lenient")]
    pub link: String,
    #[serde(default, deserialize_with = "lenient_list")]
    pub flatrate: Vec<ListedProvider>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub free: Vec<ListedProvider>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub ads: Vec<ListedProvider>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub rent: Vec<ListedProvider>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub buy: Vec<ListedProvider>,
}

/// A watch provider as TMDB lists it, in a film's offers or in the provider list.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ListedProvider {
    #[serde(default, deserialize_with = "lenient")]
    pub provider_id: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub provider_name: String,
    #[serde(default, deserialize_with = "lenient")]
    pub logo_path: String,
    /// Lower shows first.
    #[serde(default, deserialize_with = "lenient")]
    pub display_priority: u32,
    /// The provider list only: the priority per region (`{"DE": 3}`), sorted by region.
    #[serde(default, deserialize_with = "lenient_keyed")]
    pub display_priorities: Vec<(String, u32)>,
}

/// `/watch/providers/movie` or `/watch/providers/tv`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ProviderList {
    #[serde(default, deserialize_with = "lenient_list")]
    pub results: Vec<ListedProvider>,
}

/// TMDB's error body: `{"status_code": 7, "status_message": "Invalid API key: …", "success": false}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ApiError {
    /// TMDB's own code (7 invalid key, 25 over the request limit, 34 not found, …),
    /// not the HTTP status.
    #[serde(default, deserialize_with = "lenient")]
    pub status_code: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub status_message: String,
    #[serde(default, deserialize_with = "lenient")]
    pub success: bool,
}

/// Why a TMDB answer gave no data, in the terms the reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 401: the token is missing, wrong or revoked; the reader has to enter it again.
    Unauthorized { message: String },
    /// 404: no such film (or path; a wrong API base looks the same).
    NotFound { message: String },
    /// 429: over TMDB's request limit; trying again after a pause helps.
    RateLimited { message: String },
    /// Any other status, with TMDB's code when its body had one.
    Status { http_status: u16, code: Option<u32>, message: String },
    /// A success status whose body is not the JSON of this endpoint.
    Malformed { detail: String },
}

/// Longest server message kept: it is shown, and a body can be of any length.
const MAX_MESSAGE_CHARS: usize = 300;

impl Failure {
    /// The failure for an error status, with what TMDB's body says if it is its error body.
    pub fn from_status(http_status: u16, body: &str) -> Failure {
        let error: Option<ApiError> = serde_json::from_str(body).ok();
        let message = error.as_ref().and_then(|e| crate::map::clean(&e.status_message, MAX_MESSAGE_CHARS));
        let message = message.unwrap_or_default();
        match http_status {
            401 => Failure::Unauthorized { message },
            404 => Failure::NotFound { message },
            429 => Failure::RateLimited { message },
            _ => Failure::Status { http_status, code: error.map(|e| e.status_code).filter(|&c| c > 0), message },
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, message) = match self {
            Failure::Unauthorized { message } => ("TMDB did not accept the token (401)".to_owned(), message),
            Failure::NotFound { message } => ("TMDB has no such entry (404)".to_owned(), message),
            Failure::RateLimited { message } => {
                ("too many requests to TMDB, try again shortly (429)".to_owned(), message)
            }
            Failure::Status { http_status, code: Some(code), message } => {
                (format!("TMDB answered {http_status} (code {code})"), message)
            }
            Failure::Status { http_status, code: None, message } => (format!("TMDB answered {http_status}"), message),
            Failure::Malformed { detail } => ("TMDB's answer could not be read".to_owned(), detail),
        };
        if message.is_empty() {
            f.write_str(&what)
        } else {
            write!(f, "{what}: {message}")
        }
    }
}

impl std::error::Error for Failure {}

/// Reads an answer: a 2xx body as `T` (leniently, see the module docs), any other status
/// as the [`Failure`] it stands for. Never panics, whatever the body.
pub fn decode<T: DeserializeOwned>(http_status: u16, body: &str) -> Result<T, Failure> {
    if !(200..300).contains(&http_status) {
        return Err(Failure::from_status(http_status, body));
    }
    serde_json::from_str(body.strip_prefix('\u{feff}').unwrap_or(body))
        .map_err(|e| Failure::Malformed { detail: e.to_string().chars().take(MAX_MESSAGE_CHARS).collect() })
}
