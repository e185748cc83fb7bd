//! Export rows: one row per recommendation with its case, departments, dates, claimed and assessed status,
//! degree, flags and last record, computed from the figures (pure); `output::export` writes them.

use crate::brief::words::{Flag, Phrasing, Words, exclusion, flags};
use crate::case::config::Config;
use crate::case::model::Case;
use crate::figures::cutoff::{AtCutoff, target_meeting};
use crate::figures::{Exclusion, Figures, Light, RecFigure};
use crate::fmt::date::iso;
use crate::lang::Lang;
use serde::Serialize;

/// One recommendation.
#[derive(Clone, Debug, Serialize, PartialEq, schemars::JsonSchema)]
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
    /// Degree members verified (the latest assessment's), 0–100, or none when never assessed and left out, or
    /// excluded.
    pub verified: Option<f64>,
    /// Whether the item counts in totals.
    pub counted: bool,
    /// Why it is out of the totals.
    pub excluded: Option<String>,
    /// Change since the last meeting.
    pub change: Option<f64>,
    /// Flag keys: overdue, stalled, disputed, unverified, lead_silent, regressed, unreported, new, closed, excluded.
    pub flags: Vec<String>,
    /// Traffic light: red, amber, green or none.
    pub light: String,
    /// Date of the latest record about it (reply or assessment).
    pub last_record: Option<String>,
    /// Next meeting of its case.
    pub next_meeting: Option<String>,
    /// The recommendation's full text.
    pub text: String,
    /// The summary of the latest reply item that states one, up to the cut-off.
    pub claim_summary: Option<String>,
    /// The comment members gave with their latest assessment.
    pub assessment_comment: Option<String>,
    /// Words for the codes above, in the export's language (spreadsheets show these; JSON keeps the codes).
    #[serde(skip)]
    #[schemars(skip)]
    pub words: RowWords,
}

/// A row's codes in words: 重点/一般, 红灯/黄灯/绿灯, 逾期、停滞…
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowWords {
    /// Priority.
    pub priority: String,
    /// Traffic light; empty when none.
    pub light: String,
    /// Flags.
    pub flags: Vec<String>,
}

/// One case's totals, for the export's summary sheet.
#[derive(Clone, Debug, Serialize, PartialEq, schemars::JsonSchema)]
pub struct CaseTotal {
    /// Case id (folder name).
    pub case: String,
    /// Case topic.
    pub case_title: String,
    /// Recommendations active at the cut-off.
    pub recommendations: usize,
    /// Recommendations counted in the totals.
    pub counted: usize,
    /// Degree as departments claim it (Σ w·d ÷ Σ w), 0–100, or none when nothing counts.
    pub degree: Option<f64>,
    /// Degree verified by members, 0–100, or none.
    pub verified: Option<f64>,
    /// Claimed, not yet verified (待核实).
    pub unverified: usize,
    /// Overdue.
    pub overdue: usize,
    /// Without any report.
    pub unreported: usize,
    /// Out of the totals (no longer applicable, superseded, weight 0).
    pub excluded: usize,
}

/// The totals of one case at the figures' cut-off.
pub fn case_total(case: &Case, figures: &Figures) -> CaseTotal {
    let count = |on: fn(&RecFigure) -> bool| figures.recs.iter().filter(|f| on(f)).count();
    CaseTotal {
        case: case.id.clone(),
        case_title: case.title.value.clone(),
        recommendations: figures.recs.len(),
        counted: count(|f| f.now.counted.is_some()),
        degree: figures.overall.degree,
        verified: figures.overall.verified,
        unverified: count(|f| f.flags.unverified),
        overdue: count(|f| f.flags.overdue),
        unreported: count(|f| f.flags.unreported),
        excluded: count(|f| f.now.counted.is_none() && !f.flags.unreported),
    }
}

