//! Every string the reader sees, in German and English, and the locale's formats
//! (dates, runtimes, ratings, counts). Views never hold literals; they ask here.

use crate::sources::Progress;
use catalog::{
    CatalogError, Date, FacetKey, Genre, Kind, LangCode, List, Loosen, Monetization, RegionCode, Said, Sort,
};

/// The language the page is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    De,
    En,
}

impl Locale {
    /// From a language tag: German for `de*`, English for everything else.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("de")) {
            Locale::De
        } else {
            Locale::En
        }
    }

    /// The first of the reader's languages we speak, else German (our first readers).
    pub fn from_languages<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter()
            .find_map(|t| {
                let prefix = t.get(..2)?.to_ascii_lowercase();
                matches!(prefix.as_str(), "de" | "en").then(|| Locale::from_tag(t))
            })
            .unwrap_or(Locale::De)
    }

    /// `lang=de|en` from the URL, if it names a language we speak.
    pub fn parse(code: &str) -> Option<Locale> {
        match code {
            "de" => Some(Locale::De),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    pub fn lang(self) -> LangCode {
        match self {
            Locale::De => LangCode::DE,
            Locale::En => LangCode::EN,
        }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Locale::De => &DE,
            Locale::En => &EN,
        }
    }

    pub fn films(self, n: usize) -> String {
        match (self, n) {
            (Locale::De, 1) => "1 Film".into(),
            (Locale::De, n) => format!("{} Filme", self.number(n)),
            (Locale::En, 1) => "1 film".into(),
            (Locale::En, n) => format!("{} films", self.number(n)),
        }
    }

    /// Thousands separated the local way: 12.345 / 12,345.
    pub fn number(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = match self {
            Locale::De => '.',
            Locale::En => ',',
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    pub fn date(self, d: Date) -> String {
        #[rustfmt::skip]
        const DE_MONTHS: [&str; 12] = [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember",
        ];
        #[rustfmt::skip]
        const EN_MONTHS: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ];
        let m = usize::from(d.month.clamp(1, 12)) - 1;
        match self {
            Locale::De => format!("{}. {} {}", d.day, DE_MONTHS[m], d.year),
            Locale::En => format!("{} {} {}", d.day, EN_MONTHS[m], d.year),
        }
    }

    pub fn as_of(self, d: Date) -> String {
        match self {
            Locale::De => format!("Stand: {}", self.date(d)),
            Locale::En => format!("As of {}", self.date(d)),
        }
    }

    /// 170 → "2 Std. 50 Min." / "2 h 50 min".
    pub fn runtime(self, minutes: u16) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        match (self, h, m) {
            (Locale::De, 0, m) => format!("{m} Min."),
            (Locale::De, h, 0) => format!("{h} Std."),
            (Locale::De, h, m) => format!("{h} Std. {m} Min."),
            (Locale::En, 0, m) => format!("{m} min"),
            (Locale::En, h, 0) => format!("{h} h"),
            (Locale::En, h, m) => format!("{h} h {m} min"),
        }
    }

    /// 7.94 → "7,9" / "7.9". Rounded in integers: float formatting would add its
    /// tables and algorithms to the app shell for this one number.
    pub fn rating(self, value: f32) -> String {
        self.tenths((value.clamp(0.0, 10.0) * 10.0 + 0.5) as u64)
    }

    /// 79 tenths → "7,9" / "7.9".
    fn tenths(self, tenths: u64) -> String {
        let point = match self {
            Locale::De => ',',
            Locale::En => '.',
        };
        format!("{}{point}{}", tenths / 10, tenths % 10)
    }

    pub fn votes(self, n: u32) -> String {
        match self {
            Locale::De => format!("{} Stimmen", self.number(n as usize)),
            Locale::En => format!("{} votes", self.number(n as usize)),
        }
    }

    pub fn monetization(self, m: Monetization) -> &'static str {
        match (self, m) {
            (Locale::De, Monetization::Flatrate) => "Flatrate",
            (Locale::De, Monetization::Free) => "Gratis",
            (Locale::De, Monetization::Ads) => "Mit Werbung",
            (Locale::De, Monetization::Rent) => "Leihen",
            (Locale::De, Monetization::Buy) => "Kaufen",
            (Locale::En, Monetization::Flatrate) => "Subscription",
            (Locale::En, Monetization::Free) => "Free",
            (Locale::En, Monetization::Ads) => "With ads",
            (Locale::En, Monetization::Rent) => "Rent",
            (Locale::En, Monetization::Buy) => "Buy",
        }
    }

    /// The sentence a badge stands for, read out by screen readers:
    /// "Heat kann bei Netflix im Abo gestreamt werden".
    pub fn offer_sentence(self, title: &str, provider: &str, m: Monetization) -> String {
        match (self, m) {
            (Locale::De, Monetization::Flatrate) => format!("{title} kann bei {provider} im Abo gestreamt werden"),
            (Locale::De, Monetization::Free) => format!("{title} kann bei {provider} kostenlos gestreamt werden"),
            (Locale::De, Monetization::Ads) => {
                format!("{title} kann bei {provider} kostenlos mit Werbung gestreamt werden")
            }
            (Locale::De, Monetization::Rent) => format!("{title} kann bei {provider} geliehen werden"),
            (Locale::De, Monetization::Buy) => format!("{title} kann bei {provider} gekauft werden"),
            (Locale::En, Monetization::Flatrate) => {
                format!("{title} can be streamed on {provider} with a subscription")
            }
            (Locale::En, Monetization::Free) => format!("{title} can be streamed on {provider} for free"),
            (Locale::En, Monetization::Ads) => format!("{title} can be streamed on {provider} for free with ads"),
            (Locale::En, Monetization::Rent) => format!("{title} can be rented on {provider}"),
            (Locale::En, Monetization::Buy) => format!("{title} can be bought on {provider}"),
        }
    }

    pub fn region(self, r: RegionCode) -> String {
        let name = match (self, r.as_str()) {
            (Locale::De, "DE") => "Deutschland",
            (Locale::De, "AT") => "Österreich",
            (Locale::De, "CH") => "Schweiz",
            (Locale::De, "US") => "USA",
            (Locale::De, "GB") => "Großbritannien",
            (Locale::En, "DE") => "Germany",
            (Locale::En, "AT") => "Austria",
            (Locale::En, "CH") => "Switzerland",
            (Locale::En, "US") => "United States",
            (Locale::En, "GB") => "United Kingdom",
            (_, code) => return code.to_owned(),
        };
        name.to_owned()
    }

    pub fn genre(self, g: Genre) -> &'static str {
        let (de, en) = match g {
            Genre::Action => ("Action", "Action"),
            Genre::Adventure => ("Abenteuer", "Adventure"),
            Genre::Animation => ("Animation", "Animation"),
            Genre::Comedy => ("Komödie", "Comedy"),
            Genre::Crime => ("Krimi", "Crime"),
            Genre::Documentary => ("Dokumentarfilm", "Documentary"),
            Genre::Drama => ("Drama", "Drama"),
            Genre::Family => ("Familie", "Family"),
            Genre::Fantasy => ("Fantasy", "Fantasy"),
            Genre::History => ("Historie", "History"),
            Genre::Horror => ("Horror", "Horror"),
            Genre::Music => ("Musik", "Music"),
            Genre::Mystery => ("Mystery", "Mystery"),
            Genre::Romance => ("Liebesfilm", "Romance"),
            Genre::ScienceFiction => ("Science-Fiction", "Science fiction"),
            Genre::Thriller => ("Thriller", "Thriller"),
            Genre::TvMovie => ("TV-Film", "TV movie"),
            Genre::War => ("Kriegsfilm", "War"),
            Genre::Western => ("Western", "Western"),
        };
        match self {
            Locale::De => de,
            Locale::En => en,
        }
    }

    /// What the empty state suggests.
    pub fn loosen(self, hint: Loosen) -> String {
        let (facet, count) = match hint {
            Loosen::PickAType => {
                return self
                    .pick(
                        "Wähle mindestens eine Angebotsart, z. B. Flatrate.",
                        "Choose at least one way to watch, for example Subscription.",
                    )
                    .into()
            }
            Loosen::OtherRegion => {
                return self
                    .pick(
                        "In diesem Land gibt es dazu nichts. Wähle ein anderes Land.",
                        "Nothing matches in this country. Try another country.",
                    )
                    .into()
            }
            Loosen::Widen { facet, count } => (facet, self.films(count)),
        };
        let (de, en) = match facet {
            FacetKey::Types => ("Mit Leihen, Kaufen und Gratis-Angeboten", "Including rent, buy and free offers"),
            FacetKey::Services => ("Bei allen Diensten zusammen", "Across all services"),
            FacetKey::Exclude => ("Ohne ausgeschlossene Dienste", "Without excluding services"),
            FacetKey::List => ("Ohne die Liste (neu, bald weg)", "Without the list (new, leaving)"),
            FacetKey::Text => ("Ohne die Suchwörter", "Without the search words"),
            FacetKey::Kind => ("Mit Filmen und Serien", "With films and shows"),
            FacetKey::Genres | FacetKey::WithoutGenres => ("Ohne den Genre-Filter", "Without the genre filter"),
            FacetKey::Years => ("Ohne den Jahres-Filter", "Without the year filter"),
            FacetKey::Runtime => ("Ohne den Laufzeit-Filter", "Without the runtime filter"),
            FacetKey::Rating => ("Ohne Mindestbewertung", "Without a minimum rating"),
            FacetKey::Age => ("Ohne Altersfreigabe-Filter", "Without the age rating filter"),
            FacetKey::Language => ("In allen Originalsprachen", "In every original language"),
        };
        match self {
            Locale::De => format!("{de} gäbe es {count}."),
            Locale::En => format!("{en} there would be {count}."),
        }
    }

    fn pick(self, de: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::De => de,
            Locale::En => en,
        }
    }

    pub fn sort(self, sort: Sort) -> &'static str {
        match sort {
            Sort::Relevance => self.pick("Beste Treffer", "Best match"),
            Sort::Popularity => self.pick("Beliebtheit", "Popularity"),
            Sort::Rating => self.pick("Bewertung", "Rating"),
            Sort::Newest => self.pick("Neueste zuerst", "Newest first"),
            Sort::Title => self.pick("Titel A–Z", "Title A–Z"),
            Sort::Added => self.pick("Zuletzt hinzugefügt", "Recently added"),
            Sort::Leaving => self.pick("Bald nicht mehr verfügbar", "Leaving soon"),
        }
    }

    pub fn show_more(self, n: usize) -> String {
        match self {
            Locale::De => format!("{} weitere anzeigen", self.number(n)),
            Locale::En => format!("Show {} more", self.number(n)),
        }
    }

    /// The accessible name of a service's exclude button: "Ohne Netflix".
    pub fn exclude_label(self, service: &str) -> String {
        match self {
            Locale::De => format!("Ohne {service}"),
            Locale::En => format!("Not on {service}"),
        }
    }

    pub fn exclude_title(self, service: &str, count: usize) -> String {
        format!("{}: {}", self.exclude_label(service), self.films(count))
    }

    pub fn list_label(self, value: &str) -> String {
        match List::parse(value) {
            Some(List::New) => self.pick("Neu (30 Tage)", "New (30 days)"),
            Some(List::Leaving) => self.pick("Bald weg (30 Tage)", "Leaving (30 days)"),
            None => value,
        }
        .to_owned()
    }

    pub fn kind_label(self, value: &str) -> String {
        match Kind::parse(value) {
            Some(Kind::Movie) => self.pick("Filme", "Movies"),
            Some(Kind::Show) => self.pick("Serien", "Shows"),
            None => value,
        }
        .to_owned()
    }

    pub fn genre_label(self, value: &str) -> String {
        Genre::parse(value).map_or(value, |g| self.genre(g)).to_owned()
    }

    pub fn rating_label(self, value: &str) -> String {
        match self {
            Locale::De => format!("ab {value} ★"),
            Locale::En => format!("{value}+ ★"),
        }
    }

    /// Numbers are FSK-style ages ("ab 12"), the rest is the system's own label ("PG-13").
    pub fn age_label(self, value: &str) -> String {
        match (self, value.parse::<u8>()) {
            (Locale::De, Ok(age)) => format!("ab {age}"),
            (Locale::En, Ok(age)) => format!("{age}+"),
            _ => value.to_owned(),
        }
    }

    /// The name of an original language in the page language; the code for rarer ones.
    pub fn language_label(self, code: &str) -> String {
        let (de, en) = match code {
            "en" => ("Englisch", "English"),
            "de" => ("Deutsch", "German"),
            "fr" => ("Französisch", "French"),
            "es" => ("Spanisch", "Spanish"),
            "it" => ("Italienisch", "Italian"),
            "ja" => ("Japanisch", "Japanese"),
            "ko" => ("Koreanisch", "Korean"),
            "zh" => ("Chinesisch", "Chinese"),
            "hi" => ("Hindi", "Hindi"),
            "da" => ("Dänisch", "Danish"),
            "sv" => ("Schwedisch", "Swedish"),
            "no" => ("Norwegisch", "Norwegian"),
            "pt" => ("Portugiesisch", "Portuguese"),
            "ru" => ("Russisch", "Russian"),
            "tr" => ("Türkisch", "Turkish"),
            "pl" => ("Polnisch", "Polish"),
            "nl" => ("Niederländisch", "Dutch"),
            _ => return code.to_ascii_uppercase(),
        };
        self.pick(de, en).to_owned()
    }

    pub fn skipped(self, n: usize) -> String {
        match (self, n) {
            (Locale::De, 1) => "1 Eintrag im Katalog war fehlerhaft und wurde übersprungen".into(),
            (Locale::De, n) => {
                format!("{} Einträge im Katalog waren fehlerhaft und wurden übersprungen", self.number(n))
            }
            (Locale::En, 1) => "1 catalog entry was broken and has been skipped".into(),
            (Locale::En, n) => format!("{} catalog entries were broken and have been skipped", self.number(n)),
        }
    }

    /// The last line of a list cut short: "… und 12 weitere".
    pub fn and_more(self, n: usize) -> String {
        match self {
            Locale::De => format!("… und {} weitere", self.number(n)),
            Locale::En => format!("… and {} more", self.number(n)),
        }
    }

    pub fn catalog_error(self, e: &CatalogError) -> String {
        match (self, e) {
            (Locale::En, e) => format!("The catalog is broken: {e}"),
            (Locale::De, CatalogError::NotJson { line, column, message }) => {
                format!("Der Katalog ist fehlerhaft: kein gültiges JSON in Zeile {line}, Spalte {column} ({message})")
            }
            (Locale::De, CatalogError::BadShape { path, line, column, message }) => {
                format!("Der Katalog ist fehlerhaft: {path} (Zeile {line}, Spalte {column}): {message}")
            }
            (Locale::De, CatalogError::UnknownFormat { found, line, column }) => format!(
                "Der Katalog hat das unbekannte Format {found} (Zeile {line}, Spalte {column}); diese Version liest Format {}.",
                catalog::FORMAT_VERSION
            ),
            (Locale::De, CatalogError::Damaged { message }) => {
                format!("Die Katalogdatei ist beschädigt und kann nicht gelesen werden ({message}).")
            }
        }
    }

    /// A problem (a skipped entry's, a `source=` that is no https link) in the page
    /// language: worded in both where the catalog was read (`catalog::Said`).
    pub fn said(self, said: &Said) -> String {
        match self {
            Locale::De => said.de.clone(),
            Locale::En => said.en.clone(),
        }
    }

    /// Under a film's page: which country its offers are for.
    /// "3,99 €" in German, "€3.99" in English; other currencies by their code.
    pub fn price(self, p: &catalog::Price) -> String {
        let amount = format!("{}{}{:02}", p.minor_units / 100, self.pick(",", "."), p.minor_units % 100);
        let symbol = match p.currency.as_str() {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            code => code,
        };
        match self {
            Locale::De => format!("{amount} {symbol}"),
            Locale::En => format!("{symbol}{amount}"),
        }
    }

    pub fn offers_in(self, r: RegionCode) -> String {
        match self {
            Locale::De => format!("Alle Angebote in {}, ohne Filter nach Dienst oder Angebotsart.", self.region(r)),
            Locale::En => format!(
                "Every offer in {}, whatever services and ways to watch the list was filtered to.",
                self.region(r)
            ),
        }
    }

    /// Said above the built-in catalog when the catalog asked for came from a site that
    /// answered, but not to other sites (no CORS header for us): the catalog worker's words.
    pub fn cors_refused(self, url: &str) -> String {
        let site = catalog::HttpsUrl::parse(url).map_or_else(|| url.to_owned(), |u| u.host().to_owned());
        match self {
            Locale::De => format!(
                "{site} hat geantwortet, lässt den Katalog aber nicht von anderen Seiten lesen (kein CORS-Header Access-Control-Allow-Origin). Hier siehst du den eingebauten Katalog."
            ),
            Locale::En => format!(
                "{site} answered, but does not let other sites read its catalog (no CORS header Access-Control-Allow-Origin). This is the built-in catalog."
            ),
        }
    }

    /// Said above the grid whenever a catalog is not our own: its offers and links are
    /// someone else's word, and a shared link must not pass them off as ours.
    pub fn foreign_source(self, host: &str) -> String {
        match self {
            Locale::De => {
                format!("Dieser Katalog kommt von {host}, nicht von Flimmer. Prüfe Links, bevor du ihnen folgst.")
            }
            Locale::En => {
                format!("This catalog comes from {host}, not from Flimmer. Check links before you follow them.")
            }
        }
    }

    pub fn http_error(self, status: u16, url: &str) -> String {
        match self {
            Locale::De => format!("Der Server antwortete mit Status {status} für {url}."),
            Locale::En => format!("The server answered with status {status} for {url}."),
        }
    }

    /// How far a catalog from a URL has come: "3,2 MB empfangen", "wird gelesen".
    pub fn progress(self, p: Progress) -> String {
        match (self, p) {
            (Locale::De, Progress::Received(bytes)) => format!("{} MB empfangen", self.tenths(bytes / 100_000)),
            (Locale::En, Progress::Received(bytes)) => format!("{} MB received", self.tenths(bytes / 100_000)),
            (Locale::De, Progress::Reading) => "wird gelesen".to_owned(),
            (Locale::En, Progress::Reading) => "reading".to_owned(),
            (_, Progress::Said(line)) => line,
        }
    }

    /// TMDB live's pause (429) before it asks again, for the loading message. Worded by
    /// the catalog worker (`sources::live`), like the two below.
    pub fn tmdb_pause(self, seconds: u32) -> String {
        match self {
            Locale::De => format!("TMDB bittet um eine Pause: noch {seconds} s"),
            Locale::En => format!("TMDB asks for a pause: {seconds} s left"),
        }
    }

    /// TMDB live: an answer that is not the JSON asked for (cut, a captive portal's page).
    pub fn tmdb_unreadable(self, path: &str, detail: &str) -> String {
        match self {
            Locale::De => format!("Die Antwort von TMDB auf {path} ist nicht lesbar ({detail})."),
            Locale::En => format!("TMDB's answer to {path} could not be read ({detail})."),
        }
    }

    /// TMDB live: no answer within `seconds`.
    pub fn tmdb_stalled(self, seconds: i32) -> String {
        match self {
            Locale::De => format!("TMDB hat nicht innerhalb von {seconds} Sekunden geantwortet. Bist du online?"),
            Locale::En => format!("TMDB did not answer within {seconds} seconds. Are you online?"),
        }
    }

    /// TMDB live without a token TMDB accepts: none saved (false), or refused (true).
    pub fn token_error(self, refused: bool) -> &'static str {
        match (self, refused) {
            (Locale::De, false) => "In diesem Browser ist kein TMDB-Zugangsschlüssel gespeichert: oben unter „TMDB live“ eintragen.",
            (Locale::De, true) => "TMDB hat den gespeicherten Zugangsschlüssel nicht angenommen (401): oben unter „TMDB live“ einen neuen eintragen.",
            (Locale::En, false) => "No TMDB token is saved in this browser: add one under “TMDB live” above.",
            (Locale::En, true) => "TMDB did not accept the saved token (401): add a new one under “TMDB live” above.",
        }
    }

    pub fn network_error(self, detail: &str) -> String {
        match self {
            Locale::De => format!("Der Katalog konnte nicht geladen werden ({detail}). Bist du online?"),
            Locale::En => format!("The catalog could not be loaded ({detail}). Are you online?"),
        }
    }
}

