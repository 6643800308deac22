//! The catalog engine timed in a browser: the `Index::run` the app calls on every
//! keystroke and filter change, compiled as the app shell is (the workspace's release
//! profile, the shell's toolchain, flags and wasm-opt passes). `node scripts/bench-query.mjs`
//! builds it, opens it in Chromium on the 23 k imported titles and prints the figures;
//! `cargo bench -p catalog` times the same queries natively (`catalog/benches/queries.rs`).

use catalog::{decode, Index, LangCode, ProviderId, RegionCode};
use serde_json::json;
use wasm_bindgen::prelude::*;

#[path = "../../catalog/benches/queries.rs"]
mod queries;

/// Decodes `json`, then times the index build `builds` times and each query `runs` times
/// in `region`, with `service` the one service of the filtered queries. Answers JSON:
/// `{ films, words, timings: [{ label, ms: [...] }] }`, every timing in milliseconds.
#[wasm_bindgen]
pub fn bench(json: &str, region: &str, service: &str, builds: u32, runs: u32) -> Result<String, JsError> {
    let performance = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsError::new("no performance"))?;
    let time = |f: &mut dyn FnMut()| {
        let start = performance.now();
        f();
        performance.now() - start
    };
    let loaded = decode(json).map_err(|_| JsError::new("the catalog does not decode"))?;
    let (Some(region), Some(service)) = (RegionCode::parse(region), ProviderId::parse(service)) else {
        return Err(JsError::new("unknown region or service"));
    };
    let catalog = &loaded.catalog;
    let today = catalog.as_of;
    let mut timings = Vec::new();

    let build: Vec<f64> =
        (0..builds).map(|_| time(&mut || drop(std::hint::black_box(Index::build(catalog, today))))).collect();
    timings.push(json!({ "label": "index build", "ms": build }));
    let index = Index::build(catalog, today);

    let all = catalog::Filter::new(region);
    let run = |filter: &catalog::Filter| time(&mut || drop(std::hint::black_box(index.run(filter, LangCode::DE))));
    for (label, filter) in queries::queries(&all, &service) {
        run(&filter); // the first run warms the engine's code
        let ms: Vec<f64> = (0..runs).map(|_| run(&filter)).collect();
        timings.push(
            json!({ "label": format!("{label} ({} films)", index.run(&filter, LangCode::DE).films.len()), "ms": ms }),
        );
    }
    let mut keystrokes = Vec::new();
    for _ in 0..runs.div_ceil(queries::TYPED.len() as u32) {
        for text in queries::TYPED {
            keystrokes.push(run(&catalog::Filter { text: text.into(), ..all.clone() }));
        }
    }
    timings.push(json!({ "label": "search as you type (h, he, hea, heat, heatt, clear)", "ms": keystrokes }));
    Ok(json!({ "films": catalog.films.len(), "words": index.words(), "timings": timings }).to_string())
}
