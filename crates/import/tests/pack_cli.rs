//! The `flimmer-pack` binary's `--shards`: a catalog split into one indexed file per region
//! and their index, each file as the index describes it.

use std::path::PathBuf;
use std::process::Command;

use catalog::shards::ShardIndex;
use catalog::RegionCode;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flimmer-pack-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn shards_are_written_with_an_index_that_names_each_file() {
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
    let dir = scratch("shards");
    let out = Command::new(env!("CARGO_BIN_EXE_flimmer-pack")).args(["--shards", catalog]).arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("5 shards and index.json"), "{stderr}");

    let index = ShardIndex::decode(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let regions: Vec<&str> = index.shards.iter().map(|s| s.region.as_str()).collect();
    assert_eq!(regions, ["AT", "CH", "DE", "GB", "US"]);
    for shard in &index.shards {
        let bytes = std::fs::read(dir.join(&shard.path)).unwrap();
        shard.verify(&bytes).unwrap();
        let indexed = catalog::pack::unpack_indexed(&bytes).unwrap();
        assert_eq!(indexed.head.catalog.films.len(), 0, "the films are in the runs");
        let films: usize = indexed.runs.iter().map(|r| catalog::pack::unpack_films(&r.0).unwrap().len()).sum();
        assert_eq!(films as u64, shard.films);
    }
    let de = index.shard(RegionCode::DE).unwrap();
    assert!(de.films > 100, "{} films in DE", de.films);

    // Run again: the files are the same, so nothing changes (and `trunk serve` would not rebuild).
    let before = std::fs::metadata(dir.join("DE.bin")).unwrap().modified().unwrap();
    let again =
        Command::new(env!("CARGO_BIN_EXE_flimmer-pack")).args(["--shards", catalog]).arg(&dir).output().unwrap();
    assert!(again.status.success());
    assert_eq!(std::fs::metadata(dir.join("DE.bin")).unwrap().modified().unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_catalog_or_wrong_arguments_fail_with_a_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_flimmer-pack"))
        .args(["--shards", "/nonexistent.json", "/tmp/x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent.json"));
    let out = Command::new(env!("CARGO_BIN_EXE_flimmer-pack")).args(["--shards", "only-one"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
