//! The index: built once per catalog load, it answers a `Filter` with the ordered films
//! and, in the same pass, how many films every option of every facet would show.
//!
//! Each facet turns into a set of films (`Bits`) from sets prepared here: per region the
//! films of each (service, way to watch), of its "new" and "leaving" lists and of each
//! age rating; per genre, kind, language and rating threshold. A query ANDs the facets'
//! sets; an option's count ANDs the sets of every *other* facet with the set that option
//! would give. Orders are sorted once here, so a query walks one and keeps its films.

use serde::{Deserialize, Serialize};

use crate::bits::Bits;
use crate::facet::{FacetKey, FacetOption, Group, FACETS};
use crate::filter::{Filter, List, Sort};
use crate::fold;
use crate::model::{Catalog, Date, Film, Genre, Kind, LangCode, Monetization, ProviderId, RegionCode};
use crate::search::{Hit, SearchIndex};
use crate::small::reordered;

/// Rating thresholds the rating facet offers (points of 10).
pub const RATING_STEPS: [u8; 4] = [5, 6, 7, 8];

#[derive(Serialize, Deserialize)]
pub struct Index {
    films: usize,
    providers: Vec<ProviderId>,
    regions: Vec<RegionIndex>,
    genres: Vec<Bits>,
    kinds: Vec<Bits>,
    /// Original languages, most films first.
    languages: Vec<(LangCode, Bits)>,
    ratings: Vec<Bits>,
    years: Vec<u16>,
    /// Minutes; 0 when unknown.
    runtimes: Vec<u16>,
    search: SearchIndex,
    by_rating: Vec<u32>,
    by_year: Vec<u32>,
    /// Per page language, films by folded title.
    by_title: Vec<(LangCode, Vec<u32>)>,
}

/// The films with an offer of one service and one way to watch.
#[derive(Serialize, Deserialize)]
struct OfferSet {
    provider: u16,
    monetization: Monetization,
    films: Bits,
}

#[derive(Serialize, Deserialize)]
struct RegionIndex {
    region: RegionCode,
    /// Offers open on the day the index was built.
    offers: Vec<OfferSet>,
    new: Vec<OfferSet>,
    leaving: Vec<OfferSet>,
    /// Age ratings in the region, in display order.
    ages: Vec<(String, Bits)>,
    /// Per film, the newest start and the soonest end of its offers here (sorts "added", "leaving").
    added: Vec<Option<Date>>,
    until: Vec<Option<Date>>,
}

/// What a query shows: the films in order and the options of every facet with their counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// Positions in `catalog.films`, in the order to show.
    pub films: Vec<u32>,
    pub facets: Vec<(FacetKey, Vec<FacetOption>)>,
}

impl Results {
    pub fn options(&self, key: FacetKey) -> &[FacetOption] {
        self.facets.iter().find(|(k, _)| *k == key).map_or(&[], |(_, o)| o.as_slice())
    }
}

impl Index {
    /// Whether this index can answer queries about `catalog` without reading past its
    /// films: every set, order and position is about exactly its films. An index built
    /// by `build` always fits; one read from bytes (the catalog worker's, see
    /// `crate::pack`) is checked, so a garbled one is an error and never a panic.
    pub fn fits(&self, catalog: &Catalog) -> bool {
        let n = self.films;
        let order = |o: &Vec<u32>| o.len() == n && o.iter().all(|&f| (f as usize) < n);
        let sets = |s: &[OfferSet]| s.iter().all(|o| o.films.is_of(n) && (o.provider as usize) < self.providers.len());
        n == catalog.films.len()
            && [&self.genres, &self.kinds, &self.ratings].iter().all(|v| v.iter().all(|b| b.is_of(n)))
            && self.languages.iter().all(|(_, b)| b.is_of(n))
            && self.years.len() == n
            && self.runtimes.len() == n
            && self.search.fits(n)
            && order(&self.by_rating)
            && order(&self.by_year)
            && self.by_title.iter().all(|(_, o)| order(o))
            && self.regions.iter().all(|r| {
                sets(&r.offers)
                    && sets(&r.new)
                    && sets(&r.leaving)
                    && r.ages.iter().all(|(_, b)| b.is_of(n))
                    // Empty where no offer in the region has a date (read with `get`).
                    && [&r.added, &r.until].iter().all(|d| d.is_empty() || d.len() == n)
            })
    }