/// Fixed strings of one language.
pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub filter_heading: &'static str,
    pub region: &'static str,
    pub services: &'static str,
    pub services_hint: &'static str,
    pub types: &'static str,
    pub results_heading: &'static str,
    pub nothing_found: &'static str,
    pub loosen_button: &'static str,
    /// With TMDB live, when a search found nothing among the popular titles.
    pub find_on_tmdb: &'static str,
    /// With TMDB live, below the last card: TMDB's next titles for this filter.
    pub more_from_tmdb: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub sample_data: &'static str,
    pub directed_by: &'static str,
    pub cast: &'static str,
    pub rating: &'static str,
    pub where_to_watch: &'static str,
    pub not_in_region: &'static str,
    pub details: &'static str,
    pub back_to_list: &'static str,
    pub film_not_found: &'static str,
    pub page_not_found: &'static str,
    pub to_home: &'static str,
    pub language_switch: &'static str,
    pub other_language_code: &'static str,
    pub age_rating: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub sort_label: &'static str,
    pub more_filters: &'static str,
    pub lists: &'static str,
    pub kind: &'static str,
    pub genres: &'static str,
    pub without_genres: &'static str,
    pub years: &'static str,
    pub runtime: &'static str,
    pub original_language: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub other_countries: &'static str,
    pub my_services: &'static str,
    pub my_services_none: &'static str,
    pub my_services_save: &'static str,
    pub my_services_use: &'static str,
    pub my_services_forget: &'static str,
    pub my_services_saved: &'static str,
    pub my_services_not_saved: &'static str,
    /// The TMDB settings page, in this language.
    pub settings_href: &'static str,
    /// Around the link to TMDB: "Daten von " TMDB "; Verfügbarkeit von JustWatch".
    pub data_from: &'static str,
    pub availability_from: &'static str,
}

