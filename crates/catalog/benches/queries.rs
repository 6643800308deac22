//! The queries both engine benchmarks time: natively (`cargo bench -p catalog`) and in
//! Chromium, compiled as the app shell is (`crates/bench-wasm`, `node scripts/bench-query.mjs`).

use catalog::{Filter, Genre, Monetization, ProviderId, Sort};

/// A reader's typical queries, each answered with every facet's counts (`Index::run`).
pub fn queries(all: &Filter, service: &ProviderId) -> [(&'static str, Filter); 5] {
    let wide = Filter { types: Monetization::ALL.into_iter().collect(), ..all.clone() };
    [
        ("query + all counts: default view", all.clone()),
        (
            "query + all counts: one service, drama, sorted by title",
            Filter { genres: [Genre::Drama].into(), sort: Some(Sort::Title), ..all.toggle_service(service) },
        ),
        ("query + all counts: search \"the\"", Filter { text: "the".into(), ..all.clone() }),
        ("query + all counts: search \"godfahter\" (typo)", Filter { text: "godfahter".into(), ..all.clone() }),
        ("query + all counts: excluding a service, every type", wide.toggle_exclude(service)),
    ]
}

/// A reader typing, then clearing the box: every keystroke is one query with all counts.
pub const TYPED: [&str; 6] = ["h", "he", "hea", "heat", "heatt", ""];
