//! One recommendation at one date: the department's latest claim, the members' latest assessment, which of the two
//! the figure follows, its degree, and whether it is out of the totals.

use crate::case::config::{Config, Unreported};
use crate::case::model::{Case, Measure, Recommendation};
use crate::figures::index::{Claim, Index};
use crate::figures::mean::weighted_mean;
use chrono::NaiveDate;

/// Where a figure came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Date of the record.
    pub date: NaiveDate,
    /// File it is in.
    pub file: String,
    /// Line of the item in that file.
    pub line: usize,
    /// Department (claims) or `None` (assessments).
    pub department: Option<String>,
}

/// A claimed or assessed value.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Status index on the scale, if stated.
    pub status: Option<usize>,
    /// Explicit progress, if stated.
    pub progress: Option<f64>,
    /// The degree this reading stands for.
    pub degree: f64,
    /// The record.
    pub source: Source,
}

/// What a measure's figures are.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureFigure {
    /// Measure id.
    pub id: String,
    /// Weight within the recommendation.
    pub weight: f64,
    /// Latest claim about it.
    pub claim: Option<Reading>,
    /// Degree counted for it (`None`: left out as unreported).
    pub counted: Option<f64>,
}

/// Why an item is outside the totals.
#[derive(Clone, Debug, PartialEq)]
pub enum Exclusion {
    /// Its status is an excluded one (e.g. N 不再适用).
    Status(usize),
    /// Superseded by another recommendation.
    SupersededBy(String),
    /// Merged into another recommendation.
    MergedInto(String),
    /// Split into others.
    SplitInto(Vec<String>),
}

/// Which of claim and assessment the figure follows, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Only a department claim exists.
    ClaimOnly,
    /// Only an assessment exists.
    AssessmentOnly,
    /// Both exist; the claim is newer.
    ClaimNewer,
    /// Both exist; the assessment is as new or newer.
    AssessmentNewer,
    /// Neither exists.
    Unreported,
}

/// A recommendation's figures at one date.
#[derive(Clone, Debug, PartialEq)]
pub struct RecState {
    /// Whether it exists at that date (added on or before it).
    pub active: bool,
    /// Latest claim (for measure-based recommendations: the derived one).
    pub claim: Option<Reading>,
    /// Latest assessment.
    pub assessment: Option<Reading>,
    /// Which one the figure follows.
    pub basis: Basis,
    /// Effective status.
    pub status: Option<usize>,
    /// Effective degree, `None` when unreported or excluded.
    pub degree: Option<f64>,
    /// Degree used in totals (`None`: out of the denominator — excluded, weight 0, or unreported under `exclude`).
    pub counted: Option<f64>,
    /// Degree members verified, used in the verified totals: the latest assessment's, whatever was claimed since;
    /// without any assessment, as configured for unreported items (0, or `None`: out of the denominator).
    pub verified: Option<f64>,
    /// Set when the item leaves the totals.
    pub excluded: Option<Exclusion>,
    /// Measure breakdown, if the recommendation has measures.
    pub measures: Vec<MeasureFigure>,
    /// Only supporting departments have replied: their claim counts until the lead replies.
    pub lead_silent: bool,
}

fn degree_of(cfg: &Config, status: Option<usize>, progress: Option<f64>) -> Option<f64> {
    progress.or_else(|| status.and_then(|s| cfg.scale.get(s)).map(|s| s.degree))
}

fn reading(
    cfg: &Config,
    date: NaiveDate,
    file: &str,
    dept: Option<&str>,
    line: usize,
    status: Option<usize>,
    progress: Option<f64>,
) -> Option<Reading> {
    let degree = degree_of(cfg, status, progress)?;
    Some(Reading {
        status,
        progress,
        degree,
        source: Source {
            date,
            file: file.to_string(),
            line,
            department: dept.map(str::to_string),
        },
    })
}

/// The claims that count for a recommendation: its lead department's, or, while the lead has not replied, those of
/// the supporting departments. A supporting department's reply never replaces the lead's claim.
struct Counted<'l, 'a> {
    list: &'l [Claim<'a>],
    /// The lead's id, when the lead has replied; `None`: every claim counts.
    lead: Option<&'l str>,
}

