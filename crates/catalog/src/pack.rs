//! The packed form of a decoded catalog: what the app reads at start.
//!
//! JSON (catalog format v1) is how catalogs are written, checked and exchanged. Reading it
//! means parsing the text and validating every field of every entry, which takes the browser
//! tens of milliseconds for the 385 shipped films and seconds for 23,000. The packed form is
//! the result of that work, written with postcard once `decode` has validated the catalog:
//! by `flimmer-pack` at build time for the built-in catalog, and by the catalog worker
//! (`src/bin/catalog-worker.rs`) off the main thread for a JSON catalog opened through
//! `source=`. Reading it back is a copy of the values (README, "The data path").
//!
//! Every string that carries a promise (an https link, an id, a colour) passes its parser
//! again on the way in, so bytes cannot smuggle a `javascript:` link past validation.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::problem::CatalogError;

/// The first bytes of every packed value: the name, then the layout version.
const MAGIC: &[u8; 7] = b"FLIMMER";

/// The layout of the packed form. postcard writes no field names, so a reader must know
/// the writer's layout exactly: bump this whenever a packed type changes its fields. The
/// app only ever reads what the same build wrote (its own `catalog.bin`, its own worker);
/// the version catches a stale file a cache kept across releases.
pub const PACK_VERSION: u8 = 3;

/// Packs a value (a `Loaded` catalog, or a worker's answer about one).
pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    bytes.extend_from_slice(MAGIC);
    bytes.push(PACK_VERSION);
    // Writing into a Vec fails only for types serde cannot represent, and ours are plain data.
    postcard::to_extend(value, bytes).unwrap_or_default()
}

/// Whether `bytes` begin as packed values do: tells a packed file from, say, the HTML page
/// a host answers a missing file with.
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Reads back what `pack` wrote. Anything else (another file, a truncated download, a
/// different layout version) is `CatalogError::Damaged`, never a panic.
pub fn unpack<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CatalogError> {
    match postcard::take_from_bytes(body(bytes)?) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(damaged("unexpected bytes after the end")),
        Err(_) => Err(damaged("cut short or garbled")),
    }
}

/// What follows the name and a layout version this app reads. Not generic, so each type
/// `unpack` reads does not carry a copy of these checks and their messages.
fn body(bytes: &[u8]) -> Result<&[u8], CatalogError> {
    let body = bytes.strip_prefix(MAGIC).ok_or_else(|| damaged("not a packed Flimmer catalog"))?;
    match body.split_first() {
        Some((&PACK_VERSION, body)) => Ok(body),
        Some((version, _)) => Err(damaged(&format!("layout {version}, this app reads layout {PACK_VERSION}"))),
        None => Err(damaged("cut short or garbled")),
    }
}

fn damaged(why: &str) -> CatalogError {
    CatalogError::Damaged { message: why.to_owned() }
}

/// A run of a catalog's films, packed apart from it: the catalog worker hands a large
/// catalog to the page in runs, and the page reads each in a task of its own while the
/// worker builds the index, instead of reading 23,000 films in one long task.
pub fn pack_films(run: &[crate::model::Film]) -> Vec<u8> {
    struct Run<'a>(&'a [crate::model::Film]);
    impl Serialize for Run<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            films::serialize(self.0, s)
        }
    }
    pack(&Run(run))
}

/// Reads back what `pack_films` wrote, each film through the same checks as in a catalog.
pub fn unpack_films(bytes: &[u8]) -> Result<Vec<crate::model::Film>, CatalogError> {
    #[derive(serde::Deserialize)]
    struct Run(#[serde(with = "films")] Vec<crate::model::Film>);
    unpack::<Run>(bytes).map(|run| run.0)
}

/// Films are packed one by one, each as its own bytes, and read back through an opaque
/// function pointer: the reader of one film stays one function of its own. Inlined into
/// the reader of the whole catalog, it made one 25 KB wasm function, and WebKit's baseline
/// wasm compiler (JavaScriptCore's BBQ) corrupted about one page load in 25 running it
/// (README, "WebKit"; `scripts/stress-load.mjs webkit N`).
pub(crate) mod films {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    use crate::model::Film;

    struct Bytes(Vec<u8>);

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }

    pub fn serialize<S: Serializer>(films: &[Film], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(films.iter().map(|f| Bytes(postcard::to_allocvec(f).unwrap_or_default())))
    }

    #[inline(never)]
    fn one(bytes: &[u8]) -> Option<Film> {
        postcard::from_bytes(bytes).ok()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Film>, D::Error> {
        struct Films;
        impl<'de> Visitor<'de> for Films {
            type Value = Vec<Film>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("packed films")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Film>, A::Error> {
                // Opaque to wasm-opt, which would inline a function with one caller.
                let one: fn(&[u8]) -> Option<Film> = std::hint::black_box(one);
                let mut films = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(bytes) = seq.next_element::<&[u8]>()? {
                    films.push(one(bytes).ok_or_else(|| serde::de::Error::custom("a garbled film"))?);
                }
                Ok(films)
            }
        }
        d.deserialize_seq(Films)
    }
}