    /// Indexes `catalog` for offers open on `today`.
    pub fn build(catalog: &Catalog, today: Date) -> Index {
        // Each step over every film is a function of its own, called through a pointer no
        // optimizer sees through: inlined into one, they made a 10 KB wasm function that
        // WebKit's baseline wasm compiler runs wrong about one page load in 300 (README,
        // "WebKit"). A no-op natively.
        let regions: fn(&Catalog, Date, &[ProviderId]) -> Vec<RegionIndex> = std::hint::black_box(region_indexes);
        let sets: fn(&[Film]) -> FilmSets = std::hint::black_box(film_sets);
        let orders: fn(&[Film], &[u32]) -> Orders = std::hint::black_box(orders);
        let search: fn(&[Film]) -> SearchIndex = std::hint::black_box(SearchIndex::build);

        let films = &catalog.films;
        let providers: Vec<ProviderId> = catalog.providers.iter().map(|p| p.id.clone()).collect();
        let regions = regions(catalog, today, &providers);
        let FilmSets { genres, kinds, languages, ratings, tenths } = sets(films);
        let Orders { by_rating, by_year, by_title } = orders(films, &tenths);
        Index {
            films: films.len(),
            providers,
            regions,
            genres,
            kinds,
            languages,
            ratings,
            years: films.iter().map(|f| f.year).collect(),
            runtimes: films.iter().map(|f| f.runtime.unwrap_or(0)).collect(),
            search: search(films),
            by_rating,
            by_year,
            by_title,
        }
    }

    pub fn films(&self) -> usize {
        self.films
    }

    /// Distinct words the search knows.
    pub fn words(&self) -> usize {
        self.search.words()
    }

    /// Runs `filter`: the films in the order to show (titles sorted for `lang`) and every
    /// facet's options with the number of films each would show.
    pub fn run(&self, filter: &Filter, lang: LangCode) -> Results {
        let hits = self.search.search(&filter.text);
        let cx = Cx { index: self, hits: hits.as_deref() };
        let sets = self.narrowing(&cx, filter);
        let mut result = Bits::full(self.films);
        sets.iter().for_each(|(_, set)| result.and_with(set));

        let mut facets = Vec::new();
        for (f, facet) in FACETS.iter().enumerate() {
            let mut options = facet.options(&cx, filter);
            if options.is_empty() {
                continue;
            }
            // Every other facet's films: an option counts what its facet would let
            // through among them.
            let mut others = Bits::full(self.films);
            sets.iter().filter(|(s, _)| *s != slot(f)).for_each(|(_, set)| others.and_with(set));
            for option in &mut options {
                option.count = match slot_set(&cx, slot(f), &option.next) {
                    Some(set) => others.count_and(&set),
                    None => others.count(),
                };
            }
            facets.push((facet.key(), options));
        }
        Results { films: self.ordered(&result, filter, lang, hits.as_deref()), facets }
    }

    /// How many films `filter` shows, without counts or order.
    pub fn count(&self, filter: &Filter) -> usize {
        let hits = self.search.search(&filter.text);
        let cx = Cx { index: self, hits: hits.as_deref() };
        let mut result = Bits::full(self.films);
        self.narrowing(&cx, filter).iter().for_each(|(_, set)| result.and_with(set));
        result.count()
    }

    /// The sets of the facets that narrow the list, one per slot (see `slot`).
    fn narrowing(&self, cx: &Cx, filter: &Filter) -> Vec<(usize, Bits)> {
        let mut slots: Vec<usize> = (0..FACETS.len()).map(slot).collect();
        slots.dedup();
        slots.into_iter().filter_map(|s| slot_set(cx, s, filter).map(|set| (s, set))).collect()
    }