static DE: Strings = Strings {
    app_name: "Flimmer",
    tagline: "Wo läuft der Film?",
    skip_to_content: "Zum Inhalt springen",
    filter_heading: "Wo streamen?",
    region: "Land",
    services: "Dienste",
    services_hint: "Keiner gewählt: alle Dienste",
    types: "Angebotsart",
    results_heading: "Filme",
    nothing_found: "Keine Filme für diese Auswahl.",
    loosen_button: "Filter lockern",
    find_on_tmdb: "Bei TMDB suchen",
    more_from_tmdb: "Mehr von TMDB laden",
    loading: "Katalog wird geladen …",
    load_failed: "Der Katalog konnte nicht geladen werden.",
    retry: "Erneut versuchen",
    sample_data: "Beispieldaten, keine Live-Verfügbarkeit",
    directed_by: "Regie",
    cast: "Mit",
    rating: "Bewertung",
    where_to_watch: "Verfügbar bei",
    not_in_region: "In diesem Land derzeit bei keinem Dienst.",
    details: "Details",
    back_to_list: "Zurück zur Übersicht",
    film_not_found: "Diesen Film gibt es im Katalog nicht.",
    page_not_found: "Diese Seite gibt es nicht.",
    to_home: "Zur Startseite",
    language_switch: "English",
    other_language_code: "en",
    age_rating: "Altersfreigabe",
    search_label: "Suche",
    search_placeholder: "Titel, Regie oder Besetzung",
    sort_label: "Sortieren",
    more_filters: "Weitere Filter",
    lists: "Listen",
    kind: "Art",
    genres: "Genres",
    without_genres: "Ohne Genres",
    years: "Erscheinungsjahr",
    runtime: "Laufzeit (Minuten)",
    original_language: "Originalsprache",
    from: "von",
    to: "bis",
    other_countries: "In anderen Ländern",
    my_services: "Meine Dienste",
    my_services_none: "noch keine gemerkt",
    my_services_save: "Auswahl als meine Dienste merken",
    my_services_use: "Meine Dienste wählen",
    my_services_forget: "Meine Dienste vergessen",
    my_services_saved: "Gemerkt in diesem Browser.",
    my_services_not_saved:
        "Dieser Browser erlaubt gerade kein Speichern (voll oder gesperrt). Die Auswahl gilt trotzdem.",
    settings_href: "/settings.html?lang=de",
    data_from: "Daten von ",
    availability_from: "; Verfügbarkeit von JustWatch",
};

