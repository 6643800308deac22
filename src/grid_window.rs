//! Which part of a long list of cards is in the DOM. The grid mounts pages of cards as the
//! reader asks for them ("show more", or scrolling to the end) and keeps at most
//! [`MAX_PAGES`] of them mounted: a page that leaves the window is replaced by empty space
//! of its measured height, so the page keeps its length and nothing moves on screen, and it
//! comes back when the reader scrolls near that space again. A catalog of 23,000 titles
//! never has more than `MAX_PAGES × PAGE` cards in the DOM.
//!
//! No DOM here: the grid measures a page's height when this model asks for it (the
//! `measure` argument), so the model is tested natively.

use std::ops::Range;

/// Cards in a page: two screens' worth. A multiple of every column count the grid can have
/// (one to three, inside its 90 rem page), so a page is always whole rows and its height
/// is the distance from its first card to the next page's.
pub const PAGE: usize = 48;

/// Pages mounted at most: 288 cards.
pub const MAX_PAGES: usize = 6;

/// The pages a reader has loaded, which of them are mounted, and the heights of the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct GridWindow {
    /// Pages loaded so far: `0..loaded` are in the list, mounted or as space.
    loaded: usize,
    /// Mounted pages: `lo..hi`, within `0..loaded`.
    lo: usize,
    hi: usize,
    /// Heights of loaded pages, known for every page outside `lo..hi`.
    heights: Vec<f64>,
}

impl Default for GridWindow {
    fn default() -> Self {
        GridWindow { loaded: 1, lo: 0, hi: 1, heights: vec![0.0] }
    }
}

impl GridWindow {
    /// The positions in the list (not film ids) of the mounted cards, for a list of `len`.
    pub fn mounted(&self, len: usize) -> Range<usize> {
        (self.lo * PAGE).min(len)..(self.hi * PAGE).min(len)
    }

    /// Whether only the first page is loaded: a new window.
    pub fn is_new(&self) -> bool {
        self.loaded == 1
    }

    /// Whether the list has cards beyond the loaded pages.
    pub fn has_more(&self, len: usize) -> bool {
        self.loaded * PAGE < len
    }

    /// Cards of the list not loaded yet ("show more" loads up to a page of them).
    pub fn left(&self, len: usize) -> usize {
        len.saturating_sub(self.loaded * PAGE)
    }

    /// Height of the space that stands for the pages above the window.
    pub fn space_above(&self) -> f64 {
        self.heights[..self.lo].iter().sum()
    }

    /// Height of the space that stands for loaded pages below the window.
    pub fn space_below(&self) -> f64 {
        self.heights[self.hi..self.loaded].iter().sum()
    }

    /// Whether loaded pages wait below the window (the reader scrolled back up).
    pub fn unmounted_below(&self) -> bool {
        self.hi < self.loaded
    }

    /// Whether pages wait above the window.
    pub fn unmounted_above(&self) -> bool {
        self.lo > 0
    }

    /// "Show more": loads the next page and moves the window to the end of the list.
    pub fn more(&mut self, len: usize, measure: impl FnMut(usize) -> f64) {
        if !self.has_more(len) {
            return;
        }
        self.loaded += 1;
        self.heights.push(0.0);
        let hi = self.loaded;
        self.shift(hi.saturating_sub(MAX_PAGES), hi, measure);
    }

    /// The reader scrolled near the space above: mounts the page before the window.
    pub fn reveal_above(&mut self, measure: impl FnMut(usize) -> f64) {
        if self.lo > 0 {
            let lo = self.lo - 1;
            self.shift(lo, self.hi.min(lo + MAX_PAGES), measure);
        }
    }

    /// The reader scrolled near the space below: mounts the page after the window.
    pub fn reveal_below(&mut self, measure: impl FnMut(usize) -> f64) {
        if self.hi < self.loaded {
            let hi = self.hi + 1;
            self.shift(self.lo.max(hi.saturating_sub(MAX_PAGES)), hi, measure);
        }
    }

