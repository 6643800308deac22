//! Every facet of the filter, each defined once: its URL key, how it reads and writes its
//! URL value, which films it lets through, which options it offers (each as the filter
//! that choosing it gives, so counting an option is running that filter), and how the
//! empty state widens it. Adding a filter is one `impl Facet` and one line in `FACETS`.

use crate::bits::Bits;
use crate::filter::{Filter, List, Span};
use crate::index::{Cx, RATING_STEPS};
use crate::model::{Genre, Kind, LangCode, Monetization, ProviderId};
use crate::small::SortedSet;

/// The most values a link can give one facet; more are ignored (a hostile link could
/// name a million, and `SortedSet` inserts one at a time).
pub const MAX_VALUES: usize = 256;

/// Which facet, with its name in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FacetKey {
    Services,
    Exclude,
    Types,
    List,
    Text,
    Kind,
    Genres,
    WithoutGenres,
    Years,
    Runtime,
    Rating,
    Age,
    Language,
}

impl FacetKey {
    pub fn url_key(self) -> &'static str {
        match self {
            FacetKey::Services => "services",
            FacetKey::Exclude => "exclude",
            FacetKey::Types => "types",
            FacetKey::List => "list",
            FacetKey::Text => "q",
            FacetKey::Kind => "kind",
            FacetKey::Genres => "genres",
            FacetKey::WithoutGenres => "without",
            FacetKey::Years => "years",
            FacetKey::Runtime => "runtime",
            FacetKey::Rating => "rating",
            FacetKey::Age => "age",
            FacetKey::Language => "language",
        }
    }
}

/// One choice a facet offers and what choosing it would show.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetOption {
    /// The value as the URL writes it (`netflix`, `crime`, `16`).
    pub value: String,
    pub selected: bool,
    /// The filter after toggling this option.
    pub next: Filter,
    /// How many films `next` shows (filled in by `Index::run`).
    pub count: usize,
}

/// What a facet is to the filter and the URL: its key, its URL value, and how it widens.
/// Kept apart from `Facet` so the URL codec links none of the index's code.
pub trait FilterFacet: Sync {
    fn key(&self) -> FacetKey;
    /// Reads the facet's URL value into `filter`; what is not valid is dropped.
    fn read(&self, value: &str, filter: &mut Filter);
    /// The facet's URL value; `None` at its default (then the URL leaves it out).
    fn write(&self, filter: &Filter) -> Option<String>;
    /// Sets this facet to let more through (its default, or for the ways to watch, all
    /// of them); false when it narrowed nothing. In place: the wasm shell pays for every
    /// function that builds a whole `Filter`.
    fn widen(&self, filter: &mut Filter) -> bool;
}

/// What a facet is to the index: the films it lets through and the options it offers.
pub trait Facet: FilterFacet {
    /// The films this facet lets through; `None` when it lets every film through.
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits>;
    /// The options to show with counts; none for facets set by typing (search, ranges).
    fn options(&self, _cx: &Cx, _filter: &Filter) -> Vec<FacetOption> {
        Vec::new()
    }
    /// Facets whose options change each other (including a service un-excludes it) are
    /// counted as one: an option's count then keeps all facets but its group.
    fn group(&self) -> Option<Group> {
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Services in and out, ways to watch and the lists: one joint set (an offer must be
    /// of an included service *and* an accepted way to watch), `Cx::where_to_watch`.
    Where,
    /// Genres in and out.
    Genres,
}

/// Both registries from one list, so they cannot drift apart.
macro_rules! registries {
    ($($facet:expr),* $(,)?) => {
        /// Every facet, in URL and panel order, as the filter and the URL know them.
        pub static FILTER_FACETS: &[&dyn FilterFacet] = &[$(&$facet),*];
        /// The same facets as the index knows them, in the same order.
        pub static FACETS: &[&dyn Facet] = &[$(&$facet),*];
    };
}

registries![
    Services,
    Exclude,
    Types,
    ListFacet,
    Text,
    KindFacet,
    Genres,
    WithoutGenres,
    Years,
    Runtime,
    Rating,
    Age,
    Language,
];

pub fn facet(key: FacetKey) -> &'static dyn FilterFacet {
    *FILTER_FACETS.iter().find(|f| f.key() == key).expect("every key has a facet")
}

// ---------------------------------------------------------------------------------------
// Where to watch: services in and out, ways to watch, and the new / leaving lists.

struct Services;
impl FilterFacet for Services {
    fn key(&self) -> FacetKey {
        FacetKey::Services
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.services = read_set(value, ProviderId::parse);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.services, |p| p.as_str().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.services).is_empty()
    }
}

