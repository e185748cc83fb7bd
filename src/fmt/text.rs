//! Text: trimming, cutting to a display width, the nearest spelling for "did you mean", and text from the files made
//! safe to print on a terminal.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether a character would steer a terminal rather than print: C0 and C1 controls (line breaks and tabs aside), DEL,
/// and the marks that reorder text (bidi embeddings, overrides and isolates).
fn steers(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters XML 1.0 forbids in a document (tab, line feed and carriage return are allowed).
pub fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Text as an XML document (Word) may hold it: each forbidden control shown by its control picture (ESC as ␛),
/// U+FFFE and U+FFFF as U+FFFD.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(xml_forbidden) {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' if xml_forbidden(c) => {
                char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
            }
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Text from the case files as a terminal should get it: every character that would steer the terminal shown
/// instead, as `check`'s snippets show them — C0 controls and DEL as their control pictures (ESC as ␛), the others as
/// `<U+202E>`. Text without any is handed back as it is.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(steers) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !steers(c) => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// `str::trim`, without decoding characters when the text starts and ends with neither ASCII whitespace nor the
/// bytes of other Unicode whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000): most text, Chinese or not, is handed back as it is after a look at its first and last bytes.
pub fn trim(s: &str) -> &str {
    let ascii_space = |b: u8| b == b' ' || (0x09..=0x0D).contains(&b);
    let starts_plain = match s.as_bytes() {
        [b, ..] if b.is_ascii() => !ascii_space(*b),
        [0xC2, 0x85 | 0xA0, ..]
        | [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..]
        | [] => false,
        _ => true,
    };
    let ends_plain = match s.as_bytes() {
        [.., b] if b.is_ascii() => !ascii_space(*b),
        [.., 0xC2, 0x85 | 0xA0]
        | [.., 0xE1, 0x9A, 0x80]
        | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
        | [.., 0xE2, 0x81, 0x9F]
        | [.., 0xE3, 0x80, 0x80]
        | [] => false,
        _ => true,
    };
    if starts_plain && ends_plain {
        s
    } else {
        s.trim()
    }
}

/// The most an Excel cell holds, in UTF-16 code units (what Excel and the XLSX writer count).
pub const CELL_LIMIT: usize = 32_767;

/// Whether `text` is longer than an Excel cell holds.
pub fn over_cell_limit(text: &str) -> bool {
    // A UTF-16 unit never takes fewer than one byte of UTF-8, so short texts need no counting.
    text.len() > CELL_LIMIT && text.encode_utf16().count() > CELL_LIMIT
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = folded(word);
    candidates
        .into_iter()
        .map(|c| {
            let other = folded(c);
            // Full-width letters, compatibility forms and case count as no difference at all.
            let score = if other == key {
                2.0
            } else {
                strsim::normalized_damerau_levenshtein(&key, &other)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A word as people read it: Unicode compatibility normalisation (NFKC: full-width `１．Ａ` is `1.A`, compatibility
/// ideographs and ligatures are their plain forms) and lower case. Two different ids with the same folded form look
/// the same on paper.
pub fn folded(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfkc().collect::<String>().to_lowercase()
}

/// Whether two different spellings read the same once [`folded`].
pub fn look_alike(a: &str, b: &str) -> bool {
    a != b && folded(a) == folded(b)
}

/// Cuts `s` to at most `width` display columns, marking the cut with `…`.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if out.width() + w + 1 > width {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_would_steer_a_terminal_is_shown_instead() {
        assert!(matches!(
            visible("政务数据 plain\n\tline"),
            Cow::Borrowed(_)
        ));
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a\u{241b}[31mb\u{2407}");
        assert_eq!(visible("x\u{7f}\u{9b}y"), "x\u{2421}<U+009B>y");
        assert_eq!(visible("abc\u{202e}cba\u{2066}"), "abc<U+202E>cba<U+2066>");
    }

    #[test]
    fn full_width_and_compatibility_forms_are_near_misses() {
        assert_eq!(nearest("１．１", ["1.1", "1.2", "2.1"]), Some("1.1"));
        assert_eq!(nearest("ＩＴ局", ["it局", "甲局"]), Some("it局"));
        // A compatibility ideograph (U+F900 block) and an enclosed digit fold to their plain forms.
        assert!(look_alike("\u{F9DC}局", "\u{9686}局"));
        assert!(look_alike("①", "1"));
        assert!(!look_alike("1.1", "1.1"));
        assert!(!look_alike("1.1", "1.2"));
        // A folded match beats a closer-looking edit.
        assert_eq!(nearest("Ａ1", ["a1", "A2"]), Some("a1"));
    }

    #[test]
    fn truncation_counts_display_columns() {
        assert_eq!(truncate("加快建设数字政府", 9), "加快建设…");
        assert_eq!(truncate("abc", 9), "abc");
        assert!(truncate("加快建设数字政府，推进优化营商环境", 28).width() <= 28);
    }
}
