//! What the meeting should look at: main results, problems (overdue, stalled, disputed, regressed, unreported,
//! blocked), the carry-over list and the proposed agenda.

use crate::brief::context::Ctx;
use crate::brief::items::{item_ref, latest};
use crate::brief::model::{AgendaPoint, ItemRef, Problems};
use crate::brief::parts::Parts;
use crate::case::model::{DecisionKind, Recommendation};
use crate::figures::{Figures, Reading, RecFigure, Stall};
use crate::fmt::number::pct;
use std::sync::Arc;

type Note<'n> = &'n dyn Fn(&Recommendation, &RecFigure) -> Option<String>;

/// The items for which `pred` holds, each with its note.
fn pick(p: &Parts<'_>, pred: &dyn Fn(&RecFigure) -> bool, note: Note<'_>) -> Vec<Arc<ItemRef>> {
    p.recs
        .iter()
        .filter(|(_, f)| pred(f))
        .map(|(r, f)| item_ref(&p.cx, r, f, note(r, f)))
        .collect()
}

/// Every problem list.
pub(super) fn problems(p: &Parts<'_>) -> Arc<Problems> {
    let (cx, cfg) = (&p.cx, p.cx.cfg);
    let as_of = p.cut.as_of;
    let overdue_note = |_: &Recommendation, f: &RecFigure| {
        f.due.map(|d| {
            let days = (as_of - d).num_days();
            cx.tr(
                || format!("期限 {}，已逾期 {days} 天", cx.date(d)),
                || format!("due {}, {days} days overdue", cx.date(d)),
            )
        })
    };
    Arc::new(Problems {
        overdue: pick(p, &|f| f.flags.overdue, &overdue_note),
        stalled: pick(p, &|f| f.flags.stalled, &|_, f| {
            stalled_note(cx, f, p.figures)
        }),
        disputed: pick(p, &|f| f.flags.disputed, &|_, f| Some(disputed_note(cx, f))),
        regressed: pick(p, &|f| f.flags.regressed, &|_, f| {
            let last = f.at_last_meeting.as_ref().and_then(|s| s.degree);
            last.map(|l| {
                cx.tr(
                    || format!("上次会议时 {l:.1}%"),
                    || format!("{l:.1}% at the last meeting"),
                )
            })
        }),
        unreported: pick(
            p,
            &|f| {
                f.flags.unreported
                    || (f.now.excluded.is_none() && silent_measures(f).next().is_some())
            },
            &|r, f| unreported_note(cx, r, f),
        ),
        blocked: pick(
            p,
            &|f| {
                // A scale that marks no level `blocked` lists what is final without being done (kept for reference).
                let marked = cfg.scale.iter().any(|l| l.blocked);
                f.now.excluded.is_none()
                    && f.now
                        .status
                        .and_then(|s| cfg.scale.get(s))
                        .is_some_and(|l| {
                            if marked {
                                l.blocked
                            } else {
                                l.is_final && l.degree < 100.0
                            }
                        })
            },
            &|r, _| {
                let own = p.own(&r.id.value);
                latest(own, |i| i.obstacles.clone()).or_else(|| latest(own, |i| i.summary.clone()))
            },
        ),
    })
}

/// The measures of a recommendation nobody has reported on.
fn silent_measures(f: &RecFigure) -> impl Iterator<Item = &str> {
    f.now
        .measures
        .iter()
        .filter(|m| m.claim.is_none())
        .map(|m| m.id.as_str())
}

/// Why a recommendation is listed as unreported: nothing at all since it was assigned, or some of its measures.
fn unreported_note(cx: &Ctx<'_>, r: &Recommendation, f: &RecFigure) -> Option<String> {
    if !f.flags.unreported {
        let ids: Vec<&str> = silent_measures(f).collect();
        let (zh, en) = (ids.join("」「"), ids.join("”, “"));
        return Some(cx.tr(
            || format!("举措「{zh}」未反馈"),
            || format!("no report on measure “{en}”"),
        ));
    }
    r.assigned.as_ref().map(|a| {
        cx.tr(
            || format!("{}交办，至今未反馈", cx.date(a.value)),
            || format!("assigned {}, no report yet", cx.date(a.value)),
        )
    })
}

