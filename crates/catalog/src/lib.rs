//! Flimmer's catalog engine: the film model, catalog decoding with validation, the
//! "where to stream" filter and its URL codec. Plain data and pure functions, no DOM,
//! so everything here is tested natively with `cargo test`.

pub mod decode;
pub mod filter;
pub mod model;
pub mod problem;
pub mod query;
pub mod small;

pub use decode::{decode, Loaded, Skipped, FORMAT_VERSION};
pub use filter::{apply, badges, loosen_hint, Badge, Filter, Loosen};
pub use model::*;
pub use problem::{quoted, CatalogError, JsonType, Problem, Reason};
pub use small::{CodeMap, SortedSet};
