//! Folding text for search and for sorting titles: lower case, no diacritics, words.
//!
//! "Amélie" folds to "amelie" and "Straße" to "strasse", so a reader finds a film however
//! they type it, and "Ärger" sorts with "Arger", as German (DIN 5007-1) and English
//! collation both order it. The table covers the Latin letters of European film titles;
//! other scripts are only lower-cased, which is what their readers type anyway.

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
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => {
            "a"
        }
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'ð' | 'Ď' | 'Đ' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => {
            "e"
        }
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => {
            "o"
        }
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ß' | 'ẞ' => "ss",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ if c.is_alphanumeric() => {
            out.extend(c.to_lowercase());
            return true;
        }
        _ => return false,
    };
    out.push_str(folded);
    true
}

/// Whether `c` joins the letters around it instead of breaking a word: "Schindler's",
/// "Don’t" and zero-width characters fold to one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// The folded words of `text`, in order: "Léon: The Professional" → ["leon", "the", "professional"].
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_joiner(c) || fold_char(c, &mut word) {
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The folded words joined by single spaces: the key a title is sorted and compared by.
pub fn key(text: &str) -> String {
    words(text).join(" ")
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
        assert_eq!(words("Крёстный отец"), ["крёстный", "отец"]);
        assert_eq!(words("  ...  "), Vec::<String>::new());
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
