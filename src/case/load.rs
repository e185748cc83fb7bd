//! Finding and reading case folders: the repository config, the case folders in sorted order, and each file
//! decoded, size-checked and parsed. Never panics on input; every problem becomes a diagnostic.

use crate::case::config::{CONFIG_FILE, Config};
use crate::case::decode::decode;
use crate::case::model::Case;
use crate::case::reader::Reader;
use crate::case::records::{read_case, read_meeting, read_reply};
use crate::case::yaml::{MAX_FILE_BYTES, Node, parse};
use crate::diag::Code;
use crate::diag::{Diagnostic, Sources};
use crate::fmt::text::nearest;
use crate::tx;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The case file's name inside a case folder.
pub const CASE_FILE: &str = "case.yaml";
/// Folder of reply files.
pub const REPLIES_DIR: &str = "replies";
/// Folder of meeting files.
pub const MEETINGS_DIR: &str = "meetings";
/// Folder for evidence documents; not read.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// A case folder found in the repository.
#[derive(Clone, Debug)]
pub struct CaseDir {
    /// Folder name (the case id).
    pub id: String,
    /// Path on disk.
    pub path: PathBuf,
}

/// A repository opened for reading.
#[derive(Debug)]
pub struct Repo {
    /// The folder that holds `cases/` (or the case folder given).
    pub root: PathBuf,
    /// Configuration (defaults where there is no file).
    pub config: Config,
    /// Case folders, sorted by name.
    pub cases: Vec<CaseDir>,
    /// Problems in the config file or in the layout of the repository.
    pub diags: Vec<Diagnostic>,
    /// Texts of the files those problems point into.
    pub sources: Sources,
}

/// What reading one case produced.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The case, if `case.yaml` could be read.
    pub case: Option<Case>,
    /// Problems found while reading.
    pub diags: Vec<Diagnostic>,
    /// File texts, for showing lines.
    pub sources: Sources,
    /// How many files were read.
    pub files: usize,
}

/// A path as shown in messages: forward slashes, without a leading `./`.
fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// Opens the repository at `path`: a repository root (with `cases/`), a `cases/` folder, or one case folder.
/// A path that is not there or not a folder stops the command before any case is read.
pub fn open(path: &Path) -> Result<Repo, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let p = display(path);
        Diagnostic::error(
            Code::E005,
            tx!("找不到路径 `{p}`（{e}）", "cannot open `{p}` ({e})"),
        )
        .help(tx!(
            "检查路径是否写对；在议题仓库的根目录运行时可以不写路径。",
            "Check the path; run in the repository root to leave it out."
        ))
    })?;
    if !meta.is_dir() {
        let p = display(path);
        return Err(Diagnostic::error(
            Code::E005,
            tx!("`{p}` 不是文件夹", "`{p}` is not a folder"),
        )
        .help(tx!(
            "给出议题仓库、cases 文件夹或某个议题文件夹的路径。",
            "Give the path of a case repository, its cases folder, or one case folder."
        )));
    }
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    let (root, case_dirs) = if path.join(CASE_FILE).exists() {
        let id = case_id(path);
        let root = path
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
        (
            root,
            vec![CaseDir {
                id,
                path: path.to_path_buf(),
            }],
        )
    } else if path.join("cases").is_dir() {
        (
            path.to_path_buf(),
            list_cases(&path.join("cases"), &mut diags),
        )
    } else if holds_cases(path) {
        let root = path
            .parent()
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
        (root, list_cases(path, &mut diags))
    } else {
        // Inside a repository (a case's replies/, say), the repository is the one above, as git finds its own.
        let root = repository_above(path).ok_or_else(|| not_a_repository(path))?;
        let cases = root.join("cases");
        let list = if cases.is_dir() {
            list_cases(&cases, &mut diags)
        } else {
            Vec::new()
        };
        (root, list)
    };
    let config = find_config(path, &root, &mut diags, &mut sources);
    Ok(Repo {
        root,
        config,
        cases: case_dirs,
        diags,
        sources,
    })
}

