//! Reading an assignment register (交办表): one row per recommendation, its columns found by their Chinese or English
//! headers (编号, 方面, 建议内容, 主办单位, 协办单位, 交办日期, 办理期限, 权重, 重点 …), from an `.xlsx` sheet (calamine) or a
//! `.csv` file. Excel dates and written dates (2020-06-30, 2020/6/30, 2020年6月30日) are both understood. Every
//! problem names its cell (`交办表!E7`), says what is wrong and how to fix it.

use crate::case::archive::{quietly, unpacked_size};
use crate::case::reader::MAX_WEIGHT;
use crate::case::tally::column_letters;
use crate::diag::{Code, Diagnostic};
use crate::lang::Text;
use crate::tx;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;

/// The columns a register may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// 编号
    Id,
    /// 方面
    Aspect,
    /// 简称
    Title,
    /// 建议内容
    Text,
    /// 主办单位
    Lead,
    /// 协办单位
    Support,
    /// 交办日期
    Assigned,
    /// 办理期限
    Due,
    /// 权重
    Weight,
    /// 重点
    Priority,
}

/// Header words for each column (compared without spaces, case-insensitive).
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Id,
        &["编号", "建议编号", "序号", "no", "no.", "id", "number"],
    ),
    (Column::Aspect, &["方面", "所属方面", "aspect"]),
    (
        Column::Title,
        &["简称", "标题", "建议简称", "title", "shorttitle"],
    ),
    (
        Column::Text,
        &[
            "建议",
            "建议内容",
            "内容",
            "建议原文",
            "recommendation",
            "text",
        ],
    ),
    (
        Column::Lead,
        &["主办单位", "主办", "牵头单位", "lead", "leaddepartment"],
    ),
    (
        Column::Support,
        &[
            "协办单位",
            "协办",
            "配合单位",
            "support",
            "supportingunits",
            "supportdepartments",
        ],
    ),
    (
        Column::Assigned,
        &["交办日期", "交办时间", "assigned", "assigneddate"],
    ),
    (
        Column::Due,
        &["办理期限", "期限", "完成时限", "办结期限", "due", "duedate"],
    ),
    (Column::Weight, &["权重", "weight"]),
    (Column::Priority, &["重点", "是否重点", "priority"]),
];

/// A value and the cell it came from (`交办表!E7`).
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// The cell.
    pub cell: String,
}

/// One row of a register.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// Recommendation id.
    pub id: Option<At<String>>,
    /// Aspect id or title.
    pub aspect: Option<At<String>>,
    /// Short title.
    pub title: Option<At<String>>,
    /// Text.
    pub text: Option<At<String>>,
    /// Lead department (id or full name).
    pub lead: Option<At<String>>,
    /// Supporting departments.
    pub support: Option<At<Vec<String>>>,
    /// Assigned.
    pub assigned: Option<At<NaiveDate>>,
    /// Due.
    pub due: Option<At<NaiveDate>>,
    /// Weight.
    pub weight: Option<At<f64>>,
    /// High priority.
    pub priority: Option<At<bool>>,
}

/// A read register.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Register {
    /// Its rows with an id, in order.
    pub rows: Vec<Row>,
}

/// The most rows read.
const MAX_ROWS: usize = 10_000;

/// Reads a register's bytes: `.csv` when `csv` is set, else `.xlsx` (`shown`: its path as messages show it).
pub fn read_register(bytes: Vec<u8>, shown: &str, csv: bool) -> Result<Register, Vec<Diagnostic>> {
    let (sheet, grid) = if csv {
        csv_grid(bytes, shown).map(|g| (None, g))
    } else {
        xlsx_grid(bytes, shown).map(|(s, g)| (Some(s), g))
    }
    .map_err(|d| vec![d])?;
    if grid.len() > MAX_ROWS {
        return Err(vec![unreadable(
            shown,
            tx!("超过 {MAX_ROWS} 行", "more than {MAX_ROWS} rows"),
        )]);
    }
    rows(
        &grid,
        &Place {
            shown,
            sheet: sheet.as_deref(),
        },
    )
}

fn unreadable(shown: &str, why: Text) -> Diagnostic {
    let (zh, en) = (why.zh, why.en);
    Diagnostic::error(
        Code::E822,
        tx!("读不出交办表 `{shown}`：{zh}", "cannot read the register `{shown}`: {en}"),
    )
    .in_file(shown.to_string())
    .help(tx!(
        "交办表应是 .xlsx 或 .csv（UTF-8）文件，第一行是表头，至少有“编号”列；每行一条建议。",
        "A register is an .xlsx or a .csv (UTF-8) file with a header row holding at least an id column (编号 / No.); one recommendation a row."
    ))
}

