//! The `flimmer-import` binary: exit codes, where the catalog goes, what stderr says.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::HEADER;

/// A scratch directory of this test binary, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flimmer-import-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flimmer-import")).args(args).output().expect("the binary runs")
}

fn tiny_list(dir: &std::path::Path) -> String {
    let path = dir.join("tiny.csv");
    let rows = [
        "s1,Movie,Heat,Michael Mann,\"Al Pacino, Robert De Niro\",US,\"September 25, 2021\",1995,R,170 min,\"Action & Adventure, Dramas\",A heist.",
        "s2,TV Show,Dark,,,DE,\" June 21, 2019\",2017,TV-MA,3 Seasons,International TV Shows,Time travel.",
    ];
    std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    format!("netflix:US={}", path.display())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn writes_the_catalog_to_stdout_and_the_summary_to_stderr() {
    let dir = scratch("stdout");
    let out = run(&[&tiny_list(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let catalog = catalog::decode(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    assert!(catalog.skipped.is_empty());
    assert_eq!(catalog.catalog.films.len(), 2);
    assert_eq!(catalog.catalog.as_of.to_string(), "2021-09-25", "the newest date_added");
    let err = stderr(&out);
    assert!(
        err.contains("reading netflix:US tiny.csv") && err.contains("titles written: 2 (1 movies, 1 shows)"),
        "{err}"
    );
}

#[test]
fn writes_the_catalog_to_a_file_with_out() {
    let dir = scratch("out");
    let file = dir.join("catalog.json");
    let out = run(&["--as-of", "2021-11-26", &tiny_list(&dir), "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let loaded = catalog::decode(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(loaded.catalog.as_of.to_string(), "2021-11-26");
}

#[test]
fn fails_when_nothing_usable_was_read() {
    let dir = scratch("empty");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let out = run(&[&format!("hulu:US={}", empty.display())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no usable row"), "{}", stderr(&out));
    let missing = run(&["hulu:US=/nonexistent/hulu.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot open /nonexistent/hulu.csv"), "{}", stderr(&missing));
}

#[test]
fn bad_arguments_exit_2_with_the_usage() {
    for args in
        [&[][..], &["--frobnicate"], &["netflx:US=x.csv"], &["--as-of", "26.11.2021", "netflix:US=x.csv"], &["--out"]]
    {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage: flimmer-import"), "{args:?}");
    }
    assert!(stderr(&run(&["netflx:US=x.csv"])).contains("known services: netflix, prime-video, disney-plus, hulu"));
}

#[test]
fn help_says_what_the_output_may_be_used_for() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("never commit or ship the output"), "{help}");
}
