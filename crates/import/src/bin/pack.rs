//! flimmer-pack: a catalog in format v1 (JSON) in, its packed form out (`catalog::pack`).
//!
//! The build runs it on `public/catalog.json` (scripts/pack-catalog.sh, a Trunk hook), so the
//! app reads the built-in catalog without parsing and validating JSON in the browser.
//!   flimmer-pack public/catalog.json target/catalog.bin

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: flimmer-pack <catalog.json> <catalog.bin>");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("flimmer-pack: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = match catalog::decode(&text) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("flimmer-pack: {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Skipped entries stay in the packed catalog: the app shows its notice as it would for
    // the JSON. Said here too, so whoever edits the catalog sees it at build time.
    for s in &loaded.skipped {
        for p in &s.problems {
            eprintln!("flimmer-pack: {input}: skipped {}: {p}", s.path);
        }
    }
    let bytes = catalog::pack(&loaded);
    // An unchanged catalog is not written again: `trunk serve` would see a new file and
    // rebuild for ever.
    let unchanged = std::fs::read(output).is_ok_and(|old| old == bytes);
    if let Err(e) = if unchanged { Ok(()) } else { std::fs::write(output, &bytes) } {
        eprintln!("flimmer-pack: cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "flimmer-pack: {} films, {} skipped, {} bytes of JSON → {} bytes packed ({output})",
        loaded.catalog.films.len(),
        loaded.skipped.len(),
        text.len(),
        bytes.len()
    );
    ExitCode::SUCCESS
}
