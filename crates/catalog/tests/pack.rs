//! The packed form (`catalog::pack`): what `flimmer-pack` and the catalog worker write is
//! read back as the same catalog, and nothing else is read at all.

use catalog::{decode, pack, unpack, CatalogError, Color, Film, HttpsUrl, Loaded, Said};

fn shipped() -> Loaded {
    decode(include_str!("../../../public/catalog.json")).expect("the shipped catalog decodes")
}

#[test]
fn the_shipped_catalog_reads_back_equal() {
    let loaded = shipped();
    let bytes = pack(&loaded);
    assert_eq!(unpack::<Loaded>(&bytes).unwrap(), loaded);
    // Smaller than the JSON it came from, so the built-in catalog costs no more to download.
    let json = include_str!("../../../public/catalog.json").len();
    assert!(bytes.len() < json / 2, "{} bytes packed, {json} bytes of JSON", bytes.len());
}

#[test]
fn skipped_entries_and_their_problems_survive_packing() {
    let loaded = decode(include_str!("../../../tests/fixtures/catalog-with-broken-entries.json")).unwrap();
    assert!(!loaded.skipped.is_empty());
    assert_eq!(unpack::<Loaded>(&pack(&loaded)).unwrap(), loaded);
    // As the app reads them: worded in both its languages, the path first.
    let said = loaded.clone().said();
    assert_eq!(unpack::<Loaded<Said>>(&pack(&said)).unwrap(), said);
    let first = &said.skipped[0];
    assert_eq!(
        (first.path.as_str(), first.problems.len()),
        (loaded.skipped[0].path.as_str(), loaded.skipped[0].problems.len())
    );
    let problem = &loaded.skipped[0].problems[0];
    assert_eq!(first.problems[0].en, problem.to_string());
    assert!(first.problems[0].de.starts_with(&format!("{}: ", problem.path)), "{:?}", first.problems[0]);
    assert_ne!(first.problems[0].de, first.problems[0].en);
    // An indexed catalog's head carries them worded too.
    let indexed = catalog::pack::unpack_indexed(&catalog::pack::pack_indexed(&loaded)).unwrap();
    assert_eq!(indexed.head.skipped, said.skipped);
}

#[test]
fn a_result_with_an_error_packs_too() {
    let answer: Result<Loaded, CatalogError> = decode("{\"format\": 1, oops");
    let back: Result<Loaded, CatalogError> = unpack(&pack(&answer)).unwrap();
    assert_eq!(back, answer);
    assert!(matches!(back, Err(CatalogError::NotJson { .. })));
}

