//! Office files (.xlsx, .docx) are zip archives: before a library unpacks one, the sizes its parts say they unpack to
//! are checked, and the library runs where a panic on a damaged file becomes an error, not a crash.

use crate::lang::Text;
use crate::tx;
use std::io::Cursor;

/// The most a file may hold unpacked (a tally of a few hundred rows, or a proposal, holds well under a megabyte).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The sizes a workbook's parts say they unpack to, summed, checked against [`MAX_UNPACKED`] before anything is
/// unpacked: a small file that would unpack to gigabytes is refused.
pub fn unpacked_size(bytes: &[u8]) -> Result<u64, Text> {
    let not_xlsx = |e: zip::result::ZipError| {
        let e = e.to_string();
        Text::new(
            format!("不是 Office 文件（.xlsx、.docx）（{e}）"),
            format!("not an Office file (.xlsx, .docx) ({e})"),
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    // The central directory's sizes, which calamine's reader also goes by.
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        total = total.saturating_add(zip.by_index_raw(i).map_err(not_xlsx)?.size());
    }
    if total > MAX_UNPACKED {
        let mb = MAX_UNPACKED / 1024 / 1024;
        return Err(tx!("解压后超过 {mb} MB", "it unpacks to more than {mb} MB"));
    }
    Ok(total)
}

/// Runs `f`, turning a panic inside it into `None` without printing it.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

/// The root element each XML part of a Word file must have, by name (docx-rs reads only these, and loops forever on
/// some of them when the root is missing or another).
const WORD_ROOTS: &[(&str, &str)] = &[
    ("[Content_Types].xml", "Types"),
    ("word/document.xml", "document"),
    ("word/styles.xml", "styles"),
    ("word/numbering.xml", "numbering"),
    ("word/settings.xml", "settings"),
    ("word/fontTable.xml", "fonts"),
    ("word/webSettings.xml", "webSettings"),
    ("word/footnotes.xml", "footnotes"),
    ("word/comments.xml", "comments"),
    ("word/commentsExtended.xml", "commentsEx"),
    ("docProps/core.xml", "coreProperties"),
    ("docProps/app.xml", "Properties"),
    ("docProps/custom.xml", "Properties"),
];

/// Every XML part of a Word file is well-formed, and the parts docx-rs reads have the root they must have (headers,
/// footers and relationship files included).
pub fn word_parts_sound(bytes: &[u8]) -> Result<(), Text> {
    let broken = |name: &str| {
        Text::new(
            format!("文件已损坏（{name} 不是完整的 XML）"),
            format!("the file is damaged ({name} is not whole XML)"),
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| tx!("文件已损坏", "the file is damaged"))?;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|_| tx!("文件已损坏", "the file is damaged"))?;
        let name = part.name().to_string();
        let root = WORD_ROOTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| *r)
            .or_else(|| name.ends_with(".rels").then_some("Relationships"))
            .or_else(|| {
                (name.starts_with("word/header") && name.ends_with(".xml")).then_some("hdr")
            })
            .or_else(|| {
                (name.starts_with("word/footer") && name.ends_with(".xml")).then_some("ftr")
            })
            .or_else(|| {
                (name.starts_with("word/theme/") && name.ends_with(".xml")).then_some("theme")
            });
        let Some(root) = root else { continue };
        let mut text = String::new();
        std::io::Read::read_to_string(&mut part, &mut text).map_err(|_| broken(&name))?;
        let doc = roxmltree::Document::parse(&text).map_err(|_| broken(&name))?;
        if doc.root_element().tag_name().name() != root {
            return Err(broken(&name));
        }
    }
    Ok(())
}

/// Runs `f` on a thread of its own and waits at most `limit`: a library that loops on a damaged file stops the
/// command with a message instead of hanging it (the thread is left behind; the command ends right after). A panic
/// inside `f` also gives `None`.
pub fn within<T: Send + 'static>(
    limit: std::time::Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .spawn(move || {
            let _ = tx.send(quietly(f));
        })
        .ok()?;
    rx.recv_timeout(limit).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_that_never_returns_is_given_up_on() {
        let limit = std::time::Duration::from_millis(50);
        assert_eq!(within(limit, || 7), Some(7));
        assert_eq!(
            within(limit, || loop {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }),
            None::<()>
        );
        assert_eq!(within(limit, || panic!("damaged")), None::<()>);
    }
}
