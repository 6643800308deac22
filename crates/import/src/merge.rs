//! Rows of every service merged into films: one per title, year and kind, with an offer per service.

use std::collections::{BTreeMap, HashMap};

use catalog::{Date, Genre, Kind, RegionCode};

use crate::clean;
use crate::csv_row::Row;
use crate::services::Service;

/// The longest value a film id may have after `flimmer:` (see `catalog::FilmId`).
const MAX_ID_VALUE: usize = 64;

/// A film being put together from the rows that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Film {
    /// `flimmer:heat-1995`, given by `Films::finish`.
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub year: u16,
    pub runtime: Option<u16>,
    pub genres: Vec<Genre>,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub certification: BTreeMap<RegionCode, &'static str>,
    pub synopsis: Option<String>,
    pub offers: Vec<Offer>,
    /// `netflix-s123`: the id's value when the title has no Latin letters to make a slug of.
    fallback_id: String,
}

/// A flatrate offer on a service.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub service: &'static Service,
    pub region: RegionCode,
    pub available_from: Option<Date>,
}

/// What adding a row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    NewFilm,
    /// The title was known from another service (or region): one more offer.
    Merged,
    /// The same service and region listed the title already: nothing new.
    Duplicate,
}

/// Titles match on their match key (case, diacritics and punctuation ignored), year and kind.
type Key = (String, u16, Kind);

#[derive(Debug, Default)]
pub struct Films {
    /// The films of each key: more than one when the people say they are different films.
    index: HashMap<Key, Vec<usize>>,
    films: Vec<(Key, Film)>,
}

impl Films {
    pub fn add(&mut self, row: Row, service: &'static Service, region: RegionCode) -> Added {
        let key = (clean::match_key(&row.title), row.year, row.kind);
        let offer = Offer { service, region, available_from: row.date_added };
        let same =
            self.index.get(&key).and_then(|films| films.iter().copied().find(|&i| self.films[i].1.could_be(&row)));
        if let Some(i) = same {
            let film = &mut self.films[i].1;
            let known = film.offers.iter().any(|o| o.service.id == service.id && o.region == region);
            if !known {
                film.offers.push(offer);
            }
            film.fill_in(row, region);
            return if known { Added::Duplicate } else { Added::Merged };
        }
        let show_id = clean::slug(&row.show_id, 20);
        let mut film = Film {
            id: String::new(),
            kind: row.kind,
            title: String::new(),
            year: row.year,
            runtime: None,
            genres: Vec::new(),
            directors: Vec::new(),
            cast: Vec::new(),
            certification: BTreeMap::new(),
            synopsis: None,
            offers: vec![offer],
            fallback_id: format!("{}-{}", service.id, if show_id.is_empty() { "row" } else { &show_id }),
        };
        film.fill_in(row, region);
        self.index.entry(key.clone()).or_default().push(self.films.len());
        self.films.push((key, film));
        Added::NewFilm
    }

    /// The films in a fixed order (by match key, year, kind, then the order read) with
    /// their ids, so the same input gives the same file byte for byte.
    pub fn finish(self) -> Vec<Film> {
        let mut films = self.films;
        films.sort_by(|a, b| a.0.cmp(&b.0)); // stable: films of one key stay in the order read
        let mut taken = HashMap::with_capacity(films.len());
        films
            .into_iter()
            .map(|(_, mut film)| {
                film.id = film_id(&film, &mut taken);
                film
            })
            .collect()
    }
}

impl Film {
    /// The first service to name a value wins; later rows only fill in what is missing,
    /// and add the genres they know.
    fn fill_in(&mut self, row: Row, region: RegionCode) {
        if self.title.is_empty() {
            self.title = row.title;
        }
        self.runtime = self.runtime.or(row.runtime);
        for g in row.genres {
            if !self.genres.contains(&g) {
                self.genres.push(g);
            }
        }
        if self.directors.is_empty() {
            self.directors = row.directors;
        }
        if self.cast.is_empty() {
            self.cast = row.cast;
        }
        if let Some(c) = row.certification {
            self.certification.entry(region).or_insert(c);
        }
        if self.synopsis.is_none() {
            self.synopsis = row.description;
        }
    }

    /// Whether a row of the same title, year and kind is this film, as far as the people
    /// tell: the lists name two different "Verónica"s of 2017, with other directors and
    /// casts, and two 2019 shows "What If?" with other casts. Only a row whose directors
    /// and cast both differ (where both sides name them) is another film: services spell
    /// names differently ("Hoyt Yeatman" and "Hoyt Yeatman IV" directed one "G-Force").
    /// Names are compared by match key, so "Renée" on one service is "Renee" on another.
    fn could_be(&self, row: &Row) -> bool {
        // `None` when one side names nobody: no evidence either way.
        let share = |a: &[String], b: &[String]| {
            (!a.is_empty() && !b.is_empty()).then(|| {
                a.iter().any(|x| {
                    let x = clean::match_key(x);
                    b.iter().any(|y| clean::match_key(y) == x)
                })
            })
        };
        match (share(&self.directors, &row.directors), share(&self.cast, &row.cast)) {
            (Some(true), _) | (_, Some(true)) => true,
            (Some(false), _) | (_, Some(false)) => false,
            (None, None) => true,
        }
    }

