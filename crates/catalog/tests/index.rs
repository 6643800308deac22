//! The index: search, every facet, counts, sorts and the empty-state hint, checked on a
//! small catalog by name and on a generated one against a plain, independent filter.

mod common;

use catalog::{
    decode, loosen_hint, Catalog, Date, FacetKey, Film, Filter, Genre, Index, Kind, LangCode, List, Loosen,
    Monetization, ProviderId, RegionCode, Sort, Span,
};
use common::*;
use serde_json::{json, Value};

const TODAY: Date = Date { year: 2026, month: 3, day: 5 };

fn id(s: &str) -> ProviderId {
    ProviderId::parse(s).unwrap()
}

fn entry(id: &str, title: &str, year: u16, extra: Value) -> Value {
    let mut f = json!({ "id": id, "title": title, "year": year,
        "offers": [{ "provider": "netflix", "region": "DE", "type": "flatrate" }] });
    for (k, v) in extra.as_object().unwrap() {
        f[k] = v.clone();
    }
    f
}

fn sample() -> Catalog {
    let films = vec![
        heat(),
        entry(
            "tmdb:1",
            "Die fabelhafte Welt der Amélie",
            2001,
            json!({
            "titles": { "en": "Amélie" }, "original_title": "Le Fabuleux Destin d'Amélie Poulain",
            "original_language": "fr", "genres": ["comedy", "romance"], "runtime": 122,
            "directors": ["Jean-Pierre Jeunet"], "cast": ["Audrey Tautou"],
            "rating": { "value": 7.9, "votes": 5000 }, "certification": { "DE": "0" } }),
        ),
        entry(
            "tmdb:2",
            "The Dark Knight",
            2008,
            json!({
            "genres": ["action", "crime"], "runtime": 152, "directors": ["Christopher Nolan"],
            "cast": ["Christian Bale", "Heath Ledger"], "rating": { "value": 8.5, "votes": 9000 },
            "certification": { "DE": "16" }, "original_language": "en",
            "offers": [{ "provider": "disney-plus", "region": "DE", "type": "flatrate", "available_from": "2026-02-20" }] }),
        ),
        entry(
            "tmdb:3",
            "The Godfather",
            1972,
            json!({
            "titles": { "de": "Der Pate" }, "genres": ["crime", "drama"], "runtime": 175,
            "directors": ["Francis Ford Coppola"], "cast": ["Marlon Brando", "Al Pacino"],
            "rating": { "value": 8.7, "votes": 8000 }, "certification": { "DE": "16" }, "original_language": "en",
            "offers": [
                { "provider": "netflix", "region": "DE", "type": "flatrate", "available_until": "2026-03-20" },
                { "provider": "store", "region": "DE", "type": "rent", "price": 3.99, "currency": "EUR" }
            ] }),
        ),
        entry(
            "tmdb:4",
            "Die Straße",
            1954,
            json!({ "original_title": "La strada", "original_language": "it",
            "genres": ["drama"], "runtime": 108, "rating": { "value": 7.0, "votes": 300 } }),
        ),
        entry("tmdb:5", "Ärger im Paradies", 1932, json!({ "genres": ["comedy", "romance"], "runtime": 83 })),
        entry(
            "tmdb:6",
            "Zoolander",
            2001,
            json!({ "genres": ["comedy"], "runtime": 90,
            "rating": { "value": 6.5, "votes": 3000 }, "certification": { "DE": "6" } }),
        ),
        entry(
            "tmdb:7",
            "Dark",
            2017,
            json!({ "kind": "show", "genres": ["mystery", "drama"],
            "original_language": "de", "rating": { "value": 8.4, "votes": 4000 }, "certification": { "DE": "16" } }),
        ),
    ];
    decode(&catalog(films)).unwrap().catalog
}

fn titles(c: &Catalog, index: &Index, filter: &Filter) -> Vec<String> {
    index.run(filter, LangCode::EN).films.iter().map(|&i| c.films[i as usize].title.clone()).collect()
}

fn search(c: &Catalog, index: &Index, text: &str) -> Vec<String> {
    let filter =
        Filter { text: text.into(), types: Monetization::ALL.into_iter().collect(), ..Filter::new(RegionCode::DE) };
    titles(c, index, &filter)
}

#[test]
fn search_ignores_case_and_diacritics() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    assert_eq!(search(&c, &index, "amelie"), ["Die fabelhafte Welt der Amélie"]);
    assert_eq!(search(&c, &index, "AMÉLIE"), ["Die fabelhafte Welt der Amélie"]);
    assert_eq!(search(&c, &index, "strasse"), ["Die Straße"]);
    assert_eq!(search(&c, &index, "arger"), ["Ärger im Paradies"]);
}