impl<'l, 'a> Counted<'l, 'a> {
    fn new(list: &'l [Claim<'a>], lead: &'l str) -> Self {
        let replied = list.iter().any(|c| c.reply.department.value == lead);
        Counted {
            list,
            lead: replied.then_some(lead),
        }
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = &'l Claim<'a>> + '_ {
        self.list
            .iter()
            .filter(|c| self.lead.is_none_or(|l| c.reply.department.value == l))
    }
}

fn latest_claim(cfg: &Config, list: &Counted<'_, '_>, measure: Option<&str>) -> Option<Reading> {
    list.iter()
        .filter(|c| c.item.measure.as_ref().map(|m| m.value.as_str()) == measure)
        .filter_map(|c| {
            let i = c.item;
            reading(
                cfg,
                c.date(),
                &c.reply.file,
                Some(&c.reply.department.value),
                i.rec.pos.line,
                i.status.as_ref().map(|s| s.value),
                i.progress.as_ref().map(|p| p.value),
            )
        })
        .next_back()
}

fn measure_figures(
    cfg: &Config,
    measures: &[Measure],
    list: &Counted<'_, '_>,
) -> Vec<MeasureFigure> {
    measures
        .iter()
        .map(|m| {
            let claim = latest_claim(cfg, list, Some(&m.id.value));
            let counted = match (&claim, cfg.unreported) {
                (Some(c), _) => Some(c.degree),
                (None, Unreported::Zero) => Some(0.0),
                (None, Unreported::Exclude) => None,
            };
            MeasureFigure {
                id: m.id.value.clone(),
                weight: m.weight.value,
                claim,
                counted,
            }
        })
        .collect()
}

/// The terms of the measures' weighted mean: (weight, degree counted) for each measure that counts.
pub fn measure_terms(measures: &[MeasureFigure]) -> impl Iterator<Item = (f64, f64)> + '_ {
    measures
        .iter()
        .filter_map(|m| m.counted.map(|d| (m.weight, d)))
}

/// The claim for a recommendation with measures: derived from the measures unless a whole-recommendation claim is newer.
fn derived_claim(
    cfg: &Config,
    rec_level: Option<Reading>,
    measures: &[MeasureFigure],
) -> Option<Reading> {
    let newest_measure = measures
        .iter()
        .filter_map(|m| m.claim.as_ref())
        .max_by(|a, b| {
            (a.source.date, &a.source.file, a.source.line).cmp(&(
                b.source.date,
                &b.source.file,
                b.source.line,
            ))
        })?;
    if let Some(r) = &rec_level
        && (r.source.date, &r.source.file, r.source.line)
            > (
                newest_measure.source.date,
                &newest_measure.source.file,
                newest_measure.source.line,
            )
    {
        return rec_level;
    }
    let degree = weighted_mean(measure_terms(measures))?;
    // The status shown is the least advanced of the measures' statuses: the recommendation is only as done as its weakest part.
    let weakest = measures
        .iter()
        .filter_map(|m| m.claim.as_ref().and_then(|c| c.status))
        .min_by(|a, b| {
            let da = cfg.scale.get(*a).map_or(0.0, |s| s.degree);
            let db = cfg.scale.get(*b).map_or(0.0, |s| s.degree);
            da.total_cmp(&db).then(b.cmp(a))
        });
    // A measure nobody has reported on is a part not shown done: then no final status, only the progress.
    let silent = measures.iter().any(|m| m.claim.is_none());
    let status = weakest.filter(|s| !(silent && cfg.scale.get(*s).is_some_and(|l| l.is_final)));
    Some(Reading {
        status,
        progress: Some(degree),
        degree,
        source: newest_measure.source.clone(),
    })
}

fn latest_assessment(cfg: &Config, ix: &Index<'_>, rec: &str, at: NaiveDate) -> Option<Reading> {
    ix.assessments
        .get(rec)?
        .iter()
        .filter(|(m, _)| m.date.value <= at)
        .filter_map(|(m, a)| {
            reading(
                cfg,
                m.date.value,
                &m.file,
                None,
                a.rec.pos.line,
                a.status.as_ref().map(|s| s.value),
                a.progress.as_ref().map(|p| p.value),
            )
        })
        .next_back()
}

