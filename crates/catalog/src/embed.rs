//! The embed's pure half: the options a publisher writes on an element (they reach the card
//! as its URL query), finding a film named by TMDB id, IMDb id or title and year, and the
//! one-film slices of the built-in catalog that the card reads instead of the whole catalog.
//!
//! The loader on the publisher's page (`public/embed.js`) passes every `data-*` attribute
//! on, unchecked: the card checks them here, in one place, and reports what it dropped
//! (the loader says it once in the console). A bad option never breaks the card.

use serde::{Deserialize, Serialize};

use crate::decode::Loaded;
use crate::filter::{offer_groups, Badge};
use crate::fold;
use crate::model::{Catalog, Date, Film, FilmId, LangCode, Monetization, RegionCode};
use crate::problem::Said;
use crate::query::pairs;

/// Where the lookup table is, next to the slices (`slice_path`).
pub const LOOKUP_PATH: &str = "lookup.bin";

/// How the publisher named the film.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilmRef {
    /// Our own id (`tmdb:949`).
    Id(FilmId),
    Tmdb(u32),
    /// `tt` and digits.
    Imdb(String),
    /// A title in any of the film's languages, any case and accents; the year if given.
    Title {
        title: String,
        year: Option<u16>,
    },
    /// No usable name at all: the card says the film is unknown.
    Nothing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// The reader's system setting.
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The card's options, read from its URL query (`film=tmdb:949&region=DE&lang=de&…`).
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    pub film: FilmRef,
    /// `None`: the reader's country, from the browser's languages (`reader_region`).
    pub region: Option<RegionCode>,
    /// `de` or `en`; `None`: the reader's browser decides.
    pub lang: Option<LangCode>,
    pub theme: Theme,
    /// At most this many offers; `None`: all.
    pub max_offers: Option<usize>,
    /// The ways to watch shown; all five unless the publisher chose.
    pub types: Vec<Monetization>,
    /// "{title} is not streaming in {region} right now", in the publisher's words.
    pub text_missing: Option<String>,
    /// What to say when no film matches.
    pub text_unknown: Option<String>,
    /// What was dropped and why, one sentence each, naming the `data-` attribute.
    pub problems: Vec<String>,
}

/// Longest custom text kept: a message, not an article.
const MAX_TEXT: usize = 200;

