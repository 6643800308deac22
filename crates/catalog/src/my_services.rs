//! "My services": the services a reader saved in this browser. A visit whose URL names no
//! view of its own starts with them instead of "every service"; a link or a reload keeps
//! what its URL says.
//!
//! Stored as the URL writes them (`netflix,disney-plus`), read by the same code as the
//! URL's `services=`, so whatever sits in the browser's storage (an old version, a hand
//! edit, garbage) can only ever yield known-good ids.

use crate::facet::{read_set, write_set};
use crate::{Catalog, Filter, ProviderId, SortedSet};

/// The saved services in `stored`; anything that is not an id is dropped.
pub fn read(stored: &str) -> SortedSet<ProviderId> {
    read_set(stored, ProviderId::parse)
}

/// The stored form of `services`; empty for none.
pub fn write(services: &SortedSet<ProviderId>) -> String {
    write_set(services, |p| p.as_str().to_owned()).unwrap_or_default()
}

/// `filter` with my services chosen, when it chooses no services of its own (neither in
/// nor out). Only services with offers in the filter's region count; when none of mine
/// has any there, the filter stays at every service rather than showing nothing.
pub fn apply(mut filter: Filter, mine: &SortedSet<ProviderId>, catalog: &Catalog) -> Filter {
    if filter.services.is_empty() && filter.exclude.is_empty() {
        let region = filter.region;
        filter.services = mine.iter().filter(|p| catalog.has_offers(region, Some(p))).cloned().collect();
    }
    filter
}
