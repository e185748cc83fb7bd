//! Printed briefs in a real headless Chromium, checked with poppler's `pdfinfo` and `pdftotext`; Word files opened
//! as zip archives. Locally these tests skip with a message when the browser or poppler is missing; CI sets
//! `REXIESHANG_REQUIRE_BROWSER` so they fail instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{bin, example_copy, root, run, stdout};
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn have(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the browser and poppler are here; panics when they are required and missing.
fn printing_available() -> bool {
    let browser = rexieshang::output::pdf::find_browser(None).is_ok();
    let poppler = have("pdftotext", "-v") && have("pdfinfo", "-v");
    if browser && poppler {
        return true;
    }
    assert!(
        std::env::var_os("REXIESHANG_REQUIRE_BROWSER").is_none(),
        "REXIESHANG_REQUIRE_BROWSER is set but the browser ({browser}) or poppler ({poppler}) is missing"
    );
    eprintln!(
        "skipping: no headless browser or poppler-utils (apt-get install chromium fonts-noto-cjk poppler-utils)"
    );
    false
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_example_brief_prints_on_a4_with_its_title_texts_and_figures() {
    if !printing_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["report", "--as-of", "2021-09-30", "--format", "pdf", "-o"])
        .arg(out.path())
        .current_dir(root())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out
        .path()
        .join("shenyang-digital-government-2021-09-30.pdf");
    let info =
        String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        (nums[0] - 595.3).abs() < 2.0 && (nums[1] - 841.9).abs() < 2.0,
        "A4: {size}"
    );
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!((8..=40).contains(&pages), "{pages} pages");
    let text = squeeze(&pdf_text(&pdf));
    for needle in [
        "关于“加快建设数字政府，推进优化营商环境”建议案落实情况的简报",
        "加快制定政务数据资源共享开放地方性法规",
        "总体落实度为75.6%",
        "—1—",
    ] {
        assert!(
            text.contains(&squeeze(needle)),
            "the PDF text lacks {needle}"
        );
    }
    assert!(
        std::fs::read_dir(home.path()).unwrap().next().is_none(),
        "the browser wrote nothing into HOME"
    );
}

#[test]
fn markup_in_a_recommendation_is_visible_text_in_the_pdf_and_escaped_in_the_html() {
    if !printing_available() {
        return;
    }
    let repo = example_copy();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap().replace(
        "text: 编制政务服务事项标准化实施方案，统一事项名称、办理条件、申请材料和办理时限。",
        "text: \"标准化<script>alert(1)</script>和<img src=x onerror=alert(2)>结束\"",
    );
    std::fs::write(&case, text).unwrap();
    let html = stdout(&run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "html",
            "-o",
            "-",
        ],
    ));
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "no live markup"
    );
    assert!(
        html.contains(
            "标准化&lt;script&gt;alert(1)&lt;/script&gt;和&lt;img src=x onerror=alert(2)&gt;结束"
        ),
        "escaped text"
    );
    stdout(&run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "pdf",
            "-o",
            "out",
        ],
    ));
    let text = squeeze(&pdf_text(
        &repo
            .path()
            .join("out/shenyang-digital-government-2021-09-30.pdf"),
    ));
    assert!(
        text.contains("<script>alert(1)</script>"),
        "visible in the PDF"
    );
    assert!(
        text.contains("<imgsrc=xonerror=alert(2)>"),
        "visible in the PDF"
    );
}

