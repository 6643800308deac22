//! The services the importer knows, with the provider entries `public/catalog.json` uses for them.

/// A streaming service as a catalog provider. The values match `public/catalog.json`, so
/// an imported file and the shipped one name and colour the services alike.
#[derive(Debug, PartialEq, Eq)]
pub struct Service {
    pub id: &'static str,
    pub name: &'static str,
    pub color: &'static str,
    pub homepage: &'static str,
    pub tmdb_provider_id: u32,
}

pub const KNOWN: [Service; 4] = [
    Service {
        id: "netflix",
        name: "Netflix",
        color: "#e50914",
        homepage: "https://www.netflix.com/",
        tmdb_provider_id: 8,
    },
    Service {
        id: "prime-video",
        name: "Amazon Prime Video",
        color: "#00a8e1",
        homepage: "https://www.primevideo.com/",
        tmdb_provider_id: 9,
    },
    Service {
        id: "disney-plus",
        name: "Disney+",
        color: "#113ccf",
        homepage: "https://www.disneyplus.com/",
        tmdb_provider_id: 337,
    },
    Service { id: "hulu", name: "Hulu", color: "#1ce783", homepage: "https://www.hulu.com/", tmdb_provider_id: 15 },
];

impl Service {
    pub fn find(id: &str) -> Option<&'static Service> {
        KNOWN.iter().find(|s| s.id == id)
    }

    /// "netflix, prime-video, disney-plus, hulu", for messages.
    pub fn known_ids() -> String {
        KNOWN.iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
    }
}