static EN: Strings = Strings {
    app_name: "Flimmer",
    tagline: "Where can I stream this?",
    skip_to_content: "Skip to content",
    filter_heading: "Where to stream",
    region: "Country",
    services: "Services",
    services_hint: "None chosen: all services",
    types: "Way to watch",
    results_heading: "Films",
    nothing_found: "No films for this selection.",
    loosen_button: "Loosen the filter",
    find_on_tmdb: "Search TMDB",
    more_from_tmdb: "Load more from TMDB",
    loading: "Loading the catalog …",
    load_failed: "The catalog could not be loaded.",
    retry: "Try again",
    sample_data: "Sample data, not live availability",
    directed_by: "Director",
    cast: "Starring",
    rating: "Rating",
    where_to_watch: "Available on",
    not_in_region: "Currently on no service in this country.",
    details: "Details",
    back_to_list: "Back to the list",
    film_not_found: "This film is not in the catalog.",
    page_not_found: "This page does not exist.",
    to_home: "Home",
    language_switch: "Deutsch",
    other_language_code: "de",
    age_rating: "Age rating",
    search_label: "Search",
    search_placeholder: "Title, director or cast",
    sort_label: "Sort by",
    more_filters: "More filters",
    lists: "Lists",
    kind: "Kind",
    genres: "Genres",
    without_genres: "Without genres",
    years: "Release year",
    runtime: "Runtime (minutes)",
    original_language: "Original language",
    from: "from",
    to: "to",
    other_countries: "In other countries",
    my_services: "My services",
    my_services_none: "none saved yet",
    my_services_save: "Save this choice as my services",
    my_services_use: "Choose my services",
    my_services_forget: "Forget my services",
    my_services_saved: "Saved in this browser.",
    my_services_not_saved: "This browser does not allow saving right now (full or blocked). The choice still applies.",
    settings_href: "/settings.html?lang=en",
    data_from: "Data from ",
    availability_from: "; availability from JustWatch",
};