/// The first sheet (or the one named 交办表 / Register) as text cells.
fn xlsx_grid(bytes: Vec<u8>, shown: &str) -> Result<(String, Vec<Vec<String>>), Diagnostic> {
    unpacked_size(&bytes).map_err(|t| unreadable(shown, t))?;
    let opened = quietly(move || -> Result<(String, Vec<Vec<String>>), String> {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let names = book.sheet_names();
        let name = names
            .iter()
            .find(|n| ["交办表", "Register"].contains(&n.as_str()))
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| "no sheet".to_string())?;
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let grid = range
            .rows()
            .take(MAX_ROWS + 1)
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        Ok((name, grid))
    });
    match opened {
        None => Err(unreadable(shown, tx!("文件已损坏", "the file is damaged"))),
        Some(Err(e)) => Err(unreadable(shown, Text::new(e.clone(), e))),
        Some(Ok(g)) => Ok(g),
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        other => other.to_string(),
    }
}

/// A CSV file (UTF-8, with or without BOM; a GBK file is refused with how to re-save it) as text cells.
fn csv_grid(bytes: Vec<u8>, shown: &str) -> Result<Vec<Vec<String>>, Diagnostic> {
    let text = crate::case::decode::decode(bytes).map_err(|d| d.in_file(shown.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records().take(MAX_ROWS + 1) {
        let record = record.map_err(|e| {
            let e = e.to_string();
            unreadable(shown, Text::new(e.clone(), e))
        })?;
        grid.push(record.iter().map(|s| s.trim().to_string()).collect());
    }
    Ok(grid)
}

/// Where cells are, for messages: `交办表!E7` in a workbook, `E7` in a CSV file (the file is named beside it).
struct Place<'a> {
    shown: &'a str,
    sheet: Option<&'a str>,
}

impl Place<'_> {
    fn cell(&self, row: usize, col: usize) -> String {
        let at = format!("{}{}", column_letters(col), row + 1);
        match self.sheet {
            Some(sheet) => format!("{sheet}!{at}"),
            None => at,
        }
    }

    fn error(&self, cell: &str, message: Text, help: Text) -> Diagnostic {
        Diagnostic::error(
            Code::E823,
            Text::new(
                format!("{cell}：{}", message.zh),
                format!("{cell}: {}", message.en),
            ),
        )
        .in_file(format!("{} {cell}", self.shown))
        .help(help)
    }
}

