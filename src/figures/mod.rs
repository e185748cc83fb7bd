//! The figures: implementation degree, claimed versus assessed status, and flags, per measure, recommendation,
//! aspect, department and case, at any cut-off date. Pure computation — a case, the config and a date in,
//! figures out; it never reads the clock or the disk.
//!
//! The rules (also printed by `explain` and documented in `docs/figures.md`):
//! - Only records dated on or before the cut-off count; planned meetings never count.
//! - A department's **claim** for a recommendation is its latest reply item about it (later date wins; on the
//!   same date, the later file and item). With measures, each measure's latest claim counts and the
//!   recommendation's claimed degree is the weighted mean of its measures — unless a whole-recommendation claim is
//!   newer than every measure claim.
//! - The members' **assessment** is the latest assessment at a held meeting.
//! - The **effective** figure is the newer of the two; on the same date the assessment wins.
//! - A record's degree is its explicit `progress`, else the degree of its status on the scale.
//! - Items whose status is excluded (e.g. N 不再适用), or that were superseded, merged or split by a recommendation
//!   already in force, leave every denominator and are listed with the reason.
//! - Items with no claim and no assessment are 未反馈 (unreported): counted as 0 or left out, as the config says,
//!   and always shown as their own state.
//! - Every aggregate is Σ weight × degree ÷ Σ weight over the items it actually used.

use crate::case::config::{Config, Unreported};
use crate::case::model::{
    Assessment, Case, DecisionKind, Measure, Meeting, Recommendation, ReplyItem, Satisfaction,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Days after a meeting without any reply before a recommendation counts as stalled.
pub const STALL_DAYS: i64 = 90;

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
    /// Degree used in totals (`None`: out of the denominator).
    pub counted: Option<f64>,
    /// Set when the item leaves the totals.
    pub excluded: Option<Exclusion>,
    /// Measure breakdown, if the recommendation has measures.
    pub measures: Vec<MeasureFigure>,
}

/// Flags a brief shows for a recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Past its (revised) due date and not finished.
    pub overdue: bool,
    /// No progress across the last two meetings, or no reply for 90 days after the last meeting.
    pub stalled: bool,
    /// Members assessed a lower status than the department claimed.
    pub disputed: bool,
    /// Lower now than at an earlier meeting.
    pub regressed: bool,
    /// No claim and no assessment yet (未反馈).
    pub unreported: bool,
    /// Added at or after the last meeting.
    pub new: bool,
    /// Finished: final status, or closed by a meeting decision.
    pub closed: bool,
}

/// Traffic light for a degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// ≤ red band, or overdue and below the overdue line.
    Red,
    /// Between.
    Amber,
    /// Above the green band.
    Green,
    /// No figure (unreported or excluded).
    None,
}

/// Everything about one recommendation at the cut-off.
#[derive(Clone, Debug, PartialEq)]
pub struct RecFigure {
    /// Recommendation id.
    pub id: String,
    /// Figures at the cut-off.
    pub now: RecState,
    /// Figures at the last held meeting, if any.
    pub at_last_meeting: Option<RecState>,
    /// Change in degree since the last held meeting.
    pub change: Option<f64>,
    /// Due date in force (revised if a reply moved it).
    pub due: Option<NaiveDate>,
    /// The revision that moved it: new date, reason, file.
    pub revised_due: Option<(NaiveDate, Option<String>, String)>,
    /// Flags.
    pub flags: Flags,
    /// Traffic light.
    pub light: Light,
    /// Satisfaction per held meeting (date, counts).
    pub satisfaction: Vec<(NaiveDate, Satisfaction)>,
    /// Why it is stalled, when it is.
    pub stall: Option<Stall>,
}

/// Which stall rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stall {
    /// No reply in this many days since the last meeting (at least [`STALL_DAYS`]).
    Quiet(i64),
    /// The degree did not rise between the last two meetings.
    NoRise,
}

/// A weighted mean and what went into it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    /// Σ w·d / Σ w, or `None` when nothing was counted.
    pub degree: Option<f64>,
    /// Σ w over the items counted.
    pub weight: f64,
    /// Items counted in the mean.
    pub counted: usize,
    /// Items out of the denominator because excluded or superseded.
    pub excluded: usize,
    /// Unreported items (counted as 0 or left out, per config).
    pub unreported: usize,
    /// Active items in all.
    pub total: usize,
}