impl EmbedOptions {
    /// Reads the card's query. Every value that does not parse is dropped with a problem,
    /// and its default used: the card always shows something sensible.
    pub fn parse(query: &str) -> EmbedOptions {
        let mut options = EmbedOptions {
            film: FilmRef::Nothing,
            region: None,
            lang: None,
            theme: Theme::Auto,
            max_offers: None,
            types: Monetization::ALL.to_vec(),
            text_missing: None,
            text_unknown: None,
            problems: Vec::new(),
        };
        let (mut id, mut tmdb, mut imdb, mut title, mut year) = (None, None, None, None, None);
        let mut named_badly = false;
        for (key, value) in pairs(query) {
            let value = value.trim();
            let said = options.problems.len();
            let attribute = if key == "film" { "data-flimmer-film".to_owned() } else { format!("data-{key}") };
            // Each problem says what happens instead; "it is ignored" when nothing else does.
            let mut drop = |why: &str| {
                let instead = if why.contains(';') { "" } else { "; it is ignored" };
                options.problems.push(format!("{attribute}=\"{}\" {why}{instead}.", clip(value)));
            };
            match key.as_str() {
                "film" if value.is_empty() => {}
                "film" => match FilmId::parse(value) {
                    Some(film) => id = Some(film),
                    None => drop("is not a Flimmer film id (like tmdb:949)"),
                },
                "tmdb" => match value.parse::<u32>() {
                    Ok(n) if n > 0 => tmdb = Some(n),
                    _ => drop("is not a TMDB movie id (digits)"),
                },
                "imdb" => match parse_imdb(value) {
                    Some(v) => imdb = Some(v),
                    None => drop("is not an IMDb id (like tt0113277)"),
                },
                "title" if !value.is_empty() => title = Some(value.to_owned()),
                "title" => drop("is empty"),
                "year" => match value.parse::<u16>() {
                    Ok(y) if (1870..=2200).contains(&y) => year = Some(y),
                    _ => drop("is not a year"),
                },
                "region" => match RegionCode::parse(&value.to_ascii_uppercase()) {
                    Some(r) => options.region = Some(r),
                    None => drop("is not a country code (like DE); the reader's country is used"),
                },
                "lang" => match value.to_ascii_lowercase().as_str() {
                    "de" => options.lang = Some(LangCode::DE),
                    "en" => options.lang = Some(LangCode::EN),
                    _ => drop("is not de or en; the reader's language is used"),
                },
                "theme" => match value {
                    "auto" => options.theme = Theme::Auto,
                    "light" => options.theme = Theme::Light,
                    "dark" => options.theme = Theme::Dark,
                    _ => drop("is not light, dark or auto"),
                },
                "max-offers" => match value.parse::<usize>() {
                    Ok(n) if n > 0 => options.max_offers = Some(n),
                    _ => drop("is not a number of offers (1 or more)"),
                },
                "types" => {
                    let parts: Vec<&str> = value.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
                    // Shown in the app's order, whatever order the publisher wrote.
                    let types: Vec<Monetization> =
                        Monetization::ALL.into_iter().filter(|m| parts.contains(&m.as_str())).collect();
                    let unknown: Vec<&str> =
                        parts.iter().copied().filter(|p| Monetization::ALL.iter().all(|m| m.as_str() != *p)).collect();
                    if types.is_empty() {
                        drop("names none of flatrate, free, ads, rent, buy; all are shown");
                    } else {
                        if !unknown.is_empty() {
                            let names = clip(&unknown.join(", "));
                            drop(&format!(
                                "names {names}, not one of flatrate, free, ads, rent, buy; the others are shown"
                            ));
                        }
                        options.types = types;
                    }
                }
                "text-missing" | "text-unknown" if value.is_empty() => drop("is empty"),
                "text-missing" => options.text_missing = Some(text(value)),
                "text-unknown" => options.text_unknown = Some(text(value)),
                _ => drop("is not an option of the Flimmer embed"),
            }
            named_badly |= matches!(key.as_str(), "film" | "tmdb" | "imdb" | "title") && options.problems.len() > said;
        }
        // The most precise name wins; a title without a year still finds the best-known film.
        options.film = match (id, tmdb, imdb, title) {
            (Some(id), ..) => FilmRef::Id(id),
            (_, Some(n), ..) => FilmRef::Tmdb(n),
            (_, _, Some(i), _) => FilmRef::Imdb(i),
            (_, _, _, Some(title)) => FilmRef::Title { title, year },
            _ => FilmRef::Nothing,
        };
        if options.film == FilmRef::Nothing && !named_badly {
            options
                .problems
                .push("no film named: give data-flimmer-film, data-tmdb, data-imdb or data-title.".to_owned());
        }
        options
    }

    /// The offers the card shows in `region`, grouped by way to watch in the app's order:
    /// only the chosen ways, and at most `max_offers` in all.
    pub fn offers(
        &self,
        catalog: &Catalog,
        film: &Film,
        region: RegionCode,
        today: Date,
    ) -> Vec<(Monetization, Vec<Badge>)> {
        let mut left = self.max_offers.unwrap_or(usize::MAX);
        let mut groups = Vec::new();
        for (monetization, mut badges) in offer_groups(catalog, film, region, today).here {
            if left == 0 || !self.types.contains(&monetization) {
                continue;
            }
            badges.truncate(left);
            left -= badges.len();
            groups.push((monetization, badges));
        }
        groups
    }
}

/// The publisher's message with `{title}` and `{region}` filled in.
pub fn fill(template: &str, title: &str, region: &str) -> String {
    template.replace("{title}", title).replace("{region}", region)
}

/// The reader's country from the browser's languages (`de-AT` → AT; `de` alone → DE),
/// whether or not the catalog has offers there: a reader in Austria should read that the
/// film does not stream in Austria, not see Germany's offers. Germany when nothing says.
pub fn reader_region<'a>(languages: impl IntoIterator<Item = &'a str>) -> RegionCode {
    languages.into_iter().find_map(RegionCode::from_tag).unwrap_or(RegionCode::DE)
}

