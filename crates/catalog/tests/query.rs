//! The URL codec of the filter: round trips, canonical form, and dropping bad values.

use catalog::query::{pairs, param, with_filter, with_param};
use catalog::{Filter, Monetization, ProviderId, RegionCode};

fn id(s: &str) -> ProviderId {
    ProviderId::parse(s).unwrap()
}

#[test]
fn reads_the_documented_example() {
    let f = Filter::from_query("?region=DE&services=netflix,disney-plus&types=flatrate", RegionCode::US);
    assert_eq!(f.region, RegionCode::DE);
    assert_eq!(f.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["disney-plus", "netflix"]);
    assert_eq!(f.types.iter().copied().collect::<Vec<_>>(), [Monetization::Flatrate]);
}

#[test]
fn writes_a_canonical_query_that_reads_back_the_same() {
    let f = Filter::new(RegionCode::AT)
        .toggle_service(&id("netflix"))
        .toggle_service(&id("disney-plus"))
        .toggle_type(Monetization::Buy)
        .toggle_type(Monetization::Free);
    let q = f.to_query();
    assert_eq!(q, "region=AT&services=disney-plus,netflix&types=flatrate,free,buy");
    assert_eq!(Filter::from_query(&q, RegionCode::DE), f);
}

#[test]
fn missing_parameters_take_the_defaults() {
    assert_eq!(Filter::from_query("", RegionCode::GB), Filter::new(RegionCode::GB));
    assert_eq!(Filter::from_query("?lang=en", RegionCode::US), Filter::new(RegionCode::US));
}

#[test]
fn bad_values_are_dropped_not_fatal() {
    let f = Filter::from_query(
        "region=Germany&services=netflix,NETFLIX,<script>,,disney%2Dplus&types=flatrate,stream",
        RegionCode::CH,
    );
    assert_eq!(f.region, RegionCode::CH);
    assert_eq!(f.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["disney-plus", "netflix"]);
    assert_eq!(f.types.iter().copied().collect::<Vec<_>>(), [Monetization::Flatrate]);
}

#[test]
fn lower_case_region_is_accepted() {
    assert_eq!(Filter::from_query("region=us", RegionCode::DE).region, RegionCode::US);
}

#[test]
fn empty_types_mean_none_chosen_but_garbage_types_mean_default() {
    assert!(Filter::from_query("region=DE&types=", RegionCode::DE).types.is_empty());
    assert_eq!(Filter::from_query("region=DE&types=nope", RegionCode::DE).types, Filter::default_types());
    let f = Filter::new(RegionCode::DE).toggle_type(Monetization::Flatrate);
    assert_eq!(f.to_query(), "region=DE&types=");
    assert_eq!(Filter::from_query(&f.to_query(), RegionCode::DE), f);
}

#[test]
fn replacing_the_filter_keeps_other_parameters() {
    let f = Filter::new(RegionCode::US).toggle_service(&id("netflix"));
    let q = with_filter("?lang=en&region=DE&types=rent&source=https%3A%2F%2Fx.example%2Fc.json", &f);
    assert_eq!(
        q,
        "?region=US&services=netflix&types=flatrate&lang=en&source=https:%2F%2Fx.example%2Fc.json".replace("%2F", "/")
    );
    assert_eq!(param(&q, "source").as_deref(), Some("https://x.example/c.json"));
    assert_eq!(param(&q, "lang").as_deref(), Some("en"));
}

#[test]
fn percent_decoding_is_total() {
    assert_eq!(
        pairs("a=%41%zz%4&b=x+y&c"),
        [
            ("a".to_string(), "A%zz%4".to_string()),
            ("b".to_string(), "x y".to_string()),
            ("c".to_string(), String::new()),
        ]
    );
    assert_eq!(pairs("a=%FF")[0].1, "\u{fffd}");
}

#[test]
fn setting_one_parameter_keeps_the_rest() {
    assert_eq!(with_param("?region=DE&lang=de", "lang", Some("en")), "?region=DE&lang=en");
    assert_eq!(
        with_param("region=DE", "source", Some("https://x.example/a b")),
        "?region=DE&source=https://x.example/a%20b"
    );
    assert_eq!(with_param("?lang=de", "lang", None), "");
}

/// A small deterministic generator, so the "never fails" tests need no extra crate.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

