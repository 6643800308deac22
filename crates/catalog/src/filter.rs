//! What the reader asks for: where to stream (a region, services to include and exclude,
//! ways to watch, a list), what (search words, kind, genres, years, runtime, rating, age
//! rating, language) and in which order. The index answers it (`index`), each facet of
//! it is defined once (`facet`), and the URL is its home (`query`).

use crate::facet::FacetKey;
use crate::model::{Catalog, Date, Film, Genre, Kind, LangCode, Monetization, Offer, Provider, ProviderId, RegionCode};
use crate::small::SortedSet;

/// What the reader wants to see. Plain data: the URL is its home (see `query`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub region: RegionCode,
    /// The services the reader has; empty means every service.
    pub services: SortedSet<ProviderId>,
    /// Services whose films to hide ("not on Netflix").
    pub exclude: SortedSet<ProviderId>,
    /// The ways to watch the reader accepts; empty matches nothing.
    pub types: SortedSet<Monetization>,
    /// Only what is new, or leaving soon, on those services.
    pub list: Option<List>,
    /// Search words as typed; empty means no search.
    pub text: String,
    /// Movies, shows, or (empty) both.
    pub kinds: SortedSet<Kind>,
    /// Films of any of these genres (empty: every genre).
    pub genres: SortedSet<Genre>,
    /// Films of none of these genres.
    pub without_genres: SortedSet<Genre>,
    pub years: Span,
    /// Runtime in minutes.
    pub runtime: Span,
    /// Audience rating of at least this many points of 10.
    pub min_rating: Option<u8>,
    /// Age ratings of the region (FSK 12, PG-13, …) to show; empty: any.
    pub ages: SortedSet<String>,
    /// Original languages to show; empty: any.
    pub languages: SortedSet<LangCode>,
    /// `None`: relevance while searching, else popularity.
    pub sort: Option<Sort>,
}

/// The two lists of what changes on a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum List {
    /// Offers that started in the 30 days up to the catalog's `as_of`.
    New,
    /// Offers that end in the 30 days from the catalog's `as_of`.
    Leaving,
}

impl List {
    pub const ALL: [List; 2] = [List::New, List::Leaving];
    /// How many days "new" and "leaving soon" reach.
    pub const DAYS: u32 = 30;

    pub fn as_str(self) -> &'static str {
        match self {
            List::New => "new",
            List::Leaving => "leaving",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Whether `offer` belongs on this list of a catalog dated `as_of`.
    pub fn has(self, offer: &Offer, as_of: Date) -> bool {
        let day = as_of.day_number();
        match self {
            List::New => offer.available_from.is_some_and(|d| d <= as_of && day - d.day_number() <= Self::DAYS as i32),
            List::Leaving => {
                offer.available_until.is_some_and(|d| d >= as_of && d.day_number() - day <= Self::DAYS as i32)
            }
        }
    }
}

/// An inclusive range with open ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub from: Option<u16>,
    pub to: Option<u16>,
}

impl Span {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn contains(&self, v: u16) -> bool {
        self.from.is_none_or(|f| f <= v) && self.to.is_none_or(|t| v <= t)
    }
}

/// The orders a list can be shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (while searching).
    Relevance,
    /// Most votes first.
    Popularity,
    /// Highest rating first.
    Rating,
    /// Newest year first.
    Newest,
    /// Title A–Z in the page language, "Ä" with "A".
    Title,
    /// Most recently added offer first.
    Added,
    /// Soonest leaving offer first.
    Leaving,
}

impl Sort {
    pub const ALL: [Sort; 7] =
        [Sort::Relevance, Sort::Popularity, Sort::Rating, Sort::Newest, Sort::Title, Sort::Added, Sort::Leaving];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Popularity => "popular",
            Sort::Rating => "rating",
            Sort::Newest => "newest",
            Sort::Title => "title",
            Sort::Added => "added",
            Sort::Leaving => "leaving",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

impl Filter {
    /// The default view of a region: every service, flatrate only, nothing else narrowed.
    pub fn new(region: RegionCode) -> Self {
        Filter {
            region,
            services: SortedSet::new(),
            exclude: SortedSet::new(),
            types: Self::default_types(),
            list: None,
            text: String::new(),
            kinds: SortedSet::new(),
            genres: SortedSet::new(),
            without_genres: SortedSet::new(),
            years: Span::default(),
            runtime: Span::default(),
            min_rating: None,
            ages: SortedSet::new(),
            languages: SortedSet::new(),
            sort: None,
        }
    }

