//! All figures of a case at a cut-off: every recommendation, the case, each aspect and lead department, and the
//! rounds of meetings.

use crate::case::config::Config;
use crate::case::model::{Case, Satisfaction};
use crate::figures::aggregate::{Aggregate, StatusTally, aggregate};
use crate::figures::cutoff::AtCutoff;
use crate::figures::index::Index;
use crate::figures::rec::{Around, RecFigure, rec_figure};
use crate::figures::state::{Basis, RecState, state};
use chrono::NaiveDate;

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

/// Computes all figures for `case` at `as_of`.
pub fn figures(case: &Case, cfg: &Config, as_of: NaiveDate) -> Figures {
    let cut = AtCutoff::new(case, as_of);
    let held: Vec<NaiveDate> = cut.held().map(|m| m.date.value).collect();
    let last = held.last().copied();
    let prev = held.len().checked_sub(2).and_then(|i| held.get(i)).copied();
    let ix = Index::new(case);
    let at_meetings = AtMeetings::new(&ix, cfg, &held);
    let states = states_at(&ix, cfg, as_of);
    let pairs = || case.recommendations.iter().zip(states.iter());
    let overall = aggregate(pairs());
    let aspects = case
        .aspects
        .iter()
        .map(|a| {
            let agg = aggregate(pairs().filter(|(r, _)| r.aspect.value == a.id.value));
            (a.id.value.clone(), agg)
        })
        .collect();
    let departments = case
        .departments
        .iter()
        .map(|d| {
            let agg = aggregate(pairs().filter(|(r, _)| r.lead.value == d.id.value));
            (d.id.value.clone(), agg)
        })
        .filter(|(_, a)| a.total > 0)
        .collect();
    let rounds = rounds(cut, &at_meetings, &overall);
    let change = last
        .and_then(|d| rounds.iter().find(|r| r.date == d))
        .and_then(|r| Some(overall.degree? - r.overall.degree?));
    let marks = Marks {
        ix: &ix,
        cfg,
        as_of,
        last,
        prev,
        at_meetings: &at_meetings,
    };
    Figures {
        as_of,
        recs: marks.recs(states),
        overall,
        aspects,
        departments,
        rounds,
        last_meeting: last,
        change,
    }
}

/// Every recommendation's state at `at`, in file order.
fn states_at(ix: &Index<'_>, cfg: &Config, at: NaiveDate) -> Vec<RecState> {
    ix.case
        .recommendations
        .iter()
        .map(|r| state(ix, cfg, r, at))
        .collect()
}

/// Every recommendation's state at each date a meeting was held, computed once: they give the rounds' totals,
/// the states at the last two meetings and the claims that stood when members assessed.
struct AtMeetings(Vec<(NaiveDate, Vec<RecState>)>);

impl AtMeetings {
    fn new(ix: &Index<'_>, cfg: &Config, held: &[NaiveDate]) -> AtMeetings {
        let mut out: Vec<(NaiveDate, Vec<RecState>)> = Vec::with_capacity(held.len());
        for &d in held {
            if !out.iter().any(|(m, _)| *m == d) {
                out.push((d, states_at(ix, cfg, d)));
            }
        }
        AtMeetings(out)
    }

    /// The states at a meeting date, in file order.
    fn at(&self, d: Option<NaiveDate>) -> Option<&[RecState]> {
        d.and_then(|d| self.0.iter().find(|(m, _)| *m == d))
            .map(|(_, states)| states.as_slice())
    }
}

/// The case's figures at each held meeting, then at the cut-off (unless a meeting was held on that day).
fn rounds(cut: AtCutoff<'_>, at_meetings: &AtMeetings, overall: &Aggregate) -> Vec<Round> {
    let recs = &cut.case.recommendations;
    let mut rounds: Vec<Round> = cut
        .held()
        .map(|m| Round {
            date: m.date.value,
            overall: aggregate(
                recs.iter()
                    .zip(at_meetings.at(Some(m.date.value)).unwrap_or_default()),
            ),
            satisfaction: m
                .assessments
                .iter()
                .filter_map(|a| a.satisfaction)
                .fold(Satisfaction::default(), add),
        })
        .collect();
    if rounds.last().map(|r| r.date) != Some(cut.as_of) {
        rounds.push(Round {
            date: cut.as_of,
            overall: overall.clone(),
            satisfaction: Satisfaction::default(),
        });
    }
    rounds
}

/// What the per-recommendation figures need besides each one's state at the cut-off.
struct Marks<'i, 'a> {
    ix: &'i Index<'a>,
    cfg: &'i Config,
    as_of: NaiveDate,
    last: Option<NaiveDate>,
    prev: Option<NaiveDate>,
    at_meetings: &'i AtMeetings,
}

impl Marks<'_, '_> {
    /// The figures of every recommendation in force at the cut-off, from their states then.
    fn recs(&self, states: Vec<RecState>) -> Vec<RecFigure> {
        let (at_last, at_prev) = (
            self.at_meetings.at(self.last),
            self.at_meetings.at(self.prev),
        );
        self.ix
            .case
            .recommendations
            .iter()
            .zip(states)
            .enumerate()
            .filter(|(_, (_, now))| now.active)
            .map(|(i, (rec, now))| {
                let around = Around {
                    ix: self.ix,
                    as_of: self.as_of,
                    last: self.last,
                    at_last: at_last.and_then(|s| s.get(i)),
                    at_prev: at_prev.and_then(|s| s.get(i)),
                    claim_at: &|d: NaiveDate| {
                        self.at_meetings
                            .at(Some(d))
                            .and_then(|s| s.get(i))
                            .map_or_else(
                                || state(self.ix, self.cfg, rec, d).claim,
                                |s| s.claim.clone(),
                            )
                    },
                };
                rec_figure(self.cfg, rec, now, &around)
            })
            .collect()
    }
}

fn add(a: Satisfaction, b: Satisfaction) -> Satisfaction {
    Satisfaction {
        satisfied: a.satisfied + b.satisfied,
        basic: a.basic + b.basic,
        unsatisfied: a.unsatisfied + b.unsatisfied,
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
            } else if f.flags.unverified {
                tally.unverified += 1;
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
