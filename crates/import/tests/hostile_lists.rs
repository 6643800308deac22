//! The importer on small hostile CSV texts: broken rows are skipped and counted, never fatal.

mod common;

use catalog::{Date, Kind};
use common::{decoded, import, HEADER};
use import::{Failure, Importer, SkipReason, Source};

/// A list of `rows` (without header) as Netflix US.
fn netflix(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

/// A well-formed row.
fn row(id: &str, kind: &str, title: &str, year: &str, duration: &str) -> String {
    format!("{id},{kind},{title},Jane Doe,\"Ann A, Bob B\",US,\"September 25, 2021\",{year},PG-13,{duration},Dramas,A film.")
}

fn import_netflix(rows: &[&str]) -> import::Output {
    import(&[("netflix:US=netflix_titles.csv", &netflix(rows))])
}

/// What importing `text` as the only list does, whether or not a catalog comes out.
fn try_import(text: &str) -> Result<import::Output, (Failure, Box<import::Summary>)> {
    let mut importer = Importer::new();
    importer.read(&Source::parse("netflix:US=x.csv").unwrap(), text.as_bytes(), |_| {});
    importer.finish(Date::new(2021, 11, 26))
}

#[test]
fn merges_a_title_on_two_services_into_one_film() {
    let out = import(&[
        ("netflix:US=n.csv", &netflix(&[&row("s1", "Movie", "Amélie", "2001", "122 min")])),
        ("hulu:US=h.csv", &netflix(&[&row("s9", "Movie", "AMELIE!", "2001", "")])),
    ]);
    let catalog = decoded(&out);
    assert_eq!(catalog.films.len(), 1);
    let film = &catalog.films[0];
    assert_eq!(film.id.as_str(), "flimmer:amelie-2001");
    assert_eq!(film.title, "Amélie", "the first service's spelling");
    let providers: Vec<&str> = film.offers.iter().map(|o| o.provider.as_str()).collect();
    assert_eq!(providers, ["netflix", "hulu"]);
    assert_eq!(film.offers[0].available_from, Date::new(2021, 9, 25));
    assert_eq!((out.summary.merged_titles, out.summary.merged_offers), (1, 2));
}

#[test]
fn a_duplicated_row_in_one_list_is_one_film_with_one_offer() {
    let r = row("s1", "Movie", "Heat", "1995", "170 min");
    let out = import_netflix(&[&r, &r.replacen("s1", "s2", 1)]);
    let catalog = decoded(&out);
    assert_eq!(catalog.films.len(), 1);
    assert_eq!(catalog.films[0].offers.len(), 1);
    assert_eq!(out.summary.duplicate_rows, 1);
}

#[test]
fn the_same_title_in_other_years_is_other_films() {
    let out = import_netflix(&[&row("s1", "Movie", "Solaris", "1972", ""), &row("s2", "Movie", "Solaris", "2002", "")]);
    let catalog = decoded(&out);
    let ids: Vec<&str> = catalog.films.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"flimmer:solaris-1972") && ids.contains(&"flimmer:solaris-2002"), "{ids:?}");
}

#[test]
fn seasons_make_a_show_whatever_the_type_says() {
    let out = import_netflix(&[
        &row("s1", "TV Show", "Dark", "2017", "3 Seasons"),
        &row("s2", "Movie", "Yashahime", "2020", "2 Seasons"),
        "s3,Movie,Shifted,,,,,2020,1 Season,,,",
    ]);
    let catalog = decoded(&out);
    assert!(catalog.films.iter().all(|f| f.kind == Kind::Show && f.runtime.is_none()));
    assert_eq!(out.summary.shows, 3);
}

#[test]
fn skips_rows_with_a_bad_year_and_names_them() {
    let out = import_netflix(&[
        &row("s1", "Movie", "Zero", "0", ""),
        &row("s2", "Movie", "Future", "99999", ""),
        &row("s3", "Movie", "Letters", "abc", ""),
        &row("s4", "Movie", "Fine", "1999", ""),
    ]);
    assert_eq!(decoded(&out).films.len(), 1);
    let skips = &out.summary.skipped[&SkipReason::BadYear];
    assert_eq!(skips.count, 3);
    assert_eq!(skips.examples[0], "netflix_titles.csv row 1 (line 2): \"0\"");
    assert!(skips.examples[2].ends_with("\"abc\""), "{:?}", skips.examples);
}

#[test]
fn skips_rows_with_missing_or_extra_fields() {
    let out = import_netflix(&[
        "s1,Movie,Short row",
        &format!("{},extra", row("s2", "Movie", "Long", "2000", "")),
        &row("s3", "Movie", "Fine", "2000", ""),
    ]);
    assert_eq!(decoded(&out).films.len(), 1);
    assert_eq!(out.summary.skipped[&SkipReason::FieldCount].count, 2);
    assert!(out.summary.skipped[&SkipReason::FieldCount].examples[0].ends_with("3 fields, the header has 12"));
}

#[test]
fn reads_lists_with_missing_or_extra_columns_by_name() {
    let text = "title,release_year,extra,type\nHeat,1995,x,Movie\n\"Dark\",2017,y,TV Show\n";
    let out = try_import(text).unwrap();
    let catalog = decoded(&out);
    assert_eq!(catalog.films.len(), 2);
    assert!(catalog.films.iter().any(|f| f.title == "Dark" && f.kind == Kind::Show));
}