fn parse_imdb(value: &str) -> Option<String> {
    let digits = value.strip_prefix("tt")?;
    (digits.len() >= 7 && digits.len() <= 10 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| value.to_owned())
}

/// A custom text as shown: trimmed to a message's length, on a character boundary.
fn text(value: &str) -> String {
    value.chars().take(MAX_TEXT).collect()
}

/// A value quoted in a problem: short, so a hostile attribute cannot flood the console.
fn clip(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Where a film's slice is, relative to the embed's data folder: `films/tmdb/949.bin`.
/// Film ids are `namespace:value` with a value of `[A-Za-z0-9._-]` (`FilmId::parse`), so
/// the path needs no escaping and cannot leave the folder.
pub fn slice_path(id: &FilmId) -> String {
    let (namespace, value) = id.as_str().split_once(':').unwrap_or(("film", id.as_str()));
    format!("films/{namespace}/{value}.bin")
}

/// The catalog cut down to one film and the providers it names: what one card reads.
/// Without the poster: a poster is an image on another host (TMDB's), and a card on a
/// publisher's page requests nothing from anyone but us (its page's CSP enforces it), so
/// it draws the placeholder with the title instead.
pub fn slice(catalog: &Catalog, film: &Film) -> Loaded<Said> {
    let film = Film { poster: None, ..film.clone() };
    let providers =
        catalog.providers.iter().filter(|p| film.offers.iter().any(|o| o.provider == p.id)).cloned().collect();
    Loaded { catalog: Catalog { as_of: catalog.as_of, providers, films: vec![film] }, skipped: Vec::new() }
}

/// One film's names, for a card that names it by TMDB id, IMDb id or title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LookupEntry {
    pub id: FilmId,
    pub tmdb: Option<u32>,
    pub imdb: Option<String>,
    pub year: u16,
    /// Every title of the film (default, localized, original), folded (`fold::key`).
    pub titles: Vec<String>,
}

/// Every film's names, in catalog order (most-voted first): packed at build time
/// (`LOOKUP_PATH`), read by a card whose film is not named by our id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    pub films: Vec<LookupEntry>,
}

impl Lookup {
    pub fn of(catalog: &Catalog) -> Lookup {
        let films = catalog
            .films
            .iter()
            .map(|film| {
                let mut titles: Vec<String> = std::iter::once(&film.title)
                    .chain(film.titles.values())
                    .chain(std::iter::once(&film.original_title))
                    .map(|t| fold::key(t))
                    .collect();
                titles.sort_unstable();
                titles.dedup();
                LookupEntry {
                    id: film.id.clone(),
                    tmdb: film.tmdb_id,
                    imdb: film.imdb_id.clone(),
                    year: film.year,
                    titles,
                }
            })
            .collect();
        Lookup { films }
    }

    /// The id of the film `film` names; for a title, the best-known film of that title
    /// (and year, if given).
    pub fn find(&self, film: &FilmRef) -> Option<&FilmId> {
        let entry = match film {
            FilmRef::Id(id) => self.films.iter().find(|e| &e.id == id),
            FilmRef::Tmdb(n) => self.films.iter().find(|e| e.tmdb == Some(*n)),
            FilmRef::Imdb(i) => self.films.iter().find(|e| e.imdb.as_deref() == Some(i.as_str())),
            FilmRef::Title { title, year } => {
                let key = fold::key(title);
                self.films.iter().find(|e| year.is_none_or(|y| e.year == y) && e.titles.contains(&key))
            }
            FilmRef::Nothing => None,
        };
        entry.map(|e| &e.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let o = EmbedOptions::parse(
            "film=tmdb%3A949&region=at&lang=EN&theme=dark&max-offers=3&types=rent,flatrate,rent&text-missing=%7Btitle%7D%20fehlt&text-unknown=Kenne%20ich%20nicht",
        );
        assert_eq!(o.film, FilmRef::Id(FilmId::parse("tmdb:949").unwrap()));
        assert_eq!(o.region, RegionCode::parse("AT"));
        assert_eq!(o.lang, Some(LangCode::EN));
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.max_offers, Some(3));
        assert_eq!(o.types, vec![Monetization::Flatrate, Monetization::Rent]);
        assert_eq!(o.text_missing.as_deref(), Some("{title} fehlt"));
        assert_eq!(o.text_unknown.as_deref(), Some("Kenne ich nicht"));
        assert_eq!(o.problems, Vec::<String>::new());
    }

