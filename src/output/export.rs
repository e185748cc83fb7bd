//! Export tables: the rows of [`crate::brief::rows`] as CSV (UTF-8 with a BOM, so Excel shows Chinese), XLSX, or
//! JSON with a versioned shape. Only formatting happens here.

use crate::brief::rows::Row;
use crate::diag::{Code, Diagnostic};
use crate::fmt::date::iso;
use crate::fmt::text::{CELL_LIMIT, over_cell_limit};
use crate::lang::Lang;
use crate::tx;
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

/// Name of the JSON format, written in every JSON export.
pub const JSON_FORMAT: &str = "rexieshang-export";

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// The JSON document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// Always [`JSON_FORMAT`].
    pub format: &'static str,
    /// Always [`JSON_VERSION`].
    pub version: u32,
    /// Data cut-off date.
    pub as_of: String,
    /// The rows.
    pub rows: &'a [Row],
}

/// The column headers, in the export's language.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "议题",
            "议题名称",
            "方面",
            "方面名称",
            "建议",
            "建议名称",
            "主办单位",
            "协办单位",
            "重点",
            "权重",
            "交办日期",
            "办理期限",
            "调整后期限",
            "单位自评",
            "委员评议",
            "状态",
            "状态名称",
            "落实度",
            "经委员核实的落实度",
            "计入汇总",
            "不计入原因",
            "较上次会议变化",
            "标记",
            "红黄绿灯",
            "最近记录日期",
            "下次会议",
        ],
        Lang::En => vec![
            "case",
            "case title",
            "aspect",
            "aspect title",
            "recommendation",
            "title",
            "lead",
            "support",
            "priority",
            "weight",
            "assigned",
            "due",
            "revised due",
            "claimed",
            "assessed",
            "status",
            "status label",
            "degree",
            "verified degree",
            "counted",
            "excluded because",
            "change",
            "flags",
            "light",
            "last record",
            "next meeting",
        ],
    }
}

/// A row as text cells (degree and change as plain numbers, empty when none).
fn cells(r: &Row, lang: Lang) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |o: Option<f64>| o.map(crate::fmt::number::num).unwrap_or_default();
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let yes = |b: bool| match (b, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    vec![
        r.case.clone(),
        r.case_title.clone(),
        r.aspect.clone(),
        r.aspect_title.clone(),
        r.rec.clone(),
        r.title.clone(),
        r.lead.clone(),
        r.support.join(sep),
        r.priority.clone(),
        crate::fmt::number::num(r.weight),
        opt(&r.assigned),
        opt(&r.due),
        opt(&r.revised_due),
        opt(&r.claimed),
        opt(&r.assessed),
        opt(&r.status),
        r.status_label.clone(),
        num(r.degree),
        num(r.verified),
        yes(r.counted).to_string(),
        opt(&r.excluded),
        num(r.change),
        r.flags.join(" "),
        r.light.clone(),
        opt(&r.last_record),
        opt(&r.next_meeting),
    ]
}

