//! The `flimmer-tmdb` command: arguments, the token, progress and the summary on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use catalog::{Date, Kind, ProviderId, RegionCode};
use import::from_tmdb::{self, Config, Event, Token};

const USAGE: &str = "\
usage: flimmer-tmdb --regions DE,AT --services netflix,disney-plus --pages N
                    --as-of YYYY-MM-DD --out FILE|- [--kinds movie,show]
                    [--api-base URL] [--image-base URL] [--cache DIR] [--delay-ms N]

Builds a Flimmer catalog (format v1, compact JSON) from TMDB: the most popular titles
on the services in the regions, with titles and synopses in German and English,
directors, cast, runtime, age ratings, poster and every offer in those regions.

  --regions LIST     regions, e.g. DE,AT (ISO 3166-1)
  --services LIST    services whose titles to list, any of them (SERVICES,
                     or tmdb-provider-<TMDB id>)
  --pages N          pages of 20 titles per region and kind, at most (1-500)
  --as-of DATE       the catalog's as_of: the day the availability is from
  --out FILE         where to write the catalog (-: standard output)
  --kinds LIST       movie, show or both (default: movie)
  --api-base URL     TMDB's API (default: API_BASE); https, or http on this machine
  --image-base URL   poster images (default: IMAGE_BASE); https
  --cache DIR        keeps every answer, per --as-of day, to resume from
                     (default: target/tmdb-cache)
  --delay-ms N       the least time between two requests (default: DELAY_MS)
  -h, --help         this text

The token is read from TMDB_TOKEN: your TMDB account's API Read Access Token. It is sent
only in the Authorization header, never in a URL, and is not written anywhere.

A run that stopped (Ctrl-C, a refused token, TMDB down) goes on where it was when it
is started again: answers in the cache are not asked for again. Progress and a
summary go to standard error. Exit status: 0 when a catalog was written; 1 when
nothing could be used or the run stopped (nothing is written then); 2 for wrong
arguments or no token.

Data from TMDB; availability from JustWatch. The catalog holds TMDB's texts: for
local use only, never commit or ship it.";

const DEFAULT_CACHE: &str = "target/tmdb-cache";
/// At most 40 requests a second, below TMDB's limit of about 50.
const DEFAULT_DELAY_MS: u64 = 25;

enum Parsed {
    Run(Config, String),
    Help,
}

/// Comma-separated values, trimmed, each once, in order.
fn list<T: PartialEq>(name: &str, text: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let value = parse(part)?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    if out.is_empty() {
        return Err(format!("{name} needs at least one value"));
    }
    Ok(out)
}

fn known_services() -> String {
    tmdb::services::SERVICES.iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
}

fn service(text: &str) -> Result<ProviderId, String> {
    let id = ProviderId::parse(&text.to_ascii_lowercase())
        .filter(|id| tmdb::services::tmdb_ids(id).is_some())
        .ok_or_else(|| format!("unknown service {text:?}; known services: {}", known_services()))?;
    Ok(id)
}

/// An API base the token may be sent to: https, or plain http to this machine (a test's fake).
fn api_base(text: &str) -> Result<String, String> {
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|prefix| text.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/'])));
    if catalog::HttpsUrl::parse(text).is_some() || local {
        Ok(text.trim_end_matches('/').to_owned())
    } else {
        Err(format!(
            "--api-base {text:?}: must be an https URL (the token travels with every request), or http on 127.0.0.1"
        ))
    }
}

// A handful of flags: a hand-written loop, as flimmer-import has.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut regions = None;
    let mut services = None;
    let mut pages = None;
    let mut as_of = None;
    let mut out = None;
    let mut kinds = vec![Kind::Movie];
    let mut api = tmdb::API_BASE.to_owned();
    let mut images = tmdb::Images::tmdb();
    let mut cache = PathBuf::from(DEFAULT_CACHE);
    let mut delay = Duration::from_millis(DEFAULT_DELAY_MS);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--regions" => {
                regions = Some(list("--regions", &value()?, |r| {
                    RegionCode::parse(&r.to_ascii_uppercase())
                        .ok_or(format!("region {r:?} is not an ISO 3166-1 code like DE"))
                })?)
            }
            "--services" => services = Some(list("--services", &value()?, service)?),
            "--kinds" => {
                kinds = list("--kinds", &value()?, |k| {
                    Kind::parse(&k.to_ascii_lowercase()).ok_or(format!("kind {k:?}: expected movie or show"))
                })?
            }
            "--pages" => {
                let text = value()?;
                let n = text.parse::<u32>().ok().filter(|n| (1..=tmdb::request::MAX_PAGE).contains(n));
                pages = Some(n.ok_or(format!("--pages {text:?}: expected a number from 1 to 500"))?);
            }
            "--as-of" => {
                let text = value()?;
                as_of = Some(Date::parse(&text).ok_or(format!("--as-of {text:?}: expected a date like 2026-11-26"))?);
            }
            "--out" => out = Some(value()?),
            "--api-base" => api = api_base(&value()?)?,
            "--image-base" => {
                let text = value()?;
                images = tmdb::Images::new(&text).ok_or(format!("--image-base {text:?}: expected an https URL"))?;
            }
            "--cache" => cache = PathBuf::from(value()?),
            "--delay-ms" => {
                let text = value()?;
                let ms = text.parse().map_err(|_| format!("--delay-ms {text:?}: expected milliseconds, e.g. 25"))?;
                delay = Duration::from_millis(ms);
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    let missing = |name: &str| format!("{name} is required");
    let config = Config {
        regions: regions.ok_or_else(|| missing("--regions"))?,
        services: services.ok_or_else(|| missing("--services"))?,
        kinds,
        pages: pages.ok_or_else(|| missing("--pages"))?,
        as_of: as_of.ok_or_else(|| missing("--as-of"))?,
        api_base: api,
        images,
        cache,
        delay,
    };
    Ok(Parsed::Run(config, out.ok_or_else(|| missing("--out"))?))
}

