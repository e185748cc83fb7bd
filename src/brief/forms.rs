//! The forms for a meeting (pure): the members' assessment form (评议表) with one row per recommendation still open or
//! claimed since members last assessed it (待核实), and the departments' feedback form (反向评议表) with each
//! department's recommendations. The tally workbook is written from the same rows.

use crate::case::config::Config;
use crate::case::model::{Case, Recommendation};
use crate::figures::{Figures, RecFigure};
use crate::fmt::date::iso;
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Serialize;

/// Everything the form templates and the tally workbook see.
#[derive(Clone, Debug, Serialize)]
pub struct Forms {
    /// Always true: the page template sets tables with room to write in.
    pub form: bool,
    /// Case id.
    pub case: String,
    /// The topic.
    pub title: String,
    /// The committee, when known.
    pub committee: Option<String>,
    /// The meeting the forms are for.
    pub meeting: FormMeeting,
    /// Data cut-off (ISO).
    pub as_of: String,
    /// Members' forms carry no name line.
    pub anonymous: bool,
    /// The status scale, for the tick boxes.
    pub scale: Vec<FormLevel>,
    /// One row per recommendation on the form.
    pub rows: Vec<FormRow>,
    /// Each department with its recommendations on the form, lead or supporting.
    pub departments: Vec<FormDepartment>,
}

/// The meeting the forms are for.
#[derive(Clone, Debug, Serialize)]
pub struct FormMeeting {
    /// Date (ISO).
    pub date: String,
    /// Its title, when the meeting file gives one.
    pub title: Option<String>,
}

/// One level of the scale.
#[derive(Clone, Debug, Serialize)]
pub struct FormLevel {
    /// Key, e.g. `A`.
    pub key: String,
    /// Name in the forms' language.
    pub label: String,
    /// Degree it stands for.
    pub degree: f64,
}

/// One recommendation on the form.
#[derive(Clone, Debug, Serialize)]
pub struct FormRow {
    /// Id.
    pub id: String,
    /// Short title, else the text.
    pub title: String,
    /// Lead department (full name).
    pub lead: String,
    /// The department's latest claim: status key, when it gave one.
    pub claimed: Option<String>,
    /// The claimed degree, 0–100.
    pub claimed_degree: Option<f64>,
    /// Date of the latest claim (ISO).
    pub claimed_on: Option<String>,
    /// Members' latest assessment: status key.
    pub assessed: Option<String>,
    /// Claimed since members last assessed it, and more than they assessed (待核实).
    pub unverified: bool,
}

/// A department and its recommendations on the form.
#[derive(Clone, Debug, Serialize)]
pub struct FormDepartment {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Its recommendations: (id, title, lead or not).
    pub rows: Vec<FormDepartmentRow>,
}

/// A recommendation on a department's feedback form.
#[derive(Clone, Debug, Serialize)]
pub struct FormDepartmentRow {
    /// Id.
    pub id: String,
    /// Short title, else the text.
    pub title: String,
    /// The department leads it (else supports).
    pub lead: bool,
}

/// Whether a recommendation belongs on the meeting's forms: active, not closed — still open, or claimed since
/// members last looked (a 待核实 item is never closed) — and not out of the totals.
pub fn on_the_form(f: &RecFigure) -> bool {
    !f.flags.closed && f.now.excluded.is_none()
}

/// The forms for the meeting on `meeting` (its file, if any, gives the title).
pub fn forms(
    case: &Case,
    cfg: &Config,
    figures: &Figures,
    meeting: NaiveDate,
    lang: Lang,
) -> Forms {
    let key = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.key.clone());
    let name = |id: &str| {
        case.department(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    let on: Vec<(&Recommendation, &RecFigure)> = figures
        .recs
        .iter()
        .filter(|f| on_the_form(f))
        .filter_map(|f| case.rec(&f.id).map(|r| (r, f)))
        .collect();
    let rows = on
        .iter()
        .map(|(r, f)| FormRow {
            id: r.id.value.clone(),
            title: short_title(r),
            lead: name(&r.lead.value),
            claimed: f.now.claim.as_ref().and_then(|c| key(c.status)),
            claimed_degree: f.now.claim.as_ref().map(|c| c.degree),
            claimed_on: f.now.claim.as_ref().map(|c| iso(c.source.date)),
            assessed: f.now.assessment.as_ref().and_then(|a| key(a.status)),
            unverified: f.flags.unverified,
        })
        .collect();
    Forms {
        form: true,
        case: case.id.clone(),
        title: case.title.value.clone(),
        committee: case.committee.clone().or_else(|| cfg.committee.clone()),
        meeting: FormMeeting {
            date: iso(meeting),
            title: case
                .meetings
                .iter()
                .find(|m| m.date.value == meeting)
                .and_then(|m| m.title.clone()),
        },
        as_of: iso(figures.as_of),
        anonymous: cfg.anonymous_forms,
        scale: cfg
            .scale
            .iter()
            .map(|l| FormLevel {
                key: l.key.clone(),
                label: lang.pick(&l.zh, &l.en).to_string(),
                degree: l.degree,
            })
            .collect(),
        rows,
        departments: departments(case, &on, name),
    }
}

fn short_title(r: &Recommendation) -> String {
    r.title.clone().unwrap_or_else(|| r.text.value.clone())
}

/// Each department of the case, in file order, with the recommendations on the form it leads or supports.
fn departments(
    case: &Case,
    on: &[(&Recommendation, &RecFigure)],
    name: impl Fn(&str) -> String,
) -> Vec<FormDepartment> {
    case.departments
        .iter()
        .map(|d| FormDepartment {
            id: d.id.value.clone(),
            name: name(&d.id.value),
            rows: on
                .iter()
                .filter_map(|(r, _)| {
                    let lead = r.lead.value == d.id.value;
                    (lead || r.support.iter().any(|s| s.value == d.id.value)).then(|| {
                        FormDepartmentRow {
                            id: r.id.value.clone(),
                            title: short_title(r),
                            lead,
                        }
                    })
                })
                .collect(),
        })
        .filter(|d| !d.rows.is_empty())
        .collect()
}
