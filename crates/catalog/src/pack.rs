//! The packed forms of a decoded catalog: what the app reads at start, what the catalog
//! worker hands the page (films in runs, then the index), and a catalog packed with its
//! index for large sources (`Indexed`).
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
use serde::{Deserialize, Serialize};

use crate::decode::{Loaded, Skipped};
use crate::index::Index;
use crate::model::{Catalog, Date, Film};
use crate::problem::{CatalogError, Said};

/// The first bytes of every packed value: the name, then the layout version.
const MAGIC: &[u8; 7] = b"FLIMMER";

/// The first bytes of an indexed catalog (`Indexed`), then the layout version.
const INDEXED: &[u8; 7] = b"FLIMIDX";

/// Films per run, as the catalog worker hands a catalog to the page: small enough that
/// reading one stays a short task (the page's longest task while 23,000 films arrive was
/// 50–60 ms here, `scripts/bench-source.mjs`), large enough that 23,000 are a dozen messages.
pub const RUN: usize = 2_000;

/// The layout of the packed form. postcard writes no field names, so a reader must know
/// the writer's layout exactly: bump this whenever a packed type changes its fields. The
/// app only ever reads what the same build wrote (its own `catalog.bin`, its own worker);
/// the version catches a stale file a cache kept across releases.
pub const PACK_VERSION: u8 = 6;

/// Packs a value (a `Loaded` catalog, or a worker's answer about one).
pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    pack_as(MAGIC, value)
}

fn pack_as<T: Serialize>(magic: &[u8; 7], value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    bytes.extend_from_slice(magic);
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
    unpack_as(MAGIC, bytes)
}

fn unpack_as<T: DeserializeOwned>(magic: &[u8; 7], bytes: &[u8]) -> Result<T, CatalogError> {
    match postcard::take_from_bytes(body(magic, bytes)?) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(damaged("unexpected bytes after the end")),
        Err(_) => Err(damaged("cut short or garbled")),
    }
}

/// What follows the name and a layout version this app reads. Not generic, so each type
/// `unpack` reads does not carry a copy of these checks and their messages.
fn body<'a>(magic: &[u8; 7], bytes: &'a [u8]) -> Result<&'a [u8], CatalogError> {
    let body = bytes.strip_prefix(magic).ok_or_else(|| damaged("not a packed Flimmer catalog"))?;
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
pub fn pack_films(run: &[Film]) -> Vec<u8> {
    struct Run<'a>(&'a [Film]);
    impl Serialize for Run<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            films::serialize(self.0, s)
        }
    }
    pack(&Run(run))
}

