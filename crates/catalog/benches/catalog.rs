//! Prints how fast the catalog engine is: decode + validate, and one filter query.
//!
//! `cargo bench -p catalog` measures the shipped catalog, a catalog of all 22,998 titles
//! of the public Netflix, Prime Video, Disney+ and Hulu lists in ../shared/data (converted
//! to catalog format v1 here, never copied into the project), the same copied up to
//! 200,000 films, and 200,000 films of a seeded generator (`synthetic`), whose words grow
//! with the catalog as a real one's do. Figures, not assertions: budgets live in the issues.
//! An argument picks the catalogs by name: `cargo bench -p catalog --bench catalog -- lists`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use catalog::{
    apply, decode, pack, unpack, Date, Filter, Index, LangCode, Loaded, Monetization, ProviderId, RegionCode,
};
use serde_json::{json, Value};

mod queries;
mod synthetic;

const TODAY: Date = Date { year: 2026, month: 11, day: 25 };

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shipped = std::fs::read_to_string(root.join("public/catalog.json")).expect("public/catalog.json");
    report("shipped catalog", &shipped, RegionCode::DE, "netflix");

    let data = root.join("../shared/data/streaming-catalogs");
    match service_lists(&data) {
        Some(films) => {
            let text = catalog_json(films.clone(), &LISTS);
            report("4 public service lists", &text, RegionCode::US, "netflix");
            let mut scaled = Vec::with_capacity(200_000);
            for copy in 0.. {
                for f in &films {
                    if scaled.len() == 200_000 {
                        break;
                    }
                    let mut f = f.clone();
                    f["id"] = json!(format!("{}-{copy}", f["id"].as_str().unwrap()));
                    scaled.push(f);
                }
                if scaled.len() == 200_000 {
                    break;
                }
            }
            report("scaled to 200,000 films", &catalog_json(scaled, &LISTS), RegionCode::US, "netflix");
        }
        None => println!("(no {}: the benchmarks of the public lists are skipped)", data.display()),
    }
    let films = synthetic::films(1, 200_000);
    report("synthetic, 200,000 films (seed 1)", &catalog_json(films, &synthetic::SERVICES), RegionCode::US, "netflix");
}

fn report(name: &str, text: &str, region: RegionCode, service: &str) {
    // `cargo bench -p catalog --bench catalog -- lists` measures only the catalogs whose
    // name holds "lists" (cargo itself passes `--bench`).
    if std::env::args().skip(1).find(|a| !a.starts_with("--")).is_some_and(|only| !name.contains(&only)) {
        return;
    }
    let loaded = decode(text).expect("benchmark catalog decodes");
    let films = loaded.catalog.films.len();
    let offers: usize = loaded.catalog.films.iter().map(|f| f.offers.len()).sum();
    println!(
        "\n{name}: {films} films, {offers} offers, {} skipped, {:.1} MB JSON",
        loaded.skipped.len(),
        text.len() as f64 / 1e6
    );

    let runs = if films > 100_000 { 5 } else { 20 };
    let decode_times = time(runs, || {
        black_box(decode(black_box(text)).unwrap());
    });
    print_times("  decode + validate", &decode_times);

    let catalog = &loaded.catalog;
    let all = Filter::new(region);
    let one = all.toggle_service(&ProviderId::parse(service).unwrap());
    let wide = Filter { types: Monetization::ALL.into_iter().collect(), ..all.clone() };
    for (label, filter) in
        [("every service, flatrate", &all), ("one service, flatrate", &one), ("every service, every type", &wide)]
    {
        let hits = apply(catalog, filter, TODAY).len();
        let times = time(200, || {
            black_box(apply(catalog, black_box(filter), TODAY));
        });
        print_times(&format!("  filter: {label} ({hits} hits)"), &times);
    }

    let build_runs = if films > 100_000 { 5 } else { 20 };
    let build = time(build_runs, || {
        black_box(Index::build(black_box(catalog), TODAY));
    });
    let index = Index::build(catalog, TODAY);
    print_times(&format!("  index build ({} words)", index.words()), &build);

    // The packed form (catalog::pack) the app reads: the catalog alone (built-in
    // catalog.bin, indexed after), or catalog and index (the catalog worker's answer).
    let packed = pack(&loaded);
    let unpack_catalog = time(build_runs, || {
        black_box(unpack::<Loaded>(black_box(&packed)).unwrap());
    });
    print_times(&format!("  unpack catalog ({} KB packed)", packed.len() / 1024), &unpack_catalog);
    let packed_index = pack(&index);
    let unpack_index = time(build_runs, || {
        let index: Index = unpack(black_box(&packed_index)).unwrap();
        black_box(index.fits(catalog));
    });
    print_times(&format!("  unpack index + fits ({} KB packed)", packed_index.len() / 1024), &unpack_index);
    let service = ProviderId::parse(service).unwrap();
    let queries = queries::queries(&all, &service);
    for (label, filter) in &queries {
        let hits = index.run(filter, LangCode::DE).films.len();
        let times = time(200, || {
            black_box(index.run(black_box(filter), LangCode::DE));
        });
        print_times(&format!("  {label} ({hits} hits)"), &times);
    }
    // A reader typing: every keystroke is one query with all counts.
    let mut keystrokes = Vec::new();
    for _ in 0..40 {
        for text in queries::TYPED {
            let filter = Filter { text: text.into(), ..all.clone() };
            let start = Instant::now();
            black_box(index.run(&filter, LangCode::DE));
            keystrokes.push(start.elapsed());
        }
    }
    keystrokes.sort();
    print_times("  search as you type (h, he, hea, heat, heatt, clear)", &keystrokes);
}

fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm caches and the allocator
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn print_times(label: &str, times: &[Duration]) {
    // Labels are cut to keep the columns; the figures are what matter.
    let label: String = label.chars().take(58).collect();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{label:<58} median {:>9.3} ms   p95 {:>9.3} ms   min {:>9.3} ms",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(times[0])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Every title of the four CSV lists as a catalog v1 film with a US flatrate offer
/// on its service (the lists are US catalogues of 2021).
fn service_lists(dir: &Path) -> Option<Vec<Value>> {
    let lists = [
        ("netflix", "netflix_titles.csv"),
        ("prime-video", "amazon_prime_titles.csv"),
        ("disney-plus", "disney_plus_titles.csv"),
        ("hulu", "hulu_titles.csv"),
    ];
    let mut films = Vec::new();
    for (service, file) in lists {
        let mut reader = csv::Reader::from_path(dir.join(file)).ok()?;
        for row in reader.records() {
            let row = row.ok()?;
            let field = |i: usize| row.get(i).unwrap_or("").trim();
            let list = |i: usize| -> Vec<&str> { field(i).split(", ").filter(|s| !s.is_empty()).collect() };
            let runtime = field(9).strip_suffix(" min").and_then(|m| m.parse::<u16>().ok());
            let mut film = json!({
                "id": format!("flimmer:{service}-{}", field(0)),
                "title": field(2),
                "year": field(7).parse::<u16>().unwrap_or(2000),
                "directors": list(3),
                "cast": list(4),
                "synopsis": { "en": field(11) },
                "offers": [{ "provider": service, "region": "US", "type": "flatrate" }],
            });
            if let Some(m) = runtime {
                film["runtime"] = json!(m);
            }
            films.push(film);
        }
    }
    Some(films)
}

/// The services of the public lists.
const LISTS: [&str; 4] = ["netflix", "prime-video", "disney-plus", "hulu"];

/// A catalog of `films`, offered by `services`.
fn catalog_json(films: Vec<Value>, services: &[&str]) -> String {
    let provider = |id: &str| json!({ "id": id, "name": id, "kind": "subscription", "color": "#444444", "homepage": format!("https://{id}.example/") });
    json!({
        "format": 1,
        "as_of": "2021-09-25",
        "providers": services.iter().map(|id| provider(id)).collect::<Vec<_>>(),
        "films": films,
    })
    .to_string()
}
