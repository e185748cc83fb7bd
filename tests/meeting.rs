//! The meeting loop: `forms` writes the forms and the tally workbook; the test fills the workbook in as staff would
//! (read with calamine, written again with rust_xlsxwriter — the reader is independent of the writer), `import tally`
//! writes the assessments into the meeting file, `check` passes and the next brief shows them. Bad workbooks get a
//! message naming the sheet and cell, exit 1, and nothing is written.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{golden, printing_available, run, stdout};
use std::path::{Path, PathBuf};

const CASE: &str = "shenyang-digital-government";
const MEETING: &str = "2021-12-16";

/// Forms for the planned meeting of the example, into `out/`; the paths written.
fn forms(repo: &Path, format: &str) -> Vec<PathBuf> {
    let o = run(
        repo,
        &[
            "forms",
            CASE,
            "--as-of",
            "2021-09-30",
            "--format",
            format,
            "-o",
            "out",
        ],
    );
    stdout(&o).lines().map(|l| repo.join(l.trim())).collect()
}

/// The tally sheet as calamine reads it: header, then rows.
fn read_sheet(file: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(file).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A cell's text.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Writes a filled copy of the workbook `from` to `to`: `fill(id, header) -> Some(value)` for each input cell.
fn fill(from: &Path, to: &Path, fill: impl Fn(&str, &str) -> Option<Value>) {
    let tally = read_sheet(from, "评议汇总");
    let about = read_sheet(from, "说明");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("评议汇总").unwrap();
    let header: Vec<String> = tally[0].iter().map(text).collect();
    for (r, row) in tally.iter().enumerate() {
        let id = text(&row[0]);
        for (c, cell) in row.iter().enumerate() {
            let (r, c16) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
            let value = if r == 0 { None } else { fill(&id, &header[c]) };
            match value {
                Some(Value::N(x)) => sheet.write_number(r, c16, x).map(|_| ()),
                Some(Value::T(t)) => sheet.write_string(r, c16, t).map(|_| ()),
                None if !text(cell).is_empty() => {
                    sheet.write_string(r, c16, text(cell)).map(|_| ())
                }
                None => Ok(()),
            }
            .unwrap();
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name("说明").unwrap();
    for (r, row) in about.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
            sheet.write_string(r, c, text(cell)).unwrap();
        }
    }
    book.save(to).unwrap();
}

/// A value staff type in.
#[derive(Clone)]
enum Value {
    N(f64),
    T(&'static str),
}

/// The counts of the meeting in this test: 3.1 confirmed (A by 12 to 6), 1.2 still B, 3.2 a tie between A and B,
/// 7.1 decided C with progress 10; the other rows left blank.
fn counted(id: &str, header: &str) -> Option<Value> {
    use Value::{N, T};
    match (id, header.split_whitespace().next().unwrap_or("")) {
        ("3.1", "A") => Some(N(12.0)),
        ("3.1", "B") => Some(N(6.0)),
        ("3.1", "满意") => Some(N(15.0)),
        ("3.1", "基本满意") => Some(N(3.0)),
        ("3.1", "意见") => Some(T("条例已公布施行，核实无误。")),
        ("1.2", "B") => Some(N(14.0)),
        ("1.2", "C") => Some(N(4.0)),
        ("1.2", "不满意") => Some(N(5.0)),
        ("3.2", "A") => Some(N(9.0)),
        ("3.2", "B") => Some(N(9.0)),
        ("7.1", "议定状态（可选）") => Some(T("C")),
        ("7.1", "进度（可选）") => Some(N(10.0)),
        _ => None,
    }
}

fn import(repo: &Path, workbook: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        "tally",
        workbook.to_str().unwrap(),
        "--case",
        CASE,
        "--meeting",
        MEETING,
    ];
    args.extend(extra);
    run(repo, &args)
}

#[test]
fn forms_then_tally_then_import_then_the_next_brief() {
    let repo = common::example_copy();
    let written = forms(repo.path(), "md");
    assert_eq!(written.len(), 3, "{written:?}");
    let form = std::fs::read_to_string(&written[0]).unwrap();
    golden("forms-example.zh.md", &form);
    golden(
        "feedback-form-example.zh.md",
        &std::fs::read_to_string(&written[1]).unwrap(),
    );
    // 待核实 items are on the form: confirming claims is the point of the meeting.
    assert!(
        form.contains("| 3.1 | 制定政务数据共享开放法规（待核实）"),
        "{form}"
    );
    // The workbook: ids of the form's rows, one column per status.
    let tally = read_sheet(&written[2], "评议汇总");
    let ids: Vec<String> = tally.iter().skip(1).map(|r| text(&r[0])).collect();
    assert_eq!(ids, ["1.2", "3.1", "3.2", "4.1", "5.2", "5.3", "7.1"]);
    // Ids locked (the sheet protected, input cells unlocked); counts whole numbers ≥ 0; the decided status a list.
    let part = |name: &str| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&written[2]).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "{sheet}");
    assert!(
        sheet.contains(r#"type="whole""#) && sheet.contains(r#"operator="greaterThanOrEqual""#)
    );
    assert!(
        sheet.contains(r#"type="list""#) && sheet.contains("\"A,B,C,D,N\""),
        "{sheet}"
    );
    assert!(part("xl/styles.xml").contains(r#"locked="0""#));
    let filled = repo.path().join("filled.xlsx");
    fill(&written[2], &filled, counted);
    let meeting = repo
        .path()
        .join("cases")
        .join(CASE)
        .join("meetings")
        .join(format!("{MEETING}.yaml"));
    let o = import(repo.path(), &filled, &[]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("W816") && err.contains("评议汇总!A4"),
        "the tie on 3.2 is named: {err}"
    );
    assert!(
        err.contains("新增评议 4 条") && err.contains("3 行没有填写"),
        "{err}"
    );
    let text = std::fs::read_to_string(&meeting).unwrap();
    golden("meeting-after-import.yaml", &text);
    assert!(
        !text.contains("planned: true"),
        "the meeting was held: {text}"
    );
    // The file passes check, and the next brief takes the assessments.
    let o = run(repo.path(), &["check", "--as-of", "2021-12-31"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let brief = stdout(&run(
        repo.path(),
        &["report", CASE, "--as-of", "2021-12-31", "-o", "-"],
    ));
    assert!(brief.contains("条例已公布施行，核实无误。"), "{brief}");
    let json = stdout(&run(
        repo.path(),
        &[
            "export",
            "--format",
            "json",
            "--as-of",
            "2021-12-31",
            "-o",
            "-",
        ],
    ));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = |id: &str| {
        doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rec"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row("3.1")["assessed"], "A", "confirmed by the majority");
    assert!(
        !row("3.1")["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "unverified")
    );
    assert_eq!(
        row("3.2")["assessed"],
        "B",
        "a tie goes to the lower degree"
    );
    assert_eq!(row("7.1")["assessed"], "C", "the decided status wins");
    assert_eq!(row("7.1")["degree"], 10.0, "with the progress agreed");
    // A second import refuses to overwrite, and leaves the file as it was; --replace overwrites.
    let o = import(repo.path(), &filled, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E815") && err.contains("--replace"), "{err}");
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), text);
    let o = import(repo.path(), &filled, &["--replace"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("覆盖评议 4 条"));
    assert_eq!(
        std::fs::read_to_string(&meeting).unwrap(),
        text,
        "the same counts give the same file"
    );
}

/// What a bad workbook puts in a cell: `(id, header) -> value`.
type Filler = Box<dyn Fn(&str, &str) -> Option<Value>>;

/// Every problem in a workbook is named by sheet and cell, exits 1, and leaves the meeting file alone.
#[test]
fn bad_workbooks_are_refused_cell_by_cell_and_nothing_is_written() {
    let repo = common::example_copy();
    let written = forms(repo.path(), "md");
    let meeting = repo
        .path()
        .join("cases")
        .join(CASE)
        .join("meetings")
        .join(format!("{MEETING}.yaml"));
    let before = std::fs::read_to_string(&meeting).unwrap();
    let cases: Vec<(&str, Filler, &[&str])> = vec![
        (
            "negative",
            Box::new(|id, h| (id == "1.2" && h.starts_with("B ")).then_some(Value::N(-2.0))),
            &["E813", "评议汇总!E2", "-2"],
        ),
        (
            "fraction",
            Box::new(|id, h| (id == "3.1" && h == "满意").then_some(Value::N(2.5))),
            &["E813", "评议汇总!I3", "2.5"],
        ),
        (
            "text count",
            Box::new(|id, h| (id == "3.2" && h == "不满意").then_some(Value::T("五"))),
            &["E813", "评议汇总!K4", "五"],
        ),
        (
            "bad status",
            Box::new(|id, h| (id == "4.1" && h.starts_with("议定状态")).then_some(Value::T("E"))),
            &["E814", "评议汇总!M5", "`E`"],
        ),
        (
            "progress",
            Box::new(|id, h| (id == "5.2" && h.starts_with("进度")).then_some(Value::N(120.0))),
            &["E813", "评议汇总!L6", "120"],
        ),
        (
            "unknown id",
            Box::new(|id, h| (id == "5.3" && h == "编号").then_some(Value::T("9.9"))),
            &["E812", "评议汇总!A7", "9.9"],
        ),
    ];
    let mut messages = String::new();
    for (name, f, expected) in cases {
        let file = repo.path().join(format!("{name}.xlsx"));
        fill(&written[2], &file, |id, h| {
            f(id, h).or_else(|| counted(id, h))
        });
        let o = import(repo.path(), Path::new(&format!("{name}.xlsx")), &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        messages.push_str(&format!("=== {name}\n{err}"));
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        for e in expected {
            assert!(err.contains(e), "{name}: expected {e} in\n{err}");
        }
        assert_eq!(std::fs::read_to_string(&meeting).unwrap(), before, "{name}");
    }
    golden("import-tally-errors.zh.txt", &messages);
    // A workbook for another meeting, and a file that is no workbook at all.
    let o = run(
        repo.path(),
        &[
            "import",
            "tally",
            written[2].to_str().unwrap(),
            "--case",
            CASE,
            "--meeting",
            "2022-06-30",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E811") && err.contains("2021-12-16"), "{err}");
    // The workbook as forms wrote it: nothing filled in.
    let o = import(repo.path(), &written[2], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E817"), "{err}");
    // Forms need a meeting: none is planned after 2022.
    let o = run(
        repo.path(),
        &["forms", CASE, "--as-of", "2022-06-30", "-o", "out"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E805") && err.contains("--meeting"), "{err}");
    // A meeting before the proposal was adopted: the file would not pass check, so it is not created.
    let o = run(
        repo.path(),
        &[
            "forms",
            CASE,
            "--as-of",
            "2021-09-30",
            "--meeting",
            "2019-01-01",
            "-o",
            "early",
        ],
    );
    let early: Vec<String> = stdout(&o).lines().map(String::from).collect();
    let filled = repo.path().join("early.xlsx");
    fill(&repo.path().join(&early[2]), &filled, counted);
    let o = run(
        repo.path(),
        &[
            "import",
            "tally",
            "early.xlsx",
            "--case",
            CASE,
            "--meeting",
            "2019-01-01",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E501"), "{err}");
    assert!(
        !repo
            .path()
            .join("cases")
            .join(CASE)
            .join("meetings/2019-01-01.yaml")
            .exists()
    );
    let junk = repo.path().join("junk.xlsx");
    std::fs::write(&junk, b"not a workbook").unwrap();
    let o = import(repo.path(), &junk, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E810") && err.contains("junk.xlsx"), "{err}");
    assert_eq!(std::fs::read_to_string(&meeting).unwrap(), before);
}

/// The printed forms: A4, Chinese text extractable, every form row on one page.
#[test]
fn printed_forms_are_a4_and_rows_are_whole() {
    if !printing_available() {
        return;
    }
    let repo = common::example_copy();
    let written = forms(repo.path(), "pdf");
    for pdf in &written[..2] {
        let o = std::process::Command::new("pdfinfo")
            .arg(pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            info.contains("595.") && info.contains("841."),
            "A4 portrait: {info}"
        );
        let o = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("评议"), "{text}");
        // Each page break falls between rows: a row's id and its tick boxes are on the same page.
        for page in text.split('\u{c}') {
            let ids = page.matches("□A").count();
            let sat = page.matches("□满意").count();
            assert_eq!(ids, sat, "a row split across pages in {}", pdf.display());
        }
    }
    // Notices print too: A4, the text extractable, the letter's parts in order.
    let o = run(
        repo.path(),
        &[
            "notices",
            "--as-of",
            "2020-05-31",
            "--within",
            "60",
            "--format",
            "pdf",
            "-o",
            "out",
        ],
    );
    let notices: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(notices.len(), 6, "{notices:?}");
    for pdf in &notices {
        let pdf = repo.path().join(pdf);
        let o = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(info.contains("595.") && info.contains("841."), "A4: {info}");
        let o = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(o.stdout).unwrap();
        let (title, body, office) = (
            text.find("督办通知"),
            text.find("贵单位主办"),
            text.rfind("政协沈阳市委员会"),
        );
        assert!(title < body && body < office, "{text}");
    }
    let docx = forms(repo.path(), "docx");
    assert!(docx[0].extension().is_some_and(|e| e == "docx"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx[0]).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("委员评议表") && xml.contains("□满意"));
}

/// Every field of the forms model is in docs/templates.md.
#[test]
fn the_forms_model_is_documented() {
    let (case, cfg) = common::example();
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 9, 30).unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let meeting = chrono::NaiveDate::from_ymd_opt(2021, 12, 16).unwrap();
    let model =
        rexieshang::brief::forms::forms(&case, &cfg, &figs, meeting, rexieshang::lang::Lang::Zh);
    let missing = common::undocumented(&model);
    assert!(
        missing.is_empty(),
        "fields missing from docs/templates.md: {missing:?}"
    );
}

/// Notices: one per lead department with something to chase, levels by the rules, golden in both languages; one
/// department by id or name; an unknown one is E804; a department with nothing to chase gets none.
#[test]
fn notices_chase_each_department_at_the_right_level() {
    let root = common::root();
    let all = stdout(&run(
        &root,
        &[
            "notices",
            "--as-of",
            "2020-05-31",
            "--within",
            "60",
            "-o",
            "-",
        ],
    ));
    golden("notices-2020-05-31.zh.md", &all);
    let en = stdout(&run(
        &root,
        &[
            "--lang",
            "en",
            "notices",
            "--as-of",
            "2020-05-31",
            "--within",
            "60",
            "-o",
            "-",
        ],
    ));
    golden("notices-2020-05-31.en.md", &en);
    // 5.1 is 61 days overdue (> 30): red; 3.2 has no reply: orange; 2.1 is only due within 60 days: blue.
    let notice = |dept: &str| {
        all.split("# 督办通知")
            .find(|n| n.contains(&format!("{dept}：")))
            .unwrap_or_else(|| panic!("{dept}"))
            .to_string()
    };
    assert!(
        notice("沈阳市营商环境建设局")
            .trim_start()
            .starts_with("重点督办")
    );
    assert!(
        notice("中共沈阳市委网络安全和信息化委员会办公室")
            .trim_start()
            .starts_with("督办")
    );
    let big_data = notice("沈阳市大数据管理局");
    assert!(
        big_data.contains("即将到期") && big_data.contains("还有30天"),
        "{big_data}"
    );
    // The department already done (1.1 closed, 8.1 overdue) — 政府办 has 8.1 overdue, so a notice; 编办 has 1.2 due.
    let one = stdout(&run(
        &root,
        &[
            "notices",
            "--as-of",
            "2020-05-31",
            "--within",
            "60",
            "--department",
            "营商局",
            "-o",
            "-",
        ],
    ));
    assert_eq!(one.matches("# 督办通知").count(), 1);
    assert!(one.contains("沈阳市营商环境建设局："));
    let o = run(&root, &["notices", "--department", "营商厅", "-o", "-"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E804") && err.contains("营商局"), "{err}");
    // Early on, before any due date is near, nobody is chased.
    let none = stdout(&run(
        &root,
        &[
            "notices",
            "--as-of",
            "2019-07-15",
            "--within",
            "7",
            "-o",
            "-",
        ],
    ));
    assert!(none.is_empty(), "{none}");
}

/// `status --within` lists open recommendations due soon, across cases, soonest first.
#[test]
fn status_lists_deadlines_within_days() {
    let out = stdout(&run(
        &common::root(),
        &["status", "--as-of", "2020-05-31", "--within", "60"],
    ));
    let tail = out.split("60 天内到期的建议").nth(1).unwrap();
    let lines: Vec<&str> = tail.lines().skip(1).collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("2020-06-30  shenyang-digital-government")),
        "{out}"
    );
    assert!(!out.contains("1.1"), "closed items are not listed: {out}");
}

/// Every field of the notice model is in docs/templates.md.
#[test]
fn the_notice_model_is_documented() {
    let (case, cfg) = common::example();
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 5, 31).unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let notices =
        rexieshang::brief::notices::notices(&[(case, figs)], &cfg, 60, rexieshang::lang::Lang::Zh);
    let letter = rexieshang::brief::notices::Letter {
        letter: true,
        notice: notices.into_iter().next().unwrap(),
        office: "x".into(),
        as_of: "2020-05-31".into(),
        within: 60,
    };
    let missing = common::undocumented(&letter);
    assert!(
        missing.is_empty(),
        "fields missing from docs/templates.md: {missing:?}"
    );
}

/// `new meeting` pre-fills 待核实 items as well as open ones: confirming claims is the meeting's business.
#[test]
fn a_new_meeting_lists_claims_to_verify() {
    let repo = common::example_copy();
    let out = stdout(&run(
        repo.path(),
        &["new", "meeting", CASE, "--date", "2021-10-08"],
    ));
    let text = std::fs::read_to_string(repo.path().join(out.trim())).unwrap();
    assert!(
        text.contains("- rec: \"3.1\""),
        "3.1 is claimed done, not yet verified: {text}"
    );
    assert!(!text.contains("- rec: \"1.1\""), "1.1 is closed: {text}");
}

/// The English forms are golden too.
#[test]
fn the_english_forms_are_golden() {
    let repo = common::example_copy();
    let out = stdout(&run(
        repo.path(),
        &[
            "--lang",
            "en",
            "forms",
            CASE,
            "--as-of",
            "2021-09-30",
            "-o",
            "-",
        ],
    ));
    golden("forms-example.en.md", &out);
    assert!(
        out.contains("(to verify)") && out.contains("Departments' feedback form"),
        "{out}"
    );
}
