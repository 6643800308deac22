//! Catalogs split by region (`catalog::shards`): each region's shard holds exactly the films
//! offered there, its index reads back as written, and a shard or index that is not what it
//! should be is refused with a reason.

use catalog::shards::{split, Shard, ShardIndex};
use catalog::{decode, Loaded, RegionCode};

fn shipped() -> Loaded {
    decode(include_str!("../../../public/catalog.json")).expect("the shipped catalog decodes")
}

#[test]
fn each_region_gets_the_films_offered_there_with_only_its_offers() {
    let loaded = shipped();
    let catalog = &loaded.catalog;
    let shards = split(&loaded);
    let regions: Vec<RegionCode> = shards.iter().map(|(r, _)| *r).collect();
    assert_eq!(regions, catalog.regions().into_vec());
    for (region, shard) in &shards {
        let expected: Vec<&str> = catalog
            .films
            .iter()
            .filter(|f| f.offers.iter().any(|o| o.region == *region))
            .map(|f| f.id.as_str())
            .collect();
        let got: Vec<&str> = shard.catalog.films.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(got, expected, "{region}: the films offered there, in the catalog's order");
        assert_eq!(shard.catalog.regions().into_vec(), vec![*region]);
        for film in &shard.catalog.films {
            assert!(film.certification.iter().all(|(r, _)| r == region), "{}: another region's age rating", film.id);
            let whole = catalog.film(film.id.as_str()).unwrap();
            let here: Vec<_> = whole.offers.iter().filter(|o| o.region == *region).collect();
            assert_eq!(film.offers.iter().collect::<Vec<_>>(), here, "{}: the region's offers, all of them", film.id);
        }
        // Exactly the providers its offers name, in catalog order.
        for p in &shard.catalog.providers {
            assert!(
                shard.catalog.films.iter().any(|f| f.offers.iter().any(|o| o.provider == p.id)),
                "{region}: {} unused",
                p.id
            );
        }
        assert_eq!(shard.catalog.as_of, catalog.as_of);
    }
    // Together they hold every film that has an offer anywhere.
    let offered = catalog.films.iter().filter(|f| !f.offers.is_empty()).count();
    let mut ids: Vec<&str> = shards.iter().flat_map(|(_, s)| s.catalog.films.iter().map(|f| f.id.as_str())).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), offered);
}

fn index_of(loaded: &Loaded) -> (ShardIndex, Vec<Vec<u8>>) {
    let mut files = Vec::new();
    let mut shards = Vec::new();
    for (region, shard) in split(loaded) {
        let bytes = catalog::pack::pack_indexed(&shard);
        shards.push(Shard::of(region, format!("{region}.bin"), &bytes, shard.catalog.films.len()));
        files.push(bytes);
    }
    (ShardIndex::new(&loaded.catalog, shards), files)
}

#[test]
fn the_index_reads_back_as_written_and_names_each_shard() {
    let loaded = shipped();
    let (index, files) = index_of(&loaded);
    let back = ShardIndex::decode(&index.encode()).expect("the written index reads");
    assert_eq!(back, index);
    assert_eq!(back.providers.len(), loaded.catalog.providers.len());
    let de = back.shard(RegionCode::DE).expect("a shard for DE");
    assert_eq!(de.path, "DE.bin");
    let at = back.shards.iter().position(|s| s.region == RegionCode::DE).unwrap();
    de.verify(&files[at]).expect("the DE file is the DE shard");
    // The shard is a catalog the worker reads like any indexed one.
    let indexed = catalog::pack::unpack_indexed(&files[at]).unwrap();
    assert_eq!(indexed.head.catalog.as_of, loaded.catalog.as_of);
    assert!(back.shard(RegionCode::parse("FR").unwrap()).is_none());
}

#[test]
fn a_file_that_is_not_the_shard_is_refused() {
    let (index, files) = index_of(&shipped());
    let shard = &index.shards[0];
    let mut changed = files[0].clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 1;
    assert!(shard.verify(&changed).unwrap_err().contains("SHA-256"));
    assert!(shard.verify(&files[0][1..]).unwrap_err().contains("bytes"));
    // Another region's file.
    assert!(shard.verify(&files[1]).is_err());
}

#[test]
fn a_hostile_or_broken_index_is_refused_with_its_reason() {
    let (index, _) = index_of(&shipped());
    let good = index.encode();
    let hash = &index.shards[0].sha256;
    let cases: Vec<(String, &str)> = vec![
        ("[]".to_owned(), "not a shard index"),
        (good.replace("\"format\": 1", "\"format\": 2"), "format 2"),
        (good.replace(&format!("\"{}\"", index.as_of), "\"yesterday\""), "as_of"),
        (good.replacen("\"AT.bin\"", "\"../AT.bin\"", 1), "relative path"),
        (good.replacen("\"AT.bin\"", "\"https://evil.example/AT.bin\"", 1), "relative path"),
        (good.replacen("\"AT.bin\"", "\"/AT.bin\"", 1), "relative path"),
        (good.replacen(hash, "abc", 1), "sha256"),
        (good.replacen(hash, &hash.to_uppercase(), 1), "sha256"),
        (good.replacen("\"region\": \"CH\"", "\"region\": \"AT\"", 1), "two shards for AT"),
        (good.replacen("\"region\": \"CH\"", "\"region\": \"ch\"", 1), "region code"),
        (good.replacen("\"netflix\"", "\"Net Flix\"", 1), "provider id"),
    ];
    for (text, reason) in cases {
        let e = ShardIndex::decode(&text).expect_err(reason).to_string();
        assert!(e.contains(reason), "{reason:?} not in {e:?}");
    }
}

#[test]
fn an_index_is_recognised_and_a_catalog_is_not() {
    let loaded = shipped();
    let (index, _) = index_of(&loaded);
    // A reader of whatever a URL answers tells an index (whose shards carry a `films`
    // count) from a catalog (whose `films` is the list).
    assert_eq!(ShardIndex::recognise(&index.encode()).expect("an index").expect("a good one"), index);
    assert_eq!(ShardIndex::recognise(&format!("\u{feff}{}", index.encode())).map(|i| i.is_ok()), Some(true));
    assert!(ShardIndex::recognise(include_str!("../../../public/catalog.json")).is_none());
    // A catalog that also says `shards` is still a catalog; JSON that is neither is neither.
    assert!(
        ShardIndex::recognise(r#"{"format":1,"as_of":"2026-11-27","providers":[],"films":[],"shards":[]}"#).is_none()
    );
    for other in ["", "not json", "[]", "{}", r#"{"format":1}"#] {
        assert!(ShardIndex::recognise(other).is_none(), "{other:?}");
    }
    // An index that is wrong says so, rather than being read as a (broken) catalog.
    let wrong = ShardIndex::recognise(r#"{"format":1,"as_of":"2026-11-27","shards":[]}"#).expect("an index");
    assert!(wrong.unwrap_err().to_string().contains("names no shard"));
}
