//! Folding text for search and for sorting titles: lower case, no diacritics, words.
//!
//! "Amélie" folds to "amelie" and "Straße" to "strasse", so a reader finds a film however
//! they type it, and "Ärger" sorts with "Arger", as German (DIN 5007-1) and English
//! collation both order it. The table covers the Latin letters of European film titles;
//! other scripts are only lower-cased, which is what their readers type anyway.

/// Latin letters with diacritics and ligatures, sorted, with what they fold to. A table
/// searched by halves rather than a `match`: the match compiled to a 14 KB jump table in
/// the wasm shell, this is under 1 KB.
const LATIN: &[(char, &str)] = &[
    ('À', "a"),
    ('Á', "a"),
    ('Â', "a"),
    ('Ã', "a"),
    ('Ä', "a"),
    ('Å', "a"),
    ('Æ', "ae"),
    ('Ç', "c"),
    ('È', "e"),
    ('É', "e"),
    ('Ê', "e"),
    ('Ë', "e"),
    ('Ì', "i"),
    ('Í', "i"),
    ('Î', "i"),
    ('Ï', "i"),
    ('Ð', "d"),
    ('Ñ', "n"),
    ('Ò', "o"),
    ('Ó', "o"),
    ('Ô', "o"),
    ('Õ', "o"),
    ('Ö', "o"),
    ('Ø', "o"),
    ('Ù', "u"),
    ('Ú', "u"),
    ('Û', "u"),
    ('Ü', "u"),
    ('Ý', "y"),
    ('Þ', "th"),
    ('ß', "ss"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('þ', "th"),
    ('ÿ', "y"),
    ('Ā', "a"),
    ('ā', "a"),
    ('Ă', "a"),
    ('ă', "a"),
    ('Ą', "a"),
    ('ą', "a"),
    ('Ć', "c"),
    ('ć', "c"),
    ('Č', "c"),
    ('č', "c"),
    ('Ď', "d"),
    ('ď', "d"),
    ('Đ', "d"),
    ('đ', "d"),
    ('Ē', "e"),
    ('ē', "e"),
    ('Ė', "e"),
    ('ė', "e"),
    ('Ę', "e"),
    ('ę', "e"),
    ('Ě', "e"),
    ('ě', "e"),
    ('Ğ', "g"),
    ('ğ', "g"),
    ('Ī', "i"),
    ('ī', "i"),
    ('Į', "i"),
    ('į', "i"),
    ('İ', "i"),
    ('ı', "i"),
    ('Ł', "l"),
    ('ł', "l"),
    ('Ń', "n"),
    ('ń', "n"),
    ('Ň', "n"),
    ('ň', "n"),
    ('Ō', "o"),
    ('ō', "o"),
    ('Ő', "o"),
    ('ő', "o"),
    ('Œ', "oe"),
    ('œ', "oe"),
    ('Ř', "r"),
    ('ř', "r"),
    ('Ś', "s"),
    ('ś', "s"),
    ('Ş', "s"),
    ('ş', "s"),
    ('Š', "s"),
    ('š', "s"),
    ('Ţ', "t"),
    ('ţ', "t"),
    ('Ť', "t"),
    ('ť', "t"),
    ('Ū', "u"),
    ('ū', "u"),
    ('Ů', "u"),
    ('ů', "u"),
    ('Ű', "u"),
    ('ű', "u"),
    ('Ų', "u"),
    ('ų', "u"),
    ('Ÿ', "y"),
    ('Ź', "z"),
    ('ź', "z"),
    ('Ż', "z"),
    ('ż', "z"),
    ('Ž', "z"),
    ('ž', "z"),
    ('Ș', "s"),
    ('ș', "s"),
    ('Ț', "t"),
    ('ț', "t"),
    ('ẞ', "ss"),
];

/// Appends the folded form of `c` to `out`; returns false for a character that is not
/// part of a word (space, punctuation), which callers treat as a word break.
fn fold_char(c: char, out: &mut String) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            return true;
        }
        return false;
    }
    if let Ok(at) = LATIN.binary_search_by(|(k, _)| k.cmp(&c)) {
        out.push_str(LATIN[at].1);
        return true;
    }
    if is_break(c) {
        return false;
    }
    // Greek and Cyrillic capitals by their fixed offsets; other scripts (Chinese,
    // Japanese, Korean, Arabic, …) have no case. Core's full Unicode tables would cost
    // the shell several KB for letters no title here needs folded.
    let lower = match c as u32 {
        0x391..=0x3a9 | 0x410..=0x42f => char::from_u32(c as u32 + 0x20),
        0x400..=0x40f => char::from_u32(c as u32 + 0x50),
        _ => None,
    };
    out.push(lower.unwrap_or(c));
    true
}