#[test]
fn a_list_without_a_title_column_is_unusable() {
    let (failure, summary) = try_import("show_id,name,release_year\ns1,Heat,1995\n").unwrap_err();
    assert_eq!(failure, Failure::NothingUsable);
    assert_eq!(summary.files[0].unreadable.as_deref(), Some("no `title` column in the header"));
}

#[test]
fn an_unterminated_quote_skips_what_it_swallows_and_keeps_the_rest() {
    let text = netflix(&[
        &row("s1", "Movie", "Before", "2000", ""),
        "s2,Movie,\"Open quote,,,,,2000,,,,",
        &row("s3", "Movie", "After", "2000", ""),
    ]);
    let out = try_import(&text).unwrap();
    let titles: Vec<&str> = out.films.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Before"]);
    assert_eq!(out.summary.rows_skipped(), 1);
    decoded(&out);
}

#[test]
fn an_empty_file_or_a_header_alone_writes_nothing() {
    for text in ["", "\n", HEADER, &format!("{HEADER}\n")] {
        let (failure, _) = try_import(text).unwrap_err();
        assert_eq!(failure, Failure::NothingUsable, "{text:?}");
    }
    let (_, summary) = try_import("").unwrap_err();
    assert_eq!(summary.files[0].unreadable.as_deref(), Some("empty file"));
}

#[test]
fn reads_a_list_saved_by_a_spreadsheet_with_bom_and_crlf() {
    let text = format!("\u{feff}{}", netflix(&[&row("s1", "Movie", "True", "2021", "90 min")]).replace('\n', "\r\n"));
    let out = try_import(&text).unwrap();
    let film = &decoded(&out).films[0];
    assert_eq!((film.title.as_str(), film.runtime), ("True", Some(90)));
    assert_eq!(film.synopsis_in(catalog::LangCode::EN), Some("A film."), "no CR left at the end of the row");
}

#[test]
fn markup_in_titles_stays_text() {
    let out = import_netflix(&[
        &row("s1", "Movie", "<script>alert(1)</script>", "2000", ""),
        &row("s2", "Movie", "javascript:alert(1)", "2000", ""),
    ]);
    let catalog = decoded(&out);
    assert!(catalog.films.iter().any(|f| f.title == "<script>alert(1)</script>"));
    assert!(catalog.films.iter().any(|f| f.id.as_str() == "flimmer:javascript-alert-1-2000"));
    assert!(catalog.films.iter().all(|f| f.poster.is_none() && f.offers.iter().all(|o| o.url.is_none())));
}

#[test]
fn survives_a_huge_field() {
    let huge = "x".repeat(2_000_000);
    let out = import_netflix(&[&row("s1", "Movie", &huge, "2000", ""), &row("s2", "Movie", "Fine", "2000", "")]);
    let catalog = decoded(&out);
    assert_eq!(catalog.films.len(), 2);
    assert!(catalog.films.iter().all(|f| f.id.as_str().len() <= "flimmer:".len() + 64));
}

#[test]
fn a_title_empty_after_cleaning_is_skipped() {
    let out =
        import_netflix(&[&row("s1", "Movie", "\u{200b} \u{a0}", "2000", ""), &row("s2", "Movie", "Fine", "2000", "")]);
    assert_eq!(out.summary.skipped_for(SkipReason::EmptyTitle), 1);
}

#[test]
fn a_title_without_latin_letters_gets_the_service_and_show_id() {
    let out = import_netflix(&[&row("s42", "Movie", "千と千尋の神隠し", "2001", "125 min")]);
    assert_eq!(decoded(&out).films[0].id.as_str(), "flimmer:netflix-s42");
}

#[test]
fn maps_genres_and_keeps_only_real_certifications() {
    let r = "s1,Movie,X,,,,,2000,13+,90 min,\"Action & Adventure, International Movies\",";
    let out = import_netflix(&[r]);
    let film = &decoded(&out).films[0];
    assert_eq!(film.genres, [catalog::Genre::Action, catalog::Genre::Adventure]);
    assert!(film.certification.is_empty());
    assert_eq!(out.summary.unmapped_genres["International Movies"], 1);
    assert_eq!(out.summary.certifications_dropped["13+"], 1);
}

#[test]
fn invalid_utf8_skips_the_row_not_the_list() {
    let mut bytes = netflix(&[&row("s1", "Movie", "Fine", "2000", "")]).into_bytes();
    bytes.extend_from_slice(b"s2,Movie,Bad \xff byte,,,,,2000,,,,\n");
    let mut importer = Importer::new();
    importer.read(&Source::parse("netflix:US=x.csv").unwrap(), &bytes[..], |_| {});
    let out = importer.finish(Date::new(2021, 11, 26)).unwrap();
    assert_eq!(out.films.len(), 1);
    assert_eq!(out.summary.skipped_for(SkipReason::Unreadable), 1);
}

#[test]
fn rejects_unknown_services_naming_the_known_ones() {
    let err = Source::parse("netflx:US=x.csv").unwrap_err();
    assert!(
        err.contains("unknown service \"netflx\"") && err.contains("netflix, prime-video, disney-plus, hulu"),
        "{err}"
    );
    assert!(Source::parse("netflix:us=x.csv").unwrap_err().contains("region \"us\""));
    assert!(Source::parse("netflix.csv").is_err());
}
