//! `import proposal` and `import register`: Word proposals built here in several shapes (typed numbers, Word's list
//! numbering, aspects as Word headings) and one exported from LibreOffice come back as the aspects and
//! recommendations they hold; registers written here (XLSX and CSV) come back as the same departments and dates;
//! contradictions are errors at their cells and nothing is written. The case files are read back with serde-saphyr,
//! independent of the tool's reader.

#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{root, run};
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Style, StyleType,
};
use serde_json::Value;
use std::path::Path;

/// An aspect: its id, title and recommendations (short title, rest of the text).
type Aspect = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The proposal every shape encodes.
const PROPOSAL: &[Aspect] = &[
    (
        "一",
        "理顺管理体制",
        &[
            ("建立高规格领导机制", "由市委、市政府主要领导牵头。"),
            ("厘清数据管理职责", "明确统筹部门。"),
        ],
    ),
    (
        "二",
        "健全法规标准",
        &[("加快制定地方性法规", "保障数据共享开放。")],
    ),
    (
        "三",
        "强化人才支撑",
        &[
            ("引进培养数字化人才", "完善激励机制。"),
            ("加强干部培训", "每年轮训一次。"),
        ],
    ),
];

fn new_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["init", ".", "--no-git"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir
}

fn pack(doc: Docx) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    buf.into_inner()
}

fn rec_paragraph(label: &str, title: &str, rest: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(label))
        .add_run(Run::new().add_text(format!("{title}。")).bold())
        .add_run(Run::new().add_text(rest))
}

/// Numbers typed into the text: 一、 and （一）.
fn typed() -> Vec<u8> {
    let mut doc = Docx::new()
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("关于加快建设数字政府的建议案")),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("现提出如下建议：")));
    for (id, title, recs) in PROPOSAL {
        doc = doc
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!("{id}、{title}"))));
        for (i, (t, rest)) in recs.iter().enumerate() {
            let n = ["一", "二", "三"][i];
            doc = doc.add_paragraph(rec_paragraph(&format!("（{n}）"), t, rest));
        }
    }
    pack(
        doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text("政协某市委员会")))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("2019年6月24日"))),
    )
}

/// Numbers from Word's list numbering: nothing typed, the labels come from the numbering definition.
fn listed() -> Vec<u8> {
    let level = |l: usize, text: &str| {
        Level::new(
            l,
            Start::new(1),
            NumberFormat::new("chineseCounting"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let mut doc = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(7)
                .add_level(level(0, "%1、"))
                .add_level(level(1, "（%2）")),
        )
        .add_numbering(Numbering::new(7, 7))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("关于加快建设数字政府的建议案")),
        );
    for (_, title, recs) in PROPOSAL {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(*title))
                .numbering(NumberingId::new(7), IndentLevel::new(0)),
        );
        for (t, rest) in recs.iter() {
            doc = doc.add_paragraph(
                rec_paragraph("", t, rest).numbering(NumberingId::new(7), IndentLevel::new(1)),
            );
        }
    }
    pack(doc)
}

/// Aspects as Word headings (no number), recommendations typed 1. 2.
fn headings() -> Vec<u8> {
    let mut doc = Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1"))
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("关于加快建设数字政府的建议案"))
                .style("Title"),
        );
    for (_, title, recs) in PROPOSAL {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(*title))
                .style("Heading1"),
        );
        for (i, (t, rest)) in recs.iter().enumerate() {
            doc = doc.add_paragraph(rec_paragraph(&format!("{}. ", i + 1), t, rest));
        }
    }
    pack(doc)
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options).unwrap()
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Aspects (id, title) and recommendations (id, aspect, title, text) of a case file.
type Shape = (Vec<(String, String)>, Vec<(String, String, String, String)>);