/// Whether `path` is a folder of cases: named `cases`, or holding a folder with a case.yaml.
fn holds_cases(path: &Path) -> bool {
    let named = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n == "cases"))
        .unwrap_or(false);
    named
        || std::fs::read_dir(path).is_ok_and(|entries| {
            entries
                .flatten()
                .take(10_000)
                .any(|e| e.path().join(CASE_FILE).is_file())
        })
}

/// The nearest folder from `path` upward that has `cases/` or `rexieshang.yaml`, as a path from `path`.
fn repository_above(path: &Path) -> Option<PathBuf> {
    let here = std::fs::canonicalize(path).ok()?;
    let mut up = path.to_path_buf();
    for dir in here.ancestors() {
        if dir.join("cases").is_dir() || dir.join(CONFIG_FILE).is_file() {
            return Some(if up.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                up
            });
        }
        up = up.join("..");
    }
    None
}

fn not_a_repository(path: &Path) -> Diagnostic {
    let p = std::fs::canonicalize(path).map_or_else(|_| display(path), |full| display(&full));
    Diagnostic::error(
        Code::E302,
        tx!(
            "`{p}` 不是议题仓库：这里和上级文件夹都没有 cases/ 文件夹或 rexieshang.yaml",
            "`{p}` is not a case repository: neither it nor a folder above has a cases/ folder or rexieshang.yaml"
        ),
    )
    .help(tx!(
        "进入议题仓库再运行，或给出仓库的路径（--repo 或命令后的路径）；还没有仓库时，用 rexieshang init 文件夹 建一个。",
        "Run inside a case repository or give its path (--repo, or the path after the command); to start one, run rexieshang init FOLDER."
    ))
}

fn case_id(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            std::fs::canonicalize(path)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| ".".to_string())
}

fn find_config(
    path: &Path,
    root: &Path,
    diags: &mut Vec<Diagnostic>,
    sources: &mut Sources,
) -> Config {
    for dir in [path, root] {
        let file = dir.join(CONFIG_FILE);
        // Anything by that name counts, a folder or a dangling link included: reading it says what is wrong, and
        // the defaults never stand in for a configuration the user meant to give.
        if std::fs::symlink_metadata(&file).is_ok() {
            let shown = display(&file);
            let mut r = Reader::new(&shown);
            let cfg = match read_file(&file, &shown, sources, |n| Config::from_node(n, &mut r)) {
                Ok(cfg) => cfg,
                Err(d) => {
                    r.report(d);
                    Config {
                        scale_in_doubt: Some(shown.clone()),
                        ..Config::default()
                    }
                }
            };
            diags.extend(r.diags);
            return cfg;
        }
    }
    Config::default()
}

/// Lists case folders under a `cases/` folder, sorted; reports stray files and symlink loops. Reads only this one
/// folder: each case folder is listed by the worker that loads it (a `walkdir` walk would open and list every case
/// folder here, one after another, before any case is read).
fn list_cases(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<CaseDir> {
    let shown = display(dir);
    let mut entries = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(listing) => {
            for entry in listing {
                match entry {
                    Ok(e) => entries.push(e),
                    Err(e) => diags.push(io_error(&shown, &e).in_file(shown.clone())),
                }
            }
        }
        Err(e) => diags.push(io_error(&shown, &e).in_file(shown.clone())),
    }
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let mut out = Vec::new();
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        // Whether it is a folder, following a link; and whether it was a link.
        let kind = e.file_type().and_then(|t| {
            if t.is_symlink() {
                std::fs::metadata(&path).map(|m| (m.is_dir(), true))
            } else {
                Ok((t.is_dir(), false))
            }
        });
        let is_dir = match kind {
            Ok((true, true)) if links_back(&path, dir) => {
                diags.push(loop_error(&display(&path), true));
                continue;
            }
            Ok((is_dir, _)) => is_dir,
            Err(err) => {
                let p = display(&path);
                diags.push(io_error(&p, &err).in_file(p));
                continue;
            }
        };
        if is_dir {
            if windows_unsafe(&name) {
                diags.push(windows_warning(&name, &display(&path)));
            }
            out.push(CaseDir { id: name, path });
        } else if !name.ends_with(".md") {
            let p = display(&path);
            diags.push(
                Diagnostic::warning(Code::W301, tx!("cases 文件夹里有不认识的文件 `{name}`", "unknown file `{name}` in the cases folder"))
                    .in_file(p)
                    .help(tx!("cases 文件夹里每个议题一个子文件夹；其他文件请移走（说明文字可用 .md 文件）。", "The cases folder holds one sub-folder per case; move other files away (notes may be .md files).")),
            );
        }
    }
    out
}