fn disputed_note(cx: &Ctx<'_>, f: &RecFigure) -> String {
    // A status (its key: the scale is printed with the brief) and the degree it stands for: a dispute may be about
    // either.
    let reading = |r: Option<&Reading>| {
        r.map(|r| {
            let key = cx.status_key(r.status).unwrap_or_default();
            let sep = cx.t("、", " ");
            format!("{key}{sep}{}", pct(r.degree))
        })
        .unwrap_or_default()
    };
    let c = reading(f.dispute.as_ref().map(|d| &d.claimed));
    let a = reading(f.dispute.as_ref().map(|d| &d.assessed));
    cx.tr(
        || format!("单位自评 {c}，委员评议 {a}"),
        || format!("claimed {c}, assessed {a}"),
    )
}

fn stalled_note(cx: &Ctx<'_>, f: &RecFigure, figures: &Figures) -> Option<String> {
    let last = figures.last_meeting?;
    match f.stall? {
        Stall::Quiet(days) => Some(cx.tr(
            || {
                format!(
                    "上次会议（{}）以来 {days} 天没有新的办理情况",
                    cx.date(last)
                )
            },
            || {
                format!(
                    "no reply in the {days} days since the last meeting ({})",
                    cx.date(last)
                )
            },
        )),
        Stall::NoRise => Some(cx.t(
            "最近两次会议之间落实度没有提高",
            "no rise in the degree between the last two meetings",
        )),
    }
}

/// Items finished at 100 %, with their latest action.
pub(super) fn results(p: &Parts<'_>) -> Vec<Arc<ItemRef>> {
    pick(
        p,
        &|f| f.flags.closed && f.now.excluded.is_none() && f.now.degree.is_some_and(|d| d >= 100.0),
        &|r, _| {
            p.own(&r.id.value)
                .iter()
                .flat_map(|c| &c.item.actions)
                .next_back()
                .map(|a| a.text.value.clone())
        },
    )
}

/// The open items, carried over to the next round.
pub(super) fn carry_over(p: &Parts<'_>) -> Vec<Arc<ItemRef>> {
    pick(p, &|f| !f.flags.closed, &|_, _| None)
}

/// The proposed agenda: one point per kind of problem that has items.
pub(super) fn agenda(p: &Parts<'_>, problems: &Problems) -> Vec<Arc<AgendaPoint>> {
    let ids = |list: &[Arc<ItemRef>]| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let mut stalled_or_regressed = ids(&problems.stalled);
    for id in ids(&problems.regressed) {
        if !stalled_or_regressed.contains(&id) {
            stalled_or_regressed.push(id);
        }
    }
    let rec_ids = |keep: &dyn Fn(&Recommendation, &RecFigure) -> bool| -> Vec<String> {
        p.recs
            .iter()
            .filter(|(r, f)| keep(r, f))
            .map(|(r, _)| r.id.value.clone())
            .collect()
    };
    let closed_by_meeting = |r: &Recommendation| {
        p.cut
            .held()
            .flat_map(|m| &m.decisions)
            .any(|d| d.rec.value == r.id.value && d.action == DecisionKind::Close)
    };
    let points = [
        (
            "听取承办单位对逾期未完成事项的说明",
            "Hear departments on overdue items",
            ids(&problems.overdue),
        ),
        (
            "逐条核实单位自评：上次评议以来单位报称有进展、尚待委员核实的事项",
            "Verify claims: items departments report as advanced since members last assessed them",
            rec_ids(&|_, f| f.flags.unverified),
        ),
        (
            "对自评与评议不一致的事项重新评议",
            "Re-assess items where claims and assessments differ",
            ids(&problems.disputed),
        ),
        (
            "研究进展停滞、落实度下降事项的推进办法",
            "Agree how to move stalled or regressed items",
            stalled_or_regressed,
        ),
        (
            "督促尚未反馈的单位作出答复",
            "Press for replies on unreported items",
            ids(&problems.unreported),
        ),
        (
            "评议上次会议以来新增的建议",
            "Assess recommendations added since the last meeting",
            rec_ids(&|_, f| f.flags.new),
        ),
        (
            "确认可以办结的事项",
            "Confirm items that can be closed",
            rec_ids(&|r, f| f.flags.closed && f.now.excluded.is_none() && !closed_by_meeting(r)),
        ),
    ];
    points
        .into_iter()
        .filter(|(_, _, recs)| !recs.is_empty())
        .map(|(zh, en, recs)| {
            Arc::new(AgendaPoint {
                title: p.cx.t(zh, en),
                recs,
            })
        })
        .collect()
}
