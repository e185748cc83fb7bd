//! The XLSX workbook of an export: a sheet of recommendations (dates as Excel dates, degrees as percentages, the
//! traffic light filled in its colour, every column as wide as its content), a sheet of each case's totals with both
//! headline figures, and a sheet with the status scale used — so each sheet says how its figures were computed.

use crate::brief::rows::CaseTotal;
use crate::case::config::Status;
use crate::fmt::date::long_date;
use crate::lang::Lang;
use crate::output::table::{COLUMNS, Export, Kind, Value};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The widest a column is set (in characters); longer text is wrapped (long text) or runs into the next cell.
const MAX_WIDTH: f64 = 48.0;

/// The formats cells are written with.
struct Formats {
    bold: Format,
    date: Format,
    percent: Format,
    points: Format,
    wrap: Format,
    red: Format,
    amber: Format,
    green: Format,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let fill = |rgb: u32| Format::new().set_background_color(Color::RGB(rgb));
        Formats {
            bold: Format::new().set_bold().set_align(FormatAlign::Top),
            date: Format::new().set_num_format(lang.pick("yyyy\"年\"m\"月\"d\"日\"", "yyyy-mm-dd")),
            percent: Format::new().set_num_format("0.0%"),
            points: Format::new().set_num_format("+0.0;-0.0;0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // Excel's own "bad", "neutral" and "good" fills.
            red: fill(0xFFC7CE),
            amber: fill(0xFFEB9C),
            green: fill(0xC6EFCE),
        }
    }
}

/// XLSX bytes, dated the cut-off (the same data give the same bytes).
pub fn workbook(export: &Export<'_>, as_of: NaiveDate, lang: Lang) -> Result<Vec<u8>, String> {
    let e = |x: XlsxError| x.to_string();
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&excel_date(as_of)?));
    let f = Formats::new(lang);
    recommendations(book.add_worksheet(), export, &f, lang).map_err(e)?;
    totals(book.add_worksheet(), export.cases, as_of, &f, lang).map_err(e)?;
    scale(book.add_worksheet(), export.scale, &f, lang).map_err(e)?;
    book.save_to_buffer().map_err(e)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, String> {
    let (y, m, day) = (
        u16::try_from(d.year()).map_err(|_| format!("year {}", d.year()))?,
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    );
    ExcelDateTime::from_ymd(y, m, day).map_err(|x| x.to_string())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The display width of a cell's text: CJK characters count double, as Excel draws them.
fn width(text: &str) -> f64 {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

/// The recommendations, one row each, with the header frozen and filtered.
fn recommendations(
    sheet: &mut Worksheet,
    export: &Export<'_>,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("建议落实情况", "Recommendations"))?;
    let mut widths: Vec<f64> = COLUMNS.iter().map(|c| width(c.header(lang))).collect();
    for (c, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), column.header(lang), &f.bold)?;
    }
    for (i, r) in export.rows.iter().enumerate() {
        let at = row(i + 1)?;
        for (c, column) in COLUMNS.iter().enumerate() {
            let shown = cell(
                sheet,
                at,
                col(c),
                column.kind,
                (column.value)(r, lang),
                &r.light,
                f,
            )?;
            if let Some(w) = widths.get_mut(c) {
                *w = w.max(shown);
            }
        }
    }
    for (c, (w, column)) in widths.iter().zip(COLUMNS).enumerate() {
        let w = if column.kind == Kind::Date {
            w.max(14.0)
        } else {
            *w
        };
        sheet.set_column_width(col(c), (w + 2.0).min(MAX_WIDTH))?;
    }
    sheet.set_freeze_panes(1, 5)?;
    sheet.autofilter(0, 0, row(export.rows.len())?, col(COLUMNS.len() - 1))?;
    Ok(())
}

/// Writes one cell as its kind says; returns the width its content takes.
fn cell(
    sheet: &mut Worksheet,
    at: u32,
    c: u16,
    kind: Kind,
    value: Value,
    light: &str,
    f: &Formats,
) -> Result<f64, XlsxError> {
    match (kind, value) {
        (_, Value::Empty) => Ok(0.0),
        (Kind::Percent, Value::Number(x)) => {
            sheet.write_number_with_format(at, c, x / 100.0, &f.percent)?;
            Ok(6.0)
        }
        (Kind::Points, Value::Number(x)) => {
            sheet.write_number_with_format(at, c, x, &f.points)?;
            Ok(6.0)
        }
        (_, Value::Number(x)) => {
            sheet.write_number(at, c, x)?;
            Ok(width(&crate::fmt::number::num(x)))
        }
        (Kind::Date, Value::Text(t)) => match crate::fmt::date::parse_date(&t) {
            Ok(d) => {
                let d = excel_date(d).map_err(XlsxError::ParameterError)?;
                sheet.write_datetime_with_format(at, c, &d, &f.date)?;
                Ok(14.0)
            }
            Err(_) => {
                sheet.write_string(at, c, &t)?;
                Ok(width(&t))
            }
        },
        (Kind::Light, Value::Text(t)) => {
            let fill = match light {
                "red" => &f.red,
                "amber" => &f.amber,
                _ => &f.green,
            };
            sheet.write_string_with_format(at, c, &t, fill)?;
            Ok(width(&t))
        }
        (Kind::LongText, Value::Text(t)) => {
            sheet.write_string_with_format(at, c, &t, &f.wrap)?;
            Ok(width(&t))
        }
        (_, Value::Text(t)) => {
            sheet.write_string(at, c, &t)?;
            Ok(width(&t))
        }
    }
}