impl Facet for Services {
    fn restrict(&self, _cx: &Cx, _filter: &Filter) -> Option<Bits> {
        None
    }
    fn options(&self, cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        let services = cx.services_in(filter.region);
        services
            .into_iter()
            .map(|id| option(id.as_str(), filter.services.contains(id), filter.toggle_service(id)))
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Where)
    }
}

struct Exclude;
impl FilterFacet for Exclude {
    fn key(&self) -> FacetKey {
        FacetKey::Exclude
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.exclude = read_set(value, ProviderId::parse);
        // A service both included and excluded: the exclusion is the later, explicit word.
        let exclude = filter.exclude.clone();
        filter.services.retain(|s| !exclude.contains(s));
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.exclude, |p| p.as_str().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.exclude).is_empty()
    }
}

impl Facet for Exclude {
    fn restrict(&self, _cx: &Cx, _filter: &Filter) -> Option<Bits> {
        None
    }
    fn options(&self, cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        let services = cx.services_in(filter.region);
        services
            .into_iter()
            .map(|id| option(id.as_str(), filter.exclude.contains(id), filter.toggle_exclude(id)))
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Where)
    }
}

struct Types;
impl FilterFacet for Types {
    fn key(&self) -> FacetKey {
        FacetKey::Types
    }
    /// Present but empty means "none chosen"; present with only unknown values means a
    /// broken link, which gets the default.
    fn read(&self, value: &str, filter: &mut Filter) {
        let parsed: SortedSet<Monetization> = read_set(value, Monetization::parse);
        filter.types =
            if parsed.is_empty() && items(value).next().is_some() { Filter::default_types() } else { parsed };
    }
    /// Always written, so "none chosen" survives a reload.
    fn write(&self, filter: &Filter) -> Option<String> {
        let types: Vec<&str> =
            Monetization::ALL.into_iter().filter(|m| filter.types.contains(m)).map(Monetization::as_str).collect();
        Some(types.join(","))
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        let narrowed = filter.types.len() < Monetization::ALL.len();
        filter.types = Monetization::ALL.into_iter().collect();
        narrowed
    }
}

impl Facet for Types {
    fn restrict(&self, _cx: &Cx, _filter: &Filter) -> Option<Bits> {
        None
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        Monetization::ALL
            .into_iter()
            .map(|m| option(m.as_str(), filter.types.contains(&m), filter.toggle_type(m)))
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Where)
    }
}

struct ListFacet;
impl FilterFacet for ListFacet {
    fn key(&self) -> FacetKey {
        FacetKey::List
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.list = List::parse(value.trim());
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        filter.list.map(|l| l.as_str().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        filter.list.take().is_some()
    }
}

impl Facet for ListFacet {
    fn restrict(&self, _cx: &Cx, _filter: &Filter) -> Option<Bits> {
        None
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        List::ALL
            .into_iter()
            .map(|l| {
                let selected = filter.list == Some(l);
                option(l.as_str(), selected, Filter { list: (!selected).then_some(l), ..filter.clone() })
            })
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Where)
    }
}

// ---------------------------------------------------------------------------------------
// What: search words and the film's own facts.

struct Text;
impl FilterFacet for Text {
    fn key(&self) -> FacetKey {
        FacetKey::Text
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        // Long enough for any title, short enough that a hostile link cannot make every
        // keystroke slow.
        filter.text = value.chars().take(200).collect();
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        (!filter.text.trim().is_empty()).then(|| filter.text.clone())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.text).trim().is_empty()
    }
}

impl Facet for Text {
    fn restrict(&self, cx: &Cx, _filter: &Filter) -> Option<Bits> {
        cx.search_hits()
    }
}

struct KindFacet;
impl FilterFacet for KindFacet {
    fn key(&self) -> FacetKey {
        FacetKey::Kind
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.kinds = read_set(value, Kind::parse);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.kinds, |k| k.as_str().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.kinds).is_empty()
    }
}