#[test]
fn the_html_is_one_self_contained_page_with_charts_and_print_settings() {
    let html = stdout(&run(
        &root(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "html",
            "-o",
            "-",
        ],
    ));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"zh-CN\">"));
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "aspects, departments, rounds"
    );
    assert!(html.contains("size: A4") && html.contains("margin: 37mm 26mm 35mm 28mm"));
    assert!(html.contains("\"— \" counter(page) \" —\""));
    assert!(
        html.contains("FangSong")
            && html.contains("STFangsong")
            && html.contains("Noto Serif CJK SC")
    );
    assert!(html.contains("break-inside: avoid"));
    assert!(html.contains("class=\"light red\"") && html.contains("class=\"bar\""));
    for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(
            !html.contains(external),
            "nothing fetched from the network: {external}"
        );
    }
    assert!(
        !html.contains('\u{E000}') && !html.contains('\u{E003}') && !html.contains('\u{E005}'),
        "no markers left"
    );
    // The Markdown brief is unchanged by the HTML markers.
    let md = stdout(&run(
        &root(),
        &["report", "--as-of", "2021-09-30", "-o", "-"],
    ));
    assert!(!md.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)));
}

#[test]
fn the_word_file_is_a_zip_whose_document_holds_the_title_and_every_recommendation() {
    let out = tempfile::tempdir().unwrap();
    let o = run(
        &root(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "docx",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(
        out.path()
            .join("shenyang-digital-government-2021-09-30.docx"),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut doc = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    let plain: String = {
        // Text runs only, so a phrase split across runs still matches.
        let mut s = String::new();
        let mut rest = doc.as_str();
        while let Some(i) = rest.find("<w:t") {
            rest = &rest[i..];
            let Some(open_end) = rest.find('>') else {
                break;
            };
            let Some(close) = rest.find("</w:t>") else {
                break;
            };
            if open_end < close {
                s.push_str(&rest[open_end + 1..close]);
            }
            rest = &rest[close + 6..];
        }
        s
    };
    assert!(plain.contains("关于“加快建设数字政府，推进优化营商环境”建议案落实情况的简报"));
    let (case, _) = common::example();
    for rec in &case.recommendations {
        assert!(
            plain.contains(&rec.text.value.replace('&', "&amp;")),
            "missing {}",
            rec.id.value
        );
    }
    assert!(doc.contains("<w:tbl>") && doc.contains("<w:pStyle w:val=\"Heading2\" />"));
    assert!(styles.contains("仿宋_GB2312") && styles.contains("w:eastAsia=\"zh-CN\""));
}

#[test]
fn no_browser_is_a_clear_error_and_a_hanging_one_is_killed() {
    let o = run(
        &root(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "pdf",
            "--browser",
            "/no/such/chromium",
            "-o",
            "-",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("错误[E901]"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    let fake = tmp.path().join("fake-browser");
    std::fs::write(&fake, "#!/bin/sh\nsleep 30\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let start = std::time::Instant::now();
    let o = bin()
        .args([
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "pdf",
            "-o",
            "-",
            "--browser",
        ])
        .arg(&fake)
        .current_dir(root())
        .env("REXIESHANG_PRINT_TIMEOUT", "1")
        .output()
        .unwrap();
    assert!(start.elapsed().as_secs() < 20, "killed after the timeout");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("错误[E902]") && err.contains("超时"), "{err}");
    assert!(o.stdout.is_empty(), "no half PDF");
}

#[test]
fn the_overview_comes_in_the_same_formats() {
    let m = root().join("tests/fixtures/repos/multi");
    let html = stdout(&run(
        &m,
        &[
            "report",
            "--overview",
            "--as-of",
            "2020-12-31",
            "--format",
            "html",
            "-o",
            "-",
        ],
    ));
    assert!(
        html.contains("<html lang=\"zh-CN\">")
            && html.contains("发展社区居家养老服务")
            && html.contains("<table>")
    );
    let out = tempfile::tempdir().unwrap();
    let printed = stdout(&run(
        &m,
        &[
            "report",
            "--overview",
            "--as-of",
            "2020-12-31",
            "--format",
            "docx",
            "-o",
            out.path().to_str().unwrap(),
        ],
    ));
    assert!(printed.trim().ends_with("overview-2020-12-31.docx"));
    let bytes = std::fs::read(printed.trim()).unwrap();
    let mut doc = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert!(doc.contains("治理城市内涝") && doc.contains("<w:tbl>"));
}
