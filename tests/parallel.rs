//! Cases are read, checked and rendered on all cores; what is printed and written must not depend on how many.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{bin, root};
use std::path::Path;
use std::process::Output;

/// A repository with `n` copies of the example case; some have a misspelt field, some an unknown one.
fn many_cases(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("rexieshang.yaml"),
        tmp.path().join("rexieshang.yaml"),
    )
    .unwrap();
    let source = root().join("cases/shenyang-digital-government");
    for i in 0..n {
        let dest = tmp.path().join(format!("cases/case-{i:03}"));
        for entry in walkdir::WalkDir::new(&source) {
            let e = entry.unwrap();
            let to = dest.join(e.path().strip_prefix(&source).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        let case = dest.join("case.yaml");
        let mut text = std::fs::read_to_string(&case).unwrap();
        if i % 7 == 3 {
            text = text.replacen("adopted:", "adopted_on:", 1);
        }
        if i % 5 == 1 {
            text.push_str("unknown_field: 1\n");
        }
        std::fs::write(&case, text).unwrap();
    }
    tmp
}

fn run_with_threads(dir: &Path, threads: usize, args: &[&str]) -> Output {
    bin()
        .args(args)
        .arg("--color=never")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .unwrap()
}

#[test]
fn output_is_the_same_with_one_thread_or_many() {
    let repo = many_cases(45);
    let dir = repo.path();
    for args in [
        &["check", ".", "--as-of", "2021-12-31"][..],
        &["report", "--as-of", "2021-09-30", "-o", "-"][..],
        &["report", "--as-of", "2021-09-30", "--lang", "en", "-o", "-"][..],
        &["status", ".", "--as-of", "2021-09-30"][..],
        &[
            "export",
            "--as-of",
            "2021-09-30",
            "--format",
            "json",
            "-o",
            "-",
        ][..],
    ] {
        let one = run_with_threads(dir, 1, args);
        let many = run_with_threads(dir, 4, args);
        assert_eq!(one.status.code(), many.status.code(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&many.stderr),
            "{args:?}"
        );
        assert!(
            one.stdout == many.stdout,
            "{args:?}: standard output differs"
        );
    }
    // Messages come in case order, whichever thread finished first.
    let out = run_with_threads(dir, 4, &["check", ".", "--as-of", "2021-12-31"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let mentioned: Vec<usize> = err
        .lines()
        .filter_map(|l| l.split("cases/case-").nth(1))
        .map(|rest| rest[..3].parse().unwrap())
        .collect();
    assert!(mentioned.contains(&3) && mentioned.contains(&1), "{err}");
    assert!(mentioned.is_sorted(), "{mentioned:?}");
    // The skipped cases (with errors) are named in order too, and every clean one got a brief.
    let out = run_with_threads(dir, 4, &["report", "--as-of", "2021-09-30", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = (0..45)
        .filter(|i| i % 7 != 3 && i % 5 != 1)
        .map(|i| format!("out/case-{i:03}-2021-09-30.md"))
        .collect();
    assert_eq!(listed, expected);
    for f in &listed {
        assert!(dir.join(f).is_file(), "{f}");
    }
}
