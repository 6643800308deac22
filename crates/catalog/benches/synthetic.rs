//! A seeded synthetic catalog of any size: the scale benchmark's 200,000 films.
//!
//! Copies of the 23 k public titles repeat their 62,000 words, where a real catalog of
//! 200 k titles has several times as many, and the search's costs grow with its words
//! (a prefix walks more of them, a typo is looked for among all that start alike). Here
//! the distinct words grow with the catalog as they do in real text (Heaps' law): a title
//! word or a name is new with a probability that falls as the text grows, else one met
//! before, common ones far more often. Titles mix in the short words real titles are full
//! of ("the", "der", "night"), so the benchmark's searches find what they would.

use catalog::{Genre, Monetization};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

/// Services, regions and languages of the generated offers and films.
pub const SERVICES: [&str; 8] =
    ["netflix", "prime-video", "disney-plus", "hulu", "apple-tv-plus", "mubi", "apple-tv", "amazon-video"];
const REGIONS: [&str; 3] = ["US", "DE", "GB"];
const LANGUAGES: [&str; 8] = ["en", "en", "en", "de", "fr", "es", "ja", "ko"];

/// Short words of real titles, a third of all title words, the first ones most often.
const COMMON: [&str; 24] = [
    "the",
    "of",
    "a",
    "and",
    "in",
    "der",
    "die",
    "das",
    "la",
    "le",
    "night",
    "love",
    "man",
    "day",
    "dark",
    "heat",
    "king",
    "life",
    "story",
    "world",
    "last",
    "godfather",
    "city",
    "blue",
];

/// `n` films in catalog format v1 (see `catalog_json` in the benchmark), the same for the same seed.
pub fn films(seed: u64, n: usize) -> Vec<Value> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut words, mut first_names, mut surnames) = (Words::new(26.0), Words::new(8.0), Words::new(78.0));
    let mut name = |rng: &mut ChaCha8Rng| format!("{} {}", first_names.next(rng), surnames.next(rng));
    (0..n)
        .map(|i| {
            let mut text = |rng: &mut ChaCha8Rng, count: usize| {
                (0..count)
                    .map(|_| {
                        if rng.random_bool(0.33) {
                            // "the" most of all, as in real titles.
                            COMMON[(rng.random::<f64>().powi(2) * COMMON.len() as f64) as usize].to_owned()
                        } else {
                            words.next(rng)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let count = rng.random_range(1..=4);
            let mut title = text(&mut rng, count);
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            let count = rng.random_range(8..=20);
            let synopsis = text(&mut rng, count);
            let show = rng.random_bool(0.2);
            let genres: Vec<&str> =
                (0..rng.random_range(1..=3)).map(|_| Genre::ALL[rng.random_range(0..Genre::ALL.len())].slug()).collect();
            let directors: Vec<String> = (0..rng.random_range(1..=2)).map(|_| name(&mut rng)).collect();
            let cast: Vec<String> = (0..rng.random_range(0..=8)).map(|_| name(&mut rng)).collect();
            let offers: Vec<Value> = (0..rng.random_range(1..=3))
                .map(|_| {
                    let kind = Monetization::ALL[rng.random_range(0..Monetization::ALL.len())];
                    json!({ "provider": SERVICES[rng.random_range(0..SERVICES.len())],
                            "region": REGIONS[rng.random_range(0..REGIONS.len())], "type": kind.as_str() })
                })
                .collect();
            let mut film = json!({
                "id": format!("flimmer:synthetic-{i}"),
                "title": title,
                "year": rng.random_range(1920..=2026),
                "kind": if show { "show" } else { "movie" },
                "genres": genres,
                "directors": directors,
                "cast": cast,
                "original_language": LANGUAGES[rng.random_range(0..LANGUAGES.len())],
                "rating": { "value": f64::from(rng.random_range(10..=95u8)) / 10.0, "votes": rng.random_range(0..50_000) },
                "synopsis": { "en": synopsis },
                "offers": offers,
            });
            if !show {
                film["runtime"] = json!(rng.random_range(70..=180));
            }
            film
        })
        .collect()
}

/// A vocabulary that grows as it is used: after `used` words, the next is new with
/// probability β·K·used^(β−1), so that the distinct words grow as K·used^β (Heaps' law,
/// β = 0.6). A word met before is picked with a strong lean to the earliest, the common
/// ones. `K` per vocabulary is set so that 23,000 generated films have about the 62,000
/// distinct words of the 23 k public titles.
struct Words {
    k: f64,
    made: Vec<String>,
    used: usize,
}

impl Words {
    const BETA: f64 = 0.6;

    fn new(k: f64) -> Self {
        Words { k, made: Vec::new(), used: 0 }
    }

    fn next(&mut self, rng: &mut ChaCha8Rng) -> String {
        self.used += 1;
        let fresh = Self::BETA * self.k * (self.used as f64).powf(Self::BETA - 1.0);
        if self.made.is_empty() || rng.random_bool(fresh.min(1.0)) {
            let word = new_word(rng);
            self.made.push(word.clone());
            return word;
        }
        let lean: f64 = rng.random::<f64>().powi(3);
        self.made[(lean * self.made.len() as f64) as usize].clone()
    }
}

/// A pronounceable word of two to four syllables, now and then with a letter to fold.
fn new_word(rng: &mut ChaCha8Rng) -> String {
    const SYLLABLES: [&str; 32] = [
        "ka", "ri", "mo", "sen", "tha", "lu", "ber", "dor", "vi", "el", "an", "to", "mar", "ne", "sa", "gri", "fo",
        "li", "ben", "co", "ra", "un", "we", "ha", "ste", "pa", "jo", "in", "dre", "qui", "zo", "ly",
    ];
    const FOLDED: [&str; 6] = ["ä", "é", "ö", "ß", "ü", "ñ"];
    let mut word = String::new();
    for _ in 0..rng.random_range(2..=4) {
        word.push_str(SYLLABLES[rng.random_range(0..SYLLABLES.len())]);
    }
    if rng.random_bool(0.05) {
        word.push_str(FOLDED[rng.random_range(0..FOLDED.len())]);
    }
    word[..1].to_ascii_uppercase() + &word[1..]
}
