//! Exports: one row per recommendation with its case, departments, dates, claimed and assessed status, degree,
//! flags and last record — as CSV (UTF-8 with a BOM, so Excel shows Chinese), XLSX, or JSON with a versioned shape.
//! Rows are computed here from the figures (pure); the writers only format them.

use crate::brief::target_meeting;
use crate::case::config::Config;
use crate::case::model::Case;
use crate::figures::{Exclusion, Figures};
use crate::fmt::date::iso;
use crate::lang::Lang;
use serde::Serialize;

/// Name of the JSON format, written in every JSON export.
pub const JSON_FORMAT: &str = "rexieshang-export";
/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// One recommendation.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row {
    /// Case id (folder name).
    pub case: String,
    /// Case topic.
    pub case_title: String,
    /// Aspect id.
    pub aspect: String,
    /// Aspect title.
    pub aspect_title: String,
    /// Recommendation id.
    pub rec: String,
    /// Short title, else the text.
    pub title: String,
    /// Lead department (full name).
    pub lead: String,
    /// Support departments (full names).
    pub support: Vec<String>,
    /// `high` or `normal`.
    pub priority: String,
    /// Weight.
    pub weight: f64,
    /// Date assigned.
    pub assigned: Option<String>,
    /// Due date as adopted.
    pub due: Option<String>,
    /// Due date in force, if a reply moved it.
    pub revised_due: Option<String>,
    /// The department's claimed status key.
    pub claimed: Option<String>,
    /// The members' assessed status key.
    pub assessed: Option<String>,
    /// Effective status key.
    pub status: Option<String>,
    /// Effective status label in the export's language (or 未反馈 / superseded text).
    pub status_label: String,
    /// Degree 0–100, or none when unreported or excluded.
    pub degree: Option<f64>,
    /// Whether the item counts in totals.
    pub counted: bool,
    /// Why it is out of the totals.
    pub excluded: Option<String>,
    /// Change since the last meeting.
    pub change: Option<f64>,
    /// Flag keys: overdue, stalled, disputed, regressed, unreported, new, closed.
    pub flags: Vec<String>,
    /// Traffic light: red, amber, green or none.
    pub light: String,
    /// Date of the latest record about it (reply or assessment).
    pub last_record: Option<String>,
    /// Next meeting of its case.
    pub next_meeting: Option<String>,
}

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

/// The rows of one case at the figures' cut-off.
pub fn rows(case: &Case, cfg: &Config, figures: &Figures, lang: Lang) -> Vec<Row> {
    let key = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.key.clone());
    let dept = |id: &str| {
        case.department(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    let t = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let next = target_meeting(case, figures.as_of, None).map(|m| iso(m.date.value));
    figures
        .recs
        .iter()
        .filter_map(|f| case.rec(&f.id).map(|r| (r, f)))
        .map(|(r, f)| {
            let flags = [
                (f.flags.overdue, "overdue"),
                (f.flags.stalled, "stalled"),
                (f.flags.disputed, "disputed"),
                (f.flags.regressed, "regressed"),
                (f.flags.unreported, "unreported"),
                (f.flags.new, "new"),
                (f.flags.closed && f.now.excluded.is_none(), "closed"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, k)| k.to_string())
            .collect();
            let excluded = f.now.excluded.as_ref().map(|e| match e {
                Exclusion::Status(_) => t("状态不计入", "excluded status"),
                Exclusion::SupersededBy(x) => {
                    t(&format!("已由 {x} 取代"), &format!("superseded by {x}"))
                }
                Exclusion::MergedInto(x) => t(&format!("已并入 {x}"), &format!("merged into {x}")),
                Exclusion::SplitInto(x) => t(
                    &format!("已拆分为 {}", x.join("、")),
                    &format!("split into {}", x.join(", ")),
                ),
            });
            let status_label = match (&f.now.excluded, f.now.status.and_then(|s| cfg.scale.get(s)))
            {
                (Some(Exclusion::Status(_)) | None, Some(l)) => t(&l.zh, &l.en),
                (Some(_), _) => excluded.clone().unwrap_or_default(),
                (None, None) if f.flags.unreported => t("未反馈", "no report"),
                (None, None) => t("只报进度", "progress only"),
            };
            let last_record = [f.now.claim.as_ref(), f.now.assessment.as_ref()]
                .into_iter()
                .flatten()
                .map(|x| x.source.date)
                .chain(
                    case.replies
                        .iter()
                        .filter(|rep| {
                            rep.date.value <= figures.as_of
                                && rep.items.iter().any(|i| i.rec.value == f.id)
                        })
                        .map(|rep| rep.date.value),
                )
                .max()
                .map(iso);
            Row {
                case: case.id.clone(),
                case_title: case.title.value.clone(),
                aspect: r.aspect.value.clone(),
                aspect_title: case
                    .aspects
                    .iter()
                    .find(|a| a.id.value == r.aspect.value)
                    .map(|a| a.title.value.clone())
                    .unwrap_or_default(),
                rec: r.id.value.clone(),
                title: r.title.clone().unwrap_or_else(|| r.text.value.clone()),
                lead: dept(&r.lead.value),
                support: r.support.iter().map(|s| dept(&s.value)).collect(),
                priority: match r.priority {
                    crate::case::model::Priority::High => "high".into(),
                    crate::case::model::Priority::Normal => "normal".into(),
                },
                weight: r.weight.value,
                assigned: r.assigned.as_ref().map(|d| iso(d.value)),
                due: r.due.as_ref().map(|d| iso(d.value)),
                revised_due: f.revised_due.as_ref().map(|x| iso(x.0)),
                claimed: f.now.claim.as_ref().and_then(|c| key(c.status)),
                assessed: f.now.assessment.as_ref().and_then(|a| key(a.status)),
                status: key(f.now.status),
                status_label,
                degree: f.now.degree,
                counted: f.now.counted.is_some(),
                excluded,
                change: f.change,
                flags,
                light: match f.light {
                    crate::figures::Light::Red => "red",
                    crate::figures::Light::Amber => "amber",
                    crate::figures::Light::Green => "green",
                    crate::figures::Light::None => "none",
                }
                .into(),
                last_record,
                next_meeting: next.clone(),
            }
        })
        .collect()
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
        yes(r.counted).to_string(),
        opt(&r.excluded),
        num(r.change),
        r.flags.join(" "),
        r.light.clone(),
        opt(&r.last_record),
        opt(&r.next_meeting),
    ]
}

/// JSON bytes.
pub fn to_json(rows: &[Row], as_of: chrono::NaiveDate) -> Result<Vec<u8>, String> {
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
        w.write_record(cells(r, lang)).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// XLSX bytes: a header row, frozen panes, degrees as numbers formatted as percentages.
pub fn to_xlsx(rows: &[Row], lang: Lang) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let e = |x: rust_xlsxwriter::XlsxError| x.to_string();
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
    let degree_col = 17u16;
    let change_col = 20u16;
    for (c, h) in headers(lang).iter().enumerate() {
        sheet
            .write_string_with_format(0, u16::try_from(c).unwrap_or(u16::MAX), *h, &bold)
            .map_err(e)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| "too many rows".to_string())?;
        for (c, text) in cells(r, lang).iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            if col == degree_col {
                if let Some(d) = r.degree {
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
            } else if col == 9 {
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
