//! Writing files safely: every file rexieshang writes is written to a temporary file in the same folder and renamed
//! over the target, so a reader (or a crash of the program) never sees half a file and an existing file is replaced
//! only by a complete new one.
//!
//! Files that hold the user's own data (`init`, `new`, `templates`, `schema`) go through [`write_atomic`], which also
//! flushes the file to disk before the rename. Generated documents (briefs, overviews, exports) go through
//! [`write_generated`], which skips that flush: they can always be made again from the case files, and one flush
//! per brief was a third of the time of `report` over many cases (docs/benchmarks.md). A generated document that
//! already holds exactly the new bytes is left as it is, with its modification time: running `report` again
//! without changes to the case files rewrites nothing.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::tx;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically and flushes them to disk. Creates the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let old = std::fs::metadata(path).ok();
    write(path, bytes, true, old.map(|m| m.permissions()))
}

/// Writes a generated document to `path` atomically, without waiting for the disk, unless the file already holds
/// exactly `bytes`. Creates the parent folder if needed.
pub fn write_generated(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let old = std::fs::metadata(path).ok();
    if holds(path, old.as_ref(), bytes) {
        return Ok(());
    }
    write(path, bytes, false, old.map(|m| m.permissions()))
}

/// Whether `path` (with metadata `old`) is a file holding exactly `bytes` (any doubt, such as an unreadable file, is
/// a no).
fn holds(path: &Path, old: Option<&std::fs::Metadata>, bytes: &[u8]) -> bool {
    let same_size =
        old.is_some_and(|m| m.is_file() && u64::try_from(bytes.len()).is_ok_and(|n| n == m.len()));
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes through a temporary file renamed over `path`; the new file gets `keep`, the permissions of the file it
/// replaces (a brief a secretary made read-only for others stays so).
fn write(
    path: &Path,
    bytes: &[u8],
    flush: bool,
    keep: Option<std::fs::Permissions>,
) -> Result<(), Diagnostic> {
    let shown = path.to_string_lossy().replace('\\', "/");
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            Code::E701,
            tx!("无法写入 `{shown}`：{e}", "cannot write `{shown}`: {e}"),
        )
        .help(tx!(
            "检查输出文件夹是否存在、是否有写权限、磁盘是否已满。",
            "Check that the output folder exists and is writable, and that the disk is not full."
        ))
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        // The folder is made only when the file cannot be created for want of it: `report` writes thousands of
        // briefs into one folder, and looking for the folder before each would cost two system calls a brief.
        let mut f = match std::fs::File::create(&tmp) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(dir)?;
                std::fs::File::create(&tmp)?
            }
            created => created?,
        };
        f.write_all(bytes)?;
        if let Some(p) = keep {
            f.set_permissions(p)?;
        }
        if flush {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Whether anything is at `path` — a file, a folder, or a link, even one pointing nowhere. Scaffolding asks this
/// rather than `Path::exists`, which follows a dangling link to "nothing there" and would write through it.
pub fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether `name` is safe as a single file-name component (no separators, no `..`, not empty).
pub fn safe_component(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out/new/brief.md");
        write_atomic(&p, "旧".as_bytes()).unwrap();
        write_generated(&p, "新的简报".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "新的简报");
        write_atomic(&p, "再新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "再新");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("out/new"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn an_unchanged_document_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("brief.md");
        write_generated(&p, "简报".as_bytes()).unwrap();
        // Made read-only: rewriting it would replace the file, and with it the permissions.
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        write_generated(&p, "简报".as_bytes()).unwrap();
        assert!(std::fs::metadata(&p).unwrap().permissions().readonly());
        // Same length, other bytes: rewritten, and still read-only like the file it replaced.
        write_generated(&p, "简讯".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "简讯");
        assert!(std::fs::metadata(&p).unwrap().permissions().readonly());
        // Another length: rewritten.
        write_generated(&p, "简报全文".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "简报全文");
    }

    #[cfg(unix)]
    #[test]
    fn a_rewritten_file_keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.csv");
        write_atomic(&p, b"a").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"b").unwrap();
        write_generated(&p, b"c").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"c");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn unsafe_names_are_refused() {
        assert!(safe_component("shenyang-2019"));
        assert!(safe_component("数字政府"));
        for bad in ["", "..", "a/b", "a\\b", ".hidden"] {
            assert!(!safe_component(bad), "{bad}");
        }
    }
}