    /// Whether services other than the first also offer the film.
    pub fn on_several_services(&self) -> bool {
        self.offers.iter().any(|o| o.service.id != self.offers[0].service.id)
    }
}

/// `flimmer:<slug>-<year>`, or `flimmer:<service>-<show_id>` for a title without Latin
/// letters. An id taken by a film gets `-show` for a show of the same name and year;
/// otherwise a taken id gets `-2`, `-3`, …. The slug is cut so that the whole value
/// stays within 64 characters.
fn film_id(film: &Film, taken: &mut HashMap<String, Kind>) -> String {
    let slug = clean::slug(&film.title, MAX_ID_VALUE);
    let (stem, year) = match slug.is_empty() {
        true => (film.fallback_id.as_str(), String::new()),
        false => (slug.as_str(), format!("-{}", film.year)),
    };
    let value = |suffix: &str| {
        let end = format!("{year}{suffix}");
        format!("{}{end}", clean::cut_slug(stem, MAX_ID_VALUE - end.len()))
    };
    let show_of_a_film = film.kind == Kind::Show && taken.get(&value("")) == Some(&Kind::Movie);
    let show = show_of_a_film.then(|| "-show".to_owned());
    let numbered = (2..).map(|n| format!("-{n}"));
    for suffix in std::iter::once(String::new()).chain(show).chain(numbered) {
        let candidate = value(&suffix);
        if !taken.contains_key(&candidate) {
            taken.insert(candidate.clone(), film.kind);
            return format!("flimmer:{candidate}");
        }
    }
    unreachable!("the numbered suffixes never run out")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::KNOWN;

    fn row(title: &str, year: u16, kind: Kind) -> Row {
        Row {
            show_id: "s1".into(),
            kind,
            title: title.into(),
            year,
            runtime: None,
            genres: Vec::new(),
            directors: Vec::new(),
            cast: Vec::new(),
            certification: None,
            date_added: None,
            description: None,
        }
    }

    fn ids(rows: Vec<Row>) -> Vec<String> {
        let mut films = Films::default();
        for r in rows {
            films.add(r, &KNOWN[0], RegionCode::US);
        }
        films.finish().into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn a_show_named_like_a_film_of_its_year_gets_its_own_id() {
        let got =
            ids(vec![row("Heat", 1995, Kind::Show), row("Heat", 1995, Kind::Movie), row("HEAT", 1995, Kind::Show)]);
        assert_eq!(got, ["flimmer:heat-1995", "flimmer:heat-1995-show"]);
    }

    #[test]
    fn same_title_and_year_with_other_directors_and_cast_stays_two_films() {
        let mut plaza = row("Veronica", 2017, Kind::Movie);
        plaza.directors = vec!["Paco Plaza".into()];
        let mut algara = row("Verónica", 2017, Kind::Movie);
        algara.directors = vec!["Carlos Algara".into(), "Alejandro Martinez-Beltran".into()];
        algara.cast = vec!["Arcelia Ramírez".into()];
        let mut plaza_again = row("VERONICA", 2017, Kind::Movie);
        plaza_again.directors = vec!["Paco Pláza".into()];
        let got = ids(vec![plaza, algara, plaza_again, row("Veronica", 2017, Kind::Movie)]);
        assert_eq!(got, ["flimmer:veronica-2017", "flimmer:veronica-2017-2"]);
    }

    #[test]
    fn a_second_show_of_a_name_is_numbered() {
        let mut first = row("WHAT / IF", 2019, Kind::Show);
        first.cast = vec!["Renée Zellweger".into()];
        let mut second = row("What If?", 2019, Kind::Show);
        second.cast = vec!["Monther Rayahnah".into()];
        assert_eq!(ids(vec![first, second]), ["flimmer:what-if-2019", "flimmer:what-if-2019-2"]);
    }

    #[test]
    fn titles_with_the_same_slug_are_numbered() {
        let got = ids(vec![row("Naruto", 2002, Kind::Movie), row("Naruto 疾風伝", 2002, Kind::Movie)]);
        assert_eq!(got, ["flimmer:naruto-2002", "flimmer:naruto-2002-2"]);
    }

    #[test]
    fn a_title_without_latin_letters_is_named_by_service_and_show_id() {
        assert_eq!(ids(vec![row("千と千尋の神隠し", 2001, Kind::Movie)]), ["flimmer:netflix-s1"]);
    }

    #[test]
    fn long_titles_are_cut_to_a_valid_id() {
        let long = "A Very Long Title That Goes On ".repeat(5);
        let got = ids(vec![row(&long, 2020, Kind::Movie), row(&format!("{long}!!2"), 2020, Kind::Movie)]);
        for id in &got {
            assert!(catalog::FilmId::parse(id).is_some(), "{id}");
            assert!(id.ends_with("-2020") || id.ends_with("-2020-2"), "{id}");
        }
        assert_ne!(got[0], got[1]);
    }
}
