//! The catalog v1 JSON the importer writes, field for field as docs/catalog-format.md lists them.

use std::collections::BTreeMap;

use catalog::{Date, FORMAT_VERSION};
use serde::Serialize;

use crate::merge::Film;
use crate::services::Service;

#[derive(Serialize)]
struct Catalog<'a> {
    format: u64,
    as_of: String,
    providers: Vec<Provider>,
    films: Vec<FilmOut<'a>>,
}

#[derive(Serialize)]
struct Provider {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    color: &'static str,
    homepage: &'static str,
    tmdb_provider_id: u32,
}

#[derive(Serialize)]
struct FilmOut<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    year: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    runtime: Option<u16>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    genres: Vec<&'static str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    directors: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cast: &'a [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    certification: BTreeMap<&'a str, &'static str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    synopsis: BTreeMap<&'static str, &'a str>,
    offers: Vec<OfferOut<'a>>,
}

#[derive(Serialize)]
struct OfferOut<'a> {
    provider: &'static str,
    region: &'a str,
    #[serde(rename = "type")]
    monetization: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    available_from: Option<String>,
}

/// Compact catalog v1 JSON of `films`, offered by `services` (in the order given).
pub fn catalog_json(as_of: Date, services: &[&'static Service], films: &[Film]) -> String {
    let providers = services
        .iter()
        .map(|s| Provider {
            id: s.id,
            name: s.name,
            kind: "subscription",
            color: s.color,
            homepage: s.homepage,
            tmdb_provider_id: s.tmdb_provider_id,
        })
        .collect();
    let films = films
        .iter()
        .map(|f| FilmOut {
            id: &f.id,
            kind: f.kind.as_str(),
            title: &f.title,
            year: f.year,
            runtime: f.runtime,
            genres: f.genres.iter().map(|g| g.slug()).collect(),
            directors: &f.directors,
            cast: &f.cast,
            certification: f.certification.iter().map(|(region, label)| (region.as_str(), *label)).collect(),
            synopsis: f.synopsis.iter().map(|s| ("en", s.as_str())).collect(),
            offers: f
                .offers
                .iter()
                .map(|o| OfferOut {
                    provider: o.service.id,
                    region: o.region.as_str(),
                    monetization: "flatrate",
                    available_from: o.available_from.map(|d| d.to_string()),
                })
                .collect(),
        })
        .collect();
    let catalog = Catalog { format: FORMAT_VERSION, as_of: as_of.to_string(), providers, films };
    // Plain structs of strings and numbers: serializing them cannot fail.
    serde_json::to_string(&catalog).expect("catalog serializes")
}