fn shape(case: &Value) -> Shape {
    let aspects = case["aspects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (s(&a["id"]), s(&a["title"])))
        .collect();
    let recs = case["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (s(&r["id"]), s(&r["aspect"]), s(&r["title"]), s(&r["text"])))
        .collect();
    (aspects, recs)
}

fn expected() -> Shape {
    let aspects = PROPOSAL
        .iter()
        .map(|(id, t, _)| (id.to_string(), t.to_string()))
        .collect();
    let recs = PROPOSAL
        .iter()
        .enumerate()
        .flat_map(|(a, (id, _, recs))| {
            recs.iter().enumerate().map(move |(i, (t, rest))| {
                (
                    format!("{}.{}", a + 1, i + 1),
                    id.to_string(),
                    t.to_string(),
                    format!("{t}。{rest}"),
                )
            })
        })
        .collect();
    (aspects, recs)
}

#[test]
fn a_proposal_in_each_shape_comes_back_as_its_aspects_and_recommendations() {
    for (name, bytes) in [
        ("typed", typed()),
        ("listed", listed()),
        ("headings", headings()),
    ] {
        let repo = new_repo();
        let file = repo.path().join(format!("{name}.docx"));
        std::fs::write(&file, bytes).unwrap();
        let o = run(
            repo.path(),
            &[
                "import",
                "proposal",
                file.to_str().unwrap(),
                "--case",
                "dg",
                "--adopted",
                "2019-06-24",
            ],
        );
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let case = yaml(&repo.path().join("cases/dg/case.yaml"));
        assert_eq!(shape(&case), expected(), "{name}");
        assert_eq!(s(&case["title"]), "加快建设数字政府", "{name}");
        assert_eq!(s(&case["proposal"]["adopted"]), "2019-06-24", "{name}");
        assert!(
            repo.path()
                .join("cases/dg/meetings/2019-06-24.yaml")
                .is_file(),
            "{name}: the initial meeting"
        );
        // It passes check, with a warning for each recommendation that still needs its lead department.
        let check = run(repo.path(), &["check"]);
        let err = String::from_utf8_lossy(&check.stderr).to_string();
        assert!(check.status.success(), "{name}: {err}");
        assert_eq!(err.matches("W217").count(), 5, "{name}: {err}");
    }
}

#[test]
fn a_proposal_exported_from_libreoffice_reads_with_its_date_and_an_aspect_without_sub_items() {
    let repo = new_repo();
    let fixture = root().join("tests/fixtures/import/proposal-libreoffice.docx");
    let o = run(
        repo.path(),
        &[
            "import",
            "proposal",
            fixture.to_str().unwrap(),
            "--case",
            "laojiu",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let case = yaml(&repo.path().join("cases/laojiu/case.yaml"));
    let (aspects, recs) = shape(&case);
    assert_eq!(
        aspects.iter().map(|a| a.1.as_str()).collect::<Vec<_>>(),
        ["完善统筹机制", "拓宽资金渠道", "加强后续管理"]
    );
    let ids: Vec<&str> = recs.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1"]);
    assert_eq!(recs[0].2, "建立联席会议制度");
    // The date under the signature is the adoption date; the signature is not part of the last recommendation.
    assert_eq!(s(&case["proposal"]["adopted"]), "2023-04-18");
    assert!(!recs[5].3.contains("委员会"), "{}", recs[5].3);
    assert!(run(repo.path(), &["check"]).status.success());
}

#[test]
fn an_existing_case_is_never_overwritten_and_a_file_that_is_not_a_proposal_is_named() {
    let repo = new_repo();
    let file = repo.path().join("p.docx");
    std::fs::write(&file, typed()).unwrap();
    let args = ["import", "proposal", "p.docx", "--case", "dg"];
    assert!(run(repo.path(), &args).status.success());
    let before = std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap();
    let again = run(repo.path(), &args);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("E802"));
    assert_eq!(
        std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap(),
        before
    );
    std::fs::write(repo.path().join("bad.docx"), b"PK\x03\x04 not really").unwrap();
    let bad = run(
        repo.path(),
        &["import", "proposal", "bad.docx", "--case", "x"],
    );
    let err = String::from_utf8_lossy(&bad.stderr).to_string();
    assert!(err.contains("E820") && err.contains("bad.docx"), "{err}");
    let plain =
        pack(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("会议通知"))));
    std::fs::write(repo.path().join("notice.docx"), plain).unwrap();
    let none = run(
        repo.path(),
        &[
            "import",
            "proposal",
            "notice.docx",
            "--case",
            "y",
            "--adopted",
            "2020-01-01",
        ],
    );
    assert!(String::from_utf8_lossy(&none.stderr).contains("E821"));
    assert!(!repo.path().join("cases/x").exists() && !repo.path().join("cases/y").exists());
}

/// The register every format encodes: (id, lead, support, assigned, due).
const REGISTER: &[(&str, &str, &str, &str, &str)] = &[
    (
        "1.1",
        "市委办公厅",
        "市大数据局",
        "2019-07-10",
        "2019-12-31",
    ),
    ("1.2", "市委编办", "", "2019-07-10", "2020-06-30"),
    (
        "2.1",
        "市司法局",
        "市大数据局、市政府办公厅",
        "2019-07-10",
        "2021-06-30",
    ),
    ("3.1", "市人社局", "", "2019-07-10", "2020-06-30"),
    ("3.2", "市人社局", "市委组织部", "2019-07-10", "2020-12-31"),
];

fn imported(repo: &Path) {
    std::fs::write(repo.join("p.docx"), typed()).unwrap();
    assert!(
        run(repo, &["import", "proposal", "p.docx", "--case", "dg"])
            .status
            .success()
    );
}

fn xlsx_register(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("交办表").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["编号", "主办单位", "协办单位", "交办日期", "办理期限"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, lead, support, assigned, due)) in REGISTER.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, *id).unwrap();
        sheet.write_string(row, 1, *lead).unwrap();
        sheet.write_string(row, 2, *support).unwrap();
        // Excel dates in one column, written dates in the other.
        let ymd: Vec<u16> = assigned.split('-').map(|p| p.parse().unwrap()).collect();
        let d =
            rust_xlsxwriter::ExcelDateTime::from_ymd(ymd[0], ymd[1] as u8, ymd[2] as u8).unwrap();
        sheet
            .write_datetime_with_format(row, 3, &d, &date_format)
            .unwrap();
        sheet.write_string(row, 4, due.replace('-', "/")).unwrap();
    }
    book.save(path).unwrap();
}