    #[test]
    fn bad_values_fall_back_and_say_so_naming_the_attribute() {
        let o =
            EmbedOptions::parse("film=&tmdb=949&region=Mars&lang=fr&theme=pink&max-offers=0&types=cinema&colour=red");
        assert_eq!(o.film, FilmRef::Tmdb(949));
        assert_eq!((o.region, o.lang, o.theme, o.max_offers), (None, None, Theme::Auto, None));
        assert_eq!(o.types, Monetization::ALL.to_vec());
        let said = o.problems.join("\n");
        for attribute in [
            "data-region=\"Mars\"",
            "data-lang=\"fr\"",
            "data-theme=\"pink\"",
            "data-max-offers=\"0\"",
            "data-types=\"cinema\"",
            "data-colour=\"red\"",
        ] {
            assert!(said.contains(attribute), "{attribute} missing in:\n{said}");
        }
        assert_eq!(o.problems.len(), 6, "{said}");
        // Each says once what happens instead.
        assert!(
            said.contains("data-region=\"Mars\" is not a country code (like DE); the reader's country is used.\n"),
            "{said}"
        );
        assert!(said.contains("data-theme=\"pink\" is not light, dark or auto; it is ignored."), "{said}");
        assert!(
            said.contains("data-types=\"cinema\" names none of flatrate, free, ads, rent, buy; all are shown."),
            "{said}"
        );
        let some = EmbedOptions::parse("film=tmdb:949&types=rent,cinema");
        assert_eq!(some.types, vec![Monetization::Rent]);
        assert_eq!(some.problems.len(), 1, "{:?}", some.problems);
        assert!(some.problems[0].contains("names cinema, not one of"), "{:?}", some.problems);
    }

    #[test]
    fn the_most_precise_name_wins_and_no_name_is_said() {
        let by = |q: &str| EmbedOptions::parse(q).film;
        assert_eq!(by("imdb=tt0113277&title=Heat&tmdb=949"), FilmRef::Tmdb(949));
        assert_eq!(by("imdb=tt0113277&title=Heat"), FilmRef::Imdb("tt0113277".into()));
        assert_eq!(by("title=Heat&year=1995"), FilmRef::Title { title: "Heat".into(), year: Some(1995) });
        assert_eq!(by("title=Heat&year=95x"), FilmRef::Title { title: "Heat".into(), year: None });
        assert_eq!(by("film=javascript:alert(1)"), FilmRef::Nothing);
        assert_eq!(by("imdb=nm0000001"), FilmRef::Nothing);
        let none = EmbedOptions::parse("region=DE");
        assert_eq!(none.film, FilmRef::Nothing);
        assert!(none.problems[0].starts_with("no film named"), "{:?}", none.problems);
    }

    #[test]
    fn hostile_values_are_clipped_in_problems_and_texts() {
        let long = "x".repeat(5000);
        let o = EmbedOptions::parse(&format!("region={long}&text-missing={long}"));
        assert!(o.problems[0].len() < 200, "{}", o.problems[0]);
        assert_eq!(o.text_missing.unwrap().chars().count(), MAX_TEXT);
    }

    #[test]
    fn fills_the_publishers_message() {
        assert_eq!(
            fill("{title} läuft in {region} nicht. {title}!", "Heat", "Österreich"),
            "Heat läuft in Österreich nicht. Heat!"
        );
    }

    #[test]
    fn the_readers_country_comes_from_the_first_language_that_says_one() {
        assert_eq!(reader_region(["de-AT", "de"]), RegionCode::parse("AT").unwrap());
        assert_eq!(reader_region(["zh-Hant-TW"]), RegionCode::parse("TW").unwrap());
        assert_eq!(reader_region(["en", "de"]), RegionCode::DE);
        assert_eq!(reader_region(["fr"]), RegionCode::DE);
    }

    #[test]
    fn slice_paths_stay_in_their_folder() {
        assert_eq!(slice_path(&FilmId::parse("tmdb:949").unwrap()), "films/tmdb/949.bin");
        assert_eq!(slice_path(&FilmId::parse("x:..").unwrap()), "films/x/...bin");
    }
}