/// The embed card's own strings (`src/embed.rs`), apart from `Strings`: the app shell never
/// shows them, so it does not carry them.
pub struct EmbedStrings {
    /// Said when no film of the catalog matches what the publisher named.
    pub unknown_film: &'static str,
    /// Said when the film streams nowhere in the region; `{title}` and `{region}` are
    /// filled in (`catalog::embed::fill`), as in a publisher's own text.
    pub not_streaming: &'static str,
    pub more_on_flimmer: &'static str,
    pub loading: &'static str,
}

static EMBED_DE: EmbedStrings = EmbedStrings {
    unknown_film: "Diesen Film kennt Flimmer nicht.",
    not_streaming: "{title} läuft in {region} derzeit bei keinem Dienst.",
    more_on_flimmer: "Mehr auf Flimmer",
    loading: "Wird geladen …",
};

static EMBED_EN: EmbedStrings = EmbedStrings {
    unknown_film: "Flimmer does not know this film.",
    not_streaming: "{title} is not streaming in {region} right now.",
    more_on_flimmer: "More on Flimmer",
    loading: "Loading …",
};

impl Locale {
    pub fn embed(self) -> &'static EmbedStrings {
        match self {
            Locale::De => &EMBED_DE,
            Locale::En => &EMBED_EN,
        }
    }

    pub fn settings(self) -> &'static SettingsStrings {
        match self {
            Locale::De => &SETTINGS_DE,
            Locale::En => &SETTINGS_EN,
        }
    }
}