/// Each case's totals: both headline figures and the counts behind them, with how they were computed.
fn totals(
    sheet: &mut Worksheet,
    cases: &[CaseTotal],
    as_of: NaiveDate,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("议题汇总", "Case totals"))?;
    let headers: [(&str, &str); 10] = [
        ("议题", "case"),
        ("议题名称", "case title"),
        ("建议数", "recommendations"),
        ("计入汇总", "counted"),
        ("落实度（单位自评口径）", "degree as claimed"),
        ("经委员核实的落实度", "degree verified by members"),
        ("待核实", "claimed, not verified"),
        ("逾期", "overdue"),
        ("未反馈", "no report"),
        ("不计入汇总", "out of the totals"),
    ];
    for (c, (zh, en)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), lang.pick(zh, en), &f.bold)?;
        sheet.set_column_width(col(c), (width(lang.pick(zh, en)) + 2.0).max(10.0))?;
    }
    for (i, t) in cases.iter().enumerate() {
        let at = row(i + 1)?;
        sheet.write_string(at, 0, &t.case)?;
        sheet.write_string(at, 1, &t.case_title)?;
        let counts = [t.recommendations, t.counted];
        for (c, n) in counts.iter().enumerate() {
            sheet.write_number(at, col(c + 2), *n as f64)?;
        }
        for (c, d) in [t.degree, t.verified].iter().enumerate() {
            if let Some(d) = d {
                sheet.write_number_with_format(at, col(c + 4), d / 100.0, &f.percent)?;
            }
        }
        let counts = [t.unverified, t.overdue, t.unreported, t.excluded];
        for (c, n) in counts.iter().enumerate() {
            sheet.write_number(at, col(c + 6), *n as f64)?;
        }
    }
    let titles = cases
        .iter()
        .map(|t| width(&t.case_title))
        .fold(10.0, f64::max);
    sheet.set_column_width(1, (titles + 2.0).min(MAX_WIDTH))?;
    let note = row(cases.len() + 2)?;
    let date = long_date(as_of, lang);
    sheet.write_string(
        note,
        0,
        lang.pick(
            &format!("数据截止{date}。落实度 = Σ（权重 × 每条建议的落实度）÷ Σ 权重，只计入“计入汇总”的建议；单位自评口径按单位最新自评（委员评议更新时按评议），经委员核实的按委员最近一次评议。各状态折算的落实度见“状态等级”表。"),
            &format!("Data as of {date}. Degree = Σ (weight × each recommendation's degree) ÷ Σ weight, over the recommendations counted; as claimed follows the latest claim (or a later assessment), verified follows members' latest assessment. The degree each status stands for is on the “Status scale” sheet."),
        ),
    )?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The status scale the figures used.
fn scale(
    sheet: &mut Worksheet,
    scale: &[Status],
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("状态等级", "Status scale"))?;
    let headers: [(&str, &str); 10] = [
        ("简写", "key"),
        ("名称", "Chinese name"),
        ("英文名称", "English name"),
        ("折算落实度", "degree"),
        ("办理终结", "final"),
        ("不计入汇总", "excluded"),
        ("暂不能解决", "blocked"),
        ("进度下限", "min progress"),
        ("进度上限", "max progress"),
        ("其他写法", "aliases"),
    ];
    for (c, (zh, en)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), lang.pick(zh, en), &f.bold)?;
        sheet.set_column_width(col(c), (width(lang.pick(zh, en)) + 2.0).max(8.0))?;
    }
    let yes = |b: bool| {
        if b {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        }
    };
    for (i, s) in scale.iter().enumerate() {
        let at = row(i + 1)?;
        sheet.write_string(at, 0, &s.key)?;
        sheet.write_string(at, 1, &s.zh)?;
        sheet.write_string(at, 2, &s.en)?;
        sheet.write_number_with_format(at, 3, s.degree / 100.0, &f.percent)?;
        for (c, b) in [s.is_final, s.excluded, s.blocked].iter().enumerate() {
            sheet.write_string(at, col(c + 4), yes(*b))?;
        }
        sheet.write_number(at, 7, s.min_progress)?;
        sheet.write_number(at, 8, s.max_progress)?;
        sheet.write_string(at, 9, s.aliases.join(lang.pick("、", ", ")))?;
    }
    let names = scale
        .iter()
        .map(|s| width(&s.zh).max(width(&s.en)))
        .fold(8.0, f64::max);
    sheet.set_column_width(1, (names + 2.0).min(MAX_WIDTH))?;
    sheet.set_column_width(2, (names + 2.0).min(MAX_WIDTH))?;
    Ok(())
}
