//! The `flimmer-import` command: arguments, files, progress and the summary on stderr.

use std::fs::File;
use std::io::{BufReader, Write};
use std::process::ExitCode;

use catalog::Date;
use import::{Importer, Service, Source};

const USAGE: &str = "\
usage: flimmer-import [--as-of YYYY-MM-DD] [--out FILE|-] SERVICE:REGION=FILE...

Turns public streaming-service lists (CSV: show_id,type,title,director,cast,country,
date_added,release_year,rating,duration,listed_in,description) into one Flimmer catalog
(format v1, compact JSON). A title on several services becomes one film with an offer
per service.

  SERVICE:REGION=FILE  one list, e.g. netflix:US=netflix_titles.csv
                       (services: SERVICES)
  --as-of DATE         the catalog's as_of (default: the newest date_added read)
  --out FILE           where to write the catalog (default, or -: standard output)
  -h, --help           this text

Progress and a summary go to standard error. Exit status: 0 when a catalog was
written, 1 when no row could be used, 2 for wrong arguments.

For local tests and benchmarks only: the synopses are the services' own texts,
so never commit or ship the output.";

/// What the command line asks for.
struct Args {
    as_of: Option<Date>,
    out: Option<String>,
    sources: Vec<Source>,
}

enum Parsed {
    Run(Args),
    Help,
}

// Three flags and a list of sources: a hand-written loop is shorter than a parser crate.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut parsed = Args { as_of: None, out: None, sources: Vec::new() };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--as-of" => {
                let text = value("--as-of")?;
                let date = Date::parse(&text).ok_or(format!("--as-of {text:?}: expected a date like 2021-11-26"))?;
                parsed.as_of = Some(date);
            }
            "--out" => parsed.out = Some(value("--out")?),
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option {arg:?}")),
            _ => parsed.sources.push(Source::parse(&arg)?),
        }
    }
    if parsed.sources.is_empty() {
        return Err("no input list given".into());
    }
    Ok(Parsed::Run(parsed))
}

fn main() -> ExitCode {
    let usage = USAGE.replace("SERVICES", &Service::known_ids());
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("flimmer-import: {message}\n\n{usage}");
            return ExitCode::from(2);
        }
    };

    let mut importer = Importer::new();
    for source in &args.sources {
        let label = source.label();
        eprintln!("reading {label}");
        let file = match File::open(&source.path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("  cannot open {}: {e}", source.path.display());
                continue;
            }
        };
        let count = importer.read(source, BufReader::new(file), |rows| eprintln!("  {rows} rows…"));
        eprintln!("  {} rows, {} skipped", count.rows_read, count.rows_skipped);
        if let Some(why) = count.unreadable {
            eprintln!("  {why}");
        }
    }

    let output = match importer.finish(args.as_of) {
        Ok(output) => output,
        Err((failure, summary)) => {
            eprintln!("\n{summary}\n\nflimmer-import: {failure}");
            return ExitCode::from(if failure == import::Failure::NoDate { 2 } else { 1 });
        }
    };
    let written = match args.out.as_deref() {
        None | Some("-") => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(output.json.as_bytes()).and_then(|()| stdout.write_all(b"\n"))
        }
        Some(path) => std::fs::write(path, format!("{}\n", output.json)),
    };
    if let Err(e) = written {
        eprintln!("flimmer-import: cannot write the catalog: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("\n{}\nas_of: {}, {:.1} MB written", output.summary, output.as_of, output.json.len() as f64 / 1e6);
    ExitCode::SUCCESS
}