/// The TMDB settings page's strings (`src/settings.rs`): a page of its own, so the app
/// shell does not carry them.
pub struct SettingsStrings {
    pub title: &'static str,
    /// Before the link to TMDB's page where a reader gets a token.
    pub intro: &'static str,
    pub get_token: &'static str,
    pub privacy: &'static str,
    pub token: &'static str,
    /// The token field's placeholder while one is saved (the saved one is never shown).
    pub token_saved: &'static str,
    pub advanced: &'static str,
    pub api: &'static str,
    pub images: &'static str,
    pub save: &'static str,
    pub remove: &'static str,
    pub checking: &'static str,
    pub saved: &'static str,
    /// Saved without TMDB's word: no answer in time (offline, a proxy).
    pub saved_unchecked: &'static str,
    pub refused: &'static str,
    pub removed: &'static str,
    pub no_token: &'static str,
    pub bad_token: &'static str,
    pub not_https: &'static str,
    /// Before the browser's reason: storage full, blocked, a private window.
    pub not_stored: &'static str,
    pub open_live: &'static str,
    pub back: &'static str,
    /// TMDB's required notice for apps that use its API.
    pub notice: &'static str,
}

static SETTINGS_DE: SettingsStrings = SettingsStrings {
    title: "TMDB live",
    intro: "Mit einem eigenen Zugangsschlüssel für die API von The Movie Database (TMDB) zeigt Flimmer die \
            heutige Verfügbarkeit der beliebtesten Filme und Serien deines Landes, statt der Beispieldaten. \
            Den Schlüssel (API Read Access Token) gibt es kostenlos mit einem TMDB-Konto:",
    get_token: "TMDB-Einstellungen, API",
    privacy: "Der Schlüssel bleibt in diesem Browser. Flimmer schickt ihn nur an die API von TMDB, über https, \
              nie an uns und nie in einer Adresse.",
    token: "Zugangsschlüssel (API Read Access Token)",
    token_saved: "gespeichert – zum Ersetzen einen neuen einfügen",
    advanced: "Adressen (für einen Proxy oder Tests)",
    api: "API-Adresse",
    images: "Bild-Adresse",
    save: "Prüfen und speichern",
    remove: "Schlüssel entfernen",
    checking: "Wird bei TMDB geprüft …",
    saved: "Gespeichert. TMDB hat den Schlüssel angenommen.",
    saved_unchecked: "Gespeichert, aber nicht geprüft: TMDB war nicht erreichbar",
    refused: "TMDB hat diesen Schlüssel nicht angenommen (401). Er wurde nicht gespeichert.",
    removed: "Entfernt. In diesem Browser ist kein Schlüssel mehr gespeichert.",
    no_token: "Bitte einen Zugangsschlüssel einfügen.",
    bad_token: "Das sieht nicht nach einem Zugangsschlüssel aus: er enthält Leerzeichen oder ist zu lang.",
    not_https: "Beide Adressen müssen mit https:// beginnen.",
    not_stored: "Dieser Browser hat nichts gespeichert",
    open_live: "Live-Katalog öffnen",
    back: "Zurück zu Flimmer",
    notice: "Dieses Produkt nutzt die TMDB-API, ist aber nicht von TMDB unterstützt oder zertifiziert. \
             Verfügbarkeit von JustWatch.",
};