/// The date from which a recommendation exists: its `added` date, else the proposal's adoption.
pub(super) fn added(case: &Case, rec: &Recommendation) -> NaiveDate {
    rec.added
        .as_ref()
        .map_or(case.proposal.adopted.value, |d| d.value)
}

/// Whether lineage takes the recommendation out of the totals at `at`.
fn lineage_exclusion(ix: &Index<'_>, rec: &Recommendation, at: NaiveDate) -> Option<Exclusion> {
    let case = ix.case;
    let in_force = |id: &str| case.rec(id).is_some_and(|r| added(case, r) <= at);
    if let Some(s) = rec.superseded_by.as_ref().filter(|s| in_force(&s.value)) {
        return Some(Exclusion::SupersededBy(s.value.clone()));
    }
    if let Some(s) = rec.merged_into.as_ref().filter(|s| in_force(&s.value)) {
        return Some(Exclusion::MergedInto(s.value.clone()));
    }
    let parts: Vec<String> = rec
        .split_into
        .iter()
        .filter(|s| in_force(&s.value))
        .map(|s| s.value.clone())
        .collect();
    if !parts.is_empty() {
        return Some(Exclusion::SplitInto(parts));
    }
    // A newer recommendation that says it revises this one replaces it too.
    ix.revisions
        .get(rec.id.value.as_str())?
        .iter()
        .find(|r| added(case, r) <= at)
        .map(|r| Exclusion::SupersededBy(r.id.value.clone()))
}

/// A recommendation's figures at date `at`.
pub(super) fn state(ix: &Index<'_>, cfg: &Config, rec: &Recommendation, at: NaiveDate) -> RecState {
    let active = added(ix.case, rec) <= at;
    let all = ix.claims(&rec.id.value, at);
    let list = Counted::new(all, &rec.lead.value);
    let lead_silent = !all.is_empty() && list.lead.is_none();
    let rec_level = latest_claim(cfg, &list, None);
    let measures = measure_figures(cfg, &rec.measures, &list);
    let claim = if measures.iter().any(|m| m.claim.is_some()) {
        derived_claim(cfg, rec_level, &measures)
    } else {
        rec_level
    };
    let assessment = latest_assessment(cfg, ix, &rec.id.value, at);
    let (basis, effective) = match (&claim, &assessment) {
        (None, None) => (Basis::Unreported, None),
        (Some(c), None) => (Basis::ClaimOnly, Some(c)),
        (None, Some(a)) => (Basis::AssessmentOnly, Some(a)),
        (Some(c), Some(a)) if c.source.date > a.source.date => (Basis::ClaimNewer, Some(c)),
        (Some(_), Some(a)) => (Basis::AssessmentNewer, Some(a)),
    };
    let status = effective.and_then(|e| e.status);
    let excluded = lineage_exclusion(ix, rec, at).or_else(|| {
        status
            .filter(|s| cfg.scale.get(*s).is_some_and(|l| l.excluded))
            .map(Exclusion::Status)
    });
    let degree = if excluded.is_some() {
        None
    } else {
        effective.map(|e| e.degree)
    };
    // Weight 0 takes a recommendation out of every total as surely as an exclusion, though its degree still shows.
    let weightless = rec.weight.value <= 0.0;
    let counted = match (&excluded, effective, cfg.unreported) {
        (Some(_), _, _) => None,
        _ if weightless => None,
        (None, Some(e), _) => Some(e.degree),
        (None, None, Unreported::Zero) => Some(0.0),
        (None, None, Unreported::Exclude) => None,
    };
    let verified = match (&excluded, &assessment, cfg.unreported) {
        (Some(_), _, _) => None,
        _ if weightless => None,
        (None, Some(a), _) => Some(a.degree),
        (None, None, Unreported::Zero) => Some(0.0),
        (None, None, Unreported::Exclude) => None,
    };
    RecState {
        active,
        claim,
        assessment,
        basis,
        status,
        degree,
        counted,
        verified,
        excluded,
        measures,
        lead_silent,
    }
}

pub(super) fn is_final(cfg: &Config, s: &RecState) -> bool {
    s.status
        .and_then(|i| cfg.scale.get(i))
        .is_some_and(|l| l.is_final)
}
