//! The "where to stream" filter: a region, a set of services and a set of ways to watch,
//! and the query that applies it to a catalog.

use crate::model::{Catalog, Date, Film, Monetization, Offer, Provider, ProviderId, RegionCode};
use crate::small::SortedSet;

/// What the reader wants to see. Plain data: the URL is its home (see `query`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub region: RegionCode,
    /// The services the reader has; empty means every service.
    pub services: SortedSet<ProviderId>,
    /// The ways to watch the reader accepts; empty matches nothing.
    pub types: SortedSet<Monetization>,
}

impl Filter {
    /// The default view of a region: every service, flatrate only.
    pub fn new(region: RegionCode) -> Self {
        Filter { region, services: SortedSet::new(), types: Self::default_types() }
    }

    pub fn default_types() -> SortedSet<Monetization> {
        SortedSet::from([Monetization::Flatrate])
    }

    pub fn offer_matches(&self, offer: &Offer, today: Date) -> bool {
        offer.region == self.region
            && self.types.contains(&offer.monetization)
            && (self.services.is_empty() || self.services.contains(&offer.provider))
            && offer.is_available_on(today)
    }

    /// The film's offers that this filter lets through, in catalog order.
    pub fn matching_offers<'a>(&'a self, film: &'a Film, today: Date) -> impl Iterator<Item = &'a Offer> + 'a {
        film.offers.iter().filter(move |o| self.offer_matches(o, today))
    }

    pub fn matches(&self, film: &Film, today: Date) -> bool {
        self.matching_offers(film, today).next().is_some()
    }

    pub fn with_region(&self, region: RegionCode) -> Filter {
        Filter { region, ..self.clone() }
    }

    pub fn toggle_service(&self, id: &ProviderId) -> Filter {
        let mut next = self.clone();
        if !next.services.remove(id) {
            next.services.insert(id.clone());
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
    /// `default_region` (or the catalog's first region), and services that offer
    /// nothing in the region are dropped. A URL can therefore never show a state the
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
        self.services.retain(|s| catalog.has_offers(region, Some(s)));
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
    /// Adding every way to watch (rent, buy, …) would show `count` films.
    AddTypes { count: usize },
    /// Every service instead of the chosen ones would show `count` films.
    AllServices { count: usize },
    /// Nothing in this region with these settings: try another region.
    OtherRegion,
}

impl Loosen {
    /// The filter the hint suggests, when one change would do.
    pub fn apply_to(self, filter: &Filter) -> Option<Filter> {
        match self {
            Loosen::PickAType => Some(Filter { types: Filter::default_types(), ..filter.clone() }),
            Loosen::AddTypes { .. } => Some(filter.with_all_types()),
            Loosen::AllServices { .. } => Some(filter.with_all_services()),
            Loosen::OtherRegion => None,
        }
    }
}

pub fn loosen_hint(catalog: &Catalog, filter: &Filter, today: Date) -> Loosen {
    if filter.types.is_empty() {
        return Loosen::PickAType;
    }
    let count = |f: &Filter| catalog.films.iter().filter(|film| f.matches(film, today)).count();
    let with_all_types = count(&filter.with_all_types());
    if with_all_types > 0 {
        return Loosen::AddTypes { count: with_all_types };
    }
    if !filter.services.is_empty() {
        let with_all_services = count(&filter.with_all_services());
        if with_all_services > 0 {
            return Loosen::AllServices { count: with_all_services };
        }
    }
    Loosen::OtherRegion
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