    /// The order the list is shown in: the chosen one, else relevance while searching,
    /// else popularity. Relevance without search words falls back to popularity.
    pub fn effective_sort(&self) -> Sort {
        let searching = self.text.chars().any(char::is_alphanumeric);
        match self.sort {
            Some(Sort::Relevance) | None if searching => Sort::Relevance,
            Some(Sort::Relevance) | None => Sort::Popularity,
            Some(sort) => sort,
        }
    }

    pub fn default_types() -> SortedSet<Monetization> {
        SortedSet::from([Monetization::Flatrate])
    }

    pub fn offer_matches(&self, offer: &Offer, today: Date) -> bool {
        self.accepts(offer, today) && (self.services.is_empty() || self.services.contains(&offer.provider))
    }

    /// Whether the offer is in the region, of an accepted way to watch and open on `today`,
    /// whichever service offers it.
    fn accepts(&self, offer: &Offer, today: Date) -> bool {
        offer.region == self.region && self.types.contains(&offer.monetization) && offer.is_available_on(today)
    }

    /// The film's offers that this filter lets through, in catalog order.
    pub fn matching_offers<'a>(&'a self, film: &'a Film, today: Date) -> impl Iterator<Item = &'a Offer> + 'a {
        film.offers.iter().filter(move |o| self.offer_matches(o, today))
    }

    /// Whether the film can be watched the way the filter asks: an offer it lets through,
    /// and no accepted offer from an excluded service. (The other facets are the index's.)
    pub fn matches(&self, film: &Film, today: Date) -> bool {
        let excluded = |o: &Offer| self.exclude.contains(&o.provider) && self.accepts(o, today);
        self.matching_offers(film, today).next().is_some() && !film.offers.iter().any(excluded)
    }

    pub fn with_region(&self, region: RegionCode) -> Filter {
        Filter { region, ..self.clone() }
    }

    /// Includes the service, or stops including it; an included service is never also excluded.
    pub fn toggle_service(&self, id: &ProviderId) -> Filter {
        let mut next = self.clone();
        if !next.services.remove(id) {
            next.services.insert(id.clone());
            next.exclude.remove(id);
        }
        next
    }

    /// Excludes the service, or stops excluding it; an excluded service is never also included.
    pub fn toggle_exclude(&self, id: &ProviderId) -> Filter {
        let mut next = self.clone();
        if !next.exclude.remove(id) {
            next.exclude.insert(id.clone());
            next.services.remove(id);
        }
        next
    }

    pub fn toggle_type(&self, m: Monetization) -> Filter {
        let mut next = self.clone();
        if !next.types.remove(&m) {
            next.types.insert(m);
        }
        next
    }

    /// Fits the filter to a catalog: a region the catalog has no offers in becomes
    /// `default_region` (or the catalog's first region), and services that are not the
    /// region's (`Catalog::serves`) are dropped. A URL can therefore never show a state the
    /// controls cannot.
    ///
    /// Runs on every URL change, so it asks only about the region and the services
    /// the filter names instead of listing every region and provider.
    pub fn fitted_to(mut self, catalog: &Catalog, default_region: RegionCode) -> Filter {
        if !catalog.has_offers(self.region, None) {
            self.region = if catalog.has_offers(default_region, None) {
                default_region
            } else {
                catalog.regions().first().copied().unwrap_or(default_region)
            };
        }
        let region = self.region;
        self.services.retain(|s| catalog.serves(region, s));
        self.exclude.retain(|s| catalog.serves(region, s));
        self
    }

    /// The same filter with every way to watch accepted.
    pub fn with_all_types(&self) -> Filter {
        Filter { types: Monetization::ALL.into_iter().collect(), ..self.clone() }
    }

    /// The same filter with every service accepted.
    pub fn with_all_services(&self) -> Filter {
        Filter { services: SortedSet::new(), ..self.clone() }
    }
}

/// Positions in `catalog.films` of the films the filter lets through, in catalog order
/// (most-voted first, then by title). Positions, not references, so a view can key and
/// hold them.
pub fn apply(catalog: &Catalog, filter: &Filter, today: Date) -> Vec<usize> {
    (0..catalog.films.len()).filter(|&i| filter.matches(&catalog.films[i], today)).collect()
}

