//! Overview and exports: the overview of a repository of several cases is golden; CSV is read back with the `csv`
//! crate's reader and XLSX with `calamine` plus the file's own XML (readers independent of the writers); the JSON
//! export carries every figure the brief shows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{golden, root, run};
use std::path::{Path, PathBuf};
use std::process::Output;

fn multi() -> PathBuf {
    root().join("tests/fixtures/repos/multi")
}

fn ok(o: Output) -> Vec<u8> {
    assert!(
        o.status.success(),
        "exit {:?}\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

#[test]
fn overview_of_several_cases_is_golden_and_filters_apply() {
    let m = multi();
    let zh = String::from_utf8(ok(run(
        &m,
        &["report", "--overview", "--as-of", "2020-12-31", "-o", "-"],
    )))
    .unwrap();
    golden("overview-multi-2020-12-31.zh.md", &zh);
    let en = String::from_utf8(ok(run(
        &m,
        &[
            "report",
            "--overview",
            "--as-of",
            "2020-12-31",
            "--lang",
            "en",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    golden("overview-multi-2020-12-31.en.md", &en);
    // (2×60 + 60 + 100) + 30 + 0 + 0 + 100 over weights 4 + 3 + 1 = 410 ÷ 8.
    assert!(zh.contains("**51.3%**"), "{zh}");
    let tagged = String::from_utf8(ok(run(
        &m,
        &[
            "report",
            "--overview",
            "--tag",
            "民生",
            "--as-of",
            "2020-12-31",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    assert!(
        tagged.contains("共1个议题")
            && tagged.contains("发展社区居家养老服务")
            && !tagged.contains("推进政务数据共享"),
        "{tagged}"
    );
    let year = String::from_utf8(ok(run(
        &m,
        &[
            "report",
            "--overview",
            "--year",
            "2018",
            "--as-of",
            "2020-12-31",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    assert!(
        year.contains("共1个议题") && year.contains("治理城市内涝"),
        "{year}"
    );
    let committee = String::from_utf8(ok(run(
        &m,
        &[
            "report",
            "--overview",
            "--committee",
            "某市政协",
            "--as-of",
            "2020-12-31",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    assert!(
        committee.contains("共2个议题") && !committee.contains("发展社区居家养老服务"),
        "{committee}"
    );
}

/// The CSV as the `csv` crate reads it: whether it starts with a byte-order mark, the header, the rows.
fn read_csv(file: &Path) -> (bool, Vec<String>, Vec<Vec<String>>) {
    let raw = std::fs::read(file).unwrap();
    let bom = raw.starts_with(b"\xEF\xBB\xBF");
    let mut reader = csv::Reader::from_reader(raw.get(3..).filter(|_| bom).unwrap_or(&raw));
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (bom, header, rows)
}

#[test]
fn csv_reads_back_with_an_independent_reader() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("x.csv");
    ok(run(
        &multi(),
        &[
            "export",
            "--format",
            "csv",
            "--as-of",
            "2020-12-31",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let (bom, header, rows) = read_csv(&file);
    assert!(bom);
    assert_eq!(header[0], "议题");
    assert_eq!(rows.len(), 7, "3 + 3 + 1 recommendations");
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let first = &rows[0];
    assert_eq!(first[col("建议")], "1");
    assert_eq!(first[col("落实度")], "60");
    assert_eq!(
        first[col("标记")],
        "逾期、停滞",
        "flags in words, codes stay in JSON"
    );
    assert_eq!(
        rows[2][col("建议名称")],
        "建立数据目录 | 含“竖线”",
        "a separator in the text survives"
    );
    let unreported = rows.iter().find(|r| r[col("建议")] == "2.1").unwrap();
    assert_eq!(unreported[col("落实度")], "", "missing is empty, never 0");
    assert_eq!(unreported[col("状态名称")], "未反馈");
}

/// One XML part of an XLSX file.
fn xlsx_part(file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

/// The style of cell `cell` (`R2`) of the first sheet: its number format code and whether its font is bold.
fn cell_style(file: &Path, cell: &str) -> (String, bool) {
    let sheet = xlsx_part(file, "xl/worksheets/sheet1.xml");
    let sheet = roxmltree::Document::parse(&sheet).unwrap();
    let style: usize = sheet
        .descendants()
        .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(cell))
        .and_then(|c| c.attribute("s"))
        .map_or(0, |s| s.parse().unwrap());
    let styles = xlsx_part(file, "xl/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let list = |tag: &str| -> Vec<roxmltree::Node<'_, '_>> {
        styles
            .descendants()
            .find(|n| n.has_tag_name(tag))
            .map(|n| n.children().filter(roxmltree::Node::is_element).collect())
            .unwrap_or_default()
    };
    let xf = list("cellXfs")[style];
    let num_fmt = xf.attribute("numFmtId").unwrap_or("0");
    let code = list("numFmts")
        .iter()
        .find(|f| f.attribute("numFmtId") == Some(num_fmt))
        .and_then(|f| f.attribute("formatCode"))
        .unwrap_or(num_fmt)
        .to_string();
    let font: usize = xf.attribute("fontId").unwrap_or("0").parse().unwrap();
    let bold = list("fonts")[font].children().any(|c| c.has_tag_name("b"));
    (code, bold)
}

#[test]
fn xlsx_reads_back_with_calamine_with_header_frozen_panes_and_percentages() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("x.xlsx");
    ok(run(
        &multi(),
        &[
            "export",
            "--format",
            "xlsx",
            "--as-of",
            "2020-12-31",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names()[0], "建议落实情况");
    let range = book.worksheet_range("建议落实情况").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let rows: Vec<&[Data]> = rows.collect();
    assert_eq!(rows.len(), 7);
    let degree = header.iter().position(|h| h == "落实度").unwrap();
    assert_eq!(
        rows[0][degree],
        Data::Float(0.6),
        "a number, formatted as a percentage"
    );
    let unreported = rows
        .iter()
        .find(|r| r[4] == Data::String("2.1".into()))
        .unwrap();
    assert_eq!(unreported[degree], Data::Empty, "missing stays empty");
    // Formats and panes are read from the file's XML.
    let column = char::from(b'A' + u8::try_from(degree).unwrap());
    assert_eq!(cell_style(&file, &format!("{column}2")).0, "0.0%");
    assert!(cell_style(&file, "A1").1, "the header is bold");
    let sheet = xlsx_part(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"topLeftCell="F2""#), "frozen at F2");
}

#[test]
fn the_same_data_and_cutoff_give_the_same_xlsx_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let export = |name: &str| {
        let file = tmp.path().join(name);
        let args = ["export", "--format", "xlsx", "--as-of", "2020-12-31", "-o"];
        let mut args: Vec<&str> = args.to_vec();
        args.push(file.to_str().unwrap());
        ok(run(&multi(), &args));
        std::fs::read(&file).unwrap()
    };
    let first = export("a.xlsx");
    // The workbook's own date is a second-resolution timestamp unless it is fixed.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(
        first == export("b.xlsx"),
        "two exports of the same data differ"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(
        core.contains("2020-12-31T00:00:00Z"),
        "dated the cut-off: {core}"
    );
}

#[test]
fn the_json_export_carries_every_figure_the_brief_shows() {
    let json: serde_json::Value = serde_json::from_slice(&ok(run(
        &root(),
        &[
            "export",
            "--format",
            "json",
            "--as-of",
            "2021-09-30",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    assert_eq!(json["format"], "rexieshang-export");
    assert_eq!(json["version"], 1);
    assert_eq!(json["as_of"], "2021-09-30");
    // The brief's model, built by the library from the same files.
    let (case, cfg) = common::example();
    let as_of = rexieshang::fmt::date::parse_date("2021-09-30").unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let brief = rexieshang::brief::build(&case, &cfg, &figs, rexieshang::lang::Lang::Zh, None);
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), brief.items.len());
    for (row, item) in rows.iter().zip(&brief.items) {
        assert_eq!(row["rec"], item.id.as_str());
        assert_eq!(row["degree"].as_f64(), item.degree, "{}", item.id);
        assert_eq!(
            row["claimed"].as_str(),
            item.claimed_key.as_deref(),
            "{}",
            item.id
        );
        assert_eq!(
            row["assessed"].as_str(),
            item.assessed_key.as_deref(),
            "{}",
            item.id
        );
        assert_eq!(row["change"].as_f64(), item.change, "{}", item.id);
        assert_eq!(row["light"], item.light.as_str());
        let due = row["revised_due"].as_str().or(row["due"].as_str());
        assert_eq!(due, item.due.as_deref(), "{}", item.id);
        let mut flags: Vec<&str> = row["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        if item.excluded.is_some() {
            flags.push("excluded");
        }
        let mut expected: Vec<&str> = item.flags.iter().map(String::as_str).collect();
        flags.sort_unstable();
        expected.sort_unstable();
        assert_eq!(flags, expected, "{}", item.id);
    }
}

#[test]
fn the_overview_model_is_documented() {
    let (case, cfg) = common::example();
    let as_of = rexieshang::fmt::date::parse_date("2021-09-30").unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let filter = rexieshang::brief::overview::Filter {
        year: Some(2019),
        committee: Some("x".into()),
        tag: Some("y".into()),
    };
    let model = rexieshang::brief::overview::build(
        &[(case, figs)],
        &cfg,
        as_of,
        &filter,
        rexieshang::lang::Lang::Zh,
    );
    let missing = common::undocumented(&model);
    assert!(
        missing.is_empty(),
        "fields missing from docs/templates.md: {missing:?}"
    );
}

#[test]
fn a_recommendation_of_weight_zero_is_out_of_every_total_in_every_output() {
    let repo = common::example_copy();
    let file = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // 2.1 is the recommendation of weight 2 just before 3.1.
    let block = "    priority: high\n    weight: 2\n\n  - id: 3.1\n";
    assert!(text.contains(block));
    let changed = text.replace(block, "    priority: high\n    weight: 0\n\n  - id: 3.1\n");
    std::fs::write(&file, changed).unwrap();
    let args = |extra: &[&'static str]| {
        let mut a = vec!["--as-of", "2021-09-30", "-o", "-"];
        a.extend_from_slice(extra);
        a
    };
    let json: serde_json::Value = serde_json::from_slice(&ok(run(
        repo.path(),
        &[&["export", "--format", "json"][..], &args(&[])].concat(),
    )))
    .unwrap();
    let row = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rec"] == "2.1")
        .unwrap();
    assert_eq!(row["counted"], false);
    assert_eq!(row["excluded"], "权重为 0");
    assert_eq!(row["degree"], 100.0, "its degree still shows");
    let md = String::from_utf8(ok(run(
        repo.path(),
        &[&["report"][..], &args(&[])].concat(),
    )))
    .unwrap();
    let line = md.lines().find(|l| l.starts_with("| 2.1 |")).unwrap();
    assert!(line.contains("不计入"), "{line}");
    // 13 recommendations counted before, 12 now; the weights sum 18 − 2.
    assert!(
        md.contains("按12条建议、权重合计16加权平均"),
        "the totals leave it out"
    );
    let o = run(
        repo.path(),
        &[
            "explain",
            "shenyang-digital-government",
            "2.1",
            "--as-of",
            "2021-09-30",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("不计入任何汇总"));
}

#[test]
fn a_claim_not_yet_verified_is_its_own_state_in_the_export() {
    // 3.1: 司法局 reported it done on 2021-09-15, after members assessed B 80 % on 2021-06-25.
    let json: serde_json::Value = serde_json::from_slice(&ok(run(
        &root(),
        &[
            "export",
            "--format",
            "json",
            "--as-of",
            "2021-09-30",
            "-o",
            "-",
        ],
    )))
    .unwrap();
    let row = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rec"] == "3.1")
        .unwrap();
    assert_eq!(
        row["status_label"],
        "待核实（单位自评：已经解决或基本解决）"
    );
    let flags: Vec<&str> = row["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(
        flags.contains(&"unverified") && !flags.contains(&"closed"),
        "{flags:?}"
    );
    assert_eq!(
        (row["degree"].as_f64(), row["verified"].as_f64()),
        (Some(100.0), Some(80.0))
    );
}

#[test]
fn text_a_spreadsheet_would_run_as_a_formula_is_defused_in_csv_but_numbers_stay_numbers() {
    let (case, cfg) = common::example();
    let as_of = rexieshang::fmt::date::parse_date("2021-09-30").unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let mut rows = rexieshang::brief::rows::rows(&case, &cfg, &figs, rexieshang::lang::Lang::Zh);
    let hostile = [
        "=HYPERLINK(\"http://x\")",
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
    ];
    for (row, text) in rows.iter_mut().zip(hostile) {
        row.title = text.to_string();
        row.change = Some(-3.0);
    }
    let bytes = rexieshang::output::export::to_csv(&rows, rexieshang::lang::Lang::Zh).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (record, text) in reader.records().zip(hostile) {
        let record = record.unwrap();
        assert_eq!(&record[col("建议名称")], format!("'{text}"));
        assert_eq!(
            &record[col("较上次会议变化")],
            "-3",
            "a negative number the tool wrote"
        );
    }
}

#[test]
fn when_every_case_has_errors_no_earlier_export_or_overview_is_replaced() {
    let repo = common::example_copy();
    let csv = repo.path().join("out.csv");
    let overview = repo.path().join("ov");
    let as_of = ["--as-of", "2021-09-30"];
    ok(run(
        repo.path(),
        &[&["export", "--format", "csv", "-o", "out.csv"][..], &as_of].concat(),
    ));
    ok(run(
        repo.path(),
        &[&["report", "--overview", "-o", "ov"][..], &as_of].concat(),
    ));
    let before = (
        std::fs::read(&csv).unwrap(),
        std::fs::read(overview.join("overview-2021-09-30.md")).unwrap(),
    );
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let mut text = std::fs::read_to_string(&case).unwrap();
    text.push_str("broken: [\n");
    std::fs::write(&case, text).unwrap();
    for args in [
        vec!["export", "--format", "csv", "-o", "out.csv"],
        vec!["report", "--overview", "-o", "ov"],
    ] {
        let o = run(repo.path(), &[&args[..], &as_of].concat());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("没有生成任何文件"));
    }
    let after = (
        std::fs::read(&csv).unwrap(),
        std::fs::read(overview.join("overview-2021-09-30.md")).unwrap(),
    );
    assert!(before == after, "the earlier files are untouched");
}

/// A text longer than an Excel cell: `check` warns where it is, CSV and JSON carry it whole, and the XLSX export
/// fails naming the case, the recommendation and the column, writing nothing.
#[test]
fn a_text_longer_than_a_cell_is_named_and_no_workbook_is_written() {
    let repo = common::example_copy();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let long = "数".repeat(40_000);
    let text = text.replacen(
        "    title: 厘清数据管理职责\n",
        &format!("    title: {long}\n"),
        1,
    );
    std::fs::write(&case, text).unwrap();
    let as_of = ["--as-of", "2021-09-30"];
    let o = run(repo.path(), &[&["check"][..], &as_of].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("W216") && err.contains("case.yaml:"), "{err}");
    let o = run(
        repo.path(),
        &[
            &["export", "--format", "xlsx", "-o", "out.xlsx"][..],
            &as_of,
        ]
        .concat(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("E703") && err.contains("shenyang-digital-government") && err.contains("1.2"),
        "{err}"
    );
    assert!(err.contains("32767"), "{err}");
    assert!(!repo.path().join("out.xlsx").exists());
    let csv = ok(run(
        repo.path(),
        &[&["export", "--format", "csv", "-o", "-"][..], &as_of].concat(),
    ));
    assert!(String::from_utf8(csv).unwrap().contains(&long));
}

/// The JSON export of the example validates against the schema `rexieshang schema` writes (checked by the
/// `jsonschema` crate, independent of the `schemars` generator); a changed shape does not.
#[test]
fn the_json_export_follows_its_published_schema() {
    let tmp = tempfile::tempdir().unwrap();
    ok(run(tmp.path(), &["schema", "s"]));
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("s/export.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let json = ok(run(
        &root(),
        &[
            "export",
            "--format",
            "json",
            "--as-of",
            "2021-09-30",
            "-o",
            "-",
        ],
    ));
    let mut doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(doc["cases"][0]["case"], "shenyang-digital-government");
    assert!(doc["rows"][0]["text"].as_str().unwrap().len() > 20);
    doc["version"] = 2.into();
    doc["rows"][0]["degree"] = "80%".into();
    assert!(validator.iter_errors(&doc).count() >= 2);
}

/// The XLSX of the example, read with calamine: dates are dates, degrees numbers, words Chinese, the light filled;
/// a second sheet holds each case's two headline figures and a third the status scale.
#[test]
fn the_workbook_feels_native_dates_words_fills_totals_and_scale() {
    use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("x.xlsx");
    let as_of = ["--as-of", "2021-09-30"];
    ok(run(
        &root(),
        &[
            &["export", "--format", "xlsx", "-o", file.to_str().unwrap()][..],
            &as_of,
        ]
        .concat(),
    ));
    let json: serde_json::Value = serde_json::from_slice(&ok(run(
        &root(),
        &[&["export", "--format", "json", "-o", "-"][..], &as_of].concat(),
    )))
    .unwrap();
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names(), ["建议落实情况", "议题汇总", "状态等级"]);
    let range = book.worksheet_range("建议落实情况").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let rows: Vec<&[Data]> = range.rows().skip(1).collect();
    assert_eq!(rows.len(), json["rows"].as_array().unwrap().len());
    let first = rows[0];
    // A real date: calamine hands it over as a date value that reads back as the ISO date of the JSON.
    let due = &first[col("办理期限")];
    assert!(matches!(due, Data::DateTime(_)), "{due:?}");
    assert_eq!(
        due.as_date().unwrap().to_string(),
        json["rows"][0]["due"].as_str().unwrap()
    );
    assert!(matches!(first[col("落实度")], Data::Float(_)));
    assert!(matches!(first[col("重点")], Data::String(ref s) if s == "重点" || s == "一般"));
    let words: Vec<String> = rows
        .iter()
        .map(|r| r[col("红黄绿灯")].to_string())
        .collect();
    assert!(
        words
            .iter()
            .all(|w| ["红灯", "黄灯", "绿灯", ""].contains(&w.as_str())),
        "{words:?}"
    );
    let flags: Vec<String> = rows.iter().map(|r| r[col("标记")].to_string()).collect();
    assert!(flags.iter().any(|f| f.contains("逾期")), "{flags:?}");
    assert!(!flags.iter().any(|f| f.contains("overdue")), "{flags:?}");
    assert_eq!(
        first[col("建议内容")].to_string(),
        json["rows"][0]["text"].as_str().unwrap()
    );
    // The light cell is filled in its colour (Excel's own red/amber/green fills).
    let light = char::from(b'A' + u8::try_from(col("红黄绿灯")).unwrap());
    let styles = xlsx_part(&file, "xl/styles.xml");
    assert!(styles.contains("FFC7CE") || styles.contains("FFEB9C") || styles.contains("C6EFCE"));
    let sheet = xlsx_part(&file, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(&format!(r#"r="{light}2" s=""#)),
        "the light cell has a style"
    );
    assert!(
        cell_style(
            &file,
            &format!(
                "{}2",
                char::from(b'A' + u8::try_from(col("办理期限")).unwrap())
            )
        )
        .0
        .contains("年")
    );
    // Every column has a width of its own.
    let widths = sheet.matches("<col ").count();
    assert!(
        widths >= header.len() / 2,
        "{widths} column widths for {} columns",
        header.len()
    );
    // Totals: both headline figures as the JSON has them; the scale as configured.
    let totals = book.worksheet_range("议题汇总").unwrap();
    let t: Vec<&[Data]> = totals.rows().collect();
    assert_eq!(t[0][4].to_string(), "落实度（单位自评口径）");
    let close = |cell: &Data, json: &serde_json::Value| {
        (cell.as_f64().unwrap() * 100.0 - json.as_f64().unwrap()).abs() < 1e-9
    };
    assert!(close(&t[1][4], &json["cases"][0]["degree"]));
    assert!(close(&t[1][5], &json["cases"][0]["verified"]));
    let scale = book.worksheet_range("状态等级").unwrap();
    let keys: Vec<String> = scale.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(keys, ["A", "B", "C", "D", "N"]);
}

/// The CSV of the example case is golden in both languages: columns, words, numbers and the new text columns.
#[test]
fn the_example_csv_is_golden() {
    for (lang, name) in [
        ("zh", "export-example-2021-09-30.zh.csv"),
        ("en", "export-example-2021-09-30.en.csv"),
    ] {
        let csv = ok(run(
            &root(),
            &[
                "--lang",
                lang,
                "export",
                "--format",
                "csv",
                "--as-of",
                "2021-09-30",
                "-o",
                "-",
            ],
        ));
        golden(name, &String::from_utf8(csv).unwrap());
    }
}
