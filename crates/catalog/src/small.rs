//! Two small collections for the handful of values a film or a filter holds.
//!
//! A filter names a few services and ways to watch; a film has titles, synopses and age
//! ratings in a few languages or regions. A vector does everything these need at least as
//! fast as a tree, and in the wasm app shell each `BTreeSet<T>` or `BTreeMap<K, V>` type
//! cost several KB of code, which every reader downloads.

use serde::{Deserialize, Serialize};

/// A set kept as a sorted, duplicate-free vector. Iterates in order, like `BTreeSet`,
/// so anything written from it (a URL) comes out the same for the same set.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn contains(&self, value: &T) -> bool {
        self.0.binary_search(value).is_ok()
    }

    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Removes `value`; false when it was not there.
    pub fn remove(&mut self, value: &T) -> bool {
        match self.0.binary_search(value) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    /// Inserts one value at a time: no sort to compile in, and linear for the few values a
    /// filter holds. Quadratic for many distinct values, so callers reading untrusted
    /// input bound it (see `Filter::from_query`).
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = SortedSet::new();
        for value in iter {
            set.insert(value);
        }
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Values keyed by a language or region code, in the order they were inserted (the file's
/// order). Keys are unique: inserting a key again replaces its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for CodeMap<K, V> {
    fn default() -> Self {
        CodeMap(Vec::new())
    }
}

impl<K: PartialEq, V> CodeMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn insert(&mut self, key: K, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: PartialEq, V> FromIterator<(K, V)> for CodeMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = CodeMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// Positions `0..n` in the order `cmp` gives, ties kept in position order. Every sort in
/// the crate goes through this one function: each differently typed sort costs the wasm
/// shell kilobytes. Unstable sorting with the position as the last key orders exactly like
/// a stable sort, with the smaller of the two sort implementations.
pub fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by(|&a, &b| cmp(a as usize, b as usize).then(a.cmp(&b)));
    order
}

/// `keys` in ascending order, through `sorted_positions`: the shell's sorts of numbers
/// share its one sort function instead of compiling in another.
pub fn sort_keys(keys: &mut Vec<u64>) {
    let order = sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    *keys = order.into_iter().map(|i| keys[i as usize]).collect();
}

/// `items` rearranged so that item `order[k]` stands at `k`.
pub fn reordered<T>(items: Vec<T>, order: &[u32]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i as usize].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_set_keeps_order_and_no_duplicates() {
        let mut s: SortedSet<u8> = [3, 1, 2, 3, 1].into();
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
        assert!(!s.insert(2));
        assert!(s.insert(0));
        assert!(s.remove(&3));
        assert!(!s.remove(&3));
        assert!(s.contains(&1) && !s.contains(&3));
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [0, 1, 2]);
        s.retain(|v| *v != 1);
        assert_eq!(s, [2, 0].into());
    }

    #[test]
    fn sort_keys_sorts_like_the_standard_sort() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut keys: Vec<u64> = (0..5000)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Some shared high bytes, some duplicates, some extremes.
                match i % 4 {
                    0 => state,
                    1 => state & 0xffff,
                    2 => u64::MAX - (state & 0xff),
                    _ => 42,
                }
            })
            .collect();
        let mut expected = keys.clone();
        expected.sort_unstable();
        sort_keys(&mut keys);
        assert_eq!(keys, expected);
        let mut empty: Vec<u64> = Vec::new();
        sort_keys(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn code_map_replaces_and_keeps_insertion_order() {
        let mut m: CodeMap<&str, u8> = [("de", 1), ("en", 2)].into_iter().collect();
        m.insert("de", 3);
        m.insert("fr", 4);
        assert_eq!(m.get(&"de"), Some(&3));
        assert_eq!(m.get(&"it"), None);
        assert_eq!(m.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(), [("de", 3), ("en", 2), ("fr", 4)]);
        assert_eq!(m.len(), 3);
    }
}
