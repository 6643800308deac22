//! The importer on the four real public lists in `../shared/data`: counts and every known quirk.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use catalog::{Catalog, Date, Film, Kind, RegionCode};
use import::{Importer, Output, SkipReason, Source};

/// The lists, as CI has them beside the repository. Missing data fails the tests: a
/// test that passes without its data proves nothing.
fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/streaming-catalogs");
    assert!(
        dir.join("netflix_titles.csv").is_file(),
        "the public service lists are missing: expected them in {} (see shared/data/README.md)",
        dir.display()
    );
    dir
}

/// One import of all four lists (read once, shared by the tests), and its decoded catalog.
fn imported() -> &'static (Output, Catalog) {
    static IMPORTED: OnceLock<(Output, Catalog)> = OnceLock::new();
    IMPORTED.get_or_init(|| {
        let dir = data_dir();
        let mut importer = Importer::new();
        for (service, file) in [
            ("netflix", "netflix_titles.csv"),
            ("prime-video", "amazon_prime_titles.csv"),
            ("disney-plus", "disney_plus_titles.csv"),
            ("hulu", "hulu_titles.csv"),
        ] {
            let source = Source::parse(&format!("{service}:US={}", dir.join(file).display())).unwrap();
            let file = std::fs::File::open(&source.path).unwrap();
            importer.read(&source, std::io::BufReader::new(file), |_| {});
        }
        let output = importer.finish(None).unwrap_or_else(|(failure, _)| panic!("{failure}"));
        let catalog = common::decoded(&output);
        (output, catalog)
    })
}

fn film(title: &str, year: u16) -> &'static Film {
    let (_, catalog) = imported();
    let mut found = catalog.films.iter().filter(|f| f.title == title && f.year == year);
    let film = found.next().unwrap_or_else(|| panic!("no film {title:?} ({year})"));
    assert!(found.next().is_none(), "{title:?} ({year}) twice");
    film
}

fn services(film: &Film) -> Vec<&str> {
    film.offers.iter().map(|o| o.provider.as_str()).collect()
}

#[test]
fn reads_every_row_of_the_four_lists() {
    let summary = &imported().0.summary;
    let rows: Vec<usize> = summary.files.iter().map(|f| f.rows_read).collect();
    assert_eq!(rows, [8_807, 9_668, 1_450, 3_073]);
    assert_eq!(summary.rows_read(), 22_998);
    assert_eq!(summary.rows_skipped(), 0, "{summary}");
    assert_eq!(summary.skipped_for(SkipReason::BadYear), 0);
}

#[test]
fn writes_a_catalog_the_app_loads_completely() {
    let (output, catalog) = imported();
    assert_eq!(catalog.films.len(), output.summary.titles_written);
    assert_eq!(catalog.as_of, Date::new(2021, 11, 26).unwrap(), "the newest date_added (Disney+)");
    let ids: Vec<&str> = catalog.providers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["netflix", "prime-video", "disney-plus", "hulu"]);
    assert_eq!(catalog.providers_in(RegionCode::US).len(), 4);
}

#[test]
fn merges_titles_found_on_several_services() {
    let summary = &imported().0.summary;
    assert!((300..2_000).contains(&summary.merged_titles), "{summary}");
    assert!(summary.merged_offers > 2 * summary.merged_titles - 1);
    let rows = summary.rows_read() - summary.duplicate_rows;
    assert_eq!(summary.titles_written + summary.merged_offers - summary.merged_titles, rows);
    assert_eq!(services(film("21", 2008)), ["netflix", "prime-video", "hulu"]);
}

#[test]
fn counts_shows_including_hulu_shows_typed_as_movies() {
    let summary = &imported().0.summary;
    // 6,517 rows say "TV Show", 62 more Hulu rows say "Seasons"; merging folds some together.
    assert!((6_300..=6_579).contains(&summary.shows), "{summary}");
    assert_eq!(summary.movies + summary.shows, summary.titles_written);
    let yashahime = film("Yashahime: Princess Half-Demon", 2020);
    assert_eq!(yashahime.kind, Kind::Show);
    assert_eq!(yashahime.runtime, None);
}

