//! Builders for small catalogs used by the tests.
#![allow(dead_code)]

use serde_json::{json, Value};

pub fn provider(id: &str, name: &str) -> Value {
    json!({ "id": id, "name": name, "kind": "subscription", "color": "#e50914",
            "homepage": format!("https://{id}.example/") })
}

pub fn heat() -> Value {
    json!({
        "id": "tmdb:949", "title": "Heat", "year": 1995, "runtime": 170,
        "genres": ["crime", "drama"], "directors": ["Michael Mann"],
        "cast": ["Al Pacino", "Robert De Niro"],
        "rating": { "value": 7.9, "votes": 7800 },
        "synopsis": { "de": "Ein Coup in Los Angeles.", "en": "A heist in Los Angeles." },
        "offers": [
            { "provider": "netflix", "region": "DE", "type": "flatrate" },
            { "provider": "store", "region": "DE", "type": "rent", "price": 3.99, "currency": "EUR" },
            { "provider": "netflix", "region": "US", "type": "flatrate" }
        ]
    })
}

pub fn film(id: &str, title: &str, offers: Value) -> Value {
    json!({ "id": id, "title": title, "year": 2000, "offers": offers })
}

pub fn catalog(films: Vec<Value>) -> String {
    json!({
        "format": 1,
        "as_of": "2026-03-05",
        "providers": [
            provider("netflix", "Netflix"),
            provider("disney-plus", "Disney+"),
            { "id": "store", "name": "Store", "kind": "store", "color": "#000000", "homepage": "https://store.example/" }
        ],
        "films": films
    })
    .to_string()
}