#[test]
fn search_finds_word_prefixes_titles_people_and_localized_titles() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    assert_eq!(search(&c, &index, "dark kni"), ["The Dark Knight"]);
    assert_eq!(search(&c, &index, "pate"), ["The Godfather"]);
    assert_eq!(search(&c, &index, "la strada"), ["Die Straße"]);
    assert_eq!(search(&c, &index, "nolan"), ["The Dark Knight"]);
    assert_eq!(search(&c, &index, "pacino"), ["The Godfather", "Heat"], "both have Pacino; more votes first");
    assert!(search(&c, &index, "xyz").is_empty());
}

#[test]
fn search_forgives_one_typo_in_long_words_only() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    assert_eq!(search(&c, &index, "godfahter"), ["The Godfather"]);
    assert_eq!(search(&c, &index, "godfaher"), ["The Godfather"]);
    assert_eq!(search(&c, &index, "zoolandr"), ["Zoolander"]);
    assert!(search(&c, &index, "haet").is_empty(), "four letters must be typed right");
}

#[test]
fn relevance_puts_exact_titles_before_prefixes_before_people() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    // "Dark" is the whole title of the show; "The Dark Knight" only has the word.
    assert_eq!(search(&c, &index, "dark"), ["Dark", "The Dark Knight"]);
    // A title word beats a cast name: "heat" is Heat's title and part of Heath Ledger.
    assert_eq!(search(&c, &index, "hea"), ["Heat", "The Dark Knight"]);
    assert_eq!(search(&c, &index, "heat")[0], "Heat");
}

#[test]
fn among_titles_with_the_word_the_one_with_fewest_other_words_comes_first() {
    let films = vec![
        entry("tmdb:10", "Kill the Irishman", 2011, json!({ "rating": { "value": 7.0, "votes": 900 } })),
        entry("tmdb:11", "The Irishman", 2019, json!({ "rating": { "value": 7.8, "votes": 100 } })),
        entry("tmdb:12", "Irish Jam", 2006, json!({ "cast": ["Eddie Griffin"] })),
    ];
    let c = decode(&catalog(films)).unwrap().catalog;
    let index = Index::build(&c, TODAY);
    assert_eq!(search(&c, &index, "irishman"), ["The Irishman", "Kill the Irishman"]);
    assert_eq!(search(&c, &index, "irish"), ["Irish Jam", "Kill the Irishman", "The Irishman"], "exact before prefix");
}

#[test]
fn exclude_hides_films_a_service_offers() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    let all = Filter::new(RegionCode::DE);
    assert!(titles(&c, &index, &all).contains(&"Heat".to_string()));
    let not_netflix = all.toggle_exclude(&id("netflix"));
    assert_eq!(titles(&c, &index, &not_netflix), ["The Dark Knight"]);
    // Including a service again removes it from the exclusions.
    assert!(not_netflix.toggle_service(&id("netflix")).exclude.is_empty());
}

#[test]
fn kind_genres_years_runtime_rating_age_and_language_narrow_the_list() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    let de = Filter::new(RegionCode::DE);
    let shows = Filter { kinds: [Kind::Show].into(), ..de.clone() };
    assert_eq!(titles(&c, &index, &shows), ["Dark"]);
    let comedies = Filter { genres: [Genre::Comedy].into(), ..de.clone() };
    assert_eq!(titles(&c, &index, &comedies), ["Die fabelhafte Welt der Amélie", "Zoolander", "Ärger im Paradies"]);
    let no_romance = Filter { without_genres: [Genre::Romance].into(), ..comedies.clone() };
    assert_eq!(titles(&c, &index, &no_romance), ["Zoolander"]);
    let early = Filter { years: Span { from: None, to: Some(1960) }, ..de.clone() };
    assert_eq!(titles(&c, &index, &early), ["Die Straße", "Ärger im Paradies"]);
    let short = Filter { runtime: Span { from: None, to: Some(100) }, ..de.clone() };
    assert_eq!(titles(&c, &index, &short), ["Zoolander", "Ärger im Paradies"], "unknown runtimes are not short");
    let good = Filter { min_rating: Some(8), ..de.clone() };
    assert_eq!(titles(&c, &index, &good), ["The Dark Knight", "The Godfather", "Dark"]);
    let fsk16 = Filter { ages: ["16".to_string()].into(), ..de.clone() };
    assert_eq!(titles(&c, &index, &fsk16), ["The Dark Knight", "The Godfather", "Dark"]);
    let french = Filter { languages: [LangCode::parse("fr").unwrap()].into(), ..de.clone() };
    assert_eq!(titles(&c, &index, &french), ["Die fabelhafte Welt der Amélie"]);
}

