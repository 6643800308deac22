//! A film's poster, or a drawn placeholder with the title when the catalog has none.

use leptos::prelude::*;

use crate::state::SharedFilm;

#[component]
pub fn Poster(
    /// The film whose poster to show.
    film: SharedFilm,
    /// The title in the page language, written on the placeholder.
    title: String,
) -> impl IntoView {
    match &film.poster {
        // Decorative: the card's heading already names the film.
        Some(url) => view! {
            <img class="poster" src=url.as_str().to_owned() alt="" loading="lazy" decoding="async" width="200" height="300"/>
        }
        .into_any(),
        None => {
            let hue = placeholder_hue(film.id.as_str());
            let title_class = match longest_word(&title) {
                0..=9 => "poster__title",
                10..=12 => "poster__title poster__title--long",
                _ => "poster__title poster__title--longer",
            };
            view! {
                <div class="poster poster--placeholder" style:--poster-hue=hue.to_string() aria-hidden="true">
                    <span class=title_class>{title}</span>
                    <span class="poster__year">{film.year}</span>
                </div>
            }
            .into_any()
        }
    }
}

/// Characters in the title's longest word: a long German compound ("Zauberland") gets a
/// smaller type so the narrow placeholder does not break it mid-word.
fn longest_word(title: &str) -> usize {
    title.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0)
}

/// A stable hue per film, so each placeholder keeps its colour across visits.
fn placeholder_hue(id: &str) -> u32 {
    // FNV-1a: tiny, stable, and good enough to spread ids over the colour wheel.
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % 360
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_word_counts_characters_not_bytes() {
        assert_eq!(longest_word("Chihiros Reise ins Zauberland"), 10);
        assert_eq!(longest_word("Die fabelhafte Welt der Amélie"), 10);
        assert_eq!(longest_word(""), 0);
    }
}
