//! Turning the bytes of a file into text: UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted;
//! anything else is refused with a message that names the likely encoding and says how to re-save as UTF-8.

use crate::diag::Code;
use crate::diag::{Diagnostic, Pos};
use crate::tx;
use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};

/// Decodes file bytes to text, or explains why it cannot.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        return utf8(bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, UTF_16LE, "UTF-16 LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE, "UTF-16 BE");
    }
    // UTF-16 without a byte-order mark: ASCII in it is also valid UTF-8 (with NULs), so look for it first. Text in
    // UTF-8 or GBK never holds a NUL byte, and a line break in UTF-16 always does.
    if bytes.contains(&0)
        && let Some(name) = utf16_without_bom(&bytes)
    {
        return Err(Diagnostic::error(
            Code::E001,
            tx!(
                "文件不是 UTF-8 编码，看起来是 {name}（没有字节顺序标记）",
                "the file is not UTF-8; it looks like {name} without a byte-order mark"
            ),
        )
        .help(resave_help()));
    }
    utf8(bytes)
}

/// Which UTF-16 the bytes are, if they decode as UTF-16 text with line breaks and no other control characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    [(UTF_16LE, "UTF-16 LE"), (UTF_16BE, "UTF-16 BE")]
        .into_iter()
        .find(|(enc, _)| {
            enc.decode_without_bom_handling_and_without_replacement(bytes)
                .is_some_and(|t| {
                    t.contains('\n')
                        && !t
                            .chars()
                            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                })
        })
        .map(|(_, name)| name)
}

/// The bytes as text, without a copy.
fn utf8(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        not_utf8(e.as_bytes(), valid)
    })
}

fn utf16(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    name: &str,
) -> Result<String, Diagnostic> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Diagnostic::error(
            Code::E002,
            tx!(
                "文件以 {name} 的字节顺序标记开头，但内容不是有效的 {name} 文本",
                "the file starts with a {name} byte-order mark but its content is not valid {name}"
            ),
        )
        .help(resave_help()));
    }
    Ok(text.into_owned())
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let line = bytes
        .get(..valid_up_to)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1;
    let guess = guess_encoding(bytes);
    let message = match guess {
        Some(name) => tx!(
            "文件不是 UTF-8 编码，看起来是 {name}（第 {line} 行起无法按 UTF-8 读取）",
            "the file is not UTF-8; it looks like {name} (cannot be read as UTF-8 from line {line})"
        ),
        None => tx!(
            "文件不是 UTF-8 编码（第 {line} 行起无法按 UTF-8 读取）",
            "the file is not UTF-8 (cannot be read as UTF-8 from line {line})"
        ),
    };
    Diagnostic::error(Code::E001, message)
        .at(Pos {
            line,
            col: 1,
            start: 0,
            end: 0,
        })
        .help(resave_help())
}

fn resave_help() -> crate::lang::Text {
    tx!(
        "本工具只读 UTF-8。请用原编辑器另存为 UTF-8：记事本选“另存为”→编码选“UTF-8”；VS Code 点右下角编码→“通过编码保存”→“UTF-8”。不要用工具自动转换后直接覆盖原文件，先核对中文是否正常。",
        "rexieshang reads UTF-8 only. Re-save the file as UTF-8: in Notepad use Save As → Encoding: UTF-8; in VS Code click the encoding in the status bar → Save with Encoding → UTF-8. Check the Chinese text afterwards."
    )
}

/// Names the legacy encoding the bytes decode cleanly in, if the result looks like Chinese text.
fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() >= 4
        && bytes.iter().take(64).filter(|&&b| b == 0).count() * 4 >= bytes.len().min(64)
    {
        return Some("UTF-16（没有字节顺序标记 / without a byte-order mark）");
    }
    let cjk_share = |s: &str| {
        let non_ascii: Vec<char> = s.chars().filter(|c| !c.is_ascii()).collect();
        if non_ascii.is_empty() {
            return 0.0;
        }
        let cjk = non_ascii
            .iter()
            .filter(|c| {
                ('\u{4E00}'..='\u{9FFF}').contains(*c)
                    || ('\u{3000}'..='\u{303F}').contains(*c)
                    || ('\u{FF00}'..='\u{FFEF}').contains(*c)
            })
            .count();
        cjk as f64 / non_ascii.len() as f64
    };
    let gb = GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    let big5 = BIG5.decode_without_bom_handling_and_without_replacement(bytes);
    match (gb, big5) {
        (Some(g), Some(b)) => {
            // Both decode: prefer the one that reads as CJK text; ties go to GBK, the Windows default in mainland China.
            if cjk_share(&b) > cjk_share(&g) + 0.2 {
                Some("Big5")
            } else if cjk_share(&g) > 0.5 {
                Some("GBK/GB18030")
            } else {
                Some("Latin-1/Windows-1252")
            }
        }
        (Some(g), None) if cjk_share(&g) > 0.5 => Some("GBK/GB18030"),
        (None, Some(b)) if cjk_share(&b) > 0.5 => Some("Big5"),
        (Some(_), None) | (None, Some(_)) => Some("Latin-1/Windows-1252"),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(
            decode("\u{FEFF}a: 协商".as_bytes().to_vec()).unwrap(),
            "a: 协商"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for u in "标题: 再协商".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(le).unwrap(), "标题: 再协商");
        let mut be = vec![0xFE, 0xFF];
        for u in "标题".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(be).unwrap(), "标题");
    }

    #[test]
    fn utf16_without_a_bom_is_named_whatever_the_first_character() {
        for text in [
            "title: 议题\n",
            "# 议题的说明\n议题: 甲\n",
            "议题议题议题议题议题议题议题议题议题议题议题议题议题议题议题议题议题议题议题\nx: 1\n",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for (bytes, name) in [(le, "UTF-16 LE"), (be, "UTF-16 BE")] {
                let err = decode(bytes).unwrap_err();
                assert!(
                    err.message.get(Lang::En).contains(name),
                    "{text:?}: {:?}",
                    err.message
                );
            }
        }
    }

    #[test]
    fn gbk_is_named_and_never_decoded() {
        let (bytes, _, _) = GB18030.encode("title: 加快建设数字政府，推进优化营商环境\n");
        let d = decode(bytes.to_vec()).unwrap_err();
        assert_eq!(d.code, Code::E001);
        assert!(d.message.zh.contains("GBK"), "{}", d.message.zh);
        assert_eq!(d.pos.unwrap().line, 1);
    }

    #[test]
    fn big5_is_named() {
        let (bytes, _, _) = BIG5.encode("標題: 推進制度創新，再協商在瀋陽生根開花\n");
        let d = decode(bytes.to_vec()).unwrap_err();
        assert!(d.message.en.contains("Big5"), "{}", d.message.en);
    }

    #[test]
    fn latin1_is_refused() {
        let d = decode(b"name: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!(d.code, Code::E001);
    }
}
