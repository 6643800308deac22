//! What a walk over TMDB gathers on its way to a catalog: the titles its lists named, and
//! the providers its films' offers name. Shared by both walks, the importer's
//! (`flimmer-tmdb`, many regions, cached) and the app's live source ([`crate::live`], one
//! region, in the browser), so a catalog from either orders titles and providers alike.

use std::collections::BTreeMap;

use catalog::{Filter, Kind, Monetization, Provider, ProviderId, ProviderKind, RegionCode};

use crate::{Page, WatchProvider};

/// What a walk's lists ask for in `region`: titles on any of `services`, every way to
/// watch (TMDB's discover, most popular first).
pub fn lists_filter(region: RegionCode, services: impl IntoIterator<Item = ProviderId>) -> Filter {
    let mut filter = Filter::new(region);
    filter.services = services.into_iter().collect();
    filter.types = Monetization::ALL.into_iter().collect();
    filter
}

/// A title a list named, with the highest popularity any list reported for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Title {
    pub kind: Kind,
    pub tmdb_id: u32,
    pub popularity: f64,
}

/// The titles of every list read so far, each once.
#[derive(Debug, Default)]
pub struct Titles {
    found: Vec<Title>,
    at: BTreeMap<(Kind, u32), usize>,
}

impl Titles {
    /// Adds a list page's titles of `kind`; returns how many entries had a usable id
    /// (those already named count too: a list's length is what it listed).
    pub fn add_page(&mut self, kind: Kind, page: &Page) -> usize {
        let mut listed = 0;
        for entry in &page.results {
            let Some(tmdb_id) = u32::try_from(entry.id).ok().filter(|&id| id > 0) else { continue };
            listed += 1;
            let popularity = if entry.popularity.is_finite() { entry.popularity } else { 0.0 };
            match self.at.get(&(kind, tmdb_id)) {
                Some(&i) => self.found[i].popularity = self.found[i].popularity.max(popularity),
                None => {
                    self.at.insert((kind, tmdb_id), self.found.len());
                    self.found.push(Title { kind, tmdb_id, popularity });
                }
            }
        }
        listed
    }

    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Most popular first; equal popularity keeps the order the lists named them in.
    pub fn by_popularity(mut self) -> Vec<Title> {
        self.found.sort_by(|a, b| b.popularity.total_cmp(&a.popularity));
        self.found
    }
}

/// The providers the films' offers name, merged over all films.
#[derive(Debug, Default)]
pub struct Providers {
    seen: BTreeMap<ProviderId, (Provider, u32)>,
}

impl Providers {
    /// Adds a film's provider: the lowest display priority wins, and an unknown provider's
    /// kind is the most a film showed of it (any flatrate makes a subscription, else free
    /// or with ads a free service, else a store), as `tmdb::map` decides per film.
    pub fn add(&mut self, p: WatchProvider) {
        let rank = |k: ProviderKind| match k {
            ProviderKind::Subscription => 2,
            ProviderKind::Free => 1,
            ProviderKind::Store => 0,
        };
        match self.seen.get_mut(&p.provider.id) {
            Some((known, priority)) => {
                *priority = (*priority).min(p.display_priority);
                if rank(p.provider.kind) > rank(known.kind) {
                    known.kind = p.provider.kind;
                }
            }
            None => {
                self.seen.insert(p.provider.id.clone(), (p.provider, p.display_priority));
            }
        }
    }

    /// Adds a provider a list names, not a film: its kind stays what films showed, if any
    /// did (a list does not say how a service offers its titles).
    pub fn list(&mut self, p: WatchProvider) {
        match self.seen.get_mut(&p.provider.id) {
            Some((_, priority)) => *priority = (*priority).min(p.display_priority),
            None => {
                self.seen.insert(p.provider.id.clone(), (p.provider, p.display_priority));
            }
        }
    }

    /// The `requested` services first, in the order given, then the others by TMDB's
    /// display priority and name.
    pub fn in_order(self, requested: &[ProviderId]) -> Vec<Provider> {
        let mut all: Vec<(Provider, u32)> = self.seen.into_values().collect();
        let place = |p: &Provider| requested.iter().position(|r| *r == p.id).unwrap_or(requested.len());
        all.sort_by(|(a, ap), (b, bp)| (place(a), ap, &a.name).cmp(&(place(b), bp, &b.name)));
        all.into_iter().map(|(p, _)| p).collect()
    }
}
