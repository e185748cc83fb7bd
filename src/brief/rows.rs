//! Export rows: one row per recommendation with its case, departments, dates, claimed and assessed status,
//! degree, flags and last record, computed from the figures (pure); `output::export` writes them.

use crate::brief::words::{Flag, Phrasing, Words, exclusion, flags};
use crate::case::config::Config;
use crate::case::model::Case;
use crate::figures::cutoff::{AtCutoff, target_meeting};
use crate::figures::{Exclusion, Figures, RecFigure};
use crate::fmt::date::iso;
use crate::lang::Lang;
use serde::Serialize;

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
                flags: flags(f)
                    .into_iter()
                    .filter(|x| *x != Flag::Excluded)
                    .map(|x| x.key().to_string())
                    .collect(),
                light: f.light.key().into(),
                last_record: last_record(cut, f),
                next_meeting: next.clone(),
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