static SETTINGS_EN: SettingsStrings = SettingsStrings {
    title: "TMDB live",
    intro: "With your own access token for The Movie Database (TMDB) API, Flimmer shows today's availability \
            of the most popular films and series in your country instead of the sample data. The token (API \
            Read Access Token) comes free with a TMDB account:",
    get_token: "TMDB settings, API",
    privacy: "The token stays in this browser. Flimmer sends it only to TMDB's API, over https, never to us and \
              never in an address.",
    token: "Access token (API Read Access Token)",
    token_saved: "saved – paste a new one to replace it",
    advanced: "Addresses (for a proxy or tests)",
    api: "API address",
    images: "Image address",
    save: "Check and save",
    remove: "Remove the token",
    checking: "Checking with TMDB …",
    saved: "Saved. TMDB accepted the token.",
    saved_unchecked: "Saved, but not checked: TMDB could not be reached",
    refused: "TMDB did not accept this token (401). It was not saved.",
    removed: "Removed. No token is saved in this browser any more.",
    no_token: "Please paste an access token.",
    bad_token: "That does not look like an access token: it has spaces in it or is too long.",
    not_https: "Both addresses must start with https://.",
    not_stored: "This browser saved nothing",
    open_live: "Open the live catalog",
    back: "Back to Flimmer",
    notice: "This product uses the TMDB API but is not endorsed or certified by TMDB. Availability from JustWatch.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use catalog::{JsonType, Problem, Reason};

    #[test]
    fn dates_read_the_local_way() {
        let d = Date::new(2026, 3, 5).unwrap();
        assert_eq!(Locale::De.as_of(d), "Stand: 5. März 2026");
        assert_eq!(Locale::En.as_of(d), "As of 5 March 2026");
    }

    #[test]
    fn runtimes_ratings_and_counts() {
        assert_eq!(Locale::De.runtime(170), "2 Std. 50 Min.");
        assert_eq!(Locale::En.runtime(120), "2 h");
        assert_eq!(Locale::En.runtime(45), "45 min");
        assert_eq!(Locale::De.rating(7.94), "7,9");
        assert_eq!(Locale::En.rating(7.94), "7.9");
        assert_eq!(Locale::De.rating(10.0), "10,0");
        assert_eq!(Locale::En.rating(0.04), "0.0");
        assert_eq!(Locale::De.films(1), "1 Film");
        assert_eq!(Locale::De.films(23456), "23.456 Filme");
        assert_eq!(Locale::En.films(1234567), "1,234,567 films");
    }

    #[test]
    fn offer_sentence_matches_the_newsroom_wording() {
        assert_eq!(
            Locale::De.offer_sentence("Heat", "Netflix", Monetization::Flatrate),
            "Heat kann bei Netflix im Abo gestreamt werden"
        );
    }

    #[test]
    fn problems_are_worded_in_the_page_language() {
        let p =
            Problem { path: "films[3].offers[0].type".into(), reason: Reason::UnknownMonetization("stream".into()) };
        assert_eq!(
            Locale::De.said(&p.said()),
            "films[3].offers[0].type: unbekannte Angebotsart \"stream\", erlaubt sind flatrate, free, ads, rent und buy"
        );
        assert!(Locale::En.said(&p.said()).starts_with("films[3].offers[0].type: unknown monetization \"stream\""));
        let wrong = Reason::WrongType { expected: JsonType::WholeNumber, found: JsonType::String };
        let p = Problem { path: "films[0].year".into(), reason: wrong };
        assert_eq!(Locale::De.said(&p.said()), "films[0].year: ganze Zahl erwartet, Text gefunden");
        assert_eq!(Locale::En.said(&p.said()), "films[0].year: expected a whole number, found a string");
        // The one problem the app finds itself, worded as the catalog's.
        let link = Problem { path: "source".into(), reason: Reason::NotHttps("http://a.example".into()) };
        assert_eq!(Said::not_https("source", "http://a.example"), link.said());
        let e = CatalogError::NotJson { line: 3, column: 3, message: "expected value".into() };
        assert_eq!(
            Locale::De.catalog_error(&e),
            "Der Katalog ist fehlerhaft: kein gültiges JSON in Zeile 3, Spalte 3 (expected value)"
        );
    }

    #[test]
    fn locale_follows_the_first_language_we_speak() {
        assert_eq!(Locale::from_languages(["fr-FR", "en-GB", "de"]), Locale::En);
        assert_eq!(Locale::from_languages(["de-AT"]), Locale::De);
        assert_eq!(Locale::from_languages(["fr"]), Locale::De);
        assert_eq!(Locale::parse("xx"), None);
    }
}