#[test]
fn new_and_leaving_lists_count_from_the_catalogs_date() {
    // The sample catalog is dated 2026-03-05.
    let c = sample();
    let index = Index::build(&c, TODAY);
    let de = Filter::new(RegionCode::DE);
    assert_eq!(titles(&c, &index, &Filter { list: Some(List::New), ..de.clone() }), ["The Dark Knight"]);
    assert_eq!(titles(&c, &index, &Filter { list: Some(List::Leaving), ..de.clone() }), ["The Godfather"]);
    let new_on_netflix = Filter { list: Some(List::New), ..de.toggle_service(&id("netflix")) };
    assert!(titles(&c, &index, &new_on_netflix).is_empty());
}

#[test]
fn sorts_by_popularity_rating_year_title_added_and_leaving() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    let all = Filter { types: Monetization::ALL.into_iter().collect(), ..Filter::new(RegionCode::DE) };
    let sorted = |sort: Sort| titles(&c, &index, &Filter { sort: Some(sort), ..all.clone() });
    assert_eq!(sorted(Sort::Popularity)[..3], ["The Dark Knight", "The Godfather", "Heat"]);
    assert_eq!(sorted(Sort::Rating)[..3], ["The Godfather", "The Dark Knight", "Dark"]);
    assert_eq!(sorted(Sort::Newest)[..2], ["Dark", "The Dark Knight"]);
    assert_eq!(sorted(Sort::Added)[0], "The Dark Knight");
    assert_eq!(sorted(Sort::Leaving)[0], "The Godfather");
    // Title order in the page language: "Ärger" sorts with "A", not after "Z".
    let de_titles: Vec<String> = index
        .run(&Filter { sort: Some(Sort::Title), ..all.clone() }, LangCode::DE)
        .films
        .iter()
        .map(|&i| c.films[i as usize].title_in(LangCode::DE).to_owned())
        .collect();
    assert_eq!(de_titles[0], "Ärger im Paradies");
    assert_eq!(de_titles.last().unwrap(), "Zoolander");
    assert!(de_titles.contains(&"Der Pate".to_string()));
    // In English the film is "Amélie", which sorts first.
    assert_eq!(sorted(Sort::Title)[0], "Die fabelhafte Welt der Amélie");
}

#[test]
fn every_option_counts_what_choosing_it_would_show() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    let filter = Filter { genres: [Genre::Crime].into(), ..Filter::new(RegionCode::DE) };
    let results = index.run(&filter, LangCode::EN);
    let count = |key: FacetKey, value: &str| {
        results.options(key).iter().find(|o| o.value == value).map(|o| (o.count, o.selected)).unwrap()
    };
    // Crime on flatrate in DE: Heat (Netflix), The Dark Knight (Disney+), The Godfather (Netflix).
    assert_eq!(results.films.len(), 3);
    assert_eq!(count(FacetKey::Services, "netflix"), (2, false));
    assert_eq!(count(FacetKey::Services, "disney-plus"), (1, false));
    assert_eq!(count(FacetKey::Exclude, "netflix"), (1, false));
    assert_eq!(count(FacetKey::Genres, "crime"), (8, true), "unselecting crime shows every flatrate film");
    assert_eq!(count(FacetKey::Genres, "drama"), (5, false), "crime or drama");
    assert_eq!(count(FacetKey::Types, "rent"), (3, false), "adding rent adds nothing new here");
    assert_eq!(count(FacetKey::Kind, "show"), (0, false));
    for (key, options) in &results.facets {
        for option in options {
            assert_eq!(option.count, index.count(&option.next), "{key:?} {}", option.value);
        }
    }
}

#[test]
fn the_empty_state_widens_the_first_facet_that_helps() {
    let c = sample();
    let index = Index::build(&c, TODAY);
    let count = |f: &Filter| index.count(f);
    let no_types = Filter { types: Default::default(), ..Filter::new(RegionCode::DE) };
    assert_eq!(loosen_hint(&no_types, count), Loosen::PickAType);
    let store_flatrate = Filter::new(RegionCode::DE).toggle_service(&id("store"));
    let hint = loosen_hint(&store_flatrate, count);
    assert_eq!(hint, Loosen::Widen { facet: FacetKey::Types, count: 2 });
    let loosened = hint.apply_to(&store_flatrate).unwrap();
    assert_eq!(titles(&c, &index, &loosened), ["The Godfather", "Heat"], "the hint's filter shows what it promised");
    let typo = Filter { text: "zzzz".into(), ..Filter::new(RegionCode::DE) };
    assert_eq!(loosen_hint(&typo, count), Loosen::Widen { facet: FacetKey::Text, count: 8 });
    assert_eq!(loosen_hint(&Filter::new(RegionCode::GB), count), Loosen::OtherRegion);
    assert_eq!(Loosen::OtherRegion.apply_to(&store_flatrate), None);
}

// ---------------------------------------------------------------------------------------
// A generated catalog against a plain filter written here, independent of the index.

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: seeded, so a failure can be replayed.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SERVICES: [&str; 3] = ["netflix", "disney-plus", "store"];
const WORDS: [&str; 8] = ["heat", "dark", "night", "knight", "straße", "amélie", "river", "days"];

