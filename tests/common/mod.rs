//! Helpers shared by the integration tests: running the binary, golden files, and the keys of a serialised model.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, to be given arguments: every test starts it from here.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rexieshang"))
}

/// Runs the binary in `dir` without colour.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .arg("--color=never")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Whether golden files are to be rewritten (`BLESS=1`) instead of compared.
pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// Compares `actual` with the golden file at `path`, or rewrites the file when blessing; the difference, if any.
pub fn compare(path: &Path, actual: &str) -> Result<(), String> {
    if blessing() {
        std::fs::write(path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{} differs (BLESS=1 to accept):\n{}",
            path.display(),
            first_difference(&expected, actual)
        ))
    }
}

/// Standard output of a run that must succeed.
pub fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Compares with `tests/golden/NAME`, or rewrites it when `BLESS` is set.
pub fn golden(name: &str, actual: &str) {
    if let Err(diff) = compare(&root().join("tests/golden").join(name), actual) {
        panic!("{diff}");
    }
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n- {x}\n+ {y}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

/// All map keys, at any depth, of a serialisable value (through minijinja's serialisation, as templates see it).
pub fn keys_of<T: serde::Serialize>(v: &T) -> BTreeSet<String> {
    fn walk(v: &minijinja::Value, out: &mut BTreeSet<String>) {
        if v.kind() == minijinja::value::ValueKind::Map {
            for k in v.try_iter().unwrap() {
                let child = v.get_item(&k).unwrap();
                out.insert(k.to_string());
                walk(&child, out);
            }
        } else if v.kind() == minijinja::value::ValueKind::Seq {
            for child in v.try_iter().unwrap() {
                walk(&child, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&minijinja::Value::from_serialize(v), &mut out);
    out
}

/// Keys not written as `` `key` `` in `docs/templates.md`.
pub fn undocumented<T: serde::Serialize>(model: &T) -> Vec<String> {
    let docs = std::fs::read_to_string(root().join("docs/templates.md")).unwrap();
    keys_of(model)
        .into_iter()
        .filter(|k| !docs.contains(&format!("`{k}`")))
        .collect()
}

/// The example case and its repository config.
pub fn example() -> (
    rexieshang::case::model::Case,
    rexieshang::case::config::Config,
) {
    let repo = rexieshang::case::load::open(&root()).unwrap();
    let dir = repo
        .cases
        .iter()
        .find(|c| c.id == "shenyang-digital-government")
        .unwrap();
    let case = rexieshang::case::load::load_case(dir, &repo.config)
        .case
        .unwrap();
    (case, repo.config)
}

/// A copy of the example repository (cases and config) in a temporary folder, to change freely.
pub fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(root().join("cases")) {
        let e = entry.unwrap();
        let dest = tmp.path().join(e.path().strip_prefix(root()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    std::fs::copy(
        root().join("rexieshang.yaml"),
        tmp.path().join("rexieshang.yaml"),
    )
    .unwrap();
    tmp
}

/// Whether a program runs (`tool arg` exits 0).
pub fn have(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether poppler and a Chinese font are here; panics when they are required (CI) and missing, else says once
/// what to install and returns false (the test skips).
pub fn printing_available() -> bool {
    let poppler = have("pdftotext", "-v") && have("pdfinfo", "-v") && have("pdffonts", "-v");
    let fonts = rexieshang::output::typeset::font_data().is_ok();
    if poppler && fonts {
        return true;
    }
    assert!(
        std::env::var_os("REXIESHANG_REQUIRE_PRINT").is_none(),
        "REXIESHANG_REQUIRE_PRINT is set but poppler ({poppler}) or a Chinese font ({fonts}) is missing"
    );
    eprintln!(
        "skipping: no poppler-utils or CJK fonts (apt-get install poppler-utils fonts-noto-cjk)"
    );
    false
}