/// Whether a case id cannot name a folder on Windows: a reserved device name (CON, PRN, AUX, NUL, COM1–COM9,
/// LPT1–LPT9, with or without an extension), a trailing dot or space, or one of `<>:"|?*` or a control character. A
/// repository kept in git is checked out on Windows too.
pub fn windows_unsafe(id: &str) -> bool {
    let stem = id
        .split('.')
        .next()
        .unwrap_or(id)
        .trim_end()
        .to_ascii_uppercase();
    let numbered = |p: &str| {
        stem.strip_prefix(p)
            .is_some_and(|n| n.len() == 1 && n.bytes().all(|b| (b'1'..=b'9').contains(&b)))
    };
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || numbered("COM")
        || numbered("LPT")
        || id.ends_with(['.', ' '])
        || id.contains(['<', '>', ':', '"', '|', '?', '*'])
        || id.chars().any(char::is_control)
}

/// Whether the folder that `link` leads to is `dir` or a folder that contains it: loading it as a case would read
/// the cases folder again.
fn links_back(link: &Path, dir: &Path) -> bool {
    match (std::fs::canonicalize(link), std::fs::canonicalize(dir)) {
        (Ok(target), Ok(dir)) => dir.starts_with(target),
        _ => false,
    }
}

/// A symbolic link that leads back to a folder containing it: in a case folder (`walkdir` finds it), or in the
/// cases folder itself.
fn loop_error(p: &str, in_cases_folder: bool) -> Diagnostic {
    let help = if in_cases_folder {
        tx!(
            "删除这个链接；cases 文件夹里的链接应指向一个议题文件夹。",
            "Remove the link; a link in the cases folder should point to a case folder."
        )
    } else {
        tx!(
            "删除这个链接，或让它指向议题文件夹之外的地方。",
            "Remove the link, or point it outside the case folder."
        )
    };
    Diagnostic::error(
        Code::E303,
        tx!(
            "符号链接 `{p}` 指回了它自己所在的上级文件夹，形成循环",
            "the symbolic link `{p}` points back to a folder that contains it (a loop)"
        ),
    )
    .in_file(p.to_string())
    .help(help)
}

fn walk_error(e: &walkdir::Error) -> Diagnostic {
    let p = e.path().map(display).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        loop_error(&p, false)
    } else {
        match e.io_error() {
            Some(io) => io_error(&p, io).in_file(p),
            None => {
                let why = e.to_string();
                Diagnostic::error(
                    Code::E004,
                    tx!("无法读取 `{p}`：{why}", "cannot read `{p}`: {why}"),
                )
                .in_file(p)
            }
        }
    }
}

/// Reads, decodes and parses one file, and reads what it holds from the tree with `read` (the tree borrows its
/// text from the file's). The text is then kept in `sources` so diagnostics can show lines.
pub fn read_file<T>(
    path: &Path,
    shown: &str,
    sources: &mut Sources,
    read: impl FnOnce(&Node) -> T,
) -> Result<T, Diagnostic> {
    let bytes = read_bounded(path, shown, MAX_FILE_BYTES)?;
    let text = decode(bytes)?;
    let read = parse(&text).map(|node| read(&node));
    sources.add(shown, text);
    read
}

