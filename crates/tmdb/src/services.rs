//! The services our catalog knows, with their TMDB watch-provider ids, and the ids and
//! provider entries of the many services it does not.
//!
//! Both directions live here, so a discover filter ("Netflix") and a film's offers
//! ("provider 8") name a service the same way. Every other TMDB provider keeps TMDB's id
//! and name (`tmdb-provider-178`, "MagentaTV"): the reader still learns where a film runs.

use catalog::{Color, HttpsUrl, Provider, ProviderId, ProviderKind};

/// A service of `public/catalog.json`, with the same name, kind, colour and homepage (a
/// test compares them), and every TMDB provider id that stands for it.
#[derive(Debug, PartialEq, Eq)]
pub struct Service {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: ProviderKind,
    pub color: &'static str,
    pub homepage: &'static str,
    /// The first is the catalog's `tmdb_provider_id`.
    pub tmdb_ids: &'static [u32],
}

/// Ids checked against the names in TMDB's recorded answer for Fight Club
/// (`movie/550/watch/providers`, 96 regions): 2 "Apple TV", 3 "Google Play Movies",
/// 8 "Netflix", 10 "Amazon Video", 11 "MUBI", 15 "Hulu", 119 "Amazon Prime Video",
/// 337 "Disney Plus". Not in that answer, so from TMDB's provider list as we know it:
/// 9 "Amazon Prime Video" (the id in most regions; 119 is the same service elsewhere),
/// 30 "WOW" (Sky's streaming service in DE, formerly Sky Ticket; Sky Go is 29, a
/// different service, so not mapped), 219 "ARD Mediathek", 298 "RTL+", 304 "Joyn",
/// 350 "Apple TV+", 531 "Paramount Plus", 537 "ZDF".
///
/// Not mapped on purpose, so they appear under TMDB's name: tiers and channels of a
/// service ("Netflix basic with Ads" 1796, "MUBI Amazon Channel" 201, "Paramount+ Amazon
/// Channel" 582): a reader with the service itself may not have them.
pub const SERVICES: [Service; 15] = [
    service("netflix", "Netflix", ProviderKind::Subscription, "#e50914", "https://www.netflix.com/", &[8]),
    service(
        "prime-video",
        "Amazon Prime Video",
        ProviderKind::Subscription,
        "#00a8e1",
        "https://www.primevideo.com/",
        &[9, 119],
    ),
    service("disney-plus", "Disney+", ProviderKind::Subscription, "#113ccf", "https://www.disneyplus.com/", &[337]),
    service("apple-tv-plus", "Apple TV+", ProviderKind::Subscription, "#000000", "https://tv.apple.com/", &[350]),
    service("wow", "WOW", ProviderKind::Subscription, "#2f2a85", "https://www.wowtv.de/", &[30]),
    service(
        "paramount-plus",
        "Paramount+",
        ProviderKind::Subscription,
        "#0064ff",
        "https://www.paramountplus.com/",
        &[531],
    ),
    service("mubi", "MUBI", ProviderKind::Subscription, "#001489", "https://mubi.com/", &[11]),
    service("rtl-plus", "RTL+", ProviderKind::Subscription, "#e3000f", "https://plus.rtl.de/", &[298]),
    service("hulu", "Hulu", ProviderKind::Subscription, "#1ce783", "https://www.hulu.com/", &[15]),
    service("joyn", "Joyn", ProviderKind::Free, "#e6007e", "https://www.joyn.de/", &[304]),
    service("ard-mediathek", "ARD Mediathek", ProviderKind::Free, "#003480", "https://www.ardmediathek.de/", &[219]),
    service("zdf-mediathek", "ZDF Mediathek", ProviderKind::Free, "#fa7d19", "https://www.zdf.de/", &[537]),
    service("apple-tv", "Apple TV", ProviderKind::Store, "#000000", "https://tv.apple.com/", &[2]),
    service(
        "amazon-video",
        "Amazon Video",
        ProviderKind::Store,
        "#ff9900",
        "https://www.amazon.com/gp/video/storefront",
        &[10],
    ),
    service(
        "google-play",
        "Google Play Movies",
        ProviderKind::Store,
        "#01875f",
        "https://play.google.com/store/movies",
        &[3],
    ),
];