    /// Mounts `lo..hi`; every mounted page that leaves is measured first (by page number).
    fn shift(&mut self, lo: usize, hi: usize, mut measure: impl FnMut(usize) -> f64) {
        for page in self.lo..self.hi {
            if !(lo..hi).contains(&page) {
                self.heights[page] = measure(page);
            }
        }
        self.lo = lo;
        self.hi = hi;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page 1,000 px tall, except what a test measures differently.
    fn thousand(_: usize) -> f64 {
        1000.0
    }

    fn no_measure(page: usize) -> f64 {
        panic!("page {page} measured, but it stays mounted")
    }

    #[test]
    fn a_new_list_mounts_its_first_page() {
        let window = GridWindow::default();
        assert_eq!(window.mounted(1000), 0..48);
        assert_eq!(window.mounted(10), 0..10);
        assert!(window.has_more(49));
        assert!(!window.has_more(48));
        assert_eq!((window.space_above(), window.space_below()), (0.0, 0.0));
        assert!(window.is_new());
    }

    #[test]
    fn show_more_adds_pages_up_to_the_cap_without_measuring() {
        let mut window = GridWindow::default();
        for _ in 1..MAX_PAGES {
            window.more(10_000, no_measure);
        }
        assert_eq!(window.mounted(10_000), 0..MAX_PAGES * PAGE);
        assert_eq!(window.space_above(), 0.0);
        assert!(!window.is_new());
    }

    #[test]
    fn beyond_the_cap_the_first_pages_become_space_of_their_height() {
        let mut window = GridWindow::default();
        let mut measured = vec![];
        for _ in 0..MAX_PAGES + 1 {
            window.more(10_000, |page| {
                measured.push(page);
                100.0 * (page + 1) as f64
            });
        }
        assert_eq!(measured, [0, 1]);
        assert_eq!(window.mounted(10_000), 2 * PAGE..8 * PAGE);
        assert_eq!(window.space_above(), 100.0 + 200.0);
        assert_eq!(window.space_below(), 0.0);
        assert!(window.mounted(10_000).len() <= 300);
    }

    #[test]
    fn the_last_page_of_a_list_ends_show_more() {
        let mut window = GridWindow::default();
        window.more(60, no_measure);
        assert_eq!(window.mounted(60), 0..60);
        assert!(!window.has_more(60));
        window.more(60, no_measure);
        assert_eq!(window.mounted(60), 0..60, "nothing more to load");
    }

    #[test]
    fn scrolling_back_up_remounts_pages_and_turns_the_bottom_ones_into_space() {
        let mut window = GridWindow::default();
        for _ in 0..9 {
            window.more(10_000, thousand);
        }
        // Ten pages loaded, 4..10 mounted.
        assert_eq!(window.mounted(10_000), 4 * PAGE..10 * PAGE);
        let mut measured = vec![];
        window.reveal_above(|page| {
            measured.push(page);
            900.0
        });
        assert_eq!(measured, [9]);
        assert_eq!(window.mounted(10_000), 3 * PAGE..9 * PAGE);
        assert_eq!(window.space_above(), 3000.0);
        assert_eq!(window.space_below(), 900.0);
        assert!(window.unmounted_below());
        // All the way up: the first page mounted, space below for the rest.
        for _ in 0..10 {
            window.reveal_above(thousand);
        }
        assert_eq!(window.mounted(10_000), 0..MAX_PAGES * PAGE);
        assert!(!window.unmounted_above());
        assert_eq!(window.space_below(), 3000.0 + 900.0, "each page keeps the height it was measured at");
        // And down again, to where the reader was.
        for _ in 0..10 {
            window.reveal_below(thousand);
        }
        assert_eq!(window.mounted(10_000), 4 * PAGE..10 * PAGE);
        assert_eq!((window.space_above(), window.space_below()), (4000.0, 0.0));
    }

    #[test]
    fn show_more_from_a_window_scrolled_up_jumps_to_the_end() {
        let mut window = GridWindow::default();
        for _ in 0..9 {
            window.more(10_000, thousand);
        }
        for _ in 0..6 {
            window.reveal_above(thousand);
        }
        assert_eq!(window.mounted(10_000), 0..6 * PAGE);
        window.more(10_000, thousand);
        assert_eq!(window.mounted(10_000), 5 * PAGE..11 * PAGE);
        assert_eq!(window.space_above(), 5000.0);
        assert_eq!(window.space_below(), 0.0);
    }

    #[test]
    fn at_most_max_pages_are_ever_mounted() {
        // A seeded walk of every move; the window never grows past the cap and the spaces
        // always stand for exactly the pages outside it.
        let mut window = GridWindow::default();
        let mut seed = 0x2545_f491_u32;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            match seed % 3 {
                0 => window.more(40 * PAGE, thousand),
                1 => window.reveal_above(thousand),
                _ => window.reveal_below(thousand),
            }
            let mounted = window.mounted(40 * PAGE);
            assert!(mounted.len() <= MAX_PAGES * PAGE);
            assert!(!mounted.is_empty());
            let outside = window.loaded - (window.hi - window.lo);
            assert_eq!(window.space_above() + window.space_below(), 1000.0 * outside as f64);
        }
    }
}
