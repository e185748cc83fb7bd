//! A recommendation at the cut-off: its state then and at the last meetings, due date, flags and light.

use crate::case::config::Config;
use crate::case::model::{DecisionKind, Recommendation, Satisfaction};
use crate::figures::cutoff::AtCutoff;
use crate::figures::index::Index;
use crate::figures::light::{Light, light};
use crate::figures::state::{Basis, Exclusion, Reading, RecState, is_final};
use chrono::NaiveDate;

/// Days after a meeting without any reply before a recommendation counts as stalled.
pub const STALL_DAYS: i64 = 90;

/// Flags a brief shows for a recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Past its (revised) due date and not finished.
    pub overdue: bool,
    /// No progress across the last two meetings, or no reply for 90 days after the last meeting.
    pub stalled: bool,
    /// Members assessed it lower than the department claimed (see [`Dispute`]).
    pub disputed: bool,
    /// Lower now than at an earlier meeting.
    pub regressed: bool,
    /// The department claims more than members last assessed, and no meeting has looked at it yet (待核实).
    pub unverified: bool,
    /// Only supporting departments have replied; their claim stands in for the lead's.
    pub lead_silent: bool,
    /// No claim and no assessment yet (未反馈).
    pub unreported: bool,
    /// Added at or after the last meeting.
    pub new: bool,
    /// Finished: final status, or closed by a meeting decision.
    pub closed: bool,
}

/// A dispute: members' latest assessment below the claim that stood when they assessed — a lower status, or a
/// degree `dispute_points` or more lower.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispute {
    /// The claim members judged.
    pub claimed: Reading,
    /// Their assessment.
    pub assessed: Reading,
}

/// Which stall rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stall {
    /// No reply in this many days since the last meeting (at least [`STALL_DAYS`]).
    Quiet(i64),
    /// The degree did not rise between the last two meetings.
    NoRise,
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
    /// The claim and assessment in dispute, when they are.
    pub dispute: Option<Dispute>,
}

/// What a recommendation's figure at the cut-off needs besides its state then.
pub(super) struct Around<'i, 'a> {
    pub(super) ix: &'i Index<'a>,
    pub(super) as_of: NaiveDate,
    /// Date of the last held meeting.
    pub(super) last: Option<NaiveDate>,
    /// Its state at the last and the one before the last held meeting.
    pub(super) at_last: Option<&'i RecState>,
    pub(super) at_prev: Option<&'i RecState>,
    /// Its claim as it stood on a date.
    pub(super) claim_at: &'i dyn Fn(NaiveDate) -> Option<Reading>,
}

pub(super) fn rec_figure(
    cfg: &Config,
    rec: &Recommendation,
    now: RecState,
    around: &Around<'_, '_>,
) -> RecFigure {
    let cut = AtCutoff::new(around.ix.case, around.as_of);
    let id = rec.id.value.as_str();
    let at_last = around.at_last.filter(|s| s.active).cloned();
    let at_prev = around.at_prev.filter(|s| s.active);
    let change = at_last.as_ref().and_then(|l| Some(now.degree? - l.degree?));
    let revised_due = revised_due(cut, id);
    let due = revised_due
        .as_ref()
        .map(|r| r.0)
        .or(rec.due.as_ref().map(|d| d.value));
    let closed_by_decision = cut
        .held()
        .flat_map(|m| &m.decisions)
        .rfind(|d| d.rec.value == id)
        .is_some_and(|d| d.action == DecisionKind::Close);
    let unverified = now.excluded.is_none() && unverified(cfg, &now);
    // A claim alone never finishes a recommendation: members assess it, or a meeting closes it.
    let finished = (is_final(cfg, &now) && !unverified) || now.excluded.is_some();
    let open = !finished && !closed_by_decision;
    let mut flags = Flags {
        unreported: now.basis == Basis::Unreported && now.excluded.is_none(),
        unverified: unverified && !closed_by_decision,
        lead_silent: now.lead_silent && now.excluded.is_none(),
        closed: !open,
        ..Flags::default()
    };
    flags.overdue =
        open && due.is_some_and(|d| d < cut.as_of) && now.degree.is_none_or(|d| d < 100.0);
    // A recommendation out of the totals is not argued about any more.
    let dispute = disputed(cfg, &now, around).filter(|_| now.excluded.is_none());
    flags.disputed = dispute.is_some();
    let last_deg = at_last.as_ref().and_then(|s| s.degree);
    let prev_deg = at_prev.and_then(|s| s.degree);
    flags.regressed = matches!((now.degree, last_deg), (Some(n), Some(l)) if n < l)
        || matches!((last_deg, prev_deg), (Some(l), Some(p)) if l < p);
    let stall = if open {
        let no_rise = at_prev.is_some()
            && at_last.is_some()
            && last_deg.unwrap_or(0.0) <= prev_deg.unwrap_or(0.0);
        stalled(around, id, no_rise)
    } else {
        None
    };
    flags.stalled = stall.is_some();
    flags.new = rec.added.as_ref().is_some_and(|a| {
        a.value != cut.case.proposal.adopted.value && around.last.is_some_and(|l| a.value >= l)
    });
    let light = light(cfg, now.degree, flags.overdue);
    let satisfaction = cut
        .held()
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
        dispute,
    }
}