    fn ordered(&self, result: &Bits, filter: &Filter, lang: LangCode, hits: Option<&[Hit]>) -> Vec<u32> {
        let walk = |order: &[u32]| order.iter().copied().filter(|&i| result.contains(i as usize)).collect();
        match filter.effective_sort() {
            Sort::Relevance => {
                let found: Vec<Hit> =
                    hits.unwrap_or(&[]).iter().copied().filter(|h| result.contains(h.film as usize)).collect();
                crate::search::ranked(&found)
            }
            Sort::Popularity => result.iter().map(|i| i as u32).collect(),
            Sort::Rating => walk(&self.by_rating),
            Sort::Newest => walk(&self.by_year),
            Sort::Title => {
                let order = self.by_title.iter().find(|(l, _)| *l == lang).unwrap_or(&self.by_title[0]);
                walk(&order.1)
            }
            Sort::Added | Sort::Leaving => {
                let Some(region) = self.region(filter.region) else { return walk(&[]) };
                let (dates, newest_first) =
                    if filter.effective_sort() == Sort::Added { (&region.added, true) } else { (&region.until, false) };
                // Films with a date first (newest start or soonest end), then the rest.
                // Days since 1970 fit in 31 bits; films without a date go last.
                let key = |i: usize| match dates.get(i).copied().flatten() {
                    Some(d) if newest_first => (i32::MAX - d.day_number()) as u64,
                    Some(d) => (d.day_number() + (1 << 30)) as u64,
                    None => u64::from(u32::MAX),
                };
                let films: Vec<u32> = result.iter().map(|i| i as u32).collect();
                let order = sorted_by_key(films.len(), |i| key(films[i] as usize));
                order.into_iter().map(|i| films[i as usize]).collect()
            }
        }
    }

    fn region(&self, code: RegionCode) -> Option<&RegionIndex> {
        self.regions.iter().find(|r| r.region == code)
    }
}

/// Facets counted together share a slot: a group's slot is its number, a facet on its
/// own has one past the groups. (Members of a group stand next to each other in `FACETS`.)
fn slot(f: usize) -> usize {
    FACETS[f].group().map_or(f + 2, |g| g as usize)
}

/// The films a slot lets through under `filter` (`None`: all of them).
fn slot_set(cx: &Cx, slot: usize, filter: &Filter) -> Option<Bits> {
    if slot == Group::Where as usize {
        return Some(cx.where_to_watch(filter));
    }
    let mut set: Option<Bits> = None;
    for f in (0..FACETS.len()).filter(|&f| self::slot(f) == slot) {
        if let Some(s) = FACETS[f].restrict(cx, filter) {
            match &mut set {
                Some(set) => set.and_with(&s),
                None => set = Some(s),
            }
        }
    }
    set
}

/// What facets read while a query runs: the index and the search hits of the query.
pub struct Cx<'a> {
    pub index: &'a Index,
    pub hits: Option<&'a [Hit]>,
}

impl Cx<'_> {
    pub fn films(&self) -> usize {
        self.index.films
    }

    /// Films that can be watched the way `filter` asks (region, services, exclusions,
    /// ways to watch, list): one OR per (service, way) set and one AND NOT.
    pub fn where_to_watch(&self, filter: &Filter) -> Bits {
        let index = self.index;
        let mut set = Bits::empty(index.films);
        let Some(region) = index.region(filter.region) else { return set };
        let accepted = |s: &&OfferSet| filter.types.contains(&s.monetization);
        let source = match filter.list {
            None => &region.offers,
            Some(List::New) => &region.new,
            Some(List::Leaving) => &region.leaving,
        };
        let included = |s: &&OfferSet| {
            filter.services.is_empty() || filter.services.contains(&index.providers[s.provider as usize])
        };
        for s in source.iter().filter(accepted).filter(included) {
            set.or_with(&s.films);
        }
        for s in region.offers.iter().filter(accepted) {
            if filter.exclude.contains(&index.providers[s.provider as usize]) {
                set.remove_all(&s.films);
            }
        }
        set
    }

    /// The services with any offer in the region, in catalog order.
    pub fn services_in(&self, region: RegionCode) -> Vec<&ProviderId> {
        let Some(r) = self.index.region(region) else { return Vec::new() };
        let providers = &self.index.providers;
        (0..providers.len())
            .filter(|&p| r.offers.iter().any(|s| s.provider as usize == p))
            .map(|p| &providers[p])
            .collect()
    }

    pub fn search_hits(&self) -> Option<Bits> {
        self.hits.map(|hits| {
            let mut set = Bits::empty(self.index.films);
            hits.iter().for_each(|h| set.insert(h.film as usize));
            set
        })
    }

    pub fn genre(&self, g: Genre) -> &Bits {
        &self.index.genres[g as usize]
    }

    pub fn kind(&self, k: Kind) -> &Bits {
        &self.index.kinds[Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)]
    }

    /// Original languages, most films first.
    pub fn languages(&self) -> impl Iterator<Item = (LangCode, &Bits)> {
        self.index.languages.iter().map(|(l, s)| (*l, s))
    }

    pub fn rating_at_least(&self, points: u8) -> Option<&Bits> {
        RATING_STEPS.iter().position(|&s| s == points).map(|at| &self.index.ratings[at])
    }

    /// Age ratings of the region in display order.
    pub fn ages(&self, region: RegionCode) -> impl Iterator<Item = (&str, &Bits)> {
        self.index.region(region).into_iter().flat_map(|r| r.ages.iter().map(|(a, s)| (a.as_str(), s)))
    }

    pub fn year_in(&self, span: crate::filter::Span) -> Bits {
        Bits::from_fn(self.index.films, |i| span.contains(self.index.years[i]))
    }

    /// Films of a known runtime within `span`.
    pub fn runtime_in(&self, span: crate::filter::Span) -> Bits {
        Bits::from_fn(self.index.films, |i| self.index.runtimes[i] > 0 && span.contains(self.index.runtimes[i]))
    }
}

