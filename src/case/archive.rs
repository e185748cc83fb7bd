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
