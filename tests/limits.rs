//! Limits that need inputs too large to keep as fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn minimal_case(dir: &std::path::Path) {
    let case = dir.join("cases/t");
    std::fs::create_dir_all(case.join("replies")).unwrap();
    std::fs::write(
        case.join("case.yaml"),
        "title: 测试\nproposal: {title: 建议案, adopted: 2020-01-10}\ndepartments: [{id: 甲局}]\naspects: [{id: 一, title: 方面}]\nrecommendations: [{id: 1, aspect: 一, text: 建议, lead: 甲局}]\n",
    )
    .unwrap();
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let tmp = tempfile::tempdir().unwrap();
    minimal_case(tmp.path());
    let big = format!(
        "department: 甲局\ndate: 2020-03-01\n# {}\n",
        "x".repeat(9 * 1024 * 1024)
    );
    std::fs::write(tmp.path().join("cases/t/replies/big.yaml"), big).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rexieshang"))
        .args([
            "check",
            "--as-of",
            "2021-01-01",
            "--lang",
            "en",
            "--color",
            "never",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E103]"), "{stderr}");
    assert!(stderr.contains("cases/t/replies/big.yaml"), "{stderr}");
    assert!(
        stderr.contains("8388608 bytes"),
        "names the limit: {stderr}"
    );
}

#[test]
fn an_empty_case_folder_and_an_empty_case_file_are_reported_not_crashed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("cases/empty")).unwrap();
    std::fs::create_dir_all(tmp.path().join("cases/zero")).unwrap();
    std::fs::write(tmp.path().join("cases/zero/case.yaml"), "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rexieshang"))
        .args(["check", "--as-of", "2021-01-01", "--color", "never"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("错误[E301]") && stderr.contains("cases/empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("错误[E203]") && stderr.contains("cases/zero/case.yaml"),
        "{stderr}"
    );
}
