//! Limits that need inputs too large to keep as fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::bin;

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
    let out = bin()
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
    let out = bin()
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

#[test]
fn a_fifty_megabyte_file_is_refused_by_its_size_without_being_read() {
    let tmp = tempfile::tempdir().unwrap();
    minimal_case(tmp.path());
    let big = tmp.path().join("cases/t/replies/huge.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = bin()
        .args(["check", "--as-of", "2021-01-01", "--color", "never"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("错误[E103]") && stderr.contains("52428800") && stderr.contains("8388608"),
        "{stderr}"
    );
}

/// Kills `report` while it writes a large brief and shows the previous brief intact: the new one is written to a
/// temporary file beside it and renamed only when complete.
#[test]
fn killing_report_in_the_middle_of_a_write_leaves_the_old_brief_intact() {
    let tmp = tempfile::tempdir().unwrap();
    minimal_case(tmp.path());
    let run = |template: Option<&str>| {
        if let Some(t) = template {
            std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
            std::fs::write(tmp.path().join("templates/brief.zh.md"), t).unwrap();
        }
        bin()
            .args(["report", "--as-of", "2021-01-01", "-o", "out"])
            .current_dir(tmp.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(run(None).wait().unwrap().success());
    let brief = tmp.path().join("out/t-2021-01-01.md");
    let old = std::fs::read(&brief).unwrap();
    let mut caught = false;
    for size in [100_000u64, 300_000, 600_000] {
        // A template that makes a brief of `size` lines of about 750 bytes each (75–450 MB).
        let template = format!(
            "{{% set line = \"检验写到一半被中断\" * 28 %}}{{% for i in range({size}) %}}{{{{ i }}}} {{{{ line }}}}\n{{% endfor %}}"
        );
        let mut child = run(Some(&template));
        let started = std::time::Instant::now();
        loop {
            let temp_exists = std::fs::read_dir(tmp.path().join("out"))
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
            if temp_exists {
                child.kill().unwrap();
                child.wait().unwrap();
                caught = true;
                break;
            }
            if child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 120 {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        assert_eq!(
            std::fs::read(&brief).unwrap(),
            old,
            "the old brief is intact"
        );
        if caught {
            break;
        }
        // The write finished before we could kill it: restore the old brief and try a larger one.
        std::fs::write(&brief, &old).unwrap();
    }
    assert!(caught, "never caught the write in progress");
}

/// A FIFO where a record belongs is refused at once (E009, exit 1): opening it must not wait for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_case_folder_is_refused_without_blocking() {
    let repo = common::example_copy();
    let fifo = repo
        .path()
        .join("cases/shenyang-digital-government/replies/2021-10-01-x.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = bin()
        .args(["check", "--as-of", "2021-12-31"])
        .current_dir(repo.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check blocked on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E009") && err.contains("2021-10-01-x.yaml"),
        "{err}"
    );
}

/// A `rexieshang.yaml` that is a folder or a dangling link is an error, never silently the defaults.
#[cfg(unix)]
#[test]
fn a_config_that_is_a_folder_or_a_dangling_link_is_an_error() {
    for (kind, code) in [("folder", "E006"), ("dangling link", "E004")] {
        let repo = common::example_copy();
        let cfg = repo.path().join("rexieshang.yaml");
        std::fs::remove_file(&cfg).unwrap();
        if kind == "folder" {
            std::fs::create_dir(&cfg).unwrap();
        } else {
            std::os::unix::fs::symlink(repo.path().join("missing.yaml"), &cfg).unwrap();
        }
        let o = common::run(repo.path(), &["check", "--as-of", "2021-12-31"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{kind}: {err}");
        assert!(
            err.contains(code) && err.contains("rexieshang.yaml"),
            "{kind}: {err}"
        );
        let o = common::run(repo.path(), &["report", "--as-of", "2021-09-30", "-o", "-"]);
        assert_eq!(o.status.code(), Some(1), "{kind}");
        assert!(o.stdout.is_empty(), "{kind}: no brief on default settings");
    }
}

/// Makes a link in a repository and says where it is.
type MakeLink<'a> = dyn Fn(&std::path::Path) -> String + 'a;

/// A link in a case folder (a record, case.yaml, or the case folder itself) that leads out of the repository is
/// refused, named by the link; where it leads and what is there never show. Links within the repository are read.
#[cfg(unix)]
#[test]
fn links_out_of_the_repository_are_refused_and_their_targets_never_shown() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret-place");
    std::fs::create_dir(&secret).unwrap();
    std::fs::write(secret.join("case.yaml"), "password: hunter2\n").unwrap();
    std::fs::write(secret.join("r.yaml"), "password: hunter2\n").unwrap();
    let case = "cases/shenyang-digital-government";
    let setups: [(&str, &MakeLink); 3] = [
        ("a reply", &|repo| {
            let link = format!("{case}/replies/2021-10-01-x.yaml");
            std::os::unix::fs::symlink(secret.join("r.yaml"), repo.join(&link)).unwrap();
            link
        }),
        ("case.yaml", &|repo| {
            let link = format!("{case}/case.yaml");
            std::fs::remove_file(repo.join(&link)).unwrap();
            std::os::unix::fs::symlink(secret.join("case.yaml"), repo.join(&link)).unwrap();
            link
        }),
        ("the case folder", &|repo| {
            let link = "cases/elsewhere".to_string();
            std::os::unix::fs::symlink(&secret, repo.join(&link)).unwrap();
            link
        }),
    ];
    for (what, setup) in setups {
        let repo = common::example_copy();
        let link = setup(repo.path());
        let o = common::run(repo.path(), &["check", "--as-of", "2021-12-31"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains("E304") && err.contains(&link), "{what}: {err}");
        assert!(
            !err.contains("hunter2") && !err.contains("secret-place"),
            "{what} shows the target: {err}"
        );
    }
}
