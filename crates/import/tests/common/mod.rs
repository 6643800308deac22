//! Helpers for the importer's tests: run an import over CSV texts, decode what it wrote.
#![allow(dead_code)]

use catalog::{decode, Catalog};
use import::{Importer, Output, Source};

/// The header of the public lists.
pub const HEADER: &str =
    "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description";

/// Imports `(SERVICE:REGION=FILE, csv text)` pairs into a catalog dated 2021-11-26.
pub fn import(lists: &[(&str, &str)]) -> Output {
    let mut importer = Importer::new();
    for (spec, text) in lists {
        importer.read(&Source::parse(spec).unwrap(), text.as_bytes(), |_| {});
    }
    importer
        .finish(catalog::Date::new(2021, 11, 26))
        .unwrap_or_else(|(failure, summary)| panic!("{failure}\n{summary}"))
}

/// The catalog as the app reads it; every film must load.
pub fn decoded(output: &Output) -> Catalog {
    let loaded = decode(&output.json).expect("the importer writes a catalog that decodes");
    assert!(loaded.skipped.is_empty(), "entries skipped by the decoder: {:#?}", loaded.skipped);
    loaded.catalog
}