fn main() -> ExitCode {
    let usage = USAGE
        .replace("SERVICES", &known_services())
        .replace("API_BASE", tmdb::API_BASE)
        .replace("IMAGE_BASE", tmdb::Images::TMDB)
        .replace("DELAY_MS", &format!("{DEFAULT_DELAY_MS} ms"));
    let (config, out) = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(config, out)) => (config, out),
        Ok(Parsed::Help) => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("flimmer-tmdb: {message}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let token = match std::env::var("TMDB_TOKEN") {
        Ok(text) => Token::new(&text),
        Err(std::env::VarError::NotPresent) => Err("TMDB_TOKEN is not set".to_owned()),
        Err(std::env::VarError::NotUnicode(_)) => Err("TMDB_TOKEN is not text".to_owned()),
    };
    let token = match token {
        Ok(token) => token,
        Err(message) => {
            eprintln!(
                "flimmer-tmdb: {message}: set it to your TMDB account's API Read Access Token \
                 (themoviedb.org → Settings → API), e.g. TMDB_TOKEN=eyJ… flimmer-tmdb …"
            );
            return ExitCode::from(2);
        }
    };

    let names = |items: Vec<&str>| items.join(", ");
    eprintln!(
        "flimmer-tmdb: {} · {} · {} · up to {} pages each; cache {}",
        names(config.regions.iter().map(|r| r.as_str()).collect()),
        names(config.services.iter().map(|s| s.as_str()).collect()),
        names(config.kinds.iter().map(|k| k.as_str()).collect()),
        config.pages,
        config.cache_for_day().display()
    );
    let result = from_tmdb::run(&config, token, |event| match event {
        Event::Page { region, kind, page, of } => eprintln!("{region} {}: page {page}/{of}", kind.as_str()),
        Event::Details { done, total, from_cache } => {
            eprintln!("details {done}/{total} ({from_cache} from cache)")
        }
        Event::Wait(wait) => eprintln!("  {wait}"),
        Event::Skipped { what, problem } => eprintln!("  skipped {what}: {} ({})", problem.detail, problem.reason),
    });
    let output = match result {
        Ok(output) => output,
        Err((failure, summary)) => {
            eprintln!("\n{summary}\n\nflimmer-tmdb: {failure}");
            if matches!(failure, from_tmdb::Failure::Stopped(_)) {
                eprintln!(
                    "nothing was written; the answers so far are kept in {}: run the same command again to go on",
                    config.cache_for_day().display()
                );
            }
            return ExitCode::FAILURE;
        }
    };
    let written = if out == "-" {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(output.json.as_bytes()).and_then(|()| stdout.write_all(b"\n"))
    } else {
        // Beside the target and renamed into place: a run stopped while writing never
        // leaves half a catalog under its name.
        let temp = format!("{out}.{}.tmp", std::process::id());
        std::fs::write(&temp, format!("{}\n", output.json)).and_then(|()| std::fs::rename(&temp, &out)).inspect_err(
            |_| {
                let _ = std::fs::remove_file(&temp);
            },
        )
    };
    if let Err(e) = written {
        eprintln!("flimmer-tmdb: cannot write the catalog to {out}: {e}");
        return ExitCode::FAILURE;
    }
    let size = output.json.len() as f64;
    let size = if size < 1e6 { format!("{:.0} KB", size / 1e3) } else { format!("{:.1} MB", size / 1e6) };
    let place = if out == "-" { "standard output" } else { out.as_str() };
    eprintln!("\n{}\nas_of: {}, {size} written to {place}", output.summary, config.as_of);
    eprintln!("Data from TMDB; availability from JustWatch. For local use only: never commit or ship the file.");
    ExitCode::SUCCESS
}
