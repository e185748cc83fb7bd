//! The overview across cases: per case, per department (matched by full name across cases), and the ageing of
//! open recommendations. Pure: cases with their figures in, the overview model out (documented in
//! `docs/templates.md`).

use crate::brief::words::Words;
use crate::case::config::Config;
use crate::case::model::Case;
use crate::figures::cutoff::target_meeting;
use crate::figures::{Figures, RecFigure, light, weighted_mean};
use crate::fmt::date::iso;
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which cases an overview covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Year the proposal was adopted.
    pub year: Option<i32>,
    /// Committee name (the case's, else the repository's).
    pub committee: Option<String>,
    /// A tag the case carries.
    pub tag: Option<String>,
}

impl Filter {
    /// Whether a case passes.
    pub fn accepts(&self, case: &Case, cfg: &Config) -> bool {
        use chrono::Datelike;
        let committee = case.committee.as_ref().or(cfg.committee.as_ref());
        self.year
            .is_none_or(|y| case.proposal.adopted.value.year() == y)
            && self.committee.as_ref().is_none_or(|c| committee == Some(c))
            && self.tag.as_ref().is_none_or(|t| case.tags.contains(t))
    }
}

/// The overview model.
#[derive(Debug, Serialize)]
pub struct Overview {
    /// Model version.
    pub version: u32,
    /// `zh` or `en`.
    pub lang: String,
    /// Repository committee.
    pub committee: Option<String>,
    /// Data cut-off.
    pub as_of: String,
    /// Filter in force: year, committee, tag (each may be none).
    pub filter: FilterView,
    /// Totals over every case shown.
    pub totals: Totals,
    /// Per case, sorted by case id.
    pub cases: Vec<CaseRow>,
    /// Per department across cases, most open items first.
    pub departments: Vec<DepartmentRow>,
    /// Open recommendations by days since they were adopted.
    pub age: Vec<Band>,
    /// Open recommendations by days past their due date.
    pub past_due: Vec<Band>,
}

/// The filter, for the template.
#[derive(Debug, Serialize)]
pub struct FilterView {
    /// Year.
    pub year: Option<i32>,
    /// Committee.
    pub committee: Option<String>,
    /// Tag.
    pub tag: Option<String>,
}

/// Totals.
#[derive(Debug, Serialize)]
pub struct Totals {
    /// Cases shown.
    pub cases: usize,
    /// Recommendations in force.
    pub recommendations: usize,
    /// Open ones.
    pub open: usize,
    /// Overdue.
    pub overdue: usize,
    /// Stalled.
    pub stalled: usize,
    /// Disputed.
    pub disputed: usize,
    /// Unreported.
    pub unreported: usize,
    /// Weighted mean over every counted recommendation of every case shown.
    pub degree: Option<f64>,
}

/// One case.
#[derive(Debug, Serialize)]
pub struct CaseRow {
    /// Id.
    pub id: String,
    /// Topic.
    pub title: String,
    /// Committee.
    pub committee: Option<String>,
    /// Adopted.
    pub adopted: String,
    /// Closed case.
    pub closed: bool,
    /// Degree.
    pub degree: Option<f64>,
    /// red/amber/green/none.
    pub light: String,
    /// Change since the case's last meeting.
    pub change: Option<f64>,
    /// Last meeting held.
    pub last_meeting: Option<String>,
    /// Next meeting.
    pub next_meeting: Option<String>,
    /// Counts by status key (scale order), e.g. "A6 B6 C1".
    pub by_status: Vec<KeyCount>,
    /// Recommendations in force.
    pub total: usize,
    /// Open.
    pub open: usize,
    /// Overdue.
    pub overdue: usize,
    /// Stalled.
    pub stalled: usize,
    /// Disputed.
    pub disputed: usize,
    /// Unreported.
    pub unreported: usize,
}

/// A count under a key.
#[derive(Debug, Serialize)]
pub struct KeyCount {
    /// Status key.
    pub key: String,
    /// Count.
    pub count: usize,
}

