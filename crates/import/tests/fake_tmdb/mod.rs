//! A fake TMDB for flimmer-tmdb's tests: a hand-written HTTP/1.1 server on 127.0.0.1 that
//! answers from `tests/fixtures/tmdb`, records every request, and can be told to answer
//! otherwise (429, 500, 401, a broken body). Plus running the real binary against it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The token the tests hand the binary; it must appear in headers and nowhere else.
pub const TOKEN: &str = "eyJmlimmerTestToken.c2VjcmV0LWZvci10ZXN0cw.Zk7q";
pub const AS_OF: &str = "2026-11-26";
pub const IMAGE_BASE: &str = "https://images.example/t/p";

/// The films the healthy fake's lists lead to, most popular first; Se7en (807) has offers
/// only in the US and The Dark Knight (155) is on page 3 only.
pub const EXPECTED_ORDER: [&str; 6] = ["tmdb:603", "tmdb:680", "tmdb:238", "tmdb:949", "tmdb:27205", "tmdb:129"];
/// Requests of a full run: 4 list pages, then 7 titles in English and German.
pub const FULL_RUN_REQUESTS: usize = 4 + 7 * 2;

/// One request as the fake saw it, and what it answered.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub path: String,
    /// As sent, still percent-encoded.
    pub query: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub status: u16,
}

impl Seen {
    /// `path?query`, as sent.
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// A query value, percent-decoded.
    pub fn param(&self, key: &str) -> Option<String> {
        self.query.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| decode(v))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// `/movie/949` in `lang` (`en-US`, `de-DE`).
    pub fn is_details(&self, id: u32, lang: &str) -> bool {
        self.path == format!("/movie/{id}") && self.param("language").as_deref() == Some(lang)
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || u8::from_str_radix(text.get(i + 1..i + 3)?, 16).ok();
        match (bytes[i], hex()) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An answer to send.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply { status, headers: Vec::new(), body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmdb")
}

/// TMDB's error bodies, recorded by the tmdb crate's tests.
pub fn tmdb_fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tmdb/tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn not_found() -> Reply {
    Reply::json(
        404,
        r#"{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}"#,
    )
}

/// What TMDB answers, from the fixtures: discover pages by kind, region and page, details
/// by kind, id and language; 404 for anything else (The Dark Knight has no details: page 3
/// is never read).
pub fn fixture_reply(seen: &Seen) -> Reply {
    let param = |key: &str| seen.param(key).unwrap_or_default();
    let name = match seen.path.split('/').collect::<Vec<_>>().as_slice() {
        ["", "discover", kind @ ("movie" | "tv")] => {
            format!("discover_{kind}_{}_p{}.json", param("watch_region"), param("page"))
        }
        ["", kind @ ("movie" | "tv"), id] => format!("{kind}_{id}_{}.json", param("language")),
        _ => return not_found(),
    };
    match std::fs::read_to_string(fixtures_dir().join(&name)) {
        Ok(body) => Reply::json(200, body),
        Err(_) => not_found(),
    }
}

type Handler = dyn Fn(&Seen, &[Seen]) -> Reply + Send + Sync;

/// A running fake; it serves until the test binary ends.
pub struct Fake {
    base: String,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    /// Answers every request with `handler(request, earlier requests)`.
    pub fn start(handler: impl Fn(&Seen, &[Seen]) -> Reply + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}/3", listener.local_addr().unwrap());
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let served = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // One connection at a time, as the client sends one request at a time.
                let _ = serve(stream, &*handler, &served);
            }
        });
        Fake { base, log }
    }

    /// TMDB as the fixtures have it.
    pub fn healthy() -> Fake {
        Fake::start(|seen, _| fixture_reply(seen))
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

/// Reads one request head, answers it and closes the connection.
fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let at = Instant::now();
    let target = line.split(' ').nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = header.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    // Served under `/3`, as TMDB's API is.
    let target = target.strip_prefix("/3").unwrap_or(&target);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut seen = Seen { at, path: path.to_owned(), query: query.to_owned(), headers, status: 0 };
    let reply = {
        let mut log = log.lock().unwrap();
        let reply = handler(&seen, &log);
        seen.status = reply.status;
        log.push(seen);
        reply
    };
    let reason = match reply.status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Other",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = stream;
    stream.write_all(head.as_bytes())?;
    stream.write_all(reply.body.as_bytes())?;
    stream.flush()
}

/// A scratch directory of this test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flimmer-tmdb-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A run of the real binary against `fake`: DE and AT, Netflix and Disney+, 2 pages of
/// movies, the cache and the output in `dir`, no delay between requests.
pub fn run(fake: &Fake, dir: &Path, token: Option<&str>, extra: &[&str]) -> Output {
    let out = dir.join("catalog.json");
    let cache = dir.join("cache");
    let mut args: Vec<String> = [
        "--regions",
        "DE,AT",
        "--services",
        "netflix,disney-plus",
        "--pages",
        "2",
        "--as-of",
        AS_OF,
        "--api-base",
        fake.base(),
        "--image-base",
        IMAGE_BASE,
        "--delay-ms",
        "0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(["--out".into(), out.display().to_string(), "--cache".into(), cache.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_flimmer-tmdb"));
    command.args(&args);
    // The fake is on this machine: no proxy from the environment may stand between.
    for proxy in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        command.env_remove(proxy);
    }
    command.env_remove("TMDB_TOKEN");
    if let Some(token) = token {
        command.env("TMDB_TOKEN", token);
    }
    command.output().expect("the binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The catalog the run wrote, as the app reads it: every entry must load.
pub fn decoded(dir: &Path) -> catalog::Catalog {
    let text = std::fs::read_to_string(dir.join("catalog.json")).expect("a catalog was written");
    let loaded = catalog::decode(&text).expect("the catalog decodes");
    assert!(loaded.skipped.is_empty(), "entries the app skips: {:#?}", loaded.skipped);
    loaded.catalog
}

/// The films' ids in the order the file lists them (the decoder reorders by votes).
pub fn ids_in_file_order(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("catalog.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["films"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect()
}

/// Every file below `dir`, with its content.
pub fn files_below(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let content = std::fs::read(&path).unwrap();
                out.push((path, content));
            }
        }
    }
    out
}

/// The cache file of a request whose file name starts with `prefix` (`movie-949-de-DE-`).
pub fn cache_file(dir: &Path, prefix: &str) -> PathBuf {
    let day = dir.join("cache").join(AS_OF);
    let found: Vec<PathBuf> = std::fs::read_dir(&day)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert_eq!(found.len(), 1, "one cache file named {prefix}… in {}: {found:?}", day.display());
    found.into_iter().next().unwrap()
}