#[test]
fn anything_but_a_whole_packed_catalog_is_damaged_not_a_panic() {
    let bytes = pack(&shipped());
    let damaged = |b: &[u8]| matches!(unpack::<Loaded>(b), Err(CatalogError::Damaged { .. }));
    assert!(damaged(b""));
    assert!(damaged(b"{\"format\": 1}"), "JSON is not the packed form");
    assert!(damaged(&bytes[..bytes.len() - 1]), "cut short by one byte");
    for cut in (0..bytes.len()).step_by(bytes.len() / 40) {
        assert!(damaged(&bytes[..cut]), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(damaged(&longer), "a byte after the end");
    let mut other_layout = bytes.clone();
    other_layout[7] = catalog::PACK_VERSION + 1;
    assert!(
        matches!(unpack::<Loaded>(&other_layout), Err(CatalogError::Damaged { message }) if message.contains("layout"))
    );
    // Flipped bytes anywhere either still read as some catalog or are damaged: no panic.
    for at in (8..bytes.len()).step_by(bytes.len() / 60) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0xa5;
        let _ = unpack::<Loaded>(&flipped);
    }
}

#[test]
fn values_with_a_promise_are_checked_again_on_the_way_in() {
    // An https link is a string in the packed form: a `javascript:` one must not read back.
    let hostile = pack(&"javascript:alert(1)".to_owned());
    assert!(unpack::<HttpsUrl>(&hostile).is_err());
    assert!(unpack::<HttpsUrl>(&pack(&"https://www.netflix.com/title/1".to_owned())).is_ok());
    // The same inside a film: a poster that is not https makes the catalog damaged.
    let mut film: Film = shipped().catalog.films[0].clone();
    film.poster = HttpsUrl::parse("https://image.example/p.jpg");
    let bytes = pack(&film);
    let at = bytes.windows(8).position(|w| w == b"https://").unwrap();
    let mut hostile = bytes.clone();
    hostile[at..at + 8].copy_from_slice(b"javascr:");
    assert!(unpack::<Film>(&hostile).is_err());
}

#[test]
fn a_colour_keeps_its_text_colour_and_is_checked_again() {
    // The text colour is chosen where the colour is parsed (WCAG contrast) and packed with
    // it: the app shell only reads the choice.
    for (hex, light) in
        [("#e50914", true), ("#00a8e1", false), ("#113ccf", true), ("#ffffff", false), ("#1ce783", false)]
    {
        let color = Color::parse(hex).unwrap();
        assert_eq!(color.wants_light_text(), light, "{hex}");
        assert_eq!(unpack::<Color>(&pack(&color)).unwrap(), color);
    }
    // A colour is put into a CSS custom property: anything but `#rrggbb` must not read back.
    let color = Color::parse("#e50914").unwrap();
    let bytes = pack(&color);
    let at = bytes.iter().position(|&b| b == b'#').unwrap();
    let mut hostile = bytes.clone();
    hostile[at..at + 7].copy_from_slice(b"red;x:y");
    assert!(unpack::<Color>(&hostile).is_err());
}

#[test]
fn an_index_reads_back_and_fits_its_catalog_only() {
    use catalog::{Date, Filter, Index, LangCode, RegionCode};
    let loaded = shipped();
    let today = Date { year: 2026, month: 11, day: 26 };
    let index = Index::build(&loaded.catalog, today);
    assert!(index.fits(&loaded.catalog), "a built index fits");
    let back: Index = unpack(&pack(&index)).unwrap();
    assert!(back.fits(&loaded.catalog));
    let filter = Filter::new(RegionCode::DE);
    assert_eq!(back.run(&filter, LangCode::DE), index.run(&filter, LangCode::DE));
    // Not the index of another catalog: a catalog with one film fewer.
    let mut smaller = loaded.catalog.clone();
    smaller.films.pop();
    assert!(!back.fits(&smaller));
}

#[test]
fn films_handed_over_in_runs_read_back_as_the_catalog() {
    use catalog::pack::{pack_films, unpack_films};
    let loaded = shipped();
    let films = &loaded.catalog.films;
    // The catalog worker's runs, joined by the page in order.
    let mut joined = Vec::new();
    for run in films.chunks(100) {
        joined.extend(unpack_films(&pack_films(run)).unwrap());
    }
    assert_eq!(&joined, films);
    // A run is checked like a catalog: cut short, or a catalog in its place, is damaged.
    let bytes = pack_films(&films[..3]);
    assert!(matches!(unpack_films(&bytes[..bytes.len() - 5]), Err(CatalogError::Damaged { .. })));
    assert!(unpack_films(&pack(&loaded)).is_err(), "a whole catalog is not a run");
}

#[test]
fn an_indexed_catalog_holds_its_films_in_runs_and_an_index_for_its_days() {
    use catalog::pack::{is_indexed, pack_indexed, unpack_films, unpack_indexed, Indexed};
    use catalog::{Date, Filter, Index, LangCode, RegionCode};
    let mut loaded = shipped();
    let as_of = loaded.catalog.as_of;
    // Days of the month after the catalog's as_of day.
    let next = if as_of.month == 12 {
        Date { year: as_of.year + 1, month: 1, day: 1 }
    } else {
        Date { month: as_of.month + 1, day: 1, ..as_of }
    };
    let day = |d: u8| Date { day: d, ..next };
    // One offer opens on the 20th, and one is open for the last time on the 15th.
    loaded.catalog.films[0].offers[0].available_from = Some(day(20));
    loaded.catalog.films[1].offers[0].available_until = Some(day(15));
    let bytes = pack_indexed(&loaded);
    assert!(is_indexed(&bytes) && !catalog::pack::is_packed(&bytes));
    let Indexed { head, runs, index, day: built_for, .. } = unpack_indexed(&bytes).unwrap();
    assert_eq!(built_for, as_of);
    assert!(head.catalog.films.is_empty(), "the films travel in runs");
    let mut whole = head.catalog.clone();
    whole.films = runs.iter().flat_map(|run| unpack_films(&run.0).unwrap()).collect();
    assert_eq!(whole, loaded.catalog);
    // The same answers as an index built on the day.
    assert!(index.fits(&whole));
    let filter = Filter::new(RegionCode::DE);
    assert_eq!(index.run(&filter, LangCode::DE), Index::build(&whole, as_of).run(&filter, LangCode::DE));

    // It holds from the as_of day until the first day an offer opens or closes.
    let indexed = unpack_indexed(&bytes).unwrap();
    assert!(indexed.holds_on(as_of));
    for (d, holds) in [(1, true), (14, true), (15, true), (16, false), (21, false)] {
        assert_eq!(indexed.holds_on(day(d)), holds, "on day {d} of the next month");
    }
    assert!(!indexed.holds_on(Date { year: as_of.year - 1, ..as_of }), "not before its day");

    // Only a whole indexed file reads back.
    assert!(matches!(unpack_indexed(&bytes[..bytes.len() / 2]), Err(CatalogError::Damaged { .. })));
    assert!(unpack_indexed(&pack(&loaded)).is_err(), "a packed catalog is not an indexed one");
}

#[test]
fn an_indexed_catalogs_runs_are_found_as_its_bytes_arrive() {
    use catalog::pack::{pack_indexed, unpack_indexed, RunsAsTheyCome, RUN};
    use catalog::FilmId;
    // Enough films for three runs: the shipped ones, again under other ids.
    let mut loaded = shipped();
    let films = loaded.catalog.films.clone();
    for copy in 1..=(2 * RUN / films.len() + 1) {
        loaded.catalog.films.extend(films.iter().map(|f| {
            let mut f = f.clone();
            f.id = FilmId::parse(&format!("flimmer:copy-{copy}-{}", f.id.as_str().replace(':', "-"))).unwrap();
            f
        }));
    }
    let bytes = pack_indexed(&loaded);
    let runs: Vec<Vec<u8>> = unpack_indexed(&bytes).unwrap().runs.into_iter().map(|r| r.0).collect();
    assert_eq!(runs.len(), 3);
    for step in [1, 7, 4096, 100_000, bytes.len()] {
        let mut reader = RunsAsTheyCome::default();
        let mut found: Vec<Vec<u8>> = Vec::new();
        let mut received = 0;
        while received < bytes.len() {
            received = (received + step).min(bytes.len());
            for range in reader.new_runs(&bytes[..received]) {
                // Found as soon as it is whole, never before.
                assert!(range.end <= received);
                found.push(bytes[range].to_vec());
            }
        }
        assert_eq!(found, runs, "in steps of {step} bytes");
        assert!(reader.new_runs(&bytes).is_empty(), "each run once");
    }
    // Anything else gives no runs: a packed catalog, JSON, a cut or garbled header.
    for other in [pack(&loaded), b"{\"format\": 1, \"films\": []}".to_vec(), bytes[..5].to_vec()] {
        assert!(RunsAsTheyCome::default().new_runs(&other).is_empty());
    }
    let mut flipped = bytes.clone();
    flipped[7] ^= 0xff;
    assert!(RunsAsTheyCome::default().new_runs(&flipped).is_empty(), "another layout");
}
