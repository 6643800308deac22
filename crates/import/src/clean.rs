//! Text cleaning: white space, invisible characters and mojibake; match keys and id slugs.

/// A field's text after cleaning, and whether mojibake had to be repaired.
#[derive(Debug, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub mojibake_repaired: bool,
}

/// Repairs double-encoded UTF-8, drops zero-width characters, and turns every run of
/// white space or control characters (TAB, newlines, U+00A0, U+2028, U+2029) into one
/// space, trimmed at both ends. The lists were typed by hand and scraped, so a title can
/// carry a newline or a zero-width space that no reader sees but every comparison does.
pub fn text(raw: &str) -> Cleaned {
    let repaired = repair_mojibake(raw);
    let source = repaired.as_deref().unwrap_or(raw);
    let mut out = String::with_capacity(source.len());
    let mut space = false;
    for c in source.chars() {
        if is_zero_width(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    Cleaned { text: out, mojibake_repaired: repaired.is_some() }
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// UTF-8 that was once read as Windows-1252 and written back as UTF-8 (`â€™` for `’`).
/// Undone by mapping every character back to its Windows-1252 byte and reading the
/// bytes as UTF-8. Only tried when the tell-tale lead characters are there, and only
/// kept when every character maps and the bytes are valid UTF-8, so correct text (a
/// French "Â" followed by a letter) is never touched.
fn repair_mojibake(s: &str) -> Option<String> {
    if !(s.contains('Ã') || s.contains('Â') || s.contains("â€")) {
        return None;
    }
    let bytes: Option<Vec<u8>> = s.chars().map(windows_1252_byte).collect();
    let fixed = String::from_utf8(bytes?).ok()?;
    (fixed != s).then_some(fixed)
}

/// Windows-1252's characters for the bytes 0x80–0x9F. The five bytes it leaves undefined
/// stand for themselves, as decoders pass them through.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn windows_1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7f | 0xa0..=0xff => Some(c as u8),
        _ => WINDOWS_1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// The key titles are matched on across services: lower case, diacritics folded, and
/// only letters and digits kept, so "Amélie", "AMELIE" and "Amelie!" are one title.
/// Letters of other scripts are kept as they are, so Japanese titles still match.
pub fn match_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        match fold(c) {
            Some(ascii) => key.push_str(ascii),
            None if c.is_alphanumeric() => key.push(c),
            None => {}
        }
    }
    if key.is_empty() {
        // A title of punctuation only ("?!") still needs a key of its own.
        title.to_lowercase()
    } else {
        key
    }
}

/// The slug of a title for a `flimmer:` id: ASCII lower-case letters and digits joined by
/// single `-`. Diacritics are folded to their base letter (ä → a, ß → ss), the same folding
/// as `match_key`, so two titles that match get the same slug. Apostrophes vanish
/// ("Schindler's" → "schindlers"); other scripts vanish entirely, leaving an empty slug.
pub fn slug(title: &str, max_len: usize) -> String {
    let mut slug = String::with_capacity(title.len().min(max_len));
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        let folded = fold(c);
        if folded.is_none() && !c.is_ascii_alphanumeric() {
            dash = !slug.is_empty();
            continue;
        }
        if dash {
            slug.push('-');
            dash = false;
        }
        match folded {
            Some(ascii) => slug.push_str(ascii),
            None => slug.push(c),
        }
    }
    cut_slug(&slug, max_len).to_owned()
}

/// The first `max_len` bytes of an ASCII slug, without a dash at the end.
pub fn cut_slug(slug: &str, max_len: usize) -> &str {
    slug[..slug.len().min(max_len)].trim_end_matches('-')
}

/// ASCII for the Latin letters with diacritics that film titles and names use.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        text(s).text
    }

    #[test]
    fn joins_lines_and_collapses_white_space() {
        assert_eq!(
            clean("The Memphis Belle: A Story of a\nFlying Fortress"),
            "The Memphis Belle: A Story of a Flying Fortress"
        );
        assert_eq!(clean(" \u{a0}Consequences\u{a0} "), "Consequences");
        assert_eq!(clean("Kevin Michael\tRichardson"), "Kevin Michael Richardson");
        assert_eq!(clean("Christina Ricci \u{2028}"), "Christina Ricci");
        assert_eq!(clean("a\r\n\u{2029}  b"), "a b");
    }

    #[test]
    fn removes_zero_width_characters_anywhere() {
        assert_eq!(clean("\u{200b}SAINT SEIYA"), "SAINT SEIYA");
        assert_eq!(clean("Zero\u{200d}Width\u{2060}\u{feff}"), "ZeroWidth");
    }

    #[test]
    fn repairs_double_encoded_utf8() {
        let c = text("Tommyâ€™s world");
        assert_eq!(c.text, "Tommy’s world");
        assert!(c.mojibake_repaired);
        assert_eq!(clean("formedâ€”and"), "formed—and");
        assert_eq!(clean("CafÃ© MÃ¼ller"), "Café Müller");
    }

    #[test]
    fn leaves_correct_text_with_look_alike_characters_alone() {
        for s in ["L'Âge de raison", "Ãrea 51 – 東京", "Tommy’s world", "Boston Celtics \u{fffd} 1988"] {
            let c = text(s);
            assert_eq!(c.text, s);
            assert!(!c.mojibake_repaired, "{s}");
        }
    }

    #[test]
    fn match_keys_ignore_case_diacritics_and_punctuation() {
        assert_eq!(match_key("Amélie"), match_key("AMELIE!"));
        assert_eq!(match_key("Spider-Man: Homecoming"), match_key("Spider Man Homecoming"));
        assert_eq!(match_key("千と千尋の神隠し"), "千と千尋の神隠し");
        assert_ne!(match_key("?!"), "");
    }

    #[test]
    fn slugs_are_ascii_and_fold_diacritics() {
        assert_eq!(slug("Schindler's List", 59), "schindlers-list");
        assert_eq!(slug("Das Boot: Straße über Ärger", 59), "das-boot-strasse-uber-arger");
        assert_eq!(slug("  <script>alert(1)</script> ", 59), "script-alert-1-script");
        assert_eq!(slug("千と千尋の神隠し", 59), "");
        assert_eq!(slug("Naruto 疾風伝", 59), "naruto");
        assert_eq!(slug(&"long title ".repeat(20), 20), "long-title-long-titl");
        assert_eq!(slug("abc def", 4), "abc");
    }
}
