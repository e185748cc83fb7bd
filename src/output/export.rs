//! Exports: the rows of [`crate::brief::rows`] as CSV (UTF-8 with a BOM, so Excel shows Chinese), XLSX
//! ([`crate::output::xlsx`]), or JSON with a versioned shape and its schema. Only formatting happens here.

use crate::brief::rows::{CaseTotal, Row};
use crate::diag::{Code, Diagnostic};
use crate::fmt::date::iso;
use crate::fmt::text::{CELL_LIMIT, over_cell_limit};
use crate::lang::Lang;
use crate::output::table::{COLUMNS, Export, Kind, cells, headers};
use crate::tx;
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

/// Name of the JSON format, written in every JSON export.
pub const JSON_FORMAT: &str = "rexieshang-export";

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// The JSON document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// Always `rexieshang-export` ([`JSON_FORMAT`]).
    #[schemars(extend("const" = JSON_FORMAT))]
    pub format: &'static str,
    /// The shape's version ([`JSON_VERSION`]): 1. Adding fields keeps it; renaming, removing or changing the meaning
    /// of one raises it.
    #[schemars(extend("const" = JSON_VERSION))]
    pub version: u32,
    /// Data cut-off date.
    pub as_of: String,
    /// Each case's totals.
    pub cases: &'a [CaseTotal],
    /// The rows.
    pub rows: &'a [Row],
}

/// The JSON Schema of the JSON export, as pretty JSON.
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Document<'static>>();
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
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

/// The export in `format`, or why the writer failed.
pub fn write(
    format: ExportFormat,
    export: &Export<'_>,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, Diagnostic> {
    if format == ExportFormat::Xlsx
        && let Some(d) = too_long_for_a_cell(export.rows, lang)
    {
        return Err(d);
    }
    match format {
        ExportFormat::Csv => to_csv(export.rows, lang),
        ExportFormat::Json => to_json(export, as_of),
        ExportFormat::Xlsx => crate::output::xlsx::workbook(export, as_of, lang),
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
pub fn to_json(export: &Export<'_>, as_of: NaiveDate) -> Result<Vec<u8>, String> {
    let doc = Document {
        format: JSON_FORMAT,
        version: JSON_VERSION,
        as_of: iso(as_of),
        cases: export.cases,
        rows: export.rows,
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
        let cells = cells(r, lang).into_iter().zip(COLUMNS).map(|(text, c)| {
            if matches!(c.kind, Kind::Number | Kind::Percent | Kind::Points) {
                text
            } else {
                defuse(text)
            }
        });
        w.write_record(cells).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// Text from the case files that a spreadsheet would run as a formula (OWASP's CSV injection: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text.
fn defuse(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
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