/// Reads back what `pack_films` wrote, each film through the same checks as in a catalog.
pub fn unpack_films(bytes: &[u8]) -> Result<Vec<Film>, CatalogError> {
    #[derive(Deserialize)]
    struct Run(#[serde(with = "films")] Vec<Film>);
    unpack::<Run>(bytes).map(|run| run.0)
}

/// A catalog packed for the catalog worker to hand over as it is (`flimmer-pack --indexed`):
/// its films already in runs (`pack_films`), and its index, built for the catalog's
/// `as_of` day. The worker then checks and forwards bytes instead of unpacking 23,000
/// films, packing them again and indexing them. The index holds for every day from `day`
/// until an offer of the catalog opens or closes (`holds_on`); on any other day the
/// worker reads the films and indexes them anew.
#[derive(Serialize, Deserialize)]
pub struct Indexed {
    /// The catalog without its films, and what had to be left out of it (worded, `Said`).
    pub head: Loaded<Said>,
    /// The films, `RUN` at a time, each run as `pack_films` wrote it.
    pub runs: Vec<films::Bytes>,
    pub index: Index,
    /// The day the index was built for: the catalog's `as_of`.
    pub day: Date,
    /// The first day after `day` on which an offer opens (its `available_from`).
    pub opens: Option<Date>,
    /// The first day from `day` on which an offer is open for the last time (its `available_until`).
    pub closes: Option<Date>,
}

impl Indexed {
    /// Indexes `loaded` for its `as_of` day and splits its films into runs.
    pub fn new(loaded: &Loaded) -> Indexed {
        let catalog = &loaded.catalog;
        let day = catalog.as_of;
        let offers = || catalog.films.iter().flat_map(|f| &f.offers);
        let opens = offers().filter_map(|o| o.available_from).filter(|&from| from > day).min();
        let closes = offers().filter_map(|o| o.available_until).filter(|&until| until >= day).min();
        let head = Catalog { as_of: day, providers: catalog.providers.clone(), films: Vec::new() };
        Indexed {
            head: Loaded { catalog: head, skipped: loaded.skipped.iter().map(Skipped::said).collect() },
            runs: catalog.films.chunks(RUN).map(|run| films::Bytes(pack_films(run))).collect(),
            index: Index::build(catalog, day),
            day,
            opens,
            closes,
        }
    }

    /// Whether the index answers as one built for `today` would: every offer is open on
    /// `today` exactly when it was open on `day`.
    pub fn holds_on(&self, today: Date) -> bool {
        today >= self.day
            && self.opens.is_none_or(|opens| today < opens)
            && self.closes.is_none_or(|closes| today <= closes)
    }
}

/// Packs an indexed catalog, under a name of its own (`is_indexed`).
pub fn pack_indexed(loaded: &Loaded) -> Vec<u8> {
    pack_as(INDEXED, &Indexed::new(loaded))
}

/// Whether `bytes` begin as `pack_indexed` writes.
pub fn is_indexed(bytes: &[u8]) -> bool {
    bytes.starts_with(INDEXED)
}

/// Reads back what `pack_indexed` wrote; anything else is `CatalogError::Damaged`.
pub fn unpack_indexed(bytes: &[u8]) -> Result<Indexed, CatalogError> {
    unpack_as(INDEXED, bytes)
}

/// The runs of an indexed catalog (`pack_indexed`) as its bytes arrive: the catalog worker
/// hands each run to the page as soon as it is whole, so the page has read most films by
/// the time the last byte is in, instead of starting then.
///
/// Feed it everything received so far; it returns where the runs that became whole since
/// lie in it. Bytes that are not an indexed catalog give no runs (the whole file is then
/// read as usual, and judged there).
#[derive(Debug, Default)]
pub struct RunsAsTheyCome {
    /// Where the next length (of the list of runs, or of a run) begins, once the catalog's
    /// head is read.
    at: Option<usize>,
    /// Runs still to come, once their number is read.
    left: Option<u64>,
    /// Nothing more to find: every run found, or not an indexed catalog.
    done: bool,
}

impl RunsAsTheyCome {
    pub fn new_runs(&mut self, bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
        let mut runs = Vec::new();
        if self.done || bytes.len() < INDEXED.len() + 1 {
            return runs;
        }
        let at = match self.at {
            Some(at) => at,
            None => {
                let Ok(body) = body(INDEXED, bytes) else {
                    self.done = true;
                    return runs;
                };
                // The head (the catalog without its films) is small; until it is whole,
                // reading it fails, and is tried again with more bytes.
                let Ok((_, rest)) = postcard::take_from_bytes::<Loaded<Said>>(body) else { return runs };
                bytes.len() - rest.len()
            }
        };
        let mut at = at;
        loop {
            if self.left == Some(0) {
                self.done = true;
                break;
            }
            // A length: of the list of runs first, then of each run.
            let Ok((n, rest)) = postcard::take_from_bytes::<u64>(&bytes[at..]) else { break };
            let start = bytes.len() - rest.len();
            let Some(left) = self.left else {
                self.left = Some(n);
                at = start;
                continue;
            };
            match usize::try_from(n).ok().and_then(|n| start.checked_add(n)) {
                Some(end) if end <= bytes.len() => {
                    runs.push(start..end);
                    self.left = Some(left - 1);
                    at = end;
                }
                _ => break,
            }
        }
        self.at = Some(at);
        runs
    }
}

/// Films are packed one by one, each as its own bytes, and read back through an opaque
/// function pointer: the reader of one film stays one function of its own. Inlined into
/// the reader of the whole catalog, it made one 25 KB wasm function, and WebKit's baseline
/// wasm compiler (JavaScriptCore's BBQ) corrupted about one page load in 25 running it
/// (README, "WebKit"; `scripts/stress-load.mjs webkit N`).
pub mod films {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    use crate::model::Film;

    /// Bytes written as one byte string (postcard: a length, then the bytes), not as a
    /// sequence of numbers.
    pub struct Bytes(pub Vec<u8>);

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }

    impl<'de> serde::Deserialize<'de> for Bytes {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
            struct Visit;
            impl Visitor<'_> for Visit {
                type Value = Bytes;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
                    Ok(Bytes(bytes.to_vec()))
                }
            }
            d.deserialize_bytes(Visit)
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