/// The latest revision of the recommendation's due date by the cut-off: new date, reason, file.
fn revised_due(cut: AtCutoff<'_>, id: &str) -> Option<(NaiveDate, Option<String>, String)> {
    cut.replies()
        .flat_map(|r| {
            r.items
                .iter()
                .filter(move |i| i.rec.value == id)
                .map(move |i| (r, i))
        })
        .filter_map(|(r, i)| {
            i.revised_due
                .as_ref()
                .map(|d| (d.value, i.revised_due_reason.clone(), r.file.clone()))
        })
        .next_back()
}

/// The dispute, if members assessed a lower status than the department claimed when they assessed, or a degree
/// lower by `dispute_points` or more.
fn disputed(cfg: &Config, now: &RecState, around: &Around<'_, '_>) -> Option<Dispute> {
    let (c, a) = (now.claim.as_ref()?, now.assessment.as_ref()?);
    // Compare the assessment with the claim that stood when members assessed.
    let claim_then = if c.source.date <= a.source.date {
        Some(c.clone())
    } else {
        (around.claim_at)(a.source.date)
    };
    let c = claim_then?;
    let deg = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.degree);
    let lower_status = matches!((deg(c.status), deg(a.status)), (Some(cd), Some(ad)) if ad < cd);
    let gap = c.degree - a.degree;
    (lower_status || (gap > 0.0 && gap >= cfg.dispute_points)).then(|| Dispute {
        claimed: c,
        assessed: a.clone(),
    })
}

/// Whether the claim the figure follows is newer than members' latest assessment (or there is none) and claims more
/// than they last assessed: a higher degree, or a final status they did not give.
fn unverified(cfg: &Config, now: &RecState) -> bool {
    if !matches!(now.basis, Basis::ClaimOnly | Basis::ClaimNewer) {
        return false;
    }
    let Some(c) = &now.claim else {
        return false;
    };
    match &now.assessment {
        None => c.degree > 0.0,
        Some(a) => {
            let rank = |s: Option<usize>| s.and_then(|i| cfg.scale.get(i)).map(|l| l.degree);
            let better_status =
                matches!((rank(c.status), rank(a.status)), (Some(cs), Some(as_)) if cs > as_);
            c.degree > a.degree || better_status
        }
    }
}

/// Why an open recommendation is stalled, if it is: no reply for [`STALL_DAYS`] since the last meeting, else
/// `no_rise` across the last two meetings.
fn stalled(around: &Around<'_, '_>, id: &str, no_rise: bool) -> Option<Stall> {
    let as_of = around.as_of;
    let quiet = around
        .last
        .map(|l| (l, (as_of - l).num_days()))
        .filter(|(l, days)| {
            *days >= STALL_DAYS && !around.ix.claims(id, as_of).iter().any(|c| c.date() > *l)
        });
    quiet
        .map(|(_, days)| Stall::Quiet(days))
        .or(no_rise.then_some(Stall::NoRise))
}

impl RecFigure {
    /// Out of the totals because of lineage (superseded, merged, split) rather than its own status.
    pub fn lineage_excluded(&self) -> bool {
        matches!(self.now.excluded, Some(ref e) if !matches!(e, Exclusion::Status(_)))
    }
}