/// The case's figures at one meeting (or at the cut-off).
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    /// Date.
    pub date: NaiveDate,
    /// Case-wide aggregate at that date.
    pub overall: Aggregate,
    /// Satisfaction totals of that meeting (zero when not a meeting).
    pub satisfaction: Satisfaction,
}

/// All figures for one case at a cut-off date.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Cut-off date.
    pub as_of: NaiveDate,
    /// Per recommendation, in file order (only those active at the cut-off).
    pub recs: Vec<RecFigure>,
    /// Whole case.
    pub overall: Aggregate,
    /// Per aspect, in file order: (aspect id, aggregate).
    pub aspects: Vec<(String, Aggregate)>,
    /// Per lead department, in file order: (department id, aggregate).
    pub departments: Vec<(String, Aggregate)>,
    /// Each held meeting up to the cut-off, then the cut-off itself.
    pub rounds: Vec<Round>,
    /// Date of the last held meeting.
    pub last_meeting: Option<NaiveDate>,
    /// Change of the overall degree since the last held meeting.
    pub change: Option<f64>,
}

fn degree_of(cfg: &Config, status: Option<usize>, progress: Option<f64>) -> Option<f64> {
    progress.or_else(|| status.and_then(|s| cfg.scale.get(s)).map(|s| s.degree))
}

/// A claim: reply date, file, department and the item.
type Claim<'a> = (NaiveDate, &'a str, &'a str, &'a ReplyItem);

/// A case's records grouped by the recommendation they are about, built once per case so that the figures at each
/// date look up a recommendation's records instead of scanning every reply and meeting for it.
struct Index<'a> {
    case: &'a Case,
    /// Every claim per recommendation, oldest first (date, file, line).
    claims: HashMap<&'a str, Vec<Claim<'a>>>,
    /// Assessments at meetings that were held (not planned), per recommendation, in meeting and file order.
    assessments: HashMap<&'a str, Vec<(&'a Meeting, &'a Assessment)>>,
    /// Recommendations that say they revise the one named, in file order.
    revisions: HashMap<&'a str, Vec<&'a Recommendation>>,
}

impl<'a> Index<'a> {
    fn new(case: &'a Case) -> Self {
        let mut claims: HashMap<&str, Vec<Claim<'a>>> = HashMap::new();
        for reply in &case.replies {
            for item in &reply.items {
                claims.entry(item.rec.value.as_str()).or_default().push((
                    reply.date.value,
                    reply.file.as_str(),
                    reply.department.value.as_str(),
                    item,
                ));
            }
        }
        // Replies are sorted by (date, file) by the loader; items keep file order. Make it explicit. Sorted by date
        // first, the claims up to any date are a prefix.
        for list in claims.values_mut() {
            list.sort_by(|a, b| (a.0, a.1, a.3.rec.pos.line).cmp(&(b.0, b.1, b.3.rec.pos.line)));
        }
        let mut assessments: HashMap<&str, Vec<(&Meeting, &Assessment)>> = HashMap::new();
        for m in case.meetings.iter().filter(|m| !m.planned) {
            for a in &m.assessments {
                assessments
                    .entry(a.rec.value.as_str())
                    .or_default()
                    .push((m, a));
            }
        }
        let mut revisions: HashMap<&str, Vec<&Recommendation>> = HashMap::new();
        for r in &case.recommendations {
            if let Some(f) = &r.revised_from {
                revisions.entry(f.value.as_str()).or_default().push(r);
            }
        }
        Index {
            case,
            claims,
            assessments,
            revisions,
        }
    }