fn check_register(case: &Value) {
    let recs = case["recommendations"].as_array().unwrap();
    for (id, lead, support, assigned, due) in REGISTER {
        let r = recs.iter().find(|r| s(&r["id"]) == *id).unwrap();
        assert_eq!(s(&r["lead"]), *lead, "{id}");
        let got: Vec<String> = r["support"]
            .as_array()
            .map(|a| a.iter().map(s).collect())
            .unwrap_or_default();
        let want: Vec<String> = support
            .split('、')
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .collect();
        assert_eq!(got, want, "{id}");
        assert_eq!(
            (s(&r["assigned"]), s(&r["due"])),
            (assigned.to_string(), due.to_string()),
            "{id}"
        );
    }
    let departments: Vec<String> = case["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| s(&d["name"]))
        .collect();
    for d in [
        "市委办公厅",
        "市委编办",
        "市司法局",
        "市人社局",
        "市大数据局",
        "市政府办公厅",
        "市委组织部",
    ] {
        assert!(
            departments.contains(&d.to_string()),
            "{d} in {departments:?}"
        );
    }
}

#[test]
fn a_register_as_xlsx_or_csv_comes_back_as_the_same_departments_and_dates() {
    for format in ["xlsx", "csv"] {
        let repo = new_repo();
        imported(repo.path());
        let file = repo.path().join(format!("交办表.{format}"));
        if format == "xlsx" {
            xlsx_register(&file);
        } else {
            // English headers, a byte-order mark, ISO dates in one column and written ones in the other.
            let mut text = String::from("\u{feff}No.,Lead,Support,Assigned,Due\n");
            for (id, lead, support, assigned, due) in REGISTER {
                let d = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap();
                let written = d.format("%Y年%-m月%-d日");
                text.push_str(&format!("{id},{lead},\"{support}\",{assigned},{written}\n"));
            }
            std::fs::write(&file, text).unwrap();
        }
        let o = run(
            repo.path(),
            &["import", "register", file.to_str().unwrap(), "--case", "dg"],
        );
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{format}: {err}");
        assert!(err.contains("W825"), "new departments are named: {err}");
        check_register(&yaml(&repo.path().join("cases/dg/case.yaml")));
        let check = run(repo.path(), &["check"]);
        let err = String::from_utf8_lossy(&check.stderr).to_string();
        assert!(
            check.status.success() && !err.contains("W217"),
            "{format}: every recommendation has its lead: {err}"
        );
        // A second import changes nothing.
        let before = std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap();
        assert!(
            run(
                repo.path(),
                &["import", "register", file.to_str().unwrap(), "--case", "dg"]
            )
            .status
            .success()
        );
        assert_eq!(
            std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap(),
            before,
            "{format}"
        );
    }
}

#[test]
fn a_register_that_contradicts_the_case_is_refused_at_its_cells_and_nothing_is_written() {
    let repo = new_repo();
    imported(repo.path());
    std::fs::write(
        repo.path().join("a.csv"),
        "编号,主办单位,办理期限\n1.1,市委办公厅,2019-12-31\n",
    )
    .unwrap();
    assert!(
        run(
            repo.path(),
            &["import", "register", "a.csv", "--case", "dg"]
        )
        .status
        .success()
    );
    let before = std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap();
    std::fs::write(
        repo.path().join("b.csv"),
        "编号,主办单位,办理期限,权重\n1.1,市司法局,2020-01-31,1\n1.2,市委编办,明年,abc\n9.9,市委编办,,\n",
    )
    .unwrap();
    let o = run(
        repo.path(),
        &["import", "register", "b.csv", "--case", "dg"],
    );
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(!o.status.success());
    for needle in ["E823", "b.csv C3", "b.csv D3"] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    std::fs::write(
        repo.path().join("c.csv"),
        "编号,主办单位,办理期限\n1.1,市司法局,2020-01-31\n9.9,市委编办,\n",
    )
    .unwrap();
    let o = run(
        repo.path(),
        &["import", "register", "c.csv", "--case", "dg"],
    );
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    for needle in ["E824", "c.csv B2", "c.csv C2", "E823", "c.csv A3"] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
    assert_eq!(
        std::fs::read(repo.path().join("cases/dg/case.yaml")).unwrap(),
        before
    );
    std::fs::write(
        repo.path().join("d.csv"),
        "主办单位,办理期限\n市司法局,2020-01-31\n",
    )
    .unwrap();
    let o = run(
        repo.path(),
        &["import", "register", "d.csv", "--case", "dg"],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("E822"));
}

/// Every import message, as a secretary sees it: the cell, what is wrong, what to do (golden, Chinese and English).
#[test]
fn import_messages_are_golden() {
    let repo = new_repo();
    imported(repo.path());
    let mut all = String::new();
    let mut show = |title: &str, args: &[&str]| {
        let o = run(repo.path(), args);
        all.push_str(&format!("== {title} (exit {:?})\n", o.status.code()));
        all.push_str(&String::from_utf8_lossy(&o.stderr));
    };
    std::fs::write(
        repo.path().join("a.csv"),
        "编号,主办单位,协办单位,办理期限\n1.1,市委办公厅,某区政府,2019-12-31\n",
    )
    .unwrap();
    show(
        "W825 new departments",
        &["import", "register", "a.csv", "--case", "dg"],
    );
    std::fs::write(
        repo.path().join("c.csv"),
        "编号,方面,主办单位,办理期限,权重,重点\n1.1,二,市司法局,2020-01-31,x,也许\n9.9,,市委编办,明年,,\n",
    )
    .unwrap();
    show(
        "E823 bad values",
        &["import", "register", "c.csv", "--case", "dg"],
    );
    std::fs::write(
        repo.path().join("d.csv"),
        "编号,方面,主办单位,办理期限\n1.1,二,市司法局,2020-01-31\n9.9,,市委编办,\n",
    )
    .unwrap();
    show(
        "E824 and E823 contradictions",
        &["import", "register", "d.csv", "--case", "dg"],
    );
    show(
        "E824 in English",
        &[
            "--lang", "en", "import", "register", "d.csv", "--case", "dg",
        ],
    );
    std::fs::write(repo.path().join("e.csv"), "主办单位\n市司法局\n").unwrap();
    show(
        "E822 no id column",
        &["import", "register", "e.csv", "--case", "dg"],
    );
    std::fs::write(repo.path().join("bad.docx"), b"not a zip").unwrap();
    show(
        "E820 not a Word file",
        &["import", "proposal", "bad.docx", "--case", "x"],
    );
    let plain =
        pack(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("会议通知"))));
    std::fs::write(repo.path().join("notice.docx"), plain).unwrap();
    show(
        "E821 no recommendations",
        &[
            "import",
            "proposal",
            "notice.docx",
            "--case",
            "y",
            "--adopted",
            "2020-01-01",
        ],
    );
    std::fs::write(repo.path().join("p.docx"), headings()).unwrap();
    show(
        "E007 no adoption date",
        &["import", "proposal", "p.docx", "--case", "z"],
    );
    common::golden("import-messages.txt", &all);
}