/// Per region: the films of each (service, way to watch), of the "new" and "leaving"
/// lists and of each age rating, and the dates offers open and close.
#[inline(never)]
fn region_indexes(catalog: &Catalog, today: Date, providers: &[ProviderId]) -> Vec<RegionIndex> {
    let films = &catalog.films;
    let n = films.len();
    let provider_at = |id: &ProviderId| providers.iter().position(|p| p == id).unwrap_or(0) as u16;

    let mut regions: Vec<RegionIndex> = catalog
        .regions()
        .iter()
        .map(|&region| RegionIndex {
            region,
            offers: Vec::new(),
            new: Vec::new(),
            leaving: Vec::new(),
            ages: Vec::new(),
            added: Vec::new(),
            until: Vec::new(),
        })
        .collect();
    for (i, film) in films.iter().enumerate() {
        for offer in &film.offers {
            let Some(r) = regions.iter_mut().find(|r| r.region == offer.region) else { continue };
            let provider = provider_at(&offer.provider);
            let add = |sets: &mut Vec<OfferSet>| {
                let at = match sets.iter().position(|s| s.provider == provider && s.monetization == offer.monetization)
                {
                    Some(at) => at,
                    None => {
                        sets.push(OfferSet { provider, monetization: offer.monetization, films: Bits::empty(n) });
                        sets.len() - 1
                    }
                };
                sets[at].films.insert(i);
            };
            if offer.is_available_on(today) {
                add(&mut r.offers);
            }
            if List::New.has(offer, catalog.as_of) {
                add(&mut r.new);
            }
            if List::Leaving.has(offer, catalog.as_of) {
                add(&mut r.leaving);
            }
            if let Some(from) = offer.available_from {
                note_date(&mut r.added, n, i, from, |new, old| new > old);
            }
            if let Some(until) = offer.available_until {
                note_date(&mut r.until, n, i, until, |new, old| new < old);
            }
        }
        for (region, age) in film.certification.iter() {
            let Some(r) = regions.iter_mut().find(|r| r.region == *region) else { continue };
            match r.ages.iter_mut().find(|(a, _)| a == age) {
                Some((_, set)) => set.insert(i),
                None => {
                    let mut set = Bits::empty(n);
                    set.insert(i);
                    r.ages.push((age.clone(), set));
                }
            }
        }
    }
    for r in &mut regions {
        let order = sorted_by_key(r.ages.len(), |i| age_order(&r.ages[i].0) as u64);
        r.ages = reordered(std::mem::take(&mut r.ages), &order);
    }

    regions
}

/// The sets of films per genre, kind, original language and rating step.
struct FilmSets {
    genres: Vec<Bits>,
    kinds: Vec<Bits>,
    languages: Vec<(LangCode, Bits)>,
    ratings: Vec<Bits>,
    /// Each film's rating in tenths (0: none), for the rating order.
    tenths: Vec<u32>,
}

