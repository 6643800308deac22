//! The catalog v1 JSON the importers write, field for field as docs/catalog-format.md lists them:
//! `catalog_json` from the CSV importer's films, `model_json` from the catalog's own model
//! (flimmer-tmdb).

use std::collections::BTreeMap;

use catalog::{Date, ProviderKind, FORMAT_VERSION};
use serde::Serialize;

use crate::merge::Film;
use crate::services::Service;

/// The top level; the CSV and the model writer differ in their providers and films.
#[derive(Serialize)]
struct Catalog<P, F> {
    format: u64,
    as_of: String,
    providers: Vec<P>,
    films: Vec<F>,
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

#[derive(Serialize)]
struct ModelProvider<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    color: &'a str,
    homepage: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tmdb_provider_id: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    regions: Vec<&'a str>,
}

#[derive(Serialize)]
struct ModelFilm<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "InOrder::is_empty")]
    titles: InOrder<'a>,
    original_title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_language: Option<&'a str>,
    year: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    runtime: Option<u16>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    genres: Vec<&'static str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    directors: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cast: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<ModelRating>,
    #[serde(skip_serializing_if = "InOrder::is_empty")]
    certification: InOrder<'a>,
    #[serde(skip_serializing_if = "InOrder::is_empty")]
    synopsis: InOrder<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    poster: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tmdb_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    imdb_id: Option<&'a str>,
    offers: Vec<ModelOffer<'a>>,
}

/// A `CodeMap` as a JSON object in the model's order (the file's, when it was read from
/// one), so a catalog read and written again keeps its bytes' meaning and order.
struct InOrder<'a>(Vec<(&'a str, &'a str)>);

impl InOrder<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for InOrder<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct ModelRating {
    /// `f32` as the model keeps it: serde_json writes its shortest form (7.9, not 7.900000095).
    value: f32,
    votes: u32,
}

#[derive(Serialize)]
struct ModelOffer<'a> {
    provider: &'a str,
    region: &'a str,
    #[serde(rename = "type")]
    monetization: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quality: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    available_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    available_until: Option<String>,
}

fn provider_kind(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Subscription => "subscription",
        ProviderKind::Free => "free",
        ProviderKind::Store => "store",
    }
}

/// Compact catalog v1 JSON of films and providers of the catalog's own model, in the order
/// given. Every value of the model has passed its parser, so the file decodes as written;
/// empty lists and maps and absent values are left out.
pub fn model_json(as_of: Date, providers: &[catalog::Provider], films: &[catalog::Film]) -> String {
    let providers = providers
        .iter()
        .map(|p| ModelProvider {
            id: p.id.as_str(),
            name: &p.name,
            kind: provider_kind(p.kind),
            color: p.color.as_str(),
            homepage: p.homepage.as_str(),
            tmdb_provider_id: p.tmdb_provider_id,
            regions: p.regions.iter().map(|r| r.as_str()).collect(),
        })
        .collect();
    let films = films
        .iter()
        .map(|f| ModelFilm {
            id: f.id.as_str(),
            kind: f.kind.as_str(),
            title: &f.title,
            titles: InOrder(f.titles.iter().map(|(lang, title)| (lang.as_str(), title.as_str())).collect()),
            original_title: &f.original_title,
            original_language: f.original_language.as_ref().map(|l| l.as_str()),
            year: f.year,
            runtime: f.runtime,
            genres: f.genres.iter().map(|g| g.slug()).collect(),
            directors: &f.directors,
            cast: &f.cast,
            rating: f.rating.map(|r| ModelRating { value: r.value, votes: r.votes }),
            certification: InOrder(
                f.certification.iter().map(|(region, label)| (region.as_str(), label.as_str())).collect(),
            ),
            synopsis: InOrder(f.synopsis.iter().map(|(lang, text)| (lang.as_str(), text.as_str())).collect()),
            poster: f.poster.as_ref().map(|u| u.as_str()),
            tmdb_id: f.tmdb_id,
            imdb_id: f.imdb_id.as_deref(),
            offers: f
                .offers
                .iter()
                .map(|o| ModelOffer {
                    provider: o.provider.as_str(),
                    region: o.region.as_str(),
                    monetization: o.monetization.as_str(),
                    // Minor units back to the format's number with at most two decimals.
                    price: o.price.as_ref().map(|p| f64::from(p.minor_units) / 100.0),
                    currency: o.price.as_ref().map(|p| p.currency.as_str()),
                    quality: o.quality.map(|q| q.as_str()),
                    url: o.url.as_ref().map(|u| u.as_str()),
                    available_from: o.available_from.map(|d| d.to_string()),
                    available_until: o.available_until.map(|d| d.to_string()),
                })
                .collect(),
        })
        .collect();
    let catalog: Catalog<ModelProvider, ModelFilm> =
        Catalog { format: FORMAT_VERSION, as_of: as_of.to_string(), providers, films };
    // Plain structs of strings and numbers: serializing them cannot fail.
    serde_json::to_string(&catalog).expect("catalog serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our shipped catalog uses every field of the format (and a provider's `regions` is added): read, written by `model_json`
    /// and read again, it is the same catalog.
    #[test]
    fn the_model_writer_round_trips_the_shipped_catalog() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/catalog.json");
        let text = std::fs::read_to_string(&path).expect("public/catalog.json");
        let mut first = catalog::decode(&text).expect("the shipped catalog decodes");
        assert!(first.skipped.is_empty());
        // A field the shipped catalog does not use: a provider listed in a region.
        first.catalog.providers[0].regions = vec![catalog::RegionCode::AT, catalog::RegionCode::CH];
        let written = model_json(first.catalog.as_of, &first.catalog.providers, &first.catalog.films);
        let second = catalog::decode(&written).expect("the written catalog decodes");
        assert!(second.skipped.is_empty(), "{:#?}", second.skipped);
        assert_eq!(second.catalog, first.catalog);
    }
}