    /// Claims about a recommendation up to `at`, oldest first.
    fn claims(&self, rec: &str, at: NaiveDate) -> &[Claim<'a>] {
        let list = self.claims.get(rec).map_or(&[][..], Vec::as_slice);
        list.get(..list.partition_point(|c| c.0 <= at))
            .unwrap_or_default()
    }
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

fn latest_claim(cfg: &Config, list: &[Claim<'_>], measure: Option<&str>) -> Option<Reading> {
    list.iter()
        .filter(|(_, _, _, i)| i.measure.as_ref().map(|m| m.value.as_str()) == measure)
        .filter_map(|(d, f, dept, i)| {
            reading(
                cfg,
                *d,
                f,
                Some(dept),
                i.rec.pos.line,
                i.status.as_ref().map(|s| s.value),
                i.progress.as_ref().map(|p| p.value),
            )
        })
        .next_back()
}

fn measure_figures(cfg: &Config, measures: &[Measure], list: &[Claim<'_>]) -> Vec<MeasureFigure> {
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

/// Weighted mean normalised by the weights used; `None` when no weight was used.
pub fn weighted_mean(items: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (weight, value) in items {
        sum += weight * value;
        weights += weight;
    }
    (weights > 0.0).then(|| sum / weights)
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
    let degree = weighted_mean(
        measures
            .iter()
            .filter_map(|m| m.counted.map(|d| (m.weight, d))),
    )?;
    // The status shown is the least advanced of the measures' statuses: the recommendation is only as done as its weakest part.
    let status = measures
        .iter()
        .filter_map(|m| m.claim.as_ref().and_then(|c| c.status))
        .min_by(|a, b| {
            let da = cfg.scale.get(*a).map_or(0.0, |s| s.degree);
            let db = cfg.scale.get(*b).map_or(0.0, |s| s.degree);
            da.total_cmp(&db).then(b.cmp(a))
        });
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
fn added(case: &Case, rec: &Recommendation) -> NaiveDate {
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
fn state(ix: &Index<'_>, cfg: &Config, rec: &Recommendation, at: NaiveDate) -> RecState {
    let active = added(ix.case, rec) <= at;
    let list = ix.claims(&rec.id.value, at);
    let rec_level = latest_claim(cfg, list, None);
    let measures = measure_figures(cfg, &rec.measures, list);
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
    let counted = match (&excluded, effective, cfg.unreported) {
        (Some(_), _, _) => None,
        (None, Some(e), _) => Some(e.degree),
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
        excluded,
        measures,
    }
}

fn is_final(cfg: &Config, s: &RecState) -> bool {
    s.status
        .and_then(|i| cfg.scale.get(i))
        .is_some_and(|l| l.is_final)
}

/// Aggregates recommendations' states (only active ones count).
pub fn aggregate<'a>(
    items: impl IntoIterator<Item = (&'a Recommendation, &'a RecState)>,
) -> Aggregate {
    let mut agg = Aggregate::default();
    let mut pairs = Vec::new();
    for (rec, s) in items.into_iter().filter(|(_, s)| s.active) {
        agg.total += 1;
        if s.excluded.is_some() {
            agg.excluded += 1;
            continue;
        }
        if s.basis == Basis::Unreported {
            agg.unreported += 1;
        }
        if let Some(d) = s.counted
            && rec.weight.value > 0.0
        {
            agg.counted += 1;
            agg.weight += rec.weight.value;
            pairs.push((rec.weight.value, d));
        }
    }
    agg.degree = weighted_mean(pairs);
    agg
}

/// How many recommendations stand at each level of the status scale, and how many outside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusTally {
    /// Per level of the scale, in scale order: effective status at that level.
    pub levels: Vec<usize>,
    /// Out of the totals by lineage (superseded, merged, split).
    pub superseded: usize,
    /// Reported with a progress figure but no status.
    pub progress_only: usize,
    /// No claim and no assessment (未反馈).
    pub unreported: usize,
}

impl RecFigure {
    /// Out of the totals because of lineage (superseded, merged, split) rather than its own status.
    pub fn lineage_excluded(&self) -> bool {
        matches!(self.now.excluded, Some(ref e) if !matches!(e, Exclusion::Status(_)))
    }
}

impl Figures {
    /// The recommendations by status, for a scale of `levels` levels.
    pub fn status_tally(&self, levels: usize) -> StatusTally {
        let mut tally = StatusTally {
            levels: vec![0; levels],
            ..StatusTally::default()
        };
        for f in &self.recs {
            if f.flags.unreported {
                tally.unreported += 1;
            }
            if f.lineage_excluded() {
                tally.superseded += 1;
            } else if f.now.basis != Basis::Unreported {
                match f.now.status.and_then(|i| tally.levels.get_mut(i)) {
                    Some(n) => *n += 1,
                    None if f.now.status.is_none() => tally.progress_only += 1,
                    None => {}
                }
            }
        }
        tally
    }
}

/// Traffic light for a degree.
pub fn light(cfg: &Config, degree: Option<f64>, overdue: bool) -> Light {
    match degree {
        None => Light::None,
        Some(d) if d <= cfg.lights.red_max || (overdue && d < cfg.lights.overdue_red_below) => {
            Light::Red
        }
        Some(d) if d > cfg.lights.green_above => Light::Green,
        Some(_) => Light::Amber,
    }
}

/// Computes all figures for `case` at `as_of`.
pub fn figures(case: &Case, cfg: &Config, as_of: NaiveDate) -> Figures {
    let held: Vec<NaiveDate> = case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= as_of)
        .map(|m| m.date.value)
        .collect();
    let last = held.last().copied();
    let prev = held.len().checked_sub(2).and_then(|i| held.get(i)).copied();
    let ix = Index::new(case);
    let states_at = |at: NaiveDate| -> Vec<RecState> {
        case.recommendations
            .iter()
            .map(|r| state(&ix, cfg, r, at))
            .collect()
    };
    // Every recommendation's state at each meeting date, once: they give the rounds' totals, the states at the last
    // two meetings and the claims that stood when members assessed.
    let mut at_meetings: Vec<(NaiveDate, Vec<RecState>)> = Vec::with_capacity(held.len());
    for &d in &held {
        if !at_meetings.iter().any(|(m, _)| *m == d) {
            at_meetings.push((d, states_at(d)));
        }
    }
    let meeting = |d: Option<NaiveDate>| {
        d.and_then(|d| at_meetings.iter().find(|(m, _)| *m == d))
            .map(|(_, states)| states.as_slice())
    };
    let states = states_at(as_of);
    let pairs = || case.recommendations.iter().zip(states.iter());
    let overall = aggregate(pairs());
    let aspects = case
        .aspects
        .iter()
        .map(|a| {
            (
                a.id.value.clone(),
                aggregate(pairs().filter(|(r, _)| r.aspect.value == a.id.value)),
            )
        })
        .collect();
    let departments = case
        .departments
        .iter()
        .map(|d| {
            (
                d.id.value.clone(),
                aggregate(pairs().filter(|(r, _)| r.lead.value == d.id.value)),
            )
        })
        .filter(|(_, a)| a.total > 0)
        .collect();
    let mut rounds: Vec<Round> = case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= as_of)
        .map(|m| Round {
            date: m.date.value,
            overall: aggregate(
                case.recommendations
                    .iter()
                    .zip(meeting(Some(m.date.value)).unwrap_or_default()),
            ),
            satisfaction: m
                .assessments
                .iter()
                .filter_map(|a| a.satisfaction)
                .fold(Satisfaction::default(), add),
        })
        .collect();
    if last != Some(as_of) {
        rounds.push(Round {
            date: as_of,
            overall: overall.clone(),
            satisfaction: Satisfaction::default(),
        });
    }
    let change = last
        .and_then(|d| rounds.iter().find(|r| r.date == d))
        .and_then(|r| Some(overall.degree? - r.overall.degree?));
    let (at_last, at_prev) = (meeting(last), meeting(prev));
    let recs = case
        .recommendations
        .iter()
        .zip(states)
        .enumerate()
        .filter(|(_, (_, now))| now.active)
        .map(|(i, (rec, now))| {
            let around = Around {
                ix: &ix,
                as_of,
                last,
                at_last: at_last.and_then(|s| s.get(i)),
                at_prev: at_prev.and_then(|s| s.get(i)),
                claim_at: &|d: NaiveDate| {
                    meeting(Some(d))
                        .and_then(|s| s.get(i))
                        .map_or_else(|| state(&ix, cfg, rec, d).claim, |s| s.claim.clone())
                },
            };
            rec_figure(cfg, rec, now, &around)
        })
        .collect();
    Figures {
        as_of,
        recs,
        overall,
        aspects,
        departments,
        rounds,
        last_meeting: last,
        change,
    }
}

fn add(a: Satisfaction, b: Satisfaction) -> Satisfaction {
    Satisfaction {
        satisfied: a.satisfied + b.satisfied,
        basic: a.basic + b.basic,
        unsatisfied: a.unsatisfied + b.unsatisfied,
    }
}

/// What a recommendation's figure at the cut-off needs besides its state then.
struct Around<'i, 'a> {
    ix: &'i Index<'a>,
    as_of: NaiveDate,
    /// Date of the last held meeting.
    last: Option<NaiveDate>,
    /// Its state at the last and the one before the last held meeting.
    at_last: Option<&'i RecState>,
    at_prev: Option<&'i RecState>,
    /// Its claim as it stood on a date.
    claim_at: &'i dyn Fn(NaiveDate) -> Option<Reading>,
}

fn rec_figure(
    cfg: &Config,
    rec: &Recommendation,
    now: RecState,
    around: &Around<'_, '_>,
) -> RecFigure {
    let (case, as_of, last) = (around.ix.case, around.as_of, around.last);
    let id = rec.id.value.as_str();
    let at_last = around.at_last.filter(|s| s.active).cloned();
    let at_prev = around.at_prev.filter(|s| s.active);
    let change = at_last.as_ref().and_then(|l| Some(now.degree? - l.degree?));
    // The latest revision of the due date wins.
    let revised_due = case
        .replies
        .iter()
        .filter(|r| r.date.value <= as_of)
        .flat_map(|r| {
            r.items
                .iter()
                .filter(|i| i.rec.value == id)
                .map(move |i| (r, i))
        })
        .filter_map(|(r, i)| {
            i.revised_due
                .as_ref()
                .map(|d| (d.value, i.revised_due_reason.clone(), r.file.clone()))
        })
        .next_back();
    let due = revised_due
        .as_ref()
        .map(|r| r.0)
        .or(rec.due.as_ref().map(|d| d.value));
    let closed_by_decision = case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= as_of)
        .flat_map(|m| &m.decisions)
        .rfind(|d| d.rec.value == id)
        .is_some_and(|d| d.action == DecisionKind::Close);
    let finished = is_final(cfg, &now) || now.excluded.is_some();
    let open = !finished && !closed_by_decision;
    let mut flags = Flags {
        unreported: now.basis == Basis::Unreported && now.excluded.is_none(),
        closed: !open,
        ..Flags::default()
    };
    flags.overdue = open && due.is_some_and(|d| d < as_of) && now.degree.is_none_or(|d| d < 100.0);
    if let (Some(c), Some(a)) = (&now.claim, &now.assessment) {
        // Compare the assessment with the claim that stood when members assessed.
        let claim_then = if c.source.date <= a.source.date {
            Some(c.clone())
        } else {
            (around.claim_at)(a.source.date)
        };
        let deg = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.degree);
        if let (Some(cd), Some(ad)) = (claim_then.and_then(|c| deg(c.status)), deg(a.status)) {
            flags.disputed = ad < cd;
        }
    }
    let last_deg = at_last.as_ref().and_then(|s| s.degree);
    let prev_deg = at_prev.and_then(|s| s.degree);
    flags.regressed = matches!((now.degree, last_deg), (Some(n), Some(l)) if n < l)
        || matches!((last_deg, prev_deg), (Some(l), Some(p)) if l < p);
    let mut stall = None;
    if open {
        let no_rise = at_prev.is_some()
            && at_last.is_some()
            && last_deg.unwrap_or(0.0) <= prev_deg.unwrap_or(0.0);
        let quiet = last
            .map(|l| (l, (as_of - l).num_days()))
            .filter(|(l, days)| {
                *days >= STALL_DAYS && !around.ix.claims(id, as_of).iter().any(|(d, _, _, _)| d > l)
            });
        stall = quiet
            .map(|(_, days)| Stall::Quiet(days))
            .or(no_rise.then_some(Stall::NoRise));
        flags.stalled = stall.is_some();
    }
    flags.new = rec.added.as_ref().is_some_and(|a| {
        a.value != case.proposal.adopted.value && last.is_some_and(|l| a.value >= l)
    });
    let light = light(cfg, now.degree, flags.overdue);
    let satisfaction = case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= as_of)
        .filter_map(|m| {
            m.assessments
                .iter()
                .find(|a| a.rec.value == id)
                .and_then(|a| a.satisfaction)
                .map(|s| (m.date.value, s))
        })
        .collect();
    RecFigure {
        id: id.to_string(),
        now,
        at_last_meeting: at_last,
        change,
        due,
        revised_due,
        flags,
        light,
        satisfaction,
        stall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::reader::Reader;
    use crate::case::records::{read_case, read_meeting, read_reply};
    use crate::case::yaml::parse;

    fn date(s: &str) -> NaiveDate {
        crate::fmt::date::parse_date(s).unwrap()
    }

    /// Builds a case from YAML texts, asserting they read cleanly.
    fn case(case_yaml: &str, replies: &[&str], meetings: &[&str], cfg: &Config) -> Case {
        let mut r = Reader::new("case.yaml");
        let mut c = read_case("t", &parse(case_yaml).unwrap(), &mut r).unwrap();
        for (i, y) in replies.iter().enumerate() {
            let mut rr = Reader::new(&format!("replies/{i}.yaml"));
            c.replies
                .push(read_reply(&parse(y).unwrap(), &mut rr, cfg).unwrap());
            assert!(rr.diags.is_empty(), "{:?}", rr.diags);
        }
        for (i, y) in meetings.iter().enumerate() {
            let mut rm = Reader::new(&format!("meetings/{i}.yaml"));
            c.meetings
                .push(read_meeting(&parse(y).unwrap(), &mut rm, cfg).unwrap());
            assert!(rm.diags.is_empty(), "{:?}", rm.diags);
        }
        c.replies
            .sort_by(|a, b| (a.date.value, &a.file).cmp(&(b.date.value, &b.file)));
        c.meetings.sort_by_key(|m| m.date.value);
        assert!(r.diags.is_empty(), "{:?}", r.diags);
        c
    }

    const HEAD: &str = "title: t\nproposal: {title: p, adopted: 2020-01-01}\ndepartments: [{id: 甲}, {id: 乙}]\naspects: [{id: 一, title: a}, {id: 二, title: b}]\n";

    fn reply(date: &str, items: &str) -> String {
        format!("department: 甲\ndate: {date}\nitems:\n{items}")
    }

    fn rec<'a>(f: &'a Figures, id: &str) -> &'a RecFigure {
        f.recs.iter().find(|r| r.id == id).unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn the_status_tally_counts_each_recommendation_once() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: a1, aspect: 一, text: x, lead: 甲}}\n  - {{id: a2, aspect: 一, text: x, lead: 甲}}\n  - {{id: p, aspect: 一, text: x, lead: 甲}}\n  - {{id: u, aspect: 一, text: x, lead: 甲}}\n  - {{id: old, aspect: 一, text: x, lead: 甲, split_into: [b]}}\n  - {{id: b, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: a1, status: A}\n  - {rec: a2, status: A}\n  - {rec: p, progress: 40}\n  - {rec: old, status: A}\n  - {rec: b, status: B}\n",
        );
        let c = case(&y, &[&r], &[], &cfg);
        let t = figures(&c, &cfg, date("2020-03-01")).status_tally(cfg.scale.len());
        let at = |key: &str| {
            let i = cfg.scale.iter().position(|l| l.key == key).unwrap();
            t.levels[i]
        };
        // `old` is split, so its status A is not counted; `p` has progress only; `u` has nothing.
        assert_eq!((at("A"), at("B")), (2, 1));
        assert_eq!(t.levels.iter().sum::<usize>(), 3);
        assert_eq!((t.superseded, t.progress_only, t.unreported), (1, 1, 1));
    }

    #[test]
    fn weights_that_do_not_sum_to_one_are_normalised() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, weight: 2}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, status: A}\n  - {rec: r2, status: B, progress: 40}\n",
        );
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // (2×100 + 1×40) ÷ 3 = 80
        assert!(close(f.overall.degree, 80.0), "{:?}", f.overall);
        assert_eq!((f.overall.counted, f.overall.weight), (2, 3.0));
    }

    #[test]
    fn excluded_and_unreported_items_follow_the_documented_rules() {
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, weight: 2}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n  - {{id: r3, aspect: 二, text: x, lead: 甲}}\n  - {{id: r4, aspect: 二, text: x, lead: 乙}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, status: A}\n  - {rec: r2, progress: 40, status: B}\n  - {rec: r3, status: N}\n",
        );
        let mut cfg = Config::default();
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // r3 (N) leaves the denominator; r4 is unreported and counts as 0: (200 + 40 + 0) ÷ 4 = 60.
        assert!(close(f.overall.degree, 60.0), "{:?}", f.overall);
        assert_eq!(
            (f.overall.excluded, f.overall.unreported, f.overall.total),
            (1, 1, 4)
        );
        assert!(rec(&f, "r4").flags.unreported);
        assert_eq!(
            rec(&f, "r4").now.degree,
            None,
            "unreported is not silently 0"
        );
        assert_eq!(rec(&f, "r3").now.excluded, Some(Exclusion::Status(4)));
        // Aspect 二 holds r3 (excluded) and r4 (unreported, 0).
        let a2 = &f.aspects.iter().find(|(id, _)| id == "二").unwrap().1;
        assert!(close(a2.degree, 0.0));
        cfg.unreported = Unreported::Exclude;
        let f = figures(&c, &cfg, date("2020-03-01"));
        assert!(close(f.overall.degree, 80.0), "{:?}", f.overall);
        let a2 = &f.aspects.iter().find(|(id, _)| id == "二").unwrap().1;
        assert_eq!(a2.degree, None, "nothing counted: no figure rather than 0");
    }

    #[test]
    fn measures_roll_up_by_weight() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - id: r1\n    aspect: 一\n    text: x\n    lead: 甲\n    measures:\n      - {{id: m1, text: x}}\n      - {{id: m2, text: x, weight: 3}}\n      - {{id: m3, text: x}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, measure: m1, status: A}\n  - {rec: r1, measure: m2, status: B, progress: 20}\n",
        );
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // m1 100×1, m2 20×3, m3 unreported 0×1: 160 ÷ 5 = 32; status is the weakest reported (B).
        let r1 = rec(&f, "r1");
        assert!(close(r1.now.degree, 32.0), "{:?}", r1.now);
        assert_eq!(r1.now.status, Some(1));
        // A whole-recommendation claim newer than every measure claim takes over.
        let later = reply("2020-02-15", "  - {rec: r1, status: A}\n");
        let c = case(&y, &[&r, &later], &[], &cfg);
        assert!(close(
            figures(&c, &cfg, date("2020-03-01")).recs[0].now.degree,
            100.0
        ));
    }

    #[test]
    fn a_split_recommendation_leaves_the_totals_once_its_parts_are_in_force() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: p, aspect: 一, text: x, lead: 甲, split_into: [a, b]}}\n  - {{id: a, aspect: 一, text: x, lead: 甲, added: 2020-06-20}}\n  - {{id: b, aspect: 一, text: x, lead: 甲, added: 2020-06-20}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: p, status: B, progress: 30}\n");
        let r2 = reply(
            "2020-07-01",
            "  - {rec: a, status: A}\n  - {rec: b, status: B, progress: 50}\n",
        );
        let m = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&r1, &r2], &[m], &cfg);
        let before = figures(&c, &cfg, date("2020-06-01"));
        assert_eq!(before.recs.len(), 1, "parts not yet added");
        assert!(close(before.overall.degree, 30.0));
        let after = figures(&c, &cfg, date("2020-08-01"));
        assert_eq!(
            rec(&after, "p").now.excluded,
            Some(Exclusion::SplitInto(vec!["a".into(), "b".into()]))
        );
        // (100 + 50) ÷ 2 = 75, the parent no longer counted.
        assert!(close(after.overall.degree, 75.0), "{:?}", after.overall);
        assert!(rec(&after, "a").flags.new);
    }

    #[test]
    fn a_revised_due_date_moves_the_overdue_flag() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, due: 2020-06-30}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: r1, status: B, progress: 30}\n");
        let r2 = reply(
            "2020-06-15",
            "  - {rec: r1, status: B, progress: 40, revised_due: 2020-12-31, revised_due_reason: 待审批}\n",
        );
        let c = case(&y, &[&r1], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-09-01"));
        assert!(rec(&f, "r1").flags.overdue);
        assert_eq!(rec(&f, "r1").light, Light::Red, "overdue and below 50");
        let c = case(&y, &[&r1, &r2], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-09-01"));
        assert!(!rec(&f, "r1").flags.overdue);
        assert_eq!(rec(&f, "r1").due, Some(date("2020-12-31")));
        assert!(
            rec(&figures(&c, &cfg, date("2021-01-05")), "r1")
                .flags
                .overdue
        );
    }

    #[test]
    fn the_newer_record_wins_and_a_lower_assessment_is_a_dispute() {
        let cfg = Config::default();
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let claim = reply("2020-06-01", "  - {rec: r1, status: A}\n");
        let meeting = "date: 2020-06-20\nkind: reconsultation\nassessments:\n  - {rec: r1, status: B, progress: 60, satisfaction: {satisfied: 3, basic: 1, unsatisfied: 1}}\n";
        let c = case(&y, &[&claim], &[meeting], &cfg);
        let f = figures(&c, &cfg, date("2020-07-01"));
        let r1 = rec(&f, "r1");
        assert_eq!(r1.now.basis, Basis::AssessmentNewer);
        assert!(close(r1.now.degree, 60.0));
        assert!(r1.flags.disputed);
        assert_eq!(
            r1.satisfaction,
            vec![(
                date("2020-06-20"),
                Satisfaction {
                    satisfied: 3,
                    basic: 1,
                    unsatisfied: 1
                }
            )]
        );
        // A later claim is newer evidence; the dispute about the claim members saw remains.
        let again = reply("2020-08-01", "  - {rec: r1, status: A, progress: 90}\n");
        let c = case(&y, &[&claim, &again], &[meeting], &cfg);
        let r1 = figures(&c, &cfg, date("2020-09-01")).recs.remove(0);
        assert_eq!(r1.now.basis, Basis::ClaimNewer);
        assert!(close(r1.now.degree, 90.0));
        assert!(close(r1.change, 30.0), "since the meeting: 60 → 90");
        assert!(r1.flags.disputed);
        assert!(r1.flags.closed, "A is final");
    }

    #[test]
    fn rounds_show_the_degree_at_each_meeting() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: r1, progress: 20, status: B}\n");
        let r2 = reply(
            "2020-08-01",
            "  - {rec: r1, progress: 80, status: B}\n  - {rec: r2, progress: 40, status: B}\n",
        );
        let m1 = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&r1, &r2], &[m1], &cfg);
        let f = figures(&c, &cfg, date("2020-12-01"));
        assert_eq!(f.rounds.len(), 2);
        assert!(
            close(f.rounds[0].overall.degree, 10.0),
            "(20 + 0) ÷ 2 at the meeting"
        );
        assert!(close(f.rounds[1].overall.degree, 60.0), "(80 + 40) ÷ 2 now");
        assert!(close(f.change, 50.0));
    }

    #[test]
    fn stalled_after_ninety_quiet_days_and_regressed_when_lower() {
        let cfg = Config::default();
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let claim = reply("2020-06-01", "  - {rec: r1, status: B, progress: 50}\n");
        let m = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&claim], &[m], &cfg);
        assert!(
            !rec(&figures(&c, &cfg, date("2020-09-01")), "r1")
                .flags
                .stalled
        );
        assert!(
            rec(&figures(&c, &cfg, date("2020-09-30")), "r1")
                .flags
                .stalled
        );
        let worse = reply("2020-07-01", "  - {rec: r1, status: B, progress: 30}\n");
        let c = case(&y, &[&claim, &worse], &[m], &cfg);
        let f = figures(&c, &cfg, date("2020-09-30"));
        assert!(rec(&f, "r1").flags.regressed);
        assert!(
            !rec(&f, "r1").flags.stalled,
            "a reply came after the meeting"
        );
    }

    #[test]
    fn no_aggregate_exceeds_one_hundred() {
        // Deterministic pseudo-random weights and degrees.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1000 {
            let n = (x % 7 + 1) as usize;
            let items: Vec<(f64, f64)> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 1000) as f64 / 7.0, (x % 101) as f64)
                })
                .collect();
            if let Some(m) = weighted_mean(items) {
                assert!((0.0..=100.0 + 1e-9).contains(&m), "{m}");
            }
        }
        assert_eq!(
            weighted_mean(vec![(0.0, 50.0)]),
            None,
            "zero total weight gives no figure, not 0"
        );
    }
}