/// One department across cases.
#[derive(Debug, Serialize)]
pub struct DepartmentRow {
    /// Full name.
    pub name: String,
    /// Cases it leads recommendations in.
    pub cases: usize,
    /// Recommendations it leads.
    pub leads: usize,
    /// Open ones.
    pub open: usize,
    /// Overdue.
    pub overdue: usize,
    /// Disputed.
    pub disputed: usize,
    /// Unreported.
    pub unreported: usize,
    /// Weighted mean over the ones it leads.
    pub degree: Option<f64>,
}

/// A count in an ageing band.
#[derive(Debug, Serialize)]
pub struct Band {
    /// Band label.
    pub label: String,
    /// Open recommendations in it.
    pub count: usize,
}

/// Builds the overview. `cases` are the cases that passed the filter, with their figures at `as_of`.
pub fn build(
    cases: &[(Case, Figures)],
    cfg: &Config,
    as_of: NaiveDate,
    filter: &Filter,
    lang: Lang,
) -> Overview {
    let mut acc = Across {
        as_of,
        ..Across::default()
    };
    let rows: Vec<CaseRow> = cases
        .iter()
        .map(|(case, f)| {
            acc.add(case, f);
            case_row(case, f, cfg, as_of)
        })
        .collect();
    let totals = Totals {
        cases: cases.len(),
        recommendations: rows.iter().map(|r| r.total).sum(),
        open: rows.iter().map(|r| r.open).sum(),
        overdue: rows.iter().map(|r| r.overdue).sum(),
        stalled: rows.iter().map(|r| r.stalled).sum(),
        disputed: rows.iter().map(|r| r.disputed).sum(),
        unreported: rows.iter().map(|r| r.unreported).sum(),
        degree: weighted_mean(std::mem::take(&mut acc.pairs)),
    };
    let band = |labels: [(&str, &str); 4], counts: [usize; 4]| -> Vec<Band> {
        labels
            .iter()
            .zip(counts)
            .map(|((zh, en), count)| Band {
                label: lang.pick(zh, en).to_string(),
                count,
            })
            .collect()
    };
    Overview {
        version: 1,
        lang: lang.code().into(),
        committee: cfg.committee.clone(),
        as_of: iso(as_of),
        filter: FilterView {
            year: filter.year,
            committee: filter.committee.clone(),
            tag: filter.tag.clone(),
        },
        totals,
        cases: rows,
        age: band(AGE_BANDS, acc.age),
        past_due: band(PAST_DUE_BANDS, acc.past_due),
        departments: acc.departments(),
    }
}

/// How long open recommendations have been open.
const AGE_BANDS: [(&str, &str); 4] = [
    ("不满半年", "under 6 months"),
    ("半年至一年", "6–12 months"),
    ("一至两年", "1–2 years"),
    ("两年以上", "over 2 years"),
];

/// How far open recommendations are past their due date.
const PAST_DUE_BANDS: [(&str, &str); 4] = [
    ("未到期或无期限", "not yet due or no due date"),
    ("逾期 1–90 天", "1–90 days overdue"),
    ("逾期 91–365 天", "91–365 days overdue"),
    ("逾期一年以上", "over a year overdue"),
];

