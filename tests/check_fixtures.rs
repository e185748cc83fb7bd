//! Golden tests of `rexieshang check`: each folder under `tests/fixtures/check/` holds a case repository
//! (`repo/`), optionally the command-line arguments (`args`), and the expected exit code and stderr
//! (`expected`). Run with `BLESS=1` to rewrite the expected files after a deliberate change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{bin, compare, root};
use std::path::{Path, PathBuf};

const DEFAULT_ARGS: &str = "check repo --as-of 2021-12-31";

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn run(dir: &Path) -> String {
    let args =
        std::fs::read_to_string(dir.join("args")).unwrap_or_else(|_| DEFAULT_ARGS.to_string());
    let out = bin()
        .args(args.split_whitespace())
        .arg("--color=never")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "check writes nothing to stdout");
    format!(
        "exit: {}\n--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn check_output_matches_golden_files() {
    let failures: Vec<String> = fixtures()
        .iter()
        .filter_map(|dir| compare(&dir.join("expected"), &run(dir)).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (BLESS=1 to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn each_fixture_shows_the_diagnostic_it_is_named_after() {
    for dir in fixtures() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let code = name.split('-').next().unwrap();
        let expected = std::fs::read_to_string(dir.join("expected")).unwrap();
        if code.starts_with('E') || code.starts_with('W') {
            assert!(
                expected.contains(&format!("[{code}]")),
                "{name} does not show {code}:\n{expected}"
            );
            let exit = if code.starts_with('E') || name.contains("strict") {
                "exit: "
            } else {
                "exit: 0"
            };
            assert!(
                expected.starts_with(exit),
                "{name}: unexpected exit code\n{expected}"
            );
            if code.starts_with('E') && code != "E005" && code != "E007" {
                assert!(
                    expected.starts_with("exit: 1"),
                    "{name}: errors exit 1\n{expected}"
                );
            }
        } else if name.starts_with("000") {
            assert!(
                expected.starts_with("exit: 0"),
                "{name} should be clean:\n{expected}"
            );
        }
    }
}

#[test]
fn there_are_at_least_thirty_fixtures() {
    assert!(fixtures().len() >= 30);
}