#[inline(never)]
fn film_sets(films: &[Film]) -> FilmSets {
    let n = films.len();
    // One walk over the films, each set filled as a film is read: a walk per set read
    // every film 30 times, a cache miss each at 23 k titles.
    let mut genres: Vec<Bits> = Genre::ALL.iter().map(|_| Bits::empty(n)).collect();
    let mut kinds: Vec<Bits> = Kind::ALL.iter().map(|_| Bits::empty(n)).collect();
    let mut ratings: Vec<Bits> = RATING_STEPS.iter().map(|_| Bits::empty(n)).collect();
    let mut languages: Vec<(LangCode, Bits)> = Vec::new();
    let mut tenths: Vec<u32> = Vec::with_capacity(n);
    for (i, film) in films.iter().enumerate() {
        // Both enums list their values in declaration order (`ALL`).
        for &g in &film.genres {
            genres[g as usize].insert(i);
        }
        kinds[film.kind as usize].insert(i);
        let tenth = film.rating.map_or(0, |r| (r.value * 10.0 + 0.5) as u32);
        tenths.push(tenth);
        for (set, &step) in ratings.iter_mut().zip(RATING_STEPS.iter()) {
            if tenth >= step as u32 * 10 {
                set.insert(i);
            }
        }
        let Some(lang) = film.original_language else { continue };
        match languages.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, set)) => set.insert(i),
            None => {
                let mut set = Bits::empty(n);
                set.insert(i);
                languages.push((lang, set));
            }
        }
    }
    let order = sorted_by_key(languages.len(), |i| (u32::MAX - languages[i].1.count() as u32) as u64);
    languages = reordered(languages, &order);
    FilmSets { genres, kinds, languages, ratings, tenths }
}

struct Orders {
    by_rating: Vec<u32>,
    by_year: Vec<u32>,
    by_title: Vec<(LangCode, Vec<u32>)>,
}

#[inline(never)]
fn orders(films: &[Film], tenths: &[u32]) -> Orders {
    let n = films.len();
    // Orders: ties keep the catalog order (most votes first), so every sort is stable.
    let by_rating = sorted_by_key(n, |i| (1000 - tenths[i]) as u64);
    let by_year = sorted_by_key(n, |i| (u16::MAX - films[i].year) as u64);
    // Titles A–Z per page language. Most films have one title for both (a catalog without
    // German titles: all of them), so the order is sorted again only where a title differs.
    // The folded keys lie end to end in one string (`Texts`).
    let (de, en) = (LangCode::DE, LangCode::EN);
    let title_order = |lang: LangCode| {
        let (mut text, mut buffer) = (String::with_capacity(n * 16), String::new());
        let ends: Vec<u32> = films
            .iter()
            .map(|f| {
                fold::push_key(f.title_in(lang), &mut text, &mut buffer);
                text.len() as u32
            })
            .collect();
        crate::search::sorted_texts(&crate::search::Texts { text: &text, ends: &ends })
    };
    let de_order = title_order(de);
    let en_order =
        if films.iter().all(|f| f.title_in(de) == f.title_in(en)) { de_order.clone() } else { title_order(en) };
    Orders { by_rating, by_year, by_title: vec![(de, de_order), (en, en_order)] }
}

/// Positions `0..n` ordered by `key`, ties by position, through the crate's one sort
/// (`small::sorted_positions`).
pub(crate) fn sorted_by_key(n: usize, key: impl Fn(usize) -> u64) -> Vec<u32> {
    let keys: Vec<u64> = (0..n).map(key).collect();
    crate::small::sorted_positions(n, &|a, b| keys[a].cmp(&keys[b]))
}

fn note_date(dates: &mut Vec<Option<Date>>, n: usize, i: usize, date: Date, better: fn(Date, Date) -> bool) {
    if dates.is_empty() {
        dates.resize(n, None);
    }
    if dates[i].is_none_or(|old| better(date, old)) {
        dates[i] = Some(date);
    }
}

/// Age ratings in ascending order of age where they are numbers (FSK 0, 6, 12, 16, 18),
/// otherwise in the order of the usual systems (U, PG, 12A, …; G, PG, PG-13, R, NC-17).
fn age_order(age: &str) -> u32 {
    if let Ok(years) = age.trim_end_matches('+').parse::<u32>() {
        return years;
    }
    const LADDER: [&str; 15] =
        ["U", "G", "TV-Y", "TV-Y7", "TV-G", "PG", "TV-PG", "12A", "PG-13", "TV-14", "15", "R", "TV-MA", "NC-17", "R18"];
    LADDER.iter().position(|a| *a == age).map_or(1000, |p| p as u32 * 3 + 1)
}
