//! The native core of live TMDB data: it builds every request Flimmer sends to TMDB and
//! reads every answer into the catalog's model. No DOM, no network, no clock: the browser
//! shell joins a [`Request`] to the configured API base ([`API_BASE`] unless configured),
//! fetches it with the reader's token in an `Authorization: Bearer` header (never in the
//! URL), and hands status and body to [`decode`] and the functions of [`map`]. So all of
//! it is tested natively, against recorded TMDB answers.
//!
//! ```
//! use catalog::{Filter, Kind, LangCode, RegionCode};
//!
//! let request = tmdb::discover(Kind::Movie, &Filter::new(RegionCode::DE), LangCode::DE, 1);
//! let url = request.url(tmdb::API_BASE);
//! assert!(url.starts_with("https://api.themoviedb.org/3/discover/movie?language=de-DE&page=1"));
//! // The shell fetches `url` with `Authorization: Bearer <token>`, then hands over the answer:
//! let body = r#"{"page": 1, "total_pages": 1, "results": [
//!     {"id": 949, "title": "Heat", "release_date": "1995-12-15", "genre_ids": [80, 18, 28]}]}"#;
//! let page: tmdb::Page = tmdb::decode(200, body)?;
//! let films = tmdb::films_from_page(&page, Kind::Movie, LangCode::DE, &tmdb::Images::tmdb());
//! assert_eq!(films.films[0].id.as_str(), "tmdb:949");
//! assert_eq!(films.films[0].year, 1995);
//! # Ok::<(), tmdb::Failure>(())
//! ```
//!
//! - [`request`]: the requests, and what a filter asks that TMDB cannot answer.
//! - [`response`]: TMDB's answers as lenient serde types, and [`Failure`].
//! - [`map`]: answers → [`catalog::Film`], [`catalog::Offer`], [`catalog::Provider`].
//! - [`services`], [`genres`]: our service ids and genres ↔ TMDB's ids.
//! - [`gather`]: the titles and providers a walk over TMDB collects (importer and live).
//! - [`live`]: a region's catalog live from TMDB, for the app's `source=tmdb`.
//!
//! # Endpoints
//!
//! | builder | path | query |
//! |---|---|---|
//! | [`discover`] | `/discover/movie`, `/discover/tv` | see below |
//! | [`search`] | `/search/movie`, `/search/tv` | `query`, `include_adult=false`, `language`, `page` |
//! | [`details`] | `/movie/{id}`, `/tv/{id}` | `language`, `append_to_response=credits,watch/providers,release_dates` (tv: `content_ratings`) |
//! | [`providers`] | `/watch/providers/movie`, `/watch/providers/tv` | `language`, `watch_region` |
//! | [`authentication`] | `/authentication` | (none): 200 if the token is accepted, else 401 |
//!
//! `language` is `de-DE` for German pages and `en-US` otherwise; `page` is clamped to
//! TMDB's 1–500. Values are percent-encoded (everything but `A–Z a–z 0–9 - . _ ~`).
//!
//! # How a [`catalog::Filter`] becomes a discover request
//!
//! | filter | TMDB parameter |
//! |---|---|
//! | `region` | `watch_region` (always) |
//! | `types` | `with_watch_monetization_types=flatrate\|free\|ads\|rent\|buy` (`\|` = any of) |
//! | `services` | `with_watch_providers`, TMDB ids joined by `\|` (any of); absent when none chosen |
//! | `exclude` | `without_watch_providers`, TMDB ids joined by `,` |
//! | `genres` | `with_genres`, TMDB ids of the kind joined by `\|` |
//! | `without_genres` | `without_genres`, joined by `,` |
//! | `years` | `primary_release_date.gte/.lte` (tv: `first_air_date.…`), `YYYY-01-01` / `YYYY-12-31` |
//! | `runtime` | `with_runtime.gte/.lte` (tv: episode length) |
//! | `min_rating` | `vote_average.gte`, with `vote_count.gte=100` ([`request::MIN_VOTES`]) |
//! | `languages` (one) | `with_original_language` |
//! | `ages` (movies) | `certification_country` = region, `certification` joined by `\|` |
//! | sort: popularity, relevance | `sort_by=popularity.desc` |
//! | sort: rating | `vote_average.desc`, with `vote_count.gte=100` so one-vote films do not top it |
//! | sort: newest | `primary_release_date.desc` (tv: `first_air_date.desc`) |
//! | sort: title | `title.asc` (tv: `name.asc`), TMDB's collation, not ours |
//!
//! `include_adult=false` is always sent. The kind is the builder's argument: the filter's
//! `kinds` is the caller's to read (both kinds are two requests).
//!
//! # What TMDB cannot filter
//!
//! [`discover_unsupported`] lists these by URL key, so the page can say which choices a
//! live list ignores:
//!
//! - `q`: discover takes no search words; search ([`search`]) takes no filter.
//! - `list`: TMDB knows no dates of offers, so no "new" or "leaving soon"; and
//!   `sort`: "recently added" and "leaving soon" fall back to popularity.
//! - `age` for series: discover for tv has no certification filter.
//! - `language` with more than one language: TMDB documents one original language.
//! - `services` / `exclude` naming an id with no TMDB provider id (the filter still
//!   sends the others).
//! - `genres` of series when every chosen genre has no series genre (History, Horror,
//!   Music, Romance, Thriller, TV Movie): nothing could match, and TMDB cannot ask for
//!   nothing.
//! - `types` when empty: the app then shows nothing, which TMDB cannot ask for either.
//!
//! Known differences that are not listed: TMDB does not promise that a provider and a way
//! to watch match on the *same* offer, nor that `without_watch_providers` looks only at
//! the chosen ways to watch (ours does); and its `primary_release_date.desc` lists films
//! announced for later first. The details' offers, read by [`map::film_from_details`],
//! are exact.

pub mod gather;
pub mod genres;
pub mod live;
pub mod map;
pub mod request;
pub mod response;
pub mod services;

pub use map::{
    film_from_details, film_from_summary, film_id, films_from_page, offers_from, providers_from_list, FilmDetails,
    Images, Offers, PageFilms, PosterSize, Skip, SkipReason, WatchProvider,
};
pub use request::{authentication, details, discover, discover_unsupported, providers, search, Request, API_BASE};
pub use response::{decode, ApiError, Details, Failure, ListedProvider, Page, ProviderList, Summary, WatchProviders};
pub use services::Service;