const fn service(
    id: &'static str,
    name: &'static str,
    kind: ProviderKind,
    color: &'static str,
    homepage: &'static str,
    tmdb_ids: &'static [u32],
) -> Service {
    Service { id, name, kind, color, homepage, tmdb_ids }
}

/// Our id of a provider we do not know: `tmdb-provider-` and TMDB's id.
pub const UNKNOWN_PREFIX: &str = "tmdb-provider-";
/// A neutral grey for badges of unknown services; white text on it passes WCAG AA.
pub const UNKNOWN_COLOR: &str = "#5f6368";
/// Where an unknown service's badge links when its offer has no link: TMDB has no page
/// per provider, and the film's offers carry TMDB's watch page of the region anyway.
pub const UNKNOWN_HOMEPAGE: &str = "https://www.themoviedb.org/";
/// Longest provider name kept; TMDB's longest real ones are about 40 characters.
const MAX_NAME_CHARS: usize = 60;

impl Service {
    /// The service TMDB's provider `tmdb_id` stands for, if our catalog knows it.
    pub fn by_tmdb_id(tmdb_id: u32) -> Option<&'static Service> {
        SERVICES.iter().find(|s| s.tmdb_ids.contains(&tmdb_id))
    }

    pub fn by_id(id: &str) -> Option<&'static Service> {
        SERVICES.iter().find(|s| s.id == id)
    }

    /// The catalog provider entry, as `public/catalog.json` has it.
    pub fn provider(&self) -> Provider {
        Provider {
            id: ProviderId::parse(self.id).expect("the table's ids are valid (tested)"),
            name: self.name.to_owned(),
            kind: self.kind,
            color: Color::parse(self.color).expect("the table's colours are valid (tested)"),
            homepage: HttpsUrl::parse(self.homepage).expect("the table's homepages are https (tested)"),
            tmdb_provider_id: self.tmdb_ids.first().copied(),
            regions: Vec::new(),
        }
    }
}

/// Our id for TMDB's provider `tmdb_id`: the service's, or `tmdb-provider-<id>`.
pub fn provider_id(tmdb_id: u32) -> ProviderId {
    match Service::by_tmdb_id(tmdb_id) {
        Some(service) => ProviderId::parse(service.id).expect("the table's ids are valid (tested)"),
        // Digits after a fixed prefix: always a valid id, at most 24 characters.
        None => ProviderId::parse(&format!("{UNKNOWN_PREFIX}{tmdb_id}")).expect("prefix and digits form an id"),
    }
}

/// The TMDB provider ids of one of our ids: a known service's (Prime Video has two),
/// or the one in `tmdb-provider-<id>`. `None` for an id TMDB cannot know.
pub fn tmdb_ids(id: &ProviderId) -> Option<Vec<u32>> {
    if let Some(service) = Service::by_id(id.as_str()) {
        return Some(service.tmdb_ids.to_vec());
    }
    let digits = id.as_str().strip_prefix(UNKNOWN_PREFIX)?;
    let tmdb_id: u32 = digits.parse().ok()?;
    // Only the form `provider_id` writes ("007" is not an id it gives out), and never a
    // known service under a second name.
    (tmdb_id.to_string() == digits && tmdb_id > 0 && Service::by_tmdb_id(tmdb_id).is_none()).then(|| vec![tmdb_id])
}

/// The catalog provider for TMDB's provider `tmdb_id`: the known service's entry, or one
/// under TMDB's name (cleaned and cut; "TMDB <id>" when it has none) with `kind`, a
/// neutral colour and TMDB's site as its homepage.
pub fn provider(tmdb_id: u32, tmdb_name: &str, kind: ProviderKind) -> Provider {
    if let Some(service) = Service::by_tmdb_id(tmdb_id) {
        return service.provider();
    }
    let name = crate::map::clean(tmdb_name, MAX_NAME_CHARS).unwrap_or_else(|| format!("TMDB {tmdb_id}"));
    Provider {
        id: provider_id(tmdb_id),
        name,
        kind,
        color: Color::parse(UNKNOWN_COLOR).expect("a valid colour constant"),
        homepage: HttpsUrl::parse(UNKNOWN_HOMEPAGE).expect("an https constant"),
        tmdb_provider_id: Some(tmdb_id),
        regions: Vec::new(),
    }
}