impl Facet for KindFacet {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        any_of(cx, filter.kinds.iter().map(|&k| cx.kind(k)))
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        Kind::ALL
            .into_iter()
            .map(|k| {
                let next = Filter { kinds: toggled(&filter.kinds, k), ..filter.clone() };
                option(k.as_str(), filter.kinds.contains(&k), next)
            })
            .collect()
    }
}

struct Genres;
impl FilterFacet for Genres {
    fn key(&self) -> FacetKey {
        FacetKey::Genres
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.genres = read_set(value, Genre::parse);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.genres, |g| g.slug().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.genres).is_empty()
    }
}

impl Facet for Genres {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        any_of(cx, filter.genres.iter().map(|&g| cx.genre(g)))
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        Genre::ALL
            .into_iter()
            .map(|g| {
                let mut next = Filter { genres: toggled(&filter.genres, g), ..filter.clone() };
                next.without_genres.remove(&g);
                option(g.slug(), filter.genres.contains(&g), next)
            })
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Genres)
    }
}

struct WithoutGenres;
impl FilterFacet for WithoutGenres {
    fn key(&self) -> FacetKey {
        FacetKey::WithoutGenres
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.without_genres = read_set(value, Genre::parse);
        let without = filter.without_genres.clone();
        filter.genres.retain(|g| !without.contains(g));
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.without_genres, |g| g.slug().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.without_genres).is_empty()
    }
}

impl Facet for WithoutGenres {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        let without = any_of(cx, filter.without_genres.iter().map(|&g| cx.genre(g)))?;
        let mut set = Bits::full(cx.films());
        set.remove_all(&without);
        Some(set)
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        Genre::ALL
            .into_iter()
            .map(|g| {
                let mut next = Filter { without_genres: toggled(&filter.without_genres, g), ..filter.clone() };
                next.genres.remove(&g);
                option(g.slug(), filter.without_genres.contains(&g), next)
            })
            .collect()
    }
    fn group(&self) -> Option<Group> {
        Some(Group::Genres)
    }
}

struct Years;
impl FilterFacet for Years {
    fn key(&self) -> FacetKey {
        FacetKey::Years
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.years = read_span(value, 1870, 2100);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_span(filter.years)
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.years).is_open()
    }
}

impl Facet for Years {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        (!filter.years.is_open()).then(|| cx.year_in(filter.years))
    }
}

struct Runtime;
impl FilterFacet for Runtime {
    fn key(&self) -> FacetKey {
        FacetKey::Runtime
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.runtime = read_span(value, 1, 1000);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_span(filter.runtime)
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.runtime).is_open()
    }
}

impl Facet for Runtime {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        (!filter.runtime.is_open()).then(|| cx.runtime_in(filter.runtime))
    }
}

struct Rating;
impl FilterFacet for Rating {
    fn key(&self) -> FacetKey {
        FacetKey::Rating
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.min_rating = value.trim().parse().ok().filter(|p| RATING_STEPS.contains(p));
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        filter.min_rating.map(|p| p.to_string())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        filter.min_rating.take().is_some()
    }
}

impl Facet for Rating {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        filter.min_rating.and_then(|p| cx.rating_at_least(p)).cloned()
    }
    fn options(&self, _cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        RATING_STEPS
            .into_iter()
            .map(|p| {
                let selected = filter.min_rating == Some(p);
                option(&p.to_string(), selected, Filter { min_rating: (!selected).then_some(p), ..filter.clone() })
            })
            .collect()
    }
}

struct Age;
impl FilterFacet for Age {
    fn key(&self) -> FacetKey {
        FacetKey::Age
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.ages = read_set(value, |a| (a.len() <= 16).then(|| a.to_owned()));
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.ages, String::clone)
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.ages).is_empty()
    }
}

