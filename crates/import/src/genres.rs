//! The services' genre labels (`listed_in`) mapped onto catalog format v1's fixed genre list.

use catalog::Genre::{self, *};

/// Every label of the four public lists that says something our genres can say. Labels
/// about audience, origin or format ("International Movies", "Teen", "Reality TV",
/// "Sports") have no genre of their own and are left out: they are counted as not mapped.
const LABELS: &[(&str, &[Genre])] = &[
    ("Action", &[Action]),
    ("Action & Adventure", &[Action, Adventure]),
    ("Action-Adventure", &[Action, Adventure]),
    ("Adult Animation", &[Animation]),
    ("Adventure", &[Adventure]),
    ("Animals & Nature", &[Documentary]),
    ("Animation", &[Animation]),
    ("Anime", &[Animation]),
    ("Anime Features", &[Animation]),
    ("Anime Series", &[Animation]),
    ("Cartoons", &[Animation]),
    ("Children & Family Movies", &[Family]),
    ("Comedies", &[Comedy]),
    ("Comedy", &[Comedy]),
    ("Concert Film", &[Music]),
    ("Crime", &[Crime]),
    ("Crime TV Shows", &[Crime]),
    ("Dance", &[Music]),
    ("Documentaries", &[Documentary]),
    ("Documentary", &[Documentary]),
    ("Docuseries", &[Documentary]),
    ("Drama", &[Drama]),
    ("Dramas", &[Drama]),
    ("Family", &[Family]),
    ("Fantasy", &[Fantasy]),
    ("Historical", &[History]),
    ("History", &[History]),
    ("Horror", &[Horror]),
    ("Horror Movies", &[Horror]),
    ("Kids", &[Family]),
    ("Kids' TV", &[Family]),
    ("Military and War", &[War]),
    ("Music", &[Music]),
    ("Music & Musicals", &[Music]),
    ("Music Videos and Concerts", &[Music]),
    ("Musical", &[Music]),
    ("Mystery", &[Mystery]),
    ("Parody", &[Comedy]),
    ("Police/Cop", &[Crime]),
    ("Romance", &[Romance]),
    ("Romantic Comedy", &[Romance, Comedy]),
    ("Romantic Movies", &[Romance]),
    ("Romantic TV Shows", &[Romance]),
    ("Sci-Fi & Fantasy", &[ScienceFiction, Fantasy]),
    ("Science & Nature TV", &[Documentary]),
    ("Science & Technology", &[Documentary]),
    ("Science Fiction", &[ScienceFiction]),
    ("Sitcom", &[Comedy]),
    ("Sketch Comedy", &[Comedy]),
    ("Soap Opera / Melodrama", &[Drama]),
    ("Spy/Espionage", &[Thriller]),
    ("Stand Up", &[Comedy]),
    ("Stand-Up Comedy", &[Comedy]),
    ("Stand-Up Comedy & Talk Shows", &[Comedy]),
    ("Superhero", &[Action]),
    ("Survival", &[Adventure]),
    ("Suspense", &[Thriller]),
    ("TV Action & Adventure", &[Action, Adventure]),
    ("TV Comedies", &[Comedy]),
    ("TV Dramas", &[Drama]),
    ("TV Horror", &[Horror]),
    ("TV Mysteries", &[Mystery]),
    ("TV Sci-Fi & Fantasy", &[ScienceFiction, Fantasy]),
    ("TV Thrillers", &[Thriller]),
    ("Thriller", &[Thriller]),
    ("Thrillers", &[Thriller]),
    ("Western", &[Western]),
];

/// Labels that contain the list separator themselves; read whole before the list is split.
const LABELS_WITH_COMMAS: &[&str] = &["Arts, Entertainment, and Culture"];

/// The genres a `listed_in` value names, without duplicates, in the order first named;
/// every label that maps to nothing goes to `unmapped`.
pub fn genres(listed_in: &str, mut unmapped: impl FnMut(&str)) -> Vec<Genre> {
    let mut rest = listed_in.to_owned();
    for whole in LABELS_WITH_COMMAS {
        if rest.contains(whole) {
            unmapped(whole);
            rest = rest.replace(whole, "");
        }
    }
    let mut out = Vec::new();
    for label in rest.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        match LABELS.iter().find(|(l, _)| *l == label) {
            Some((_, genres)) => {
                for g in *genres {
                    if !out.contains(g) {
                        out.push(*g);
                    }
                }
            }
            None => unmapped(label),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(listed_in: &str) -> (Vec<Genre>, Vec<String>) {
        let mut unmapped = Vec::new();
        let genres = genres(listed_in, |l| unmapped.push(l.to_owned()));
        (genres, unmapped)
    }

    #[test]
    fn maps_labels_of_every_service_without_duplicates() {
        assert_eq!(map("Action & Adventure, Dramas").0, [Action, Adventure, Drama]);
        assert_eq!(map("Sci-Fi & Fantasy, TV Sci-Fi & Fantasy, Fantasy").0, [ScienceFiction, Fantasy]);
        assert_eq!(map("Documentaries, Docuseries").0, [Documentary]);
        assert_eq!(map("Kids' TV, Children & Family Movies").0, [Family]);
        assert_eq!(map("Action-Adventure, Animation, Kids").0, [Action, Adventure, Animation, Family]);
    }

    #[test]
    fn reports_unknown_labels_and_keeps_the_rest() {
        let (genres, unmapped) = map("International Movies, Thrillers, Space Opera");
        assert_eq!(genres, [Thriller]);
        assert_eq!(unmapped, ["International Movies", "Space Opera"]);
    }

    #[test]
    fn reads_a_label_with_commas_as_one_label() {
        let (genres, unmapped) = map("Arts, Entertainment, and Culture, Documentaries");
        assert_eq!(genres, [Documentary]);
        assert_eq!(unmapped, ["Arts, Entertainment, and Culture"]);
    }

    #[test]
    fn every_table_label_is_unique() {
        for (i, (label, _)) in LABELS.iter().enumerate() {
            assert!(LABELS[i + 1..].iter().all(|(l, _)| l != label), "{label} twice");
        }
    }
}
