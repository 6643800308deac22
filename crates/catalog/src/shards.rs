//! Catalogs split by region: a world catalog of several hundred thousand titles is not
//! one download. A small index (JSON, [`ShardIndex`]) names, per region, the file of the
//! films offered there, with its size and SHA-256, so a reader downloads only the region in
//! view, and a file that is not the one the index meant (a stale cache, a broken upload,
//! a hostile mirror) is refused. docs/catalog-format.md, "Catalogs split by region", is
//! the form's description; `flimmer-pack --shards` writes it.
//!
//! A shard is a whole catalog of its own (format v1, JSON or packed, normally packed with
//! its index): the films with an offer in its region, with that region's offers and age
//! rating only, and the providers those offers name.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::decode::Loaded;
use crate::model::{Catalog, Date, ProviderId, RegionCode};
use crate::problem::CatalogError;
use crate::FORMAT_VERSION;

/// Longest shard path kept: a file name, or a short relative path.
const MAX_PATH_CHARS: usize = 200;
/// Largest shard an index may name: 1 GiB (a world catalog's largest region is far less).
const MAX_SHARD_BYTES: u64 = 1 << 30;

/// The index of a catalog split by region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardIndex {
    /// Catalog format version of the shards (1).
    pub format: u64,
    /// The day the availability data was true, the same in every shard.
    pub as_of: Date,
    /// Every provider of the whole catalog, in its order (a shard has those of its region).
    pub providers: Vec<ProviderId>,
    /// One shard per region, sorted by region.
    pub shards: Vec<Shard>,
}

/// One region's shard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    pub region: RegionCode,
    /// Relative to the index's own address: `DE.bin`, `shards/DE.bin`.
    pub path: String,
    /// The file's length in bytes.
    pub bytes: u64,
    /// The file's SHA-256, 64 lower-case hex digits.
    pub sha256: String,
    /// How many films it holds (for the loading message).
    pub films: u64,
}

impl ShardIndex {
    /// Reads an index; anything but a well-formed one is an error that says what is wrong.
    /// A path must stay below the index (no scheme, no `/` first, no `..`), so an index can
    /// only ever send the app to files beside it.
    pub fn decode(text: &str) -> Result<ShardIndex, CatalogError> {
        let damaged = |message: String| CatalogError::Damaged { message };
        let raw: RawIndex = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(|e| damaged(format!("not a shard index: {e}")))?;
        if raw.format != FORMAT_VERSION {
            return Err(damaged(format!(
                "shards of format {}; this version reads format {FORMAT_VERSION}",
                raw.format
            )));
        }
        let as_of = Date::parse(&raw.as_of).ok_or_else(|| damaged(format!("as_of is not a date: {:?}", raw.as_of)))?;
        let providers = raw
            .providers
            .iter()
            .map(|p| ProviderId::parse(p).ok_or_else(|| damaged(format!("not a provider id: {p:?}"))))
            .collect::<Result<Vec<_>, _>>()?;
        if raw.shards.is_empty() {
            return Err(damaged("the shard index names no shard".to_owned()));
        }
        let mut shards: Vec<Shard> = Vec::with_capacity(raw.shards.len());
        for (i, shard) in raw.shards.into_iter().enumerate() {
            let region = RegionCode::parse(&shard.region)
                .ok_or_else(|| damaged(format!("shards[{i}].region is not a region code: {:?}", shard.region)))?;
            if shards.iter().any(|s| s.region == region) {
                return Err(damaged(format!("two shards for {region}")));
            }
            if !is_relative_path(&shard.path) {
                return Err(damaged(format!(
                    "shards[{i}].path must be a relative path below the index: {:?}",
                    shard.path
                )));
            }
            if shard.bytes > MAX_SHARD_BYTES {
                return Err(damaged(format!("shards[{i}] is larger than 1 GiB")));
            }
            if shard.sha256.len() != 64
                || !shard.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(damaged(format!("shards[{i}].sha256 must be 64 lower-case hex digits")));
            }
            let RawShard { path, bytes, sha256, films, .. } = shard;
            shards.push(Shard { region, path, bytes, sha256, films });
        }
        shards.sort_by_key(|s| s.region);
        Ok(ShardIndex { format: raw.format, as_of, providers, shards })
    }

    /// Reads `text` as an index if it is one: JSON with `shards` at its top and no `films`
    /// (which a catalog has). `None` for anything else, a catalog among them; an index
    /// that is wrong is an error that says what is wrong (as `decode`).
    pub fn recognise(text: &str) -> Option<Result<ShardIndex, CatalogError>> {
        #[derive(Deserialize)]
        struct Probe {
            shards: Option<serde::de::IgnoredAny>,
            films: Option<serde::de::IgnoredAny>,
        }
        let probe: Probe = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
        (probe.shards.is_some() && probe.films.is_none()).then(|| ShardIndex::decode(text))
    }

    /// The index as JSON.
    pub fn encode(&self) -> String {
        let raw = RawIndex {
            format: self.format,
            as_of: self.as_of.to_string(),
            providers: self.providers.iter().map(|p| p.as_str().to_owned()).collect(),
            shards: self
                .shards
                .iter()
                .map(|s| RawShard {
                    region: s.region.to_string(),
                    path: s.path.clone(),
                    bytes: s.bytes,
                    sha256: s.sha256.clone(),
                    films: s.films,
                })
                .collect(),
        };
        // Plain strings and numbers: serializing them cannot fail.
        serde_json::to_string_pretty(&raw).expect("a shard index serializes")
    }

    /// The shard of `region`, if the catalog has one.
    pub fn shard(&self, region: RegionCode) -> Option<&Shard> {
        self.shards.iter().find(|s| s.region == region)
    }

    pub fn regions(&self) -> impl Iterator<Item = RegionCode> + '_ {
        self.shards.iter().map(|s| s.region)
    }
}