/// Non-ASCII characters that separate words: spaces, punctuation and symbols of the
/// Latin-1 block, general punctuation, arrows and symbols, CJK and full-width punctuation.
fn is_break(c: char) -> bool {
    matches!(c as u32, 0x80..=0xbf | 0xd7 | 0xf7 | 0x2000..=0x2bff | 0x3000..=0x303f | 0xfe30..=0xfe4f | 0xff00..=0xff0f | 0xff1a..=0xff20)
}

/// Whether `c` joins the letters around it instead of breaking a word: "Schindler's",
/// "Don’t" and zero-width characters fold to one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// The folded words of `text`, in order: "Léon: The Professional" → ["leon", "the", "professional"].
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(text, &mut String::new(), |word| words.push(word.to_owned()));
    words
}

/// Calls `f` with each folded word of `text`, in order, folded into `buffer`: the index
/// build folds some 400,000 words at 23 k titles, and one buffer spares it an allocation each.
pub fn each_word(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    buffer.clear();
    for c in text.chars() {
        if is_joiner(c) || fold_char(c, buffer) {
            continue;
        }
        if !buffer.is_empty() {
            f(buffer);
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        f(buffer);
    }
}

/// The folded words joined by single spaces: the key a title is sorted and compared by.
pub fn key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    push_key(text, &mut key, &mut String::new());
    key
}

/// Appends `key(text)` to `out`, folding words in `buffer`: the index writes 23,000
/// title keys into one string without an allocation each.
pub fn push_key(text: &str, out: &mut String, buffer: &mut String) {
    let start = out.len();
    each_word(text, buffer, |word| {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(word);
    });
}

/// Whether `a` becomes `b` with at most one edit: a letter inserted, removed, replaced,
/// or two neighbours swapped ("godfahter" → "godfather"). Works on bytes, which is exact
/// for folded ASCII words and errs on the strict side for other scripts.
pub fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if start == short.len() {
        return true; // equal, or one letter appended
    }
    let (s, l) = (&short[start..], &long[start..]);
    if s.len() == l.len() {
        // Replace the letter, or swap it with the next one.
        s[1..] == l[1..] || (s.len() >= 2 && s[0] == l[1] && s[1] == l[0] && s[2..] == l[2..])
    } else {
        // Insert one letter into the shorter word.
        s == &l[1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(words("Amélie"), ["amelie"]);
        assert_eq!(words("Die Straße"), ["die", "strasse"]);
        assert_eq!(words("ÆON Œuvre Ørsted Łódź"), ["aeon", "oeuvre", "orsted", "lodz"]);
        assert_eq!(words("Léon: The Professional"), ["leon", "the", "professional"]);
        assert_eq!(words("Schindler's List"), ["schindlers", "list"]);
        assert_eq!(words("Con\u{200b}sequences\u{a0}"), ["consequences"]);
        assert_eq!(words("千と千尋の神隠し"), ["千と千尋の神隠し"]);
        assert_eq!(words("Крёстный Отец"), ["крёстный", "отец"]);
        assert_eq!(words("ΑΛΦΑ «Beta» — gamma…"), ["αλφα", "beta", "gamma"]);
        assert_eq!(words("  ...  "), Vec::<String>::new());
    }

    #[test]
    fn the_latin_table_is_sorted_for_its_search() {
        assert!(LATIN.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn keys_compare_like_collation_at_the_first_level() {
        assert!(key("Ärger") < key("Bambi"));
        assert!(key("Zorro") > key("Ärger"));
        assert_eq!(key("Der  Untergang!"), "der untergang");
    }

    #[test]
    fn one_edit_means_one_letter_or_one_swap() {
        let ok = |a: &str, b: &str| within_one_edit(a.as_bytes(), b.as_bytes());
        assert!(ok("godfather", "godfather"));
        assert!(ok("godfahter", "godfather")); // swap
        assert!(ok("godfaher", "godfather")); // one missing
        assert!(ok("godfatther", "godfather")); // one extra
        assert!(ok("godfether", "godfather")); // one replaced
        assert!(ok("godfathe", "godfather"));
        assert!(!ok("gdofahter", "godfather")); // two swaps
        assert!(!ok("godfa", "godfather"));
        assert!(!ok("dogfather", "godfather"));
    }
}
