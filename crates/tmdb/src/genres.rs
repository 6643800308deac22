//! TMDB's genre ids for movies and for series, and the catalog genres they stand for.
//!
//! Our genres are TMDB's movie genres, so movies map one to one. Series have their own
//! list: "Action & Adventure" (10759) is both Action and Adventure to us, "Sci-Fi &
//! Fantasy" (10765) both Science Fiction and Fantasy, "War & Politics" (10768) War. Kids,
//! News, Reality, Soap and Talk have no catalog genre and are dropped; History, Horror,
//! Music, Romance, Thriller and TV Movie have no series genre, so no series has them.
//! One table per kind serves both directions, so a filter and a decoded film agree: a
//! series that TMDB's `with_genres=10759` returns is exactly one we decode as Action.

use catalog::{Genre, Kind};

type Table = [(u32, &'static [Genre])];

const MOVIE: &Table = &[
    (28, &[Genre::Action]),
    (12, &[Genre::Adventure]),
    (16, &[Genre::Animation]),
    (35, &[Genre::Comedy]),
    (80, &[Genre::Crime]),
    (99, &[Genre::Documentary]),
    (18, &[Genre::Drama]),
    (10751, &[Genre::Family]),
    (14, &[Genre::Fantasy]),
    (36, &[Genre::History]),
    (27, &[Genre::Horror]),
    (10402, &[Genre::Music]),
    (9648, &[Genre::Mystery]),
    (10749, &[Genre::Romance]),
    (878, &[Genre::ScienceFiction]),
    (53, &[Genre::Thriller]),
    (10770, &[Genre::TvMovie]),
    (10752, &[Genre::War]),
    (37, &[Genre::Western]),
];

const TV: &Table = &[
    (10759, &[Genre::Action, Genre::Adventure]),
    (16, &[Genre::Animation]),
    (35, &[Genre::Comedy]),
    (80, &[Genre::Crime]),
    (99, &[Genre::Documentary]),
    (18, &[Genre::Drama]),
    (10751, &[Genre::Family]),
    (9648, &[Genre::Mystery]),
    (10765, &[Genre::ScienceFiction, Genre::Fantasy]),
    (10768, &[Genre::War]),
    (37, &[Genre::Western]),
    // Kids, News, Reality, Soap, Talk: known, and no catalog genre.
    (10762, &[]),
    (10763, &[]),
    (10764, &[]),
    (10766, &[]),
    (10767, &[]),
];

fn table(kind: Kind) -> &'static Table {
    match kind {
        Kind::Movie => MOVIE,
        Kind::Show => TV,
    }
}

/// The catalog genres TMDB's genre `tmdb_id` stands for (none for unknown ids).
pub fn genres_of(kind: Kind, tmdb_id: u32) -> &'static [Genre] {
    table(kind).iter().find(|(id, _)| *id == tmdb_id).map_or(&[], |(_, genres)| genres)
}

/// TMDB's genre id for `genre` in `kind`'s list, if that list has it.
pub fn tmdb_genre(kind: Kind, genre: Genre) -> Option<u32> {
    table(kind).iter().find(|(_, genres)| genres.contains(&genre)).map(|(id, _)| *id)
}