/// When nothing matches: the one change that would show films, and how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loosen {
    /// No way to watch is selected.
    PickAType,
    /// Widening this facet (see `Facet::widen`) would show `count` films.
    Widen { facet: FacetKey, count: usize },
    /// Nothing in this region with these settings: try another region.
    OtherRegion,
}

impl Loosen {
    /// The filter the hint suggests, when one change would do.
    pub fn apply_to(self, filter: &Filter) -> Option<Filter> {
        match self {
            Loosen::PickAType => Some(Filter { types: Filter::default_types(), ..filter.clone() }),
            Loosen::Widen { facet, .. } => {
                let mut wider = filter.clone();
                crate::facet::facet(facet).widen(&mut wider).then_some(wider)
            }
            Loosen::OtherRegion => None,
        }
    }
}

/// The facets the empty state tries widening, in this order: the ways to watch and the
/// services first (what the reader is most likely to accept), the search words last
/// (what they most likely meant).
pub const LOOSEN_ORDER: [FacetKey; 13] = [
    FacetKey::Types,
    FacetKey::List,
    FacetKey::Services,
    FacetKey::Exclude,
    FacetKey::Kind,
    FacetKey::Genres,
    FacetKey::WithoutGenres,
    FacetKey::Rating,
    FacetKey::Years,
    FacetKey::Runtime,
    FacetKey::Age,
    FacetKey::Language,
    FacetKey::Text,
];

/// The first facet whose widening shows films (`index.count` answers each try).
pub fn loosen_hint(filter: &Filter, count: impl Fn(&Filter) -> usize) -> Loosen {
    if filter.types.is_empty() {
        return Loosen::PickAType;
    }
    LOOSEN_ORDER
        .into_iter()
        .find_map(|key| {
            let hint = Loosen::Widen { facet: key, count: 0 };
            let n = count(&hint.apply_to(filter)?);
            (n > 0).then_some(Loosen::Widen { facet: key, count: n })
        })
        .unwrap_or(Loosen::OtherRegion)
}

/// One offer as a card shows it: the offer and the provider behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub provider: Provider,
    pub offer: Offer,
}

/// The badges a card shows for `film` under `filter`, in the filter's type order
/// (flatrate first), then catalog provider order.
pub fn badges(catalog: &Catalog, film: &Film, filter: &Filter, today: Date) -> Vec<Badge> {
    // A card has a few offers: walking types × providers over them beats sorting them
    // (and keeps a sort out of the wasm shell). The filter is asked once per offer.
    let matching: Vec<&Offer> = filter.matching_offers(film, today).collect();
    let mut badges = Vec::with_capacity(matching.len());
    for &monetization in filter.types.iter() {
        for provider in &catalog.providers {
            badges.extend(
                matching
                    .iter()
                    .filter(|o| o.monetization == monetization && o.provider == provider.id)
                    .map(|&offer| Badge { provider: provider.clone(), offer: offer.clone() }),
            );
        }
    }
    badges
}

/// The film page's offers: those of `region` grouped by way to watch (flatrate first,
/// groups without offers left out), then every other region that has any, in region
/// order, with its offers in the same order. Whatever the list was filtered to.
pub struct OfferGroups {
    pub here: Vec<(Monetization, Vec<Badge>)>,
    pub elsewhere: Vec<(RegionCode, Vec<Badge>)>,
}

pub fn offer_groups(catalog: &Catalog, film: &Film, region: RegionCode, today: Date) -> OfferGroups {
    let every = |region: RegionCode| badges(catalog, film, &Filter::new(region).with_all_types(), today);
    let mut here: Vec<(Monetization, Vec<Badge>)> = Vec::new();
    for badge in every(region) {
        match here.last_mut() {
            Some((m, group)) if *m == badge.offer.monetization => group.push(badge),
            _ => here.push((badge.offer.monetization, vec![badge])),
        }
    }
    let elsewhere = catalog
        .regions()
        .iter()
        .filter(|&&r| r != region)
        .map(|&r| (r, every(r)))
        .filter(|(_, badges)| !badges.is_empty())
        .collect();
    OfferGroups { here, elsewhere }
}