impl Facet for Age {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        if filter.ages.is_empty() {
            return None;
        }
        // An age rating the region does not have matches nothing.
        let chosen = cx.ages(filter.region).filter(|(a, _)| filter.ages.iter().any(|c| c == a)).map(|(_, s)| s);
        Some(any_of(cx, chosen).unwrap_or_else(|| Bits::empty(cx.films())))
    }
    fn options(&self, cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        cx.ages(filter.region)
            .map(|(age, _)| {
                let age = age.to_owned();
                let next = Filter { ages: toggled(&filter.ages, age.clone()), ..filter.clone() };
                option(&age, filter.ages.contains(&age), next)
            })
            .collect()
    }
}

/// How many original languages the panel offers (the most common ones, and any chosen).
pub const LANGUAGE_OPTIONS: usize = 12;

struct Language;
impl FilterFacet for Language {
    fn key(&self) -> FacetKey {
        FacetKey::Language
    }
    fn read(&self, value: &str, filter: &mut Filter) {
        filter.languages = read_set(value, LangCode::parse);
    }
    fn write(&self, filter: &Filter) -> Option<String> {
        write_set(&filter.languages, |l| l.as_str().to_owned())
    }
    fn widen(&self, filter: &mut Filter) -> bool {
        !std::mem::take(&mut filter.languages).is_empty()
    }
}

impl Facet for Language {
    fn restrict(&self, cx: &Cx, filter: &Filter) -> Option<Bits> {
        if filter.languages.is_empty() {
            return None;
        }
        let chosen = cx.languages().filter(|(l, _)| filter.languages.contains(l)).map(|(_, s)| s);
        Some(any_of(cx, chosen).unwrap_or_else(|| Bits::empty(cx.films())))
    }
    fn options(&self, cx: &Cx, filter: &Filter) -> Vec<FacetOption> {
        cx.languages()
            .enumerate()
            .filter(|(at, (l, _))| *at < LANGUAGE_OPTIONS || filter.languages.contains(l))
            .map(|(_, (l, _))| {
                let next = Filter { languages: toggled(&filter.languages, l), ..filter.clone() };
                option(l.as_str(), filter.languages.contains(&l), next)
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// Shared by the facets above.

fn option(value: &str, selected: bool, next: Filter) -> FacetOption {
    FacetOption { value: value.to_owned(), selected, next, count: 0 }
}

/// The films in any of `sets`; `None` when there are none (the facet is not set).
fn any_of<'a>(cx: &Cx, sets: impl Iterator<Item = &'a Bits>) -> Option<Bits> {
    let mut union: Option<Bits> = None;
    for set in sets {
        union.get_or_insert_with(|| Bits::empty(cx.films())).or_with(set);
    }
    union
}

fn toggled<T: Ord + Clone>(set: &SortedSet<T>, value: T) -> SortedSet<T> {
    let mut next = set.clone();
    if !next.remove(&value) {
        next.insert(value);
    }
    next
}

/// The comma-separated items of a URL value, trimmed, empty ones dropped.
pub fn items(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) fn read_set<T: Ord>(value: &str, parse: impl Fn(&str) -> Option<T>) -> SortedSet<T> {
    items(value).take(MAX_VALUES).filter_map(parse).collect()
}

/// Items joined by commas; `None` for an empty set. Values need no escaping here: the
/// URL codec escapes what is not URL-safe.
pub(crate) fn write_set<T: Ord>(set: &SortedSet<T>, show: impl Fn(&T) -> String) -> Option<String> {
    (!set.is_empty()).then(|| set.iter().map(show).collect::<Vec<_>>().join(","))
}

/// `1990-1999`, `1990-` or `-1999`; bounds outside `min..=max` are dropped, reversed
/// bounds are swapped.
fn read_span(value: &str, min: u16, max: u16) -> Span {
    let Some((from, to)) = value.trim().split_once('-') else {
        // One number: exactly that.
        let v = value.trim().parse().ok().filter(|v| (min..=max).contains(v));
        return Span { from: v, to: v };
    };
    let bound = |s: &str| s.trim().parse::<u16>().ok().filter(|v| (min..=max).contains(v));
    match (bound(from), bound(to)) {
        (Some(f), Some(t)) if f > t => Span { from: Some(t), to: Some(f) },
        (from, to) => Span { from, to },
    }
}

fn write_span(span: Span) -> Option<String> {
    let part = |v: Option<u16>| v.map_or(String::new(), |v| v.to_string());
    (!span.is_open()).then(|| format!("{}-{}", part(span.from), part(span.to)))
}