/// The bytes of a regular file of at most `limit` bytes; a folder, a FIFO, a device or a larger file is an error.
pub fn read_bounded(path: &Path, shown: &str, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    // One open, and the size and kind from the open file: no second look-up of the path per file. Opened without
    // blocking, so that a FIFO with no writer is refused below instead of waiting for one.
    let (file, meta) = match open_nonblocking(path).and_then(|f| f.metadata().map(|m| (f, m))) {
        Ok(opened) => opened,
        // Some systems do not open a folder like a file: still say that it is a folder.
        Err(_) if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) => {
            return Err(is_folder(shown));
        }
        Err(e) => return Err(io_error(shown, &e)),
    };
    if meta.is_dir() {
        return Err(is_folder(shown));
    }
    if !meta.is_file() {
        return Err(not_regular(shown));
    }
    if meta.len() > limit {
        return Err(too_big(meta.len(), limit));
    }
    // Room for the whole file and one byte more, so the read that finds its end needs no more room. Read through
    // `take`: `File::read_to_end` would ask the system for the size and position again; and never more than the
    // limit, whatever the size said (a file growing while it is read).
    let mut bytes =
        Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n.saturating_add(1)));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(shown, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_big(size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(
        Code::E103,
        tx!("文件有 {size} 字节，超过单个文件 {limit} 字节的上限", "the file has {size} bytes, over the limit of {limit} bytes per file"),
    )
    .help(tx!("议题文件只放文字记录；证明材料请放进 attachments/ 文件夹，在记录里写文件名即可。", "Case files hold text records only; put evidence documents in attachments/ and name them in the record."))
}

/// Opens a file for reading; on Unix without blocking, which matters only for a FIFO (refused after the open).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn not_regular(shown: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E009,
        tx!(
            "`{shown}` 不是普通文件（是命名管道、套接字或设备），没有读取",
            "`{shown}` is not a regular file (a FIFO, socket or device) and was not read"
        ),
    )
    .help(tx!(
        "把它删掉或移走，放上普通的 YAML 文件。",
        "Remove or move it and put a plain YAML file in its place."
    ))
}

fn is_folder(shown: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E006,
        tx!(
            "`{shown}` 应是文件，却是文件夹",
            "`{shown}` should be a file but is a folder"
        ),
    )
    .help(tx!(
        "把这个文件夹改名或移走，并放上同名的 YAML 文件。",
        "Rename or move the folder and put a YAML file in its place."
    ))
}

fn io_error(shown: &str, e: &std::io::Error) -> Diagnostic {
    let (why_zh, help) = match e.kind() {
        std::io::ErrorKind::PermissionDenied => (
            "没有读取权限".to_string(),
            tx!(
                "给当前用户读取权限（例如 chmod u+r 文件名），或请管理员处理。",
                "Give your user read permission (e.g. chmod u+r FILE)."
            ),
        ),
        std::io::ErrorKind::NotFound => (
            "文件不存在（或是指向不存在文件的链接）".to_string(),
            tx!(
                "修复或删除这个链接；记录文件请直接放在文件夹里，不要用链接。",
                "Repair or remove the link; keep record files in the folder itself rather than linking them."
            ),
        ),
        _ => (
            e.to_string(),
            tx!(
                "确认文件没有被其他程序占用，磁盘可以正常读取。",
                "Check that no other program locks the file and that the disk is readable."
            ),
        ),
    };
    Diagnostic::error(
        Code::E004,
        tx!("无法读取 `{shown}`：{why_zh}", "cannot read `{shown}`: {e}"),
    )
    .help(help)
}

