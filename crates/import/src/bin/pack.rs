//! flimmer-pack: a catalog in format v1 (JSON) in, its packed form out (`catalog::pack`).
//!
//! The build runs it on `public/catalog.json` (scripts/pack-catalog.sh, a Trunk hook), so the
//! app reads the built-in catalog without parsing and validating JSON in the browser.
//!   flimmer-pack public/catalog.json target/catalog.bin [target/embed]
//! With a third argument it also writes the embed's data there (`catalog::embed`): one
//! packed slice per film (`films/tmdb/949.bin`) and the lookup table of their names, so a
//! card on a publisher's page downloads one film, not the catalog.
//!
//! `--indexed` writes the form for a large catalog served through `source=`
//! (`catalog::pack::Indexed`): its films in runs and its index, which the catalog worker
//! hands to the page as they are (README, "The data path").
//!   flimmer-pack --indexed catalog.json catalog.bin
//!
//! `--shards` splits a catalog by region (`catalog::shards`): one indexed file per region,
//! `<REGION>.bin`, and their index, `index.json`, with each file's size and SHA-256
//! (docs/catalog-format.md, "Catalogs split by region").
//!   flimmer-pack --shards catalog.json out/

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use catalog::embed::{slice, slice_path, Lookup, LOOKUP_PATH};
use catalog::shards::{split, Shard, ShardIndex};
use catalog::{Catalog, Loaded};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--shards") {
        return match args.as_slice() {
            [_, input, dir] => shards(input, Path::new(dir)),
            _ => {
                eprintln!("usage: flimmer-pack --shards <catalog.json> <out dir>");
                ExitCode::from(2)
            }
        };
    }
    let indexed = args.first().is_some_and(|a| a == "--indexed");
    if indexed {
        args.remove(0);
    }
    let (input, output, embed) = match args.as_slice() {
        [input, output] => (input, output, None),
        [input, output, embed] if !indexed => (input, output, Some(Path::new(embed))),
        _ => {
            eprintln!("usage: flimmer-pack <catalog.json> <catalog.bin> [<embed data dir>]");
            eprintln!("       flimmer-pack --indexed <catalog.json> <catalog.bin>");
            return ExitCode::from(2);
        }
    };
    let Some((text, loaded)) = read(input) else { return ExitCode::FAILURE };
    let bytes = if indexed { catalog::pack::pack_indexed(&loaded) } else { catalog::pack(&loaded.clone().said()) };
    if let Err(e) = write_if_changed(Path::new(output), &bytes) {
        eprintln!("flimmer-pack: cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(dir) = embed {
        if let Err(e) = write_embed_data(&loaded.catalog, dir) {
            eprintln!("flimmer-pack: cannot write the embed's data to {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
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

/// The catalog at `input`, read and decoded, with what was skipped said on stderr; `None`
/// (said too) when it cannot be read.
fn read(input: &str) -> Option<(String, Loaded)> {
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("flimmer-pack: cannot read {input}: {e}");
            return None;
        }
    };
    let loaded = match catalog::decode(&text) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("flimmer-pack: {input}: {e}");
            return None;
        }
    };
    // Skipped entries stay in the packed catalog: the app shows its notice as it would for
    // the JSON. Said here too, so whoever edits the catalog sees it at build time.
    for s in &loaded.skipped {
        for p in &s.problems {
            eprintln!("flimmer-pack: {input}: skipped {}: {p}", s.path);
        }
    }
    Some((text, loaded))
}

/// One indexed file per region and their index (`--shards`).
fn shards(input: &str, dir: &Path) -> ExitCode {
    let Some((_, loaded)) = read(input) else { return ExitCode::FAILURE };
    let mut shards = Vec::new();
    for (region, shard) in split(&loaded) {
        let path = format!("{region}.bin");
        let bytes = catalog::pack::pack_indexed(&shard);
        if let Err(e) = write_if_changed(&dir.join(&path), &bytes) {
            eprintln!("flimmer-pack: cannot write {}: {e}", dir.join(&path).display());
            return ExitCode::FAILURE;
        }
        eprintln!("flimmer-pack: {region}: {} films, {} bytes ({path})", shard.catalog.films.len(), bytes.len());
        shards.push(Shard::of(region, path, &bytes, shard.catalog.films.len()));
    }
    let index = ShardIndex::new(&loaded.catalog, shards);
    if let Err(e) = write_if_changed(&dir.join("index.json"), index.encode().as_bytes()) {
        eprintln!("flimmer-pack: cannot write {}: {e}", dir.join("index.json").display());
        return ExitCode::FAILURE;
    }
    eprintln!("flimmer-pack: {} shards and index.json in {}", index.shards.len(), dir.display());
    ExitCode::SUCCESS
}

/// An unchanged file is not written again: `trunk serve` would see a new file and rebuild
/// for ever.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

/// The lookup table and one slice per film; slices of films no longer in the catalog go.
fn write_embed_data(catalog: &Catalog, dir: &Path) -> std::io::Result<()> {
    write_if_changed(&dir.join(LOOKUP_PATH), &catalog::pack(&Lookup::of(catalog)))?;
    let mut written = BTreeSet::new();
    for film in &catalog.films {
        let path = dir.join(slice_path(&film.id));
        write_if_changed(&path, &catalog::pack(&slice(catalog, film)))?;
        written.insert(path);
    }
    for stale in files_under(&dir.join("films"))?.into_iter().filter(|f| !written.contains(f)) {
        std::fs::remove_file(stale)?;
    }
    eprintln!("flimmer-pack: {} film slices for the embed ({})", written.len(), dir.display());
    Ok(())
}

fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}