#[test]
fn parsing_never_fails_and_canonical_form_is_a_fixed_point() {
    let pieces = [
        "region",
        "services",
        "types",
        "lang",
        "=",
        "&",
        ",",
        "DE",
        "us",
        "netflix",
        "disney-plus",
        "%",
        "%2",
        "%E2%82",
        "%00",
        "+",
        "?",
        "flatrate",
        "rent",
        "buy",
        "ads",
        "free",
        "stream",
        "\u{fffd}",
        "ä",
        "<script>",
        "",
        "==",
        "&&",
    ];
    let mut rng = Lcg(42);
    for _ in 0..20_000 {
        let len = (rng.next() % 12) as usize;
        let query: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        let filter = Filter::from_query(&query, RegionCode::DE);
        let canonical = filter.to_query();
        assert_eq!(Filter::from_query(&canonical, RegionCode::DE), filter, "{query:?} -> {canonical:?}");
        assert_eq!(Filter::from_query(&canonical, RegionCode::DE).to_query(), canonical);
        let kept = with_filter(&query, &filter);
        assert_eq!(Filter::from_query(&kept, RegionCode::DE), filter, "{query:?} -> {kept:?}");
    }
}

#[test]
fn a_link_naming_a_flood_of_services_keeps_only_the_first_256() {
    let services: Vec<String> = (0..200_000).map(|i| format!("s{i}")).collect();
    let f = Filter::from_query(&format!("region=DE&services={}", services.join(",")), RegionCode::DE);
    assert_eq!(f.services.len(), catalog::query::MAX_SERVICES);
    assert!(f.services.contains(&id("s0")) && !f.services.contains(&id("s256")));
}

#[test]
fn every_facet_round_trips_through_the_url() {
    use catalog::{Genre, Kind, LangCode, List, Sort, Span};
    let f = Filter {
        exclude: [id("disney-plus")].into(),
        list: Some(List::New),
        text: "Amélie & Co".into(),
        kinds: [Kind::Show].into(),
        genres: [Genre::Crime, Genre::Drama].into(),
        without_genres: [Genre::Horror].into(),
        years: Span { from: Some(1990), to: None },
        runtime: Span { from: Some(60), to: Some(120) },
        min_rating: Some(7),
        ages: ["12".to_string(), "PG-13".to_string()].into(),
        languages: [LangCode::DE, LangCode::EN].into(),
        sort: Some(Sort::Title),
        ..Filter::new(RegionCode::DE).toggle_service(&id("netflix"))
    };
    let q = f.to_query();
    assert_eq!(
        q,
        "region=DE&services=netflix&exclude=disney-plus&types=flatrate&list=new&q=Am%C3%A9lie%20%26%20Co&kind=show\
         &genres=crime,drama&without=horror&years=1990-&runtime=60-120&rating=7&age=12,PG-13&language=de,en&sort=title"
    );
    assert_eq!(Filter::from_query(&q, RegionCode::US), f);
    // Other parameters stay where they are when the filter changes.
    assert_eq!(
        with_filter("?lang=en&q=old&sort=rating", &Filter::new(RegionCode::DE)),
        "?region=DE&types=flatrate&lang=en"
    );
}

#[test]
fn garbage_in_any_facet_is_dropped_and_the_rest_kept() {
    let f = Filter::from_query(
        "region=DE&services=netflix&exclude=<b>&kind=film,show&genres=crime,kitsch&without=&years=abc-1990\
         &runtime=500-90&rating=11&age=&language=deu,en&list=soon&sort=best&q=heat",
        RegionCode::DE,
    );
    assert_eq!(f.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["netflix"]);
    assert!(f.exclude.is_empty());
    assert_eq!(f.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(), ["show"]);
    assert_eq!(f.genres.iter().map(|g| g.slug()).collect::<Vec<_>>(), ["crime"]);
    assert_eq!((f.years.from, f.years.to), (None, Some(1990)));
    assert_eq!((f.runtime.from, f.runtime.to), (Some(90), Some(500)), "reversed bounds are swapped");
    assert_eq!(f.min_rating, None);
    assert_eq!(f.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["en"]);
    assert_eq!((f.list, f.sort), (None, None));
    assert_eq!(f.text, "heat");
}

#[test]
fn a_service_both_included_and_excluded_is_excluded() {
    let f = Filter::from_query("region=DE&services=netflix,hulu&exclude=netflix", RegionCode::DE);
    assert_eq!(f.services.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["hulu"]);
    assert_eq!(f.exclude.iter().map(ProviderId::as_str).collect::<Vec<_>>(), ["netflix"]);
    let huge = format!("region=DE&q={}", "x".repeat(10_000));
    assert_eq!(Filter::from_query(&huge, RegionCode::DE).text.len(), 200, "search words are cut at 200 characters");
}
