//! Printed briefs and overviews typeset in-process, checked with poppler's `pdfinfo`, `pdffonts` and `pdftotext`;
//! Word files opened as zip archives. Locally the PDF checks skip with a message when poppler or a Chinese font is
//! missing; CI sets `REXIESHANG_REQUIRE_PRINT` so they fail instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{bin, example_copy, have, printing_available, root, run, stdout};
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn pdf_info(pdf: &Path, key: &str) -> String {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8(o.stdout).unwrap();
    let line = info
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_default();
    line.trim_start_matches(key).trim().to_string()
}

/// Every word of every page inside the page less the margins' outer part (poppler's word boxes): nothing within
/// 70 pt of a side or 14 pt of the top and bottom edges.
fn words_outside_the_text_area(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let xml = String::from_utf8(o.stdout).unwrap();
    let num = |s: &str, key: &str| -> f64 {
        let at = s.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        s[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut out = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let (w, h) = (num(page, "width"), num(page, "height"));
        for word in page.split("<word ").skip(1) {
            let (x0, y0, x1, y1) = (
                num(word, "xMin"),
                num(word, "yMin"),
                num(word, "xMax"),
                num(word, "yMax"),
            );
            if x0 < 70.0 || x1 > w - 70.0 || y0 < 14.0 || y1 > h - 14.0 {
                let text = word
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                out.push(format!(
                    "{text} at {x0:.0}–{x1:.0}, {y0:.0}–{y1:.0} of {w:.0}×{h:.0}"
                ));
            }
        }
    }
    out
}

/// The example brief as a Word file in `dir`; its path.
fn example_docx(dir: &Path) -> std::path::PathBuf {
    let o = run(
        &root(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "docx",
            "-o",
            dir.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("shenyang-digital-government-2021-09-30.docx")
}

fn print_pdf(dir: &Path, args: &[&str], out: &Path) -> std::process::Output {
    bin()
        .args(args)
        .args(["--format", "pdf", "-o"])
        .arg(out)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
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
fn the_example_brief_prints_on_a4_with_its_texts_embedded_fonts_and_nothing_outside_the_text_area()
{
    if !printing_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let o = print_pdf(&root(), &["report", "--as-of", "2021-09-30"], out.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out
        .path()
        .join("shenyang-digital-government-2021-09-30.pdf");
    let size = pdf_info(&pdf, "Page size:");
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        (nums[0] - 595.3).abs() < 2.0 && (nums[1] - 841.9).abs() < 2.0,
        "A4: {size}"
    );
    let pages: usize = pdf_info(&pdf, "Pages:").parse().unwrap();
    // At most ten pages (issue 19): eight portrait pages of body and annexes, the item table as Annex 5 on two
    // landscape pages at the end.
    assert!((8..=10).contains(&pages), "{pages} pages");
    let landscape = (1..=pages)
        .filter(|p| {
            let o = Command::new("pdfinfo")
                .args(["-f", &p.to_string(), "-l", &p.to_string()])
                .arg(&pdf)
                .output()
                .unwrap();
            let info = String::from_utf8_lossy(&o.stdout).to_string();
            info.lines()
                .any(|l| l.starts_with(&format!("Page {p:>4} size:")) && l.contains("841.89 x 595"))
        })
        .count();
    assert!((1..=3).contains(&landscape), "{landscape} landscape pages");
    assert!(
        pdf_info(&pdf, "CreationDate:").contains("2021"),
        "dated the cut-off"
    );
    let text = squeeze(&pdf_text(&pdf));
    for needle in [
        "政协沈阳市委员会简报",
        "关于“加快建设数字政府，推进优化营商环境”建议案落实情况的简报",
        // The item table gives short titles in print; the full text is in the Markdown and HTML briefs.
        "制定政务数据共享开放法规",
        "附件5逐条对照表",
        "落实度（单位自评口径）为77.8%",
        "经委员核实的落实度为75.6%",
        "待核实",
        // The only chart printed (the tables with bars stand for the other two), numbered 1.
        "图1历次会议时的总体落实度",
        "—1—",
    ] {
        assert!(
            text.contains(&squeeze(needle)),
            "the PDF text lacks {needle}"
        );
    }
    // The printed timeline leaves out the files (the Markdown brief lists them).
    assert!(text.contains("附件3") && !text.contains("replies/"));
    let fonts =
        String::from_utf8(Command::new("pdffonts").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(!fonts.contains("Type 3"), "no Type 3 fonts:\n{fonts}");
    assert!(fonts.contains("CID"), "CID fonts:\n{fonts}");
    let outside = words_outside_the_text_area(&pdf);
    assert!(
        outside.is_empty(),
        "words outside the text area: {outside:?}"
    );
    // The English brief too: its long header words must not push a table past the margin.
    let o = print_pdf(
        &root(),
        &["--lang", "en", "report", "--as-of", "2021-09-30"],
        out.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let en = out
        .path()
        .join("shenyang-digital-government-2021-09-30.en.pdf");
    let outside = words_outside_the_text_area(&en);
    assert!(
        outside.is_empty(),
        "English: words outside the text area: {outside:?}"
    );
    // The same files and cut-off give the same bytes.
    let again = tempfile::tempdir().unwrap();
    assert!(
        print_pdf(&root(), &["report", "--as-of", "2021-09-30"], again.path())
            .status
            .success()
    );
    let second = again
        .path()
        .join("shenyang-digital-government-2021-09-30.pdf");
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(&second).unwrap(),
        "byte-identical"
    );
}

#[test]
fn markup_in_case_text_is_printed_as_text_in_the_pdf_and_escaped_in_the_html() {
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
    // The topic, set as the title on its own lines, carries markup of every kind the outputs could mistake for code.
    let text = text.replace(
        "title: 加快建设数字政府，推进优化营商环境",
        "title: \"数字<b>政府</b>#set page(fill: red) #eval(\\\"1+1\\\") $x$ [y] *z*\"",
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
        text.contains("数字<b>政府</b>#setpage(fill:red)#eval(\"1+1\")$x$[y]*z*"),
        "HTML, typst and Markdown markup printed as text: {text}"
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
fn the_masthead_carries_the_issue_number_and_the_issuing_office_in_pdf_and_word() {
    let repo = example_copy();
    let cfg = repo.path().join("rexieshang.yaml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("office: 政协沈阳市委员会办公厅\n");
    std::fs::write(&cfg, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let args = ["report", "--as-of", "2021-09-30", "--issue", "12", "-o"];
    let o = run(
        repo.path(),
        &[
            &args[..],
            &[out.path().to_str().unwrap(), "--format", "docx"],
        ]
        .concat(),
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
    assert!(
        doc.contains(">第12期<") && doc.contains(">政协沈阳市委员会办公厅<"),
        "Word masthead"
    );
    // An issue number must be a whole number from 1.
    let o = run(repo.path(), &["report", "--issue", "0", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2));
    if !printing_available() {
        return;
    }
    let o = print_pdf(
        repo.path(),
        &["report", "--as-of", "2021-09-30", "--issue", "12"],
        out.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = squeeze(&pdf_text(
        &out.path()
            .join("shenyang-digital-government-2021-09-30.pdf"),
    ));
    let head = &text[..text.find("关于").unwrap()];
    assert!(
        head.contains("政协沈阳市委员会简报")
            && head.contains("第12期")
            && head.contains("政协沈阳市委员会办公厅")
            && head.contains("2021年9月30日"),
        "PDF masthead: {head}"
    );
}

#[test]
fn the_word_file_holds_every_recommendation_in_the_official_layout() {
    let out = tempfile::tempdir().unwrap();
    let docx = example_docx(out.path());
    let bytes = std::fs::read(&docx).unwrap();
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
    // In print the item table names a recommendation by its short title when it has one.
    for rec in &case.recommendations {
        let shown = rec.title.clone().unwrap_or_else(|| rec.text.value.clone());
        assert!(
            plain.contains(&shown.replace('&', "&amp;")),
            "missing {}",
            rec.id.value
        );
    }
    assert!(doc.contains("<w:tbl>") && doc.contains("<w:pStyle w:val=\"Heading2\" />"));
    assert!(styles.contains("仿宋_GB2312") && styles.contains("w:eastAsia=\"zh-CN\""));
    // The official layout: red masthead with its rule, first-line indent and line pitch on the grid, header rows
    // repeated, rows kept whole, widths from the content, the item table on landscape pages of its own.
    assert!(doc.contains("<w:pStyle w:val=\"Masthead\" />"));
    let style = |id: &str| {
        let s = &styles[styles.find(&format!("w:styleId=\"{id}\"")).unwrap()..];
        s[..s.find("</w:style>").unwrap()].to_string()
    };
    let (masthead, issue_line) = (style("Masthead"), style("IssueLine"));
    assert!(masthead.contains("C8102E"), "{masthead}");
    assert!(
        issue_line.contains("<w:pBdr>") && issue_line.contains("C8102E"),
        "the red rule under the issuing line: {issue_line}"
    );
    assert!(plain.contains("政协沈阳市委员会简报") && plain.contains("2021年9月30日"));
    assert!(
        plain.contains("附件3") && !plain.contains("replies/"),
        "the printed timeline leaves out the files"
    );
    assert!(
        doc.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"580\""),
        "22 lines to the page"
    );
    assert!(
        doc.contains("w:firstLine=\"640\"") && doc.contains("w:line=\"580\" w:lineRule=\"exact\"")
    );
    assert_eq!(
        doc.matches("<w:tbl>").count(),
        doc.matches("<w:tblHeader />").count()
    );
    assert_eq!(
        doc.matches("<w:tr>").count(),
        doc.matches("<w:cantSplit />").count()
    );
    assert_eq!(
        doc.matches("w:orient=\"landscape\"").count(),
        1,
        "one landscape section"
    );
    let widths: std::collections::BTreeSet<&str> = doc
        .split("<w:tcW w:w=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(
        widths.len() > 5,
        "columns sized by their content: {widths:?}"
    );
    // The charts as pictures, and no marker left in the text.
    let pictures = (0..zip.len())
        .filter(|i| zip.by_index(*i).unwrap().name().ends_with(".png"))
        .count();
    // In print the tables with bars stand for the aspect and department charts: the rounds chart is the one picture.
    assert_eq!(pictures, 1, "the rounds chart");
    assert!(!doc.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)));
}

#[test]
fn missing_fonts_stop_before_printing_and_a_character_no_font_has_is_named_with_its_page() {
    if !printing_available() {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["report", "--as-of", "2021-09-30", "--format", "pdf", "-o"])
        .arg(out.path())
        .current_dir(root())
        .env("REXIESHANG_FONTS", empty.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("错误[E905]") && err.contains("Noto Serif CJK SC"),
        "{err}"
    );
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "nothing written"
    );

    let repo = example_copy();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap().replace(
        "title: 加快建设数字政府，推进优化营商环境",
        "title: 加快建设数字政府𓀀推进优化营商环境",
    );
    std::fs::write(&case, text).unwrap();
    let o = print_pdf(
        repo.path(),
        &["report", "--as-of", "2021-09-30"],
        &repo.path().join("out"),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("错误[E906]") && err.contains("第 1 页") && err.contains("U+13000"),
        "{err}"
    );
    assert!(
        !repo
            .path()
            .join("out/shenyang-digital-government-2021-09-30.pdf")
            .exists()
    );
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
    if !printing_available() {
        return;
    }
    let o = print_pdf(
        &m,
        &["report", "--overview", "--as-of", "2020-12-31"],
        out.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.path().join("overview-2020-12-31.pdf");
    assert!(squeeze(&pdf_text(&pdf)).contains("发展社区居家养老服务"));
    let outside = words_outside_the_text_area(&pdf);
    assert!(
        outside.is_empty(),
        "words outside the text area: {outside:?}"
    );
}

#[test]
fn the_word_file_converted_by_libreoffice_keeps_inside_the_margins() {
    if !have("soffice", "--version") {
        assert!(
            std::env::var_os("REXIESHANG_REQUIRE_PRINT").is_none(),
            "REXIESHANG_REQUIRE_PRINT is set but LibreOffice (soffice) is missing"
        );
        eprintln!("skipping: no LibreOffice (apt-get install libreoffice-writer-nogui)");
        return;
    }
    if !printing_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let docx = example_docx(out.path());
    // A profile of its own, so that a LibreOffice already running elsewhere is not asked instead.
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out
        .path()
        .join("shenyang-digital-government-2021-09-30.pdf");
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains(&squeeze(
        "关于“加快建设数字政府，推进优化营商环境”建议案落实情况的简报"
    )));
    let outside = words_outside_the_text_area(&pdf);
    assert!(
        outside.is_empty(),
        "words outside the text area: {outside:?}"
    );
}

#[test]
fn control_characters_that_pass_check_still_give_a_word_file_an_xml_reader_opens() {
    let repo = example_copy();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    // In the short title, which the printed item table shows.
    let text = text.replacen(
        "title: 建立高规格领导机制",
        "title: \"建立\\e[31m领导\\x01机制\\uFFFE\"",
        1,
    );
    std::fs::write(&case, text).unwrap();
    let check = run(repo.path(), &["check", "--as-of", "2021-09-30"]);
    assert!(check.status.success(), "a warning, not an error");
    assert!(String::from_utf8_lossy(&check.stderr).contains("W215"));
    let out = tempfile::tempdir().unwrap();
    let o = run(
        repo.path(),
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
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let texts: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts.contains("建立\u{241b}[31m领导\u{2401}机制\u{fffd}"),
        "shown, not dropped"
    );
}

#[test]
fn column_widths_handed_to_the_template_are_the_ones_it_would_compute_itself() {
    if !printing_available() {
        return;
    }
    let repo = example_copy();
    let print = |lang: &str, out: &Path| {
        let o = print_pdf(
            repo.path(),
            &["--lang", lang, "report", "--as-of", "2021-09-30"],
            out,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let name = if lang == "zh" {
            "shenyang-digital-government-2021-09-30.pdf"
        } else {
            "shenyang-digital-government-2021-09-30.en.pdf"
        };
        std::fs::read(out.join(name)).unwrap()
    };
    let ahead = tempfile::tempdir().unwrap();
    let (zh, en) = (print("zh", ahead.path()), print("en", ahead.path()));
    // The same template made to ignore the widths in the data: it computes every table's columns itself.
    let template = std::fs::read_to_string(root().join("templates/brief.typ")).unwrap();
    let own = template.replacen(
        "let ready = b.at(\"widths\", default: ()).find(x => calc.abs(x.avail - avail) < 0.05)",
        "let ready = none",
        1,
    );
    assert_ne!(own, template);
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    std::fs::write(repo.path().join("templates/brief.typ"), own).unwrap();
    let itself = tempfile::tempdir().unwrap();
    assert!(
        print("zh", itself.path()) == zh,
        "Chinese brief: widths differ"
    );
    assert!(
        print("en", itself.path()) == en,
        "English brief: widths differ"
    );
}