/// A Word file whose styles part is empty, or has another root, made docx-rs loop forever (found by fuzzing; the
/// fuzzer's input is kept as a fixture). Such a file is refused as damaged.
#[test]
fn a_word_file_with_a_broken_part_is_refused_not_read_forever() {
    let repo = new_repo();
    let rewrite = |styles: &str| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(typed())).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().to_string();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut data).unwrap();
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            let data = if name == "word/styles.xml" {
                styles.as_bytes().to_vec()
            } else {
                data
            };
            std::io::Write::write_all(&mut out, &data).unwrap();
        }
        out.finish().unwrap().into_inner()
    };
    for (name, styles) in [("empty", ""), ("other-root", "<x/>")] {
        let file = repo.path().join(format!("{name}.docx"));
        std::fs::write(&file, rewrite(styles)).unwrap();
        let o = run(
            repo.path(),
            &[
                "import",
                "proposal",
                file.to_str().unwrap(),
                "--case",
                name,
                "--adopted",
                "2020-01-01",
            ],
        );
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(
            err.contains("E820") && err.contains("word/styles.xml"),
            "{name}: {err}"
        );
    }
    let fixture = root().join("tests/fixtures/import/fuzz-hang-empty-styles.docx");
    let o = run(
        repo.path(),
        &[
            "import",
            "proposal",
            fixture.to_str().unwrap(),
            "--case",
            "f",
            "--adopted",
            "2020-01-01",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("E820"));
}