/// The rows of one case at the figures' cut-off.
pub fn rows(case: &Case, cfg: &Config, figures: &Figures, lang: Lang) -> Vec<Row> {
    let key = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.key.clone());
    let dept = |id: &str| {
        case.department(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    let cut = AtCutoff::new(case, figures.as_of);
    let next = target_meeting(case, figures.as_of, None).map(|m| iso(m.date.value));
    figures
        .recs
        .iter()
        .filter_map(|f| case.rec(&f.id).map(|r| (r, f)))
        .map(|(r, f)| {
            let on: Vec<Flag> = flags(f)
                .into_iter()
                .filter(|x| *x != Flag::Excluded)
                .collect();
            let excluded = match &f.now.excluded {
                Some(e) => Some(exclusion(e, lang, Phrasing::Short)),
                None if r.weight.value <= 0.0 => {
                    Some(lang.pick("权重为 0", "weight 0").to_string())
                }
                None => None,
            };
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
                priority: r.priority.key().into(),
                weight: r.weight.value,
                assigned: r.assigned.as_ref().map(|d| iso(d.value)),
                due: r.due.as_ref().map(|d| iso(d.value)),
                revised_due: f.revised_due.as_ref().map(|x| iso(x.0)),
                claimed: f.now.claim.as_ref().and_then(|c| key(c.status)),
                assessed: f.now.assessment.as_ref().and_then(|a| key(a.status)),
                status: key(f.now.status),
                status_label: status_label(cfg, f, excluded.as_deref(), lang),
                degree: f.now.degree,
                verified: f.now.verified,
                counted: f.now.counted.is_some(),
                excluded,
                change: f.change,
                flags: on.iter().map(|x| x.key().to_string()).collect(),
                light: f.light.key().into(),
                last_record: last_record(cut, f),
                next_meeting: next.clone(),
                text: r.text.value.clone(),
                claim_summary: claim_summary(cut, f),
                assessment_comment: assessment_comment(cut, f),
                words: RowWords {
                    priority: r.priority.word(lang).into(),
                    light: match f.light {
                        Light::None => String::new(),
                        l => l.word(lang).into(),
                    },
                    flags: on.iter().map(|x| x.word(lang).to_string()).collect(),
                },
            }
        })
        .collect()
}

/// The status in words: the scale's label, or why the item is out of the totals, 未反馈, or progress only.
fn status_label(cfg: &Config, f: &RecFigure, excluded: Option<&str>, lang: Lang) -> String {
    let words = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    match (&f.now.excluded, f.now.status.and_then(|s| cfg.scale.get(s))) {
        // A claim members have not looked at yet is its own state, whatever it claims.
        (None, Some(l)) if f.flags.unverified => {
            let claimed = words(&l.zh, &l.en);
            lang.pick(
                &format!("待核实（单位自评：{claimed}）"),
                &format!("claimed, not verified ({claimed})"),
            )
            .to_string()
        }
        (Some(Exclusion::Status(_)) | None, Some(l)) => words(&l.zh, &l.en),
        (Some(_), _) => excluded.unwrap_or_default().to_string(),
        (None, None) if f.flags.unreported => words("未反馈", "no report"),
        (None, None) => words("只报进度", "progress only"),
    }
}

/// The date of the latest record about the item: claim, assessment or any reply mentioning it.
/// The summary of the latest reply item about the recommendation that states one.
fn claim_summary(cut: AtCutoff<'_>, f: &RecFigure) -> Option<String> {
    cut.replies()
        .flat_map(|rep| rep.items.iter())
        .filter(|i| i.rec.value == f.id)
        .filter_map(|i| i.summary.clone())
        .next_back()
}

/// The comment of the assessment the figures take as the latest.
fn assessment_comment(cut: AtCutoff<'_>, f: &RecFigure) -> Option<String> {
    let date = f.now.assessment.as_ref()?.source.date;
    cut.held()
        .filter(|m| m.date.value == date)
        .flat_map(|m| m.assessments.iter())
        .filter(|a| a.rec.value == f.id)
        .find_map(|a| a.comment.clone())
}

fn last_record(cut: AtCutoff<'_>, f: &RecFigure) -> Option<String> {
    [f.now.claim.as_ref(), f.now.assessment.as_ref()]
        .into_iter()
        .flatten()
        .map(|x| x.source.date)
        .chain(
            cut.replies()
                .filter(|rep| rep.items.iter().any(|i| i.rec.value == f.id))
                .map(|rep| rep.date.value),
        )
        .max()
        .map(iso)
}