fn normal(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header row (the first with an id column among the first ten) and the column of each field.
fn header(grid: &[Vec<String>]) -> Option<(usize, Vec<(Column, usize)>)> {
    grid.iter().take(10).enumerate().find_map(|(r, row)| {
        let mut found: Vec<(Column, usize)> = Vec::new();
        for (c, h) in row.iter().enumerate() {
            let h = normal(h);
            let col = HEADERS
                .iter()
                .find(|(_, words)| words.iter().any(|w| normal(w) == h))
                .map(|(col, _)| *col);
            if let Some(col) = col
                && !found.iter().any(|(f, _)| *f == col)
            {
                found.push((col, c));
            }
        }
        found
            .iter()
            .any(|(c, _)| *c == Column::Id)
            .then_some((r, found))
    })
}

fn rows(grid: &[Vec<String>], at: &Place<'_>) -> Result<Register, Vec<Diagnostic>> {
    let Some((head, columns)) = header(grid) else {
        return Err(vec![unreadable(
            at.shown,
            tx!(
                "前十行里没有“编号”列的表头",
                "no header with an id column (编号 / No.) in the first ten rows"
            ),
        )]);
    };
    let mut out = Register::default();
    let mut problems = Vec::new();
    for (r, cells) in grid.iter().enumerate().skip(head + 1) {
        let get = |col: Column| {
            let c = columns.iter().find(|(f, _)| *f == col)?.1;
            let v = cells.get(c)?.trim();
            (!v.is_empty()).then(|| At {
                value: v.to_string(),
                cell: at.cell(r, c),
            })
        };
        let Some(id) = get(Column::Id) else { continue };
        let mut row = Row {
            id: Some(id),
            aspect: get(Column::Aspect),
            title: get(Column::Title),
            text: get(Column::Text),
            lead: get(Column::Lead),
            support: get(Column::Support).map(|a| At {
                value: split_units(&a.value),
                cell: a.cell,
            }),
            ..Row::default()
        };
        row.assigned = typed(get(Column::Assigned), date, at, &mut problems);
        row.due = typed(get(Column::Due), date, at, &mut problems);
        row.weight = typed(get(Column::Weight), weight, at, &mut problems);
        row.priority = typed(get(Column::Priority), priority, at, &mut problems);
        out.rows.push(row);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Why a cell's text is not a value: what is wrong and how to fix it.
type Bad = (Text, Text);

fn date(v: &str) -> Result<NaiveDate, Bad> {
    written_date(v).ok_or_else(|| {
        (
            tx!("`{v}` 不是日期", "`{v}` is not a date"),
            tx!("写成 2020-06-30、2020/6/30 或 2020年6月30日，或设成 Excel 的日期格式。", "Write it as 2020-06-30, 2020/6/30 or 2020年6月30日, or format the cell as an Excel date."),
        )
    })
}

fn weight(v: &str) -> Result<f64, Bad> {
    v.parse::<f64>()
        .ok()
        .filter(|w| w.is_finite() && (0.0..=MAX_WEIGHT).contains(w))
        .ok_or_else(|| {
            (
                tx!("权重 `{v}` 不对", "the weight `{v}` is not valid"),
                tx!("权重写一个不小于 0 的数：一般的建议为 1，更要紧的写得大些，0 表示不计入汇总。", "Write a number of 0 or more: 1 for an ordinary recommendation, more for a weightier one, 0 to leave it out of the totals."),
            )
        })
}

fn priority(v: &str) -> Result<bool, Bad> {
    match normal(v).as_str() {
        "是" | "重点" | "√" | "✓" | "y" | "yes" | "high" | "1" | "true" => Ok(true),
        "否" | "一般" | "n" | "no" | "normal" | "0" | "false" => Ok(false),
        _ => Err((
            tx!(
                "“重点”一栏的 `{v}` 看不懂",
                "`{v}` in the priority column is not understood"
            ),
            tx!(
                "重点写“是”或“重点”，一般写“否”或留空。",
                "Write 是 / high for high priority, 否 / normal or nothing otherwise."
            ),
        )),
    }
}

/// A cell read with `parse`; a value it cannot read is a problem at the cell.
fn typed<T>(
    a: Option<At<String>>,
    parse: fn(&str) -> Result<T, Bad>,
    at: &Place<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<At<T>> {
    let a = a?;
    match parse(&a.value) {
        Ok(value) => Some(At {
            value,
            cell: a.cell,
        }),
        Err((message, help)) => {
            problems.push(at.error(&a.cell, message, help));
            None
        }
    }
}

/// Supporting units, separated by 、，, ; or ；.
pub fn split_units(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ';', '；', '\n'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .collect()
}

/// A written date: 2020-06-30, 2020/6/30, 2020.6.30, 2020年6月30日, or an Excel serial number (days since 1899-12-30).
pub fn written_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim().trim_end_matches('日');
    if let Ok(n) = t.parse::<u32>()
        && (20_000..=80_000).contains(&n)
    {
        return NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_days(chrono::Days::new(u64::from(n)));
    }
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月'])
        .map(str::trim)
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let d = NaiveDate::from_ymd_opt(2020, 6, 30);
        for s in [
            "2020-06-30",
            "2020/6/30",
            "2020.6.30",
            "2020年6月30日",
            "44012",
        ] {
            assert_eq!(written_date(s), d, "{s}");
        }
        assert_eq!(written_date("6月底"), None);
        assert_eq!(written_date("2020-02-30"), None);
    }

    #[test]
    fn headers_in_either_language_and_supporting_units_split() {
        let grid: Vec<Vec<String>> = [
            vec!["某市政协交办表"],
            vec!["No.", "Lead", "协办 单位", "Due"],
            vec!["1.1", "民政局", "财政局、人社局;卫健委", "2020/6/30"],
            vec!["", "", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let reg = rows(
            &grid,
            &Place {
                shown: "r.csv",
                sheet: None,
            },
        )
        .unwrap();
        assert_eq!(reg.rows.len(), 1);
        let r = &reg.rows[0];
        assert_eq!(r.id.as_ref().unwrap().cell, "A3");
        assert_eq!(
            r.support.as_ref().unwrap().value,
            ["财政局", "人社局", "卫健委"]
        );
        assert_eq!(
            r.due.as_ref().unwrap().value,
            NaiveDate::from_ymd_opt(2020, 6, 30).unwrap()
        );
    }

    #[test]
    fn a_bad_date_is_named_at_its_cell() {
        let grid: Vec<Vec<String>> = [vec!["编号", "办理期限"], vec!["1.1", "年底"]]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        let e = rows(
            &grid,
            &Place {
                shown: "r.xlsx",
                sheet: Some("交办表"),
            },
        )
        .unwrap_err();
        assert_eq!(e[0].code, Code::E823);
        assert!(
            e[0].message.zh.starts_with("交办表!B2："),
            "{}",
            e[0].message.zh
        );
    }
}
