//! Flimmer's catalog engine: the film model, catalog decoding with validation, the
//! "where to stream" filter, the index that searches, filters, counts and sorts, and
//! the URL codec. Plain data and pure functions, no DOM,
//! so everything here is tested natively with `cargo test`.

pub mod bits;
pub mod decode;
pub mod embed;
pub mod facet;
pub mod filter;
pub mod fold;
pub mod index;
pub mod model;
pub mod my_services;
pub mod pack;
pub mod problem;
pub mod query;
pub mod search;
pub mod shards;
pub mod small;

pub use decode::{decode, Loaded, Skipped, FORMAT_VERSION};
pub use facet::{FacetKey, FacetOption};
pub use filter::{apply, badges, loosen_hint, offer_groups, Badge, Filter, List, Loosen, OfferGroups, Sort, Span};
pub use index::{Index, Results};
pub use model::*;
pub use pack::{pack, unpack, PACK_VERSION};
pub use problem::{quoted, CatalogError, JsonType, Problem, Reason, Said};
pub use search::SearchIndex;
pub use small::{CodeMap, SortedSet};