impl ExportFormat {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// The rows in `format`, or why the writer failed.
pub fn write(
    format: ExportFormat,
    rows: &[Row],
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, Diagnostic> {
    if format == ExportFormat::Xlsx
        && let Some(d) = too_long_for_a_cell(rows, lang)
    {
        return Err(d);
    }
    match format {
        ExportFormat::Csv => to_csv(rows, lang),
        ExportFormat::Json => to_json(rows, as_of),
        ExportFormat::Xlsx => to_xlsx(rows, as_of, lang),
    }
    .map_err(|e| Diagnostic::error(Code::E703, tx!("导出失败：{e}", "export failed: {e}")))
}

/// The first cell an XLSX could not hold, named by case, recommendation and column.
fn too_long_for_a_cell(rows: &[Row], lang: Lang) -> Option<Diagnostic> {
    let (zh, en) = (headers(Lang::Zh), headers(Lang::En));
    rows.iter().find_map(|r| {
        let c = cells(r, lang).iter().position(|t| over_cell_limit(t))?;
        let (case, rec) = (&r.case, &r.rec);
        let (col_zh, col_en) = (zh.get(c).copied()?, en.get(c).copied()?);
        Some(
            Diagnostic::error(
                Code::E703,
                tx!(
                    "导出失败：议题 {case} 建议 {rec} 的“{col_zh}”超过 Excel 单元格能容纳的 {CELL_LIMIT} 个字符",
                    "export failed: the {col_en} of recommendation {rec} in case {case} is longer than the {CELL_LIMIT} characters an Excel cell holds"
                ),
            )
            .help(tx!(
                "`rexieshang check` 会指出这段文字的位置；把它缩短（详细内容放进附件），或改用 CSV 或 JSON 导出。",
                "`rexieshang check` shows where the text is; shorten it (move details to an attachment), or export CSV or JSON instead."
            )),
        )
    })
}

/// JSON bytes.
pub fn to_json(rows: &[Row], as_of: NaiveDate) -> Result<Vec<u8>, String> {
    let doc = Document {
        format: JSON_FORMAT,
        version: JSON_VERSION,
        as_of: iso(as_of),
        rows,
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// CSV bytes: UTF-8 with a byte-order mark so Excel opens Chinese correctly.
pub fn to_csv(rows: &[Row], lang: Lang) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(headers(lang)).map_err(|e| e.to_string())?;
    for r in rows {
        let cells = cells(r, lang).into_iter().enumerate().map(|(c, text)| {
            if NUMBER_COLUMNS.contains(&c) {
                text
            } else {
                defuse(text)
            }
        });
        w.write_record(cells).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The columns that hold numbers the tool wrote (weight, degree, verified degree, change): a minus sign there is a
/// number, not a formula.
const NUMBER_COLUMNS: [usize; 4] = [
    WEIGHT_COL as usize,
    DEGREE_COL as usize,
    VERIFIED_COL as usize,
    CHANGE_COL as usize,
];
const WEIGHT_COL: u16 = 9;
const DEGREE_COL: u16 = 17;
const VERIFIED_COL: u16 = 18;
const CHANGE_COL: u16 = 21;

/// Text from the case files that a spreadsheet would run as a formula (OWASP's CSV injection: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text.
fn defuse(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// XLSX bytes: a header row, frozen panes, degrees as numbers formatted as percentages; dated the cut-off.
pub fn to_xlsx(rows: &[Row], as_of: NaiveDate, lang: Lang) -> Result<Vec<u8>, String> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let e = |x: rust_xlsxwriter::XlsxError| x.to_string();
    let mut book = Workbook::new();
    // The workbook says it was made on the cut-off date, not now: the same data give the same bytes.
    let year = u16::try_from(as_of.year()).map_err(|_| format!("year {}", as_of.year()))?;
    let made = ExcelDateTime::from_ymd(year, as_of.month() as u8, as_of.day() as u8).map_err(e)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    let sheet = book.add_worksheet();
    sheet
        .set_name(if lang == Lang::Zh {
            "建议落实情况"
        } else {
            "Recommendations"
        })
        .map_err(e)?;
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let points = Format::new().set_num_format("+0.0;-0.0;0");
    let (degree_col, verified_col, change_col) = (DEGREE_COL, VERIFIED_COL, CHANGE_COL);
    for (c, h) in headers(lang).iter().enumerate() {
        sheet
            .write_string_with_format(0, u16::try_from(c).unwrap_or(u16::MAX), *h, &bold)
            .map_err(e)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| "too many rows".to_string())?;
        for (c, text) in cells(r, lang).iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            if col == degree_col || col == verified_col {
                let d = if col == degree_col {
                    r.degree
                } else {
                    r.verified
                };
                if let Some(d) = d {
                    sheet
                        .write_number_with_format(row, col, d / 100.0, &pct)
                        .map_err(e)?;
                }
            } else if col == change_col {
                if let Some(d) = r.change {
                    sheet
                        .write_number_with_format(row, col, d, &points)
                        .map_err(e)?;
                }
            } else if col == WEIGHT_COL {
                sheet.write_number(row, col, r.weight).map_err(e)?;
            } else if !text.is_empty() {
                sheet.write_string(row, col, text).map_err(e)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 5).map_err(e)?;
    sheet
        .autofilter(
            0,
            0,
            u32::try_from(rows.len()).unwrap_or(u32::MAX),
            u16::try_from(headers(lang).len() - 1).unwrap_or(0),
        )
        .map_err(e)?;
    sheet.set_column_width(1, 24).map_err(e)?;
    sheet.set_column_width(5, 28).map_err(e)?;
    sheet.set_column_width(6, 24).map_err(e)?;
    book.save_to_buffer().map_err(e)
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// UTF-8 with a byte-order mark, for Excel.
    Csv,
    /// A versioned JSON document.
    Json,
    /// An Excel workbook.
    Xlsx,
}
