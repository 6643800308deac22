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
