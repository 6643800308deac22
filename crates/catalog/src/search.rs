//! Search as you type: folded words of titles and people, looked up by prefix and with
//! one typo forgiven, each film scored by where and how well every word of the query matched.
//!
//! The vocabulary is one sorted list of distinct words, so the words that start with what
//! the reader typed are one binary search and a short walk; each word points to the films
//! that have it and the best field they have it in.

use serde::{Deserialize, Serialize};

use crate::filter::Filter;
use crate::fold;
use crate::model::{Catalog, Date, Film};

/// Where in a film a word was found; a title match ranks above a director above the cast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Cast = 1,
    Director = 2,
    Title = 3,
}

/// How a query word matched a film's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    Typo = 1,
    Prefix = 2,
    Exact = 3,
}

/// Query words shorter than this must be typed right: a typo in "heat" finds too much.
pub const TYPO_MIN_LEN: usize = 5;

#[derive(Serialize, Deserialize)]
pub struct SearchIndex {
    /// Distinct folded words, sorted, one after the other: word `w` is
    /// `vocab[ends[w - 1]..ends[w]]` (from 0 for the first). One string instead of a heap
    /// string per word: the build, the lookups and unpacking touch a tenth of the memory.
    vocab: String,
    ends: Vec<u32>,
    /// `postings[starts[w]..starts[w + 1]]` are the films with word `w`, ascending, as
    /// `film << 2 | field`.
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// Per film, bit `n` is set when one of its titles has `n` words: with every query
    /// word an exact title word, that makes the query the whole title.
    title_lengths: Vec<u32>,
}

/// Texts laid end to end in one string, each found by its number: text `i` ends at
/// `ends[i]` and starts where the one before ends.
pub(crate) struct Texts<'a> {
    pub text: &'a str,
    pub ends: &'a [u32],
}

