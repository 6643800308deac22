//! `Bits`: a set of film positions as a bit vector, the currency of the index.
//!
//! Every facet answers with the films it lets through as one of these, so a query is a
//! handful of word-wide ANDs and ORs over `films / 64` words, and a count is a popcount:
//! at 23,000 films one set is 360 words.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// No film of `len`.
    pub fn empty(len: usize) -> Self {
        Bits { words: vec![0; len.div_ceil(64)], len }
    }

    /// Every film of `len`.
    pub fn full(len: usize) -> Self {
        let mut bits = Bits { words: vec![!0; len.div_ceil(64)], len };
        bits.clear_tail();
        bits
    }

    /// Whether the set is about `len` films and holds nothing past them: what a set read
    /// from bytes must be before a query may combine it with others (`Index::fits`).
    pub fn is_of(&self, len: usize) -> bool {
        self.len == len && self.words.len() == len.div_ceil(64) && {
            let mut clean = self.clone();
            clean.clear_tail();
            clean.words == self.words
        }
    }

    /// How many films the set is about (not how many are in it).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// How many films are in the set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// How many films are in both sets, without building the intersection.
    pub fn count_and(&self, other: &Bits) -> usize {
        self.words.iter().zip(&other.words).map(|(a, b)| (a & b).count_ones() as usize).sum()
    }

    pub fn and_with(&mut self, other: &Bits) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a &= b);
    }

    pub fn or_with(&mut self, other: &Bits) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a |= b);
    }

    pub fn remove_all(&mut self, other: &Bits) {
        self.words.iter_mut().zip(&other.words).for_each(|(a, b)| *a &= !b);
    }

    /// The positions in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }

    fn clear_tail(&mut self) {
        let tail = self.len % 64;
        if tail != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1 << tail) - 1;
            }
        }
    }
}

impl Bits {
    /// The films of `len` for which `keep` holds.
    pub fn from_fn(len: usize, mut keep: impl FnMut(usize) -> bool) -> Self {
        let mut bits = Bits::empty(len);
        for i in 0..len {
            if keep(i) {
                bits.insert(i);
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_sets_hold_exactly_len_films() {
        for len in [0, 1, 63, 64, 65, 130] {
            let full = Bits::full(len);
            assert_eq!(full.count(), len);
            assert_eq!(full.iter().collect::<Vec<_>>(), (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn set_algebra_and_counts() {
        let a = Bits::from_fn(200, |i| i % 2 == 0);
        let b = Bits::from_fn(200, |i| i % 3 == 0);
        let mut both = a.clone();
        both.and_with(&b);
        assert_eq!(both.iter().collect::<Vec<_>>(), (0..200).filter(|i| i % 6 == 0).collect::<Vec<_>>());
        assert_eq!(a.count_and(&b), both.count());
        let mut either = a.clone();
        either.or_with(&b);
        assert_eq!(either.count(), (0..200).filter(|i| i % 2 == 0 || i % 3 == 0).count());
        let mut only_a = a.clone();
        only_a.remove_all(&b);
        assert!(only_a.contains(2) && !only_a.contains(6) && !only_a.contains(3));
        assert!(!only_a.contains(500));
        assert!(Bits::empty(70).is_empty() && !a.is_empty());
    }
}