impl Shard {
    /// Describes `bytes` as this shard (path, size, hash) holding `films` films.
    pub fn of(region: RegionCode, path: String, bytes: &[u8], films: usize) -> Shard {
        Shard { region, path, bytes: bytes.len() as u64, sha256: sha256_hex(bytes), films: films as u64 }
    }

    /// Whether `bytes` are this shard: its size, then its hash.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), String> {
        if bytes.len() as u64 != self.bytes {
            return Err(format!(
                "the shard of {} has {} bytes, its index says {}",
                self.region,
                bytes.len(),
                self.bytes
            ));
        }
        if sha256_hex(bytes) != self.sha256 {
            return Err(format!("the shard of {} is not the file its index names (SHA-256 differs)", self.region));
        }
        Ok(())
    }
}

impl ShardIndex {
    /// The index of `shards` of `catalog` (each region's shard with its description).
    pub fn new(catalog: &Catalog, shards: Vec<Shard>) -> ShardIndex {
        let mut shards = shards;
        shards.sort_by_key(|s| s.region);
        ShardIndex {
            format: FORMAT_VERSION,
            as_of: catalog.as_of,
            providers: catalog.providers.iter().map(|p| p.id.clone()).collect(),
            shards,
        }
    }
}

/// The catalog cut into one catalog per region, by region: each with the films that have
/// an offer there, those offers and that region's age rating only, and the providers they
/// name (in catalog order). The films keep the catalog's order.
pub fn split<P: Clone>(loaded: &Loaded<P>) -> Vec<(RegionCode, Loaded<P>)> {
    let catalog = &loaded.catalog;
    catalog
        .regions()
        .iter()
        .map(|&region| {
            let films: Vec<_> = catalog
                .films
                .iter()
                .filter(|f| f.offers.iter().any(|o| o.region == region))
                .map(|f| {
                    let mut film = f.clone();
                    film.offers.retain(|o| o.region == region);
                    film.certification =
                        f.certification.iter().filter(|(r, _)| **r == region).map(|(r, c)| (*r, c.clone())).collect();
                    film
                })
                .collect();
            let named = |id: &ProviderId| films.iter().any(|f| f.offers.iter().any(|o| &o.provider == id));
            let providers = catalog.providers.iter().filter(|p| named(&p.id)).cloned().collect();
            // Already in the catalog's order: a cut keeps it.
            let shard = Catalog { as_of: catalog.as_of, providers, films };
            (region, Loaded { catalog: shard, skipped: loaded.skipped.clone() })
        })
        .collect()
}

/// The index as written: strings where the model has checked types.
#[derive(Serialize, Deserialize)]
struct RawIndex {
    format: u64,
    as_of: String,
    #[serde(default)]
    providers: Vec<String>,
    shards: Vec<RawShard>,
}

#[derive(Serialize, Deserialize)]
struct RawShard {
    region: String,
    path: String,
    bytes: u64,
    sha256: String,
    films: u64,
}

fn is_relative_path(path: &str) -> bool {
    !path.is_empty()
        && path.chars().count() <= MAX_PATH_CHARS
        && !path.starts_with('/')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_below_the_index() {
        for good in ["DE.bin", "shards/DE.bin", "de-2026_11.json"] {
            assert!(is_relative_path(good), "{good}");
        }
        for bad in [
            "",
            "/DE.bin",
            "../DE.bin",
            "a/../../b",
            "https://evil.example/DE.bin",
            "a//b",
            "./DE.bin",
            "a\\b",
            "DE .bin",
        ] {
            assert!(!is_relative_path(bad), "{bad}");
        }
    }

    #[test]
    fn sha256_of_nothing_is_the_known_one() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