impl<'a> Texts<'a> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Text `w` as bytes. A packed index is checked by `fits` before use, so the slice
    /// is inside `text`; a garbled one gives an empty word, never a panic.
    fn get(&self, w: usize) -> &'a [u8] {
        let start = if w == 0 { 0 } else { self.ends[w - 1] as usize };
        self.text.as_bytes().get(start..self.ends[w] as usize).unwrap_or_default()
    }

    /// The first text for which `pred` is false, as `slice::partition_point` (for sorted texts).
    fn partition_point(&self, pred: impl Fn(&[u8]) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if pred(self.get(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

/// One film found by a query and how well it matched; higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub film: u32,
    pub score: u32,
}

impl SearchIndex {
    /// Whether every position in the index is one of `films` films (see `Index::fits`).
    pub fn fits(&self, films: usize) -> bool {
        self.title_lengths.len() == films
            && self.starts.len() == self.ends.len() + 1
            && self.ends.windows(2).all(|w| w[0] <= w[1])
            && self.ends.last().map_or(0, |&end| end as usize) == self.vocab.len()
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().is_some_and(|&end| end as usize == self.postings.len())
            && self.postings.iter().all(|&p| ((p >> 2) as usize) < films)
    }

    fn words_list(&self) -> Texts<'_> {
        Texts { text: &self.vocab, ends: &self.ends }
    }

    pub fn build(films: &[Film]) -> Self {
        // Intern every word once, then sort the distinct words: sorting 23,000 films'
        // worth of (word, film) pairs by string would cost ten times more. The table holds
        // word numbers only and the words lie end to end in `text`: a table of heap
        // strings was 3 MB at 23 k titles, and its cache misses most of the build.
        // Capacities from the 23 k public titles: about 3 distinct words and 15 entries a film.
        use std::hash::BuildHasher;
        let hasher = rustc_hash::FxBuildHasher;
        let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(films.len() * 3);
        let mut text = String::with_capacity(films.len() * 24);
        let mut ends: Vec<u32> = Vec::with_capacity(films.len() * 3);
        // (word id, film << 2 | field), one per word and film: films come in ascending
        // order, so each word's entries are too, and a word met again in the same film
        // only raises the field it was found in (`last` says where that entry is).
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(films.len() * 15);
        let mut last: Vec<(u32, u32)> = Vec::with_capacity(films.len() * 3); // per word id: (film + 1, entry)
        let mut title_lengths = Vec::with_capacity(films.len());
        let mut buffer = String::new();
        for (i, film) in films.iter().enumerate() {
            // The original and localized titles are often the title again: their words
            // would only be looked up a second time.
            let others = film.titles.values().chain([&film.original_title]).filter(|&t| *t != film.title);
            let titles = std::iter::once(&film.title).chain(others);
            let people =
                film.directors.iter().map(|d| (d, Field::Director)).chain(film.cast.iter().map(|c| (c, Field::Cast)));
            let mut lengths = 0u32;
            for (text_of_field, field) in titles.map(|t| (t, Field::Title)).chain(people) {
                let mut count = 0usize;
                fold::each_word(text_of_field, &mut buffer, |folded| {
                    count += 1;
                    let word = folded.as_bytes();
                    let hash = hasher.hash_one(word);
                    let known = Texts { text: &text, ends: &ends };
                    let id = match table.find(hash, |&id| known.get(id as usize) == word) {
                        Some(&id) => id,
                        None => {
                            let id = ends.len() as u32;
                            text.push_str(folded);
                            ends.push(text.len() as u32);
                            let known = Texts { text: &text, ends: &ends };
                            table.insert_unique(hash, id, |&id| hasher.hash_one(known.get(id as usize)));
                            last.push((0, 0));
                            id
                        }
                    };
                    let posting = (i as u32) << 2 | field as u32;
                    let (seen, at) = &mut last[id as usize];
                    if *seen == i as u32 + 1 {
                        let entry = &mut entries[*at as usize].1;
                        *entry = (*entry).max(posting);
                    } else {
                        (*seen, *at) = (i as u32 + 1, entries.len() as u32);
                        entries.push((id, posting));
                    }
                });
                if field == Field::Title {
                    lengths |= 1 << count.min(31);
                }
            }
            title_lengths.push(lengths);
        }
        drop((table, last));

        // Each word's films into its slot of the sorted vocabulary (a counting sort:
        // entries keep their film order within a word).
        let words = Texts { text: &text, ends: &ends };
        let order = sorted_texts(&words);
        let mut rank = vec![0u32; words.len()];
        for (r, &w) in order.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        let mut counts = vec![0u32; words.len() + 1];
        for &(id, _) in &entries {
            counts[rank[id as usize] as usize + 1] += 1;
        }
        for w in 1..counts.len() {
            counts[w] += counts[w - 1];
        }
        let starts = counts.clone();
        let mut postings = vec![0u32; entries.len()];
        for &(id, posting) in &entries {
            let slot = &mut counts[rank[id as usize] as usize];
            postings[*slot as usize] = posting;
            *slot += 1;
        }
        let mut vocab = String::with_capacity(text.len());
        let mut sorted_ends = Vec::with_capacity(ends.len());
        for &w in &order {
            let start = if w == 0 { 0 } else { ends[w as usize - 1] as usize };
            vocab.push_str(&text[start..ends[w as usize] as usize]);
            sorted_ends.push(vocab.len() as u32);
        }
        SearchIndex { vocab, ends: sorted_ends, starts, postings, title_lengths }
    }

    /// Positions in `catalog.films` of the films `filter` lets through (where to watch,
    /// see `Filter::matches`, and its search words), best match first while it has search
    /// words, else in catalog order. The shell's list until the full index fits its budget.
    pub fn apply(&self, catalog: &Catalog, filter: &Filter, today: Date) -> Vec<usize> {
        let Some(hits) = self.search(&filter.text) else {
            return crate::filter::apply(catalog, filter, today);
        };
        let hits: Vec<Hit> =
            hits.into_iter().filter(|h| filter.matches(&catalog.films[h.film as usize], today)).collect();
        ranked(&hits).into_iter().map(|i| i as usize).collect()
    }

    /// Number of distinct words.
    pub fn words(&self) -> usize {
        self.ends.len()
    }

    /// The films matching every word of `query`, each with its score, ascending by film;
    /// `None` when the query has no words (then search does not narrow anything).
    pub fn search(&self, query: &str) -> Option<Vec<Hit>> {
        let words = fold::words(query);
        if words.is_empty() {
            return None;
        }
        let mut hits: Option<Vec<Hit>> = None;
        for word in &words {
            let found = self.word_hits(word);
            hits = Some(match hits {
                None => found,
                Some(prev) => intersect(&prev, &found),
            });
            if hits.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        let mut hits = hits.unwrap_or_default();
        // Among films whose title has every query word, a title that is exactly the query
        // ("heat" for "Heat") comes first, then the titles with the fewest other words
        // ("The Irishman" before "Kill the Irishman").
        let n = words.len() as u32;
        let exact_title = (Quality::Exact as u32 * 10 + Field::Title as u32) * n;
        for hit in &mut hits {
            let lengths = self.title_lengths[hit.film as usize];
            if hit.score == exact_title {
                let other_words = lengths.trailing_zeros().saturating_sub(n).min(16);
                hit.score += if lengths & 1 << n.min(31) != 0 { 100 } else { 16 - other_words };
            }
        }
        Some(hits)
    }

    /// Films with a word that `word` is (a prefix of, or one typo away from), each with
    /// its best score for this word.
    fn word_hits(&self, word: &str) -> Vec<Hit> {
        // Each film's best score so far, plus one (0: not found), a byte a film: the films
        // then come out in film order without sorting their postings, which was most of a
        // one-letter query ("h" starts words with tens of thousands of postings).
        let mut best = vec![0u8; self.title_lengths.len()];
        let mut add = |w: usize, quality: Quality| {
            let range = self.starts[w] as usize..self.starts[w + 1] as usize;
            for &p in &self.postings[range] {
                if let Some(b) = best.get_mut((p >> 2) as usize) {
                    *b = (*b).max(quality as u8 * 10 + (p & 3) as u8 + 1);
                }
            }
        };
        let vocab = self.words_list();
        let typed = word.as_bytes();
        let first = vocab.partition_point(|v| v < typed);
        let mut end = first;
        while end < vocab.len() && vocab.get(end).starts_with(typed) {
            let quality = if vocab.get(end) == typed { Quality::Exact } else { Quality::Prefix };
            add(end, quality);
            end += 1;
        }
        if word.chars().count() >= TYPO_MIN_LEN {
            // Only words that start with the first or the second letter typed: that covers
            // every single edit but a wrong first letter, and walks a tenth of the words.
            let leads: &[u8] = if typed[0] == typed[1] { &typed[..1] } else { &typed[..2] };
            for &lead in leads {
                let from = vocab.partition_point(|v| v.first().is_none_or(|&b| b < lead));
                let to = vocab.partition_point(|v| v.first().is_none_or(|&b| b <= lead));
                for w in from..to {
                    if (first..end).contains(&w) {
                        continue;
                    }
                    let c = vocab.get(w);
                    // The whole word, or its start when the reader is still typing: one letter
                    // replaced or swapped (same length), missing (one longer) or extra (one shorter).
                    let near = |len: usize| len <= c.len() && fold::within_one_edit(typed, &c[..len]);
                    let n = typed.len();
                    if c.len() + 1 >= n && (near(c.len()) || near(n) || near(n + 1) || near(n - 1)) {
                        add(w, Quality::Typo);
                    }
                }
            }
        }
        let mut hits = Vec::new();
        for (film, b) in (0..).zip(best) {
            if b > 0 {
                hits.push(Hit { film, score: u32::from(b - 1) });
            }
        }
        hits
    }
}

/// The films of `hits` (in film order, as `search` finds them), best score first; equal
/// scores keep the catalog order (most votes first). A search's scores take few values (a
/// word's three qualities in three fields, summed over the query's words), so the films
/// are read out once per score instead of sorted: "h", a prefix of most words, finds most
/// of the catalog, and sorting its hits was most of that keystroke's query.
pub fn ranked(hits: &[Hit]) -> Vec<u32> {
    let key = |h: &Hit| u64::from(u32::MAX - h.score);
    let mut keys: Vec<u64> = Vec::new();
    for hit in hits {
        if !keys.contains(&key(hit)) {
            keys.push(key(hit));
        }
    }
    crate::small::sort_keys(&mut keys);
    let mut films = Vec::with_capacity(hits.len());
    for k in keys {
        films.extend(hits.iter().filter(|h| key(h) == k).map(|h| h.film));
    }
    films
}

/// Positions of `texts` in text order, ties by position.
pub(crate) fn sorted_texts(texts: &Texts) -> Vec<u32> {
    sorted_by_bytes(texts.len(), &|i| texts.get(i))
}

/// Positions `0..n` in the byte order of `text(i)`, ties by position: the index's one
/// string sort. Most comparisons are settled by the first eight bytes, read once into a
/// number, so the sort walks one array instead of chasing every text (3× faster at
/// 62,000 words).
fn sorted_by_bytes<'a>(n: usize, text: &dyn Fn(usize) -> &'a [u8]) -> Vec<u32> {
    let heads: Vec<u64> = (0..n)
        .map(|i| {
            let mut head = [0u8; 8];
            let t = text(i);
            let len = t.len().min(8);
            head[..len].copy_from_slice(&t[..len]);
            u64::from_be_bytes(head)
        })
        .collect();
    crate::small::sorted_positions(n, &|a, b| heads[a].cmp(&heads[b]).then_with(|| text(a).cmp(text(b))))
}

/// Films in both lists, their scores added.
fn intersect(a: &[Hit], b: &[Hit]) -> Vec<Hit> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].film.cmp(&b[j].film) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Hit { film: a[i].film, score: a[i].score + b[j].score });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order `ranked` keeps: best score first, then film order.
    fn sorted(hits: &[Hit]) -> Vec<u32> {
        let mut hits = hits.to_vec();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.film.cmp(&b.film)));
        hits.into_iter().map(|h| h.film).collect()
    }

    #[test]
    fn ranked_orders_by_score_then_film_like_a_sort() {
        use rand::{Rng, SeedableRng};
        // Seeded (the crate's benchmark generator, rand_chacha), so a failure can be replayed.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for (hits, scores) in [(0, 1), (1, 1), (7, 3), (5000, 9), (5000, 200), (20_000, 40)] {
            // Films in order, some skipped, as a search finds them; scores from a few values.
            let mut film = 0;
            let found: Vec<Hit> = (0..hits)
                .map(|_| {
                    film += rng.random_range(1..=3);
                    Hit { film, score: rng.random_range(0..scores) * 7 }
                })
                .collect();
            assert_eq!(ranked(&found), sorted(&found), "{hits} hits, {scores} scores");
        }
    }
}