/// One case's row.
fn case_row(case: &Case, f: &Figures, cfg: &Config, as_of: NaiveDate) -> CaseRow {
    let count = |p: &dyn Fn(&RecFigure) -> bool| f.recs.iter().filter(|r| p(r)).count();
    let tally = f.status_tally(cfg.scale.len());
    CaseRow {
        id: case.id.clone(),
        title: case.title.value.clone(),
        committee: case.committee.clone().or_else(|| cfg.committee.clone()),
        adopted: iso(case.proposal.adopted.value),
        closed: case.closed,
        degree: f.overall.degree,
        light: light(cfg, f.overall.degree, false).key().into(),
        change: f.change,
        last_meeting: f.last_meeting.map(iso),
        next_meeting: target_meeting(case, as_of, None).map(|m| iso(m.date.value)),
        by_status: cfg
            .scale
            .iter()
            .zip(tally.levels)
            .map(|(s, count)| KeyCount {
                key: s.key.clone(),
                count,
            })
            .filter(|k| k.count > 0)
            .collect(),
        total: f.recs.len(),
        open: count(&|r| !r.flags.closed),
        overdue: count(&|r| r.flags.overdue),
        stalled: count(&|r| r.flags.stalled),
        disputed: count(&|r| r.flags.disputed),
        unreported: count(&|r| r.flags.unreported),
    }
}

/// What is summed across cases: every counted degree, per lead department, and the ageing of open items.
#[derive(Default)]
struct Across {
    as_of: NaiveDate,
    /// (weight, degree) of every counted recommendation.
    pairs: Vec<(f64, f64)>,
    /// Per lead department's full name.
    depts: BTreeMap<String, DeptAcc>,
    age: [usize; 4],
    past_due: [usize; 4],
}

#[derive(Default)]
struct DeptAcc {
    cases: std::collections::BTreeSet<String>,
    leads: usize,
    open: usize,
    overdue: usize,
    disputed: usize,
    unreported: usize,
    pairs: Vec<(f64, f64)>,
}

impl Across {
    /// Adds a case's recommendations.
    fn add(&mut self, case: &Case, f: &Figures) {
        for fig in &f.recs {
            let Some(rec) = case.rec(&fig.id) else {
                continue;
            };
            let counted = fig
                .now
                .counted
                .filter(|_| rec.weight.value > 0.0)
                .map(|d| (rec.weight.value, d));
            self.pairs.extend(counted);
            let name = case
                .department(&rec.lead.value)
                .map_or_else(|| rec.lead.value.clone(), |d| d.name.clone());
            let acc = self.depts.entry(name).or_default();
            acc.cases.insert(case.id.clone());
            acc.leads += 1;
            acc.open += usize::from(!fig.flags.closed);
            acc.overdue += usize::from(fig.flags.overdue);
            acc.disputed += usize::from(fig.flags.disputed);
            acc.unreported += usize::from(fig.flags.unreported);
            acc.pairs.extend(counted);
            if !fig.flags.closed {
                let since = rec
                    .added
                    .as_ref()
                    .map_or(case.proposal.adopted.value, |d| d.value);
                self.age_open(since, fig.due);
            }
        }
    }

    /// Counts an open recommendation, open since `since`, in the age and past-due bands.
    fn age_open(&mut self, since: NaiveDate, due: Option<NaiveDate>) {
        let slot = match (self.as_of - since).num_days() {
            ..=179 => 0,
            180..=365 => 1,
            366..=730 => 2,
            _ => 3,
        };
        if let Some(a) = self.age.get_mut(slot) {
            *a += 1;
        }
        let slot = match due.map(|d| (self.as_of - d).num_days()).unwrap_or(0) {
            ..=0 => 0,
            1..=90 => 1,
            91..=365 => 2,
            _ => 3,
        };
        if let Some(p) = self.past_due.get_mut(slot) {
            *p += 1;
        }
    }

    /// The departments, most open items first.
    fn departments(&mut self) -> Vec<DepartmentRow> {
        let mut out: Vec<DepartmentRow> = std::mem::take(&mut self.depts)
            .into_iter()
            .map(|(name, a)| DepartmentRow {
                name,
                cases: a.cases.len(),
                leads: a.leads,
                open: a.open,
                overdue: a.overdue,
                disputed: a.disputed,
                unreported: a.unreported,
                degree: weighted_mean(a.pairs),
            })
            .collect();
        out.sort_by(|a, b| {
            (b.open, b.overdue, b.disputed)
                .cmp(&(a.open, a.overdue, a.disputed))
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}
