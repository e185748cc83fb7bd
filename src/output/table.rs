//! The export's table: its columns (header in both languages, how values are written, the value of a row), shared by
//! the CSV and the XLSX writers.

use crate::brief::rows::{CaseTotal, Row};
use crate::case::config::Status;
use crate::lang::Lang;

/// What an export holds: the rows, each case's totals, and the status scale the figures used.
pub struct Export<'a> {
    /// One row per recommendation.
    pub rows: &'a [Row],
    /// One per case.
    pub cases: &'a [CaseTotal],
    /// The status scale.
    pub scale: &'a [Status],
}

/// How a column's values are written in a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text from the case files (defused in CSV).
    Text,
    /// Long text, wrapped in XLSX.
    LongText,
    /// A number the tool computed.
    Number,
    /// A degree 0–100, a fraction with a `0.0%` format in XLSX.
    Percent,
    /// A change in percentage points.
    Points,
    /// An ISO date, an Excel date in XLSX.
    Date,
    /// The traffic light, filled in its colour in XLSX.
    Light,
}

/// A cell's value: text, a number, or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Empty.
    Empty,
}

/// One column: Chinese and English header, kind, and the value of a row.
pub struct Column {
    /// Header in Chinese.
    pub zh: &'static str,
    /// Header in English.
    pub en: &'static str,
    /// How values are written.
    pub kind: Kind,
    /// The value of a row, in the export's language.
    pub value: fn(&Row, Lang) -> Value,
}

impl Column {
    /// The header in `lang`.
    pub fn header(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

fn opt(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Empty, text)
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Number)
}

fn list(items: &[String], lang: Lang) -> Value {
    text(&items.join(lang.pick("、", ", ")))
}

macro_rules! columns {
    ($(($zh:literal, $en:literal, $kind:ident, |$r:ident, $lang:ident| $value:expr)),* $(,)?) => {
        /// The export's columns, in order.
        pub const COLUMNS: &[Column] = &[$(Column {
            zh: $zh,
            en: $en,
            kind: Kind::$kind,
            value: {
                #[allow(unused_variables)]
                fn value($r: &Row, $lang: Lang) -> Value {
                    $value
                }
                value
            },
        }),*];
    };
}

columns![
    ("议题", "case", Text, |r, l| text(&r.case)),
    ("议题名称", "case title", Text, |r, l| text(
        &r.case_title
    )),
    ("方面", "aspect", Text, |r, l| text(&r.aspect)),
    ("方面名称", "aspect title", Text, |r, l| text(
        &r.aspect_title
    )),
    ("建议", "recommendation", Text, |r, l| text(&r.rec)),
    ("建议名称", "title", Text, |r, l| text(&r.title)),
    ("主办单位", "lead", Text, |r, l| text(&r.lead)),
    ("协办单位", "support", Text, |r, l| list(&r.support, l)),
    ("重点", "priority", Text, |r, l| text(&r.words.priority)),
    ("权重", "weight", Number, |r, l| Value::Number(r.weight)),
    ("交办日期", "assigned", Date, |r, l| opt(&r.assigned)),
    ("办理期限", "due", Date, |r, l| opt(&r.due)),
    ("调整后期限", "revised due", Date, |r, l| opt(
        &r.revised_due
    )),
    ("单位自评", "claimed", Text, |r, l| opt(&r.claimed)),
    ("委员评议", "assessed", Text, |r, l| opt(&r.assessed)),
    ("状态", "status", Text, |r, l| opt(&r.status)),
    ("状态名称", "status label", Text, |r, l| text(
        &r.status_label
    )),
    ("落实度", "degree", Percent, |r, l| number(r.degree)),
    (
        "经委员核实的落实度",
        "verified degree",
        Percent,
        |r, l| number(r.verified)
    ),
    ("计入汇总", "counted", Text, |r, l| text(
        match (r.counted, l) {
            (true, Lang::Zh) => "是",
            (false, Lang::Zh) => "否",
            (true, Lang::En) => "yes",
            (false, Lang::En) => "no",
        }
    )),
    ("不计入原因", "excluded because", Text, |r, l| opt(
        &r.excluded
    )),
    ("较上次会议变化", "change", Points, |r, l| number(
        r.change
    )),
    ("标记", "flags", Text, |r, l| list(&r.words.flags, l)),
    ("红黄绿灯", "light", Light, |r, l| text(&r.words.light)),
    ("最近记录日期", "last record", Date, |r, l| opt(
        &r.last_record
    )),
    ("下次会议", "next meeting", Date, |r, l| opt(
        &r.next_meeting
    )),
    ("建议内容", "text", LongText, |r, l| text(&r.text)),
    (
        "最新单位答复摘要",
        "latest reply summary",
        LongText,
        |r, l| opt(&r.claim_summary)
    ),
    (
        "最新委员评议意见",
        "latest assessment comment",
        LongText,
        |r, l| opt(&r.assessment_comment)
    ),
];

/// The column headers, in the export's language.
pub fn headers(lang: Lang) -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.header(lang)).collect()
}

/// A row as text cells (numbers with at most one decimal; empty when none).
pub fn cells(r: &Row, lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| match (c.value)(r, lang) {
            Value::Text(t) => t,
            Value::Number(x) => crate::fmt::number::num(x),
            Value::Empty => String::new(),
        })
        .collect()
}
