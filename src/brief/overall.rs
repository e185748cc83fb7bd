//! The overall picture: counts by status, and the degree by aspect, by lead department and round by round.

use crate::brief::context::{Ctx, sat};
use crate::brief::model::{DepartmentView, GroupView, RoundView, StatusCount};
use crate::brief::parts::Parts;
use crate::brief::words::Words;
use crate::figures::Figures;
use crate::fmt::date::iso;
use std::sync::Arc;

/// The recommendations by status, in scale order, then the rows outside the scale.
pub(super) fn status_counts(cx: &Ctx<'_>, figures: &Figures) -> Vec<Arc<StatusCount>> {
    let tally = figures.status_tally(cx.cfg.scale.len());
    let row = |scale: bool, key: &str, label: String, count: usize| {
        Arc::new(StatusCount {
            scale,
            key: key.to_string(),
            label,
            count,
        })
    };
    let mut out: Vec<Arc<StatusCount>> = cx
        .cfg
        .scale
        .iter()
        .zip(&tally.levels)
        .map(|(s, &n)| row(true, &s.key, cx.t(&s.zh, &s.en), n))
        .collect();
    if tally.unverified > 0 {
        let label = cx.t(
            "待核实（单位自评尚未经委员核实）",
            "claimed, not yet verified",
        );
        out.push(row(false, "unverified", label, tally.unverified));
    }
    if tally.superseded > 0 {
        let label = cx.t("已被取代、合并或拆分", "superseded, merged or split");
        out.push(row(false, "superseded", label, tally.superseded));
    }
    if tally.progress_only > 0 {
        let label = cx.t("只报进度未定状态", "progress without status");
        out.push(row(false, "progress_only", label, tally.progress_only));
    }
    out.push(row(
        false,
        "unreported",
        cx.t("未反馈", "no report"),
        tally.unreported,
    ));
    out
}

/// Each aspect's degree, in file order.
pub(super) fn aspects(p: &Parts<'_>) -> Vec<Arc<GroupView>> {
    p.cut
        .case
        .aspects
        .iter()
        .filter_map(|a| {
            let (_, agg) = p.figures.aspects.iter().find(|(id, _)| *id == a.id.value)?;
            Some(Arc::new(GroupView {
                id: a.id.value.clone(),
                title: a.title.value.clone(),
                agg: p.cx.agg(agg),
            }))
        })
        .collect()
}

/// Each lead department's degree and counts, in file order.
pub(super) fn departments(p: &Parts<'_>) -> Vec<Arc<DepartmentView>> {
    p.cut
        .case
        .departments
        .iter()
        .filter_map(|d| {
            let id = &d.id.value;
            let (_, agg) = p.figures.departments.iter().find(|(x, _)| x == id)?;
            let led = p.recs.iter().filter(|(r, _)| r.lead.value == *id);
            Some(Arc::new(DepartmentView {
                id: id.clone(),
                name: d.name.clone(),
                agg: p.cx.agg(agg),
                open: led.clone().filter(|(_, f)| !f.flags.closed).count(),
                overdue: led.clone().filter(|(_, f)| f.flags.overdue).count(),
                disputed: led.filter(|(_, f)| f.flags.disputed).count(),
                supporting: p
                    .recs
                    .iter()
                    .filter(|(r, _)| r.support.iter().any(|s| s.value == *id))
                    .count(),
            }))
        })
        .collect()
}

/// The degree at each held meeting and at the cut-off, with the change from the row before.
pub(super) fn rounds(p: &Parts<'_>) -> Vec<Arc<RoundView>> {
    let mut prev: Option<f64> = None;
    p.figures
        .rounds
        .iter()
        .map(|r| {
            let m = p.cut.held().find(|m| m.date.value == r.date);
            let change = prev.zip(r.overall.degree).map(|(p, d)| d - p);
            prev = r.overall.degree.or(prev);
            Arc::new(RoundView {
                date: iso(r.date),
                // An untitled meeting is named by its kind, not left blank.
                title: m.map(|m| {
                    m.title
                        .clone()
                        .unwrap_or_else(|| m.kind.word(p.cx.lang).to_string())
                }),
                is_cutoff: m.is_none(),
                overall: p.cx.agg(&r.overall),
                change,
                satisfaction: sat(r.satisfaction),
            })
        })
        .collect()
}