#[test]
fn reads_the_duration_from_a_shifted_rating_column() {
    let louis = film("Louis C.K. 2017", 2017);
    assert_eq!(louis.runtime, Some(74));
    assert!(louis.certification.is_empty(), "the rating column held the duration");
}

#[test]
fn cleans_line_breaks_zero_width_and_no_break_spaces_from_titles() {
    film("The Memphis Belle: A Story of a Flying Fortress", 1944);
    assert_eq!(film("SAINT SEIYA: Knights of the Zodiac", 2020).kind, Kind::Show);
    for f in &imported().1.films {
        let t = &f.title;
        assert!(!t.contains(['\n', '\t', '\u{200b}', '\u{a0}', '\u{2028}', '\u{feff}']), "{t:?}");
        assert!(!t.contains("  ") && t.trim() == t, "{t:?}");
    }
}

#[test]
fn splits_a_cast_broken_by_a_line_separator() {
    let z = film("Z: The Beginning of Everything", 2017);
    assert_eq!(z.cast[..2], ["Christina Ricci", "David Hoflin"]);
    assert!(imported().1.films.iter().flat_map(|f| &f.cast).all(|name| !name.contains('\u{2028}')));
}

#[test]
fn drops_hulu_directors_that_are_the_description() {
    let summary = &imported().0.summary;
    assert!(summary.director_copies_dropped >= 3, "{summary}");
    for (title, year) in [("The Nightingale", 2018), ("The Panama Papers", 2018)] {
        let f = film(title, year);
        assert!(f.directors.iter().all(|d| !d.starts_with("Director ")), "{title}: {:?}", f.directors);
    }
}

#[test]
fn keeps_a_title_with_a_replacement_character_and_counts_it() {
    assert_eq!(imported().0.summary.titles_with_replacement_char, 1);
    film("NBA The Essentials: Boston Celtics \u{fffd} 1988 Eastern Conference Semifinals Game 7 vs. Hawks", 2012);
}

#[test]
fn keeps_titles_that_spreadsheets_turn_into_values() {
    film("True", 2021);
    film("27 September", 2021);
    let json = &imported().0.json;
    assert!(json.contains(r#""title":"True""#) && json.contains(r#""title":"27 September""#));
}

#[test]
fn repairs_mojibake_in_descriptions() {
    assert_eq!(imported().0.summary.mojibake_repaired, 2);
    let synopsis = film("Dead Bodies", 2006).synopsis_in(catalog::LangCode::EN).unwrap();
    assert!(synopsis.starts_with("Tommy’s world"), "{synopsis}");
    let nova = film("NOVA: The Planets", 2019).synopsis_in(catalog::LangCode::EN).unwrap();
    assert!(nova.contains("formed—and"), "{nova}");
}

#[test]
fn keeps_only_us_certifications() {
    let (output, catalog) = imported();
    assert!(output.summary.certifications_dropped["13+"] > 2_000);
    let labels: std::collections::BTreeSet<&str> =
        catalog.films.iter().flat_map(|f| f.certification.values().map(String::as_str)).collect();
    assert!(
        labels.iter().all(|l| l.starts_with("TV-") || ["G", "PG", "PG-13", "R", "NC-17"].contains(l)),
        "{labels:?}"
    );
}

#[test]
fn dates_offers_by_date_added() {
    let belle = film("The Memphis Belle: A Story of a Flying Fortress", 1944);
    assert_eq!(belle.offers[0].available_from, Date::new(2017, 3, 31));
}

#[test]
fn writes_the_same_bytes_every_time() {
    let dir = data_dir();
    let source = Source::parse(&format!("disney-plus:US={}", dir.join("disney_plus_titles.csv").display())).unwrap();
    let text = std::fs::read_to_string(&source.path).unwrap();
    let run = || {
        let mut importer = Importer::new();
        importer.read(&source, text.as_bytes(), |_| {});
        importer.finish(None).unwrap().json
    };
    assert_eq!(run(), run());
}