/// Reads one case folder.
pub fn load_case(dir: &CaseDir, cfg: &Config) -> Loaded {
    let mut out = Loaded::default();
    let case_path = dir.path.join(CASE_FILE);
    // The case folder or its case.yaml may be a link, but only to somewhere in the repository.
    let root = Repository::of(dir);
    if let Some(link) = [&dir.path, &case_path]
        .into_iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink()) && !root.holds(p))
    {
        out.diags.push(leads_outside(link));
        return out;
    }
    let shown = display(&case_path);
    let mut r = Reader::new(&shown);
    if !case_path.exists() {
        let d = display(&dir.path);
        r.report(
            Diagnostic::error(Code::E301, tx!("议题文件夹 `{d}` 里没有 case.yaml", "the case folder `{d}` has no case.yaml"))
                .help(tx!("每个议题文件夹都要有 case.yaml，写明议题、建议案和各条建议；可用 `rexieshang new case` 生成。", "Every case folder needs a case.yaml with the topic, proposal and recommendations.")),
        );
        out.diags = r.diags;
        scan_layout(dir, &mut out);
        return out;
    }
    out.files += 1;
    let mut case = match read_file(&case_path, &shown, &mut out.sources, |n| {
        read_case(&dir.id, n, &mut r)
    }) {
        Ok(case) => case,
        Err(d) => {
            r.report(d);
            None
        }
    };
    out.diags.append(&mut r.diags);
    let (replies, meetings) = scan_layout(dir, &mut out);
    let mut reply_list = Vec::new();
    for path in replies {
        let shown = display(&path);
        let mut r = Reader::new(&shown);
        out.files += 1;
        match read_file(&path, &shown, &mut out.sources, |n| {
            read_reply(n, &mut r, cfg)
        }) {
            Ok(reply) => reply_list.extend(reply),
            Err(d) => r.report(d),
        }
        out.diags.append(&mut r.diags);
    }
    let mut meeting_list = Vec::new();
    let mut unread_meetings = Vec::new();
    for path in meetings {
        let shown = display(&path);
        let mut r = Reader::new(&shown);
        out.files += 1;
        let read = match read_file(&path, &shown, &mut out.sources, |n| {
            read_meeting(n, &mut r, cfg)
        }) {
            Ok(meeting) => meeting,
            Err(d) => {
                r.report(d);
                None
            }
        };
        match read {
            Some(m) => meeting_list.push(m),
            None => unread_meetings.push(date_in_name(&path)),
        }
        out.diags.append(&mut r.diags);
    }
    reply_list.sort_by(|a, b| (a.date.value, &a.file).cmp(&(b.date.value, &b.file)));
    meeting_list.sort_by(|a, b| (a.date.value, &a.file).cmp(&(b.date.value, &b.file)));
    if let Some(c) = case.as_mut() {
        c.replies = reply_list;
        c.meetings = meeting_list;
        c.incomplete.meetings = unread_meetings;
    }
    out.case = case;
    out
}

/// The date a meeting file's name gives (`2020-06-23.yaml`), if it does.
fn date_in_name(path: &Path) -> Option<chrono::NaiveDate> {
    let stem = path.file_stem()?.to_str()?;
    crate::fmt::date::parse_date(stem).ok()
}

/// Lists reply and meeting files in sorted order and reports anything else in the case folder.
fn scan_layout(dir: &CaseDir, out: &mut Loaded) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut replies = Vec::new();
    let mut meetings = Vec::new();
    let mut outside = Vec::new();
    let root = Repository::of(dir);
    let walker = walkdir::WalkDir::new(&dir.path)
        .min_depth(1)
        .max_depth(2)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            let attachments = e.depth() == 1 && e.file_name() == ATTACHMENTS_DIR;
            // A link is followed only into the repository; one leading out of it is not read at all.
            let out = e.path_is_symlink() && !root.holds(e.path());
            if out {
                outside.push(e.path().to_path_buf());
            }
            !(hidden || attachments || out)
        });
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                out.diags.push(walk_error(&err));
                continue;
            }
        };
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().is_dir();
        let parent = e
            .path()
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        match (e.depth(), is_dir) {
            (1, true) if name == REPLIES_DIR || name == MEETINGS_DIR => {}
            (1, _) if name == CASE_FILE => {}
            (1, false) if name.ends_with(".md") => {}
            (2, false) if yaml && parent == REPLIES_DIR => replies.push(e.path().to_path_buf()),
            (2, false) if yaml && parent == MEETINGS_DIR => meetings.push(e.path().to_path_buf()),
            (2, _) if parent != REPLIES_DIR && parent != MEETINGS_DIR => {}
            (2, false) if name.ends_with(".md") => {}
            _ => out
                .diags
                .push(unknown_file(e.path(), &name, e.depth(), is_dir)),
        }
    }
    out.diags.extend(outside.iter().map(|p| leads_outside(p)));
    (replies, meetings)
}

