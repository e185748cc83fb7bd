//! Text: trimming, cutting to a display width, and the nearest spelling for "did you mean".

use unicode_width::UnicodeWidthStr;

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

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
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
    fn truncation_counts_display_columns() {
        assert_eq!(truncate("加快建设数字政府", 9), "加快建设…");
        assert_eq!(truncate("abc", 9), "abc");
        assert!(truncate("加快建设数字政府，推进优化营商环境", 28).width() <= 28);
    }
}
