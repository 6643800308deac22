//! flimmer-import: public service lists (CSV) in, one catalog v1 file out.
//!
//! Each list is one service's catalogue in one region, in the common public layout
//! `show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description`.
//! Rows are cleaned (`clean`), read into typed rows (`csv_row`), and merged across
//! services into films with one offer per service (`merge`). Bad rows are skipped and
//! counted, never fatal. The output is for local tests and benchmarks only: the
//! descriptions are the services' own texts, so it is never committed or shipped.
//!
//! `from_tmdb` is flimmer-tmdb's side: a catalog from TMDB's API for chosen regions and
//! services, through the `tmdb` crate, with an answer cache to resume from (feature `tmdb`,
//! on by default).

pub mod certification;
pub mod clean;
pub mod csv_row;
#[cfg(feature = "tmdb")]
pub mod from_tmdb;
pub mod genres;
pub mod merge;
pub mod output;
pub mod services;
pub mod summary;

use std::io::Read;
use std::path::PathBuf;

use catalog::{Date, Kind, RegionCode};

pub use crate::csv_row::SkipReason;
pub use crate::merge::{Added, Film};
pub use crate::services::Service;
pub use crate::summary::{FileCount, Summary};

/// One input list: `netflix:US=/path/netflix_titles.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub service: &'static Service,
    pub region: RegionCode,
    pub path: PathBuf,
}

impl Source {
    /// Reads `SERVICE:REGION=FILE`; the message of an error says what to write instead.
    pub fn parse(spec: &str) -> Result<Source, String> {
        let form = "expected SERVICE:REGION=FILE, e.g. netflix:US=netflix_titles.csv";
        let (service_region, path) = spec.split_once('=').ok_or_else(|| format!("{spec:?}: {form}"))?;
        let (service, region) = service_region.split_once(':').ok_or_else(|| format!("{spec:?}: {form}"))?;
        let service = Service::find(service).ok_or_else(|| {
            format!("{spec:?}: unknown service {service:?}; known services: {}", Service::known_ids())
        })?;
        let region = RegionCode::parse(region)
            .ok_or_else(|| format!("{spec:?}: region {region:?} is not an upper-case ISO 3166-1 code like US"))?;
        if path.is_empty() {
            return Err(format!("{spec:?}: no file after '='"));
        }
        Ok(Source { service, region, path: PathBuf::from(path) })
    }

    /// `netflix:US netflix_titles.csv`
    pub fn label(&self) -> String {
        let file =
            self.path.file_name().map_or_else(|| self.path.display().to_string(), |f| f.to_string_lossy().into());
        format!("{}:{} {file}", self.service.id, self.region)
    }
}

/// Every how many rows `Importer::read` reports progress.
pub const PROGRESS_EVERY: usize = 5000;

/// Reads lists one after another and merges them; `finish` writes the catalog.
#[derive(Debug, Default)]
pub struct Importer {
    films: merge::Films,
    services: Vec<&'static Service>,
    newest_date_added: Option<Date>,
    summary: Summary,
}

/// The finished import.
#[derive(Debug)]
pub struct Output {
    /// Compact catalog v1 JSON.
    pub json: String,
    pub as_of: Date,
    pub films: Vec<Film>,
    pub summary: Summary,
}

/// Why no catalog could be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No row of any list could be used.
    NothingUsable,
    /// The lists have no `date_added` to date the catalog by, and no `--as-of` was given.
    NoDate,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Failure::NothingUsable => "no usable row in any input file: nothing to write",
            Failure::NoDate => "the input has no date_added to date the catalog by: give --as-of YYYY-MM-DD",
        })
    }
}

impl Importer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one list. `progress` is called with the number of rows read so far, every
    /// `PROGRESS_EVERY` rows. Rows that cannot be used are skipped and counted; a list
    /// that cannot be read (or not to the end) says why in `FileCount::unreadable`.
    pub fn read(&mut self, source: &Source, input: impl Read, mut progress: impl FnMut(usize)) -> FileCount {
        if !self.services.contains(&source.service) {
            self.services.push(source.service);
        }
        let label = source.label();
        let file = source.path.file_name().map_or_else(|| label.clone(), |f| f.to_string_lossy().into_owned());
        let mut count = FileCount { label, ..FileCount::default() };
        // `flexible`: a row with a wrong number of fields is reported by `csv_row`, not
        // treated as an error of the whole file.
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let columns = match reader.headers() {
            Ok(header) if header.is_empty() => Err("empty file".to_owned()),
            Ok(header) => csv_row::Columns::from_header(header),
            Err(e) => Err(format!("unreadable header: {e}")),
        };
        let columns = match columns {
            Ok(c) => c,
            Err(why) => {
                count.unreadable = Some(why);
                self.summary.files.push(count.clone());
                return count;
            }
        };
        let mut record = csv::StringRecord::new();
        loop {
            let line = reader.position().line();
            let skip = match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    count.rows_read += 1;
                    match csv_row::read(&record, &columns, source.region, &mut self.summary) {
                        Ok(row) => {
                            self.add(row, source);
                            None
                        }
                        Err(skip) => Some(skip),
                    }
                }
                // A failing file (not a bad record) would fail again on every read.
                Err(e) if e.is_io_error() => {
                    count.unreadable = Some(format!("read error after {} rows: {e}", count.rows_read));
                    break;
                }
                Err(e) => {
                    count.rows_read += 1;
                    Some(csv_row::Skip { reason: SkipReason::Unreadable, detail: e.to_string() })
                }
            };
            if let Some(skip) = skip {
                count.rows_skipped += 1;
                let row = count.rows_read;
                let detail = if skip.detail.is_empty() { String::new() } else { format!(": {}", skip.detail) };
                self.summary.skip(skip.reason, || format!("{file} row {row} (line {line}){detail}"));
            }
            if count.rows_read.is_multiple_of(PROGRESS_EVERY) {
                progress(count.rows_read);
            }
        }
        self.summary.files.push(count.clone());
        count
    }

    fn add(&mut self, row: csv_row::Row, source: &Source) {
        self.newest_date_added = self.newest_date_added.max(row.date_added);
        match self.films.add(row, source.service, source.region) {
            Added::NewFilm | Added::Merged => {}
            Added::Duplicate => self.summary.duplicate_rows += 1,
        }
    }

    /// Merges what was read into a catalog dated `as_of`, or by the newest `date_added`.
    pub fn finish(self, as_of: Option<Date>) -> Result<Output, (Failure, Box<Summary>)> {
        let mut summary = self.summary;
        let films = self.films.finish();
        if films.is_empty() {
            return Err((Failure::NothingUsable, Box::new(summary)));
        }
        let Some(as_of) = as_of.or(self.newest_date_added) else {
            return Err((Failure::NoDate, Box::new(summary)));
        };
        summary.titles_written = films.len();
        summary.shows = films.iter().filter(|f| f.kind == Kind::Show).count();
        summary.movies = films.len() - summary.shows;
        let merged = films.iter().filter(|f| f.on_several_services());
        summary.merged_titles = merged.clone().count();
        summary.merged_offers = merged.map(|f| f.offers.len()).sum();
        let json = output::catalog_json(as_of, &self.services, &films);
        Ok(Output { json, as_of, films, summary })
    }
}