fn generated(seed: u64, n: usize) -> Catalog {
    let mut rng = Rng(seed);
    let films = (0..n)
        .map(|i| {
            let title = format!("{} {}", rng.pick(&WORDS), rng.pick(&WORDS));
            let offers: Vec<Value> = (0..rng.below(4))
                .map(|_| {
                    json!({ "provider": rng.pick(&SERVICES), "region": rng.pick(&["DE", "US"]),
                    "type": rng.pick(&["flatrate", "rent", "free"]) })
                })
                .collect();
            let genres: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(&["crime", "drama", "comedy"])).collect();
            json!({ "id": format!("flimmer:f{i}"), "title": title, "year": 1950 + rng.below(70),
                "kind": rng.pick(&["movie", "show"]), "genres": genres, "runtime": 60 + rng.below(120),
                "rating": { "value": rng.below(100) as f64 / 10.0, "votes": rng.below(1000) },
                "original_language": rng.pick(&["en", "de"]), "offers": offers })
        })
        .collect();
    decode(&catalog(films)).unwrap().catalog
}

fn random_filter(rng: &mut Rng) -> Filter {
    let mut f = Filter::new(*rng.pick(&[RegionCode::DE, RegionCode::US]));
    for s in SERVICES {
        match rng.below(4) {
            0 => f = f.toggle_service(&id(s)),
            1 => f = f.toggle_exclude(&id(s)),
            _ => {}
        }
    }
    if rng.below(2) == 0 {
        f = f.toggle_type(Monetization::Rent);
    }
    if rng.below(3) == 0 {
        f.text = rng.pick(&WORDS).chars().take(3).collect();
    }
    if rng.below(3) == 0 {
        f.kinds.insert(*rng.pick(&Kind::ALL));
    }
    if rng.below(3) == 0 {
        f.genres.insert(*rng.pick(&[Genre::Crime, Genre::Drama]));
    }
    if rng.below(4) == 0 {
        f.without_genres.insert(Genre::Comedy);
    }
    if rng.below(4) == 0 {
        f.years = Span { from: Some(1970), to: Some(1990) };
    }
    if rng.below(4) == 0 {
        f.min_rating = Some(6);
    }
    f
}

/// The filter, written as plainly as possible (search only by word prefix).
fn plainly(film: &Film, f: &Filter) -> bool {
    let words = catalog::fold::words(&film.title);
    let text_ok = catalog::fold::words(&f.text).iter().all(|q| words.iter().any(|w| w.starts_with(q.as_str())));
    f.matches(film, TODAY)
        && text_ok
        && (f.kinds.is_empty() || f.kinds.contains(&film.kind))
        && (f.genres.is_empty() || film.genres.iter().any(|g| f.genres.contains(g)))
        && !film.genres.iter().any(|g| f.without_genres.contains(g))
        && f.years.contains(film.year)
        && f.min_rating.is_none_or(|m| film.rating.is_some_and(|r| r.value + 0.05 >= m as f32))
}

#[test]
fn random_queries_match_a_plain_filter_and_every_count_matches_its_query() {
    let c = generated(7, 600);
    let index = Index::build(&c, TODAY);
    let mut rng = Rng(42);
    for round in 0..300 {
        let f = random_filter(&mut rng);
        let results = index.run(&f, LangCode::EN);
        let mut got: Vec<u32> = results.films.clone();
        got.sort_unstable();
        let want: Vec<u32> = (0..c.films.len() as u32).filter(|&i| plainly(&c.films[i as usize], &f)).collect();
        assert_eq!(got, want, "round {round}: {}", f.to_query());
        for (key, options) in &results.facets {
            for option in options {
                assert_eq!(option.count, index.run(&option.next, LangCode::EN).films.len(), "round {round}: {key:?}");
            }
        }
    }
}

#[test]
fn the_search_index_alone_filters_where_to_watch_and_ranks_by_match() {
    let c = sample();
    let search = catalog::SearchIndex::build(&c.films);
    let titles = |f: &Filter| -> Vec<String> {
        search.apply(&c, f, TODAY).into_iter().map(|i| c.films[i].title.clone()).collect()
    };
    let de = Filter::new(RegionCode::DE);
    assert_eq!(titles(&Filter { text: "dark".into(), ..de.clone() }), ["Dark", "The Dark Knight"]);
    assert!(titles(&Filter { text: "dark".into(), ..de.toggle_service(&id("netflix")) }) == ["Dark"]);
    assert_eq!(titles(&de).len(), 8, "no search words: every film the region filter lets through");
    let no_netflix = Filter { text: "godfather".into(), ..de.toggle_exclude(&id("netflix")) };
    assert!(titles(&no_netflix).is_empty(), "exclusions apply to search results");
}