/// The repository a case folder belongs to (the folder above `cases/`), resolved only when a link asks.
struct Repository<'d> {
    root: Option<&'d Path>,
    resolved: std::cell::OnceCell<Option<PathBuf>>,
}

impl<'d> Repository<'d> {
    fn of(dir: &'d CaseDir) -> Self {
        Repository {
            root: dir.path.parent().and_then(Path::parent),
            resolved: std::cell::OnceCell::new(),
        }
    }

    /// Whether `path`, links followed, is inside the repository.
    fn holds(&self, path: &Path) -> bool {
        let root = self
            .resolved
            .get_or_init(|| self.root.and_then(|r| std::fs::canonicalize(r).ok()));
        match (root, std::fs::canonicalize(path)) {
            (Some(root), Ok(target)) => target.starts_with(root),
            // A link that leads nowhere is left to the reader, which says so; no root means nothing to compare.
            (None, _) | (_, Err(_)) => true,
        }
    }
}

fn windows_warning(name: &str, p: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::W305,
        tx!(
            "议题文件夹名 `{name}` 在 Windows 上不能用",
            "the case folder name `{name}` cannot be used on Windows"
        ),
    )
    .in_file(p.to_string())
    .help(case_id_rule())
}

/// The rule for case ids, as `new case` and `check` both say it.
pub fn case_id_rule() -> crate::lang::Text {
    tx!(
        "编号只能用文字、数字、连字符 - 和下划线 _（可以有点，但不能以点开头或结尾，不能有“..”、空格、斜杠和 <>:\"|?*），也不能是 Windows 保留的名字 CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9；例如 shenyang-2019 或 数字政府2019。",
        "Use letters, digits, - and _ (dots inside, not at either end, no “..”), no spaces, slashes or <>:\"|?*, and none of the names Windows reserves (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9); e.g. shenyang-2019."
    )
}

/// A link in a case folder that leads out of the repository: named by the link, never by where it leads.
fn leads_outside(link: &Path) -> Diagnostic {
    let p = display(link);
    Diagnostic::error(
        Code::E304,
        tx!(
            "符号链接 `{p}` 指向仓库之外，没有读取",
            "the symbolic link `{p}` leads out of the repository and was not read"
        ),
    )
    .in_file(p.clone())
    .help(tx!(
        "议题的记录要放在仓库里（这样才能一起进 git）：把文件复制进来替换这个链接，或删除它。",
        "A case's records belong in the repository (so that git keeps them): copy the file in place of the link, or remove it."
    ))
}

fn unknown_file(path: &Path, name: &str, depth: usize, is_dir: bool) -> Diagnostic {
    let p = display(path);
    let allowed = [CASE_FILE, REPLIES_DIR, MEETINGS_DIR, ATTACHMENTS_DIR];
    let help = if depth == 2 {
        tx!(
            "replies/ 和 meetings/ 里只放 .yaml 记录文件，每份复文或每次会议一个文件。",
            "replies/ and meetings/ hold .yaml record files only, one per reply or meeting."
        )
    } else if let Some(s) = nearest(name, allowed) {
        tx!("你是不是想写 `{s}`？", "did you mean `{s}`?")
    } else {
        tx!(
            "议题文件夹里只认 case.yaml、replies/、meetings/、attachments/ 和 .md 说明文件；证明材料请放进 attachments/。",
            "A case folder holds case.yaml, replies/, meetings/, attachments/ and .md notes; put evidence in attachments/."
        )
    };
    let what = if is_dir {
        tx!("文件夹", "folder")
    } else {
        tx!("文件", "file")
    };
    Diagnostic::warning(Code::W302, tx!("议题文件夹里有不认识的{} `{name}`，未读取", "unknown {} `{name}` in the case folder was not read"; what.zh, what.en))
        .in_file(p)
        .help(help)
}
