//! The item-by-item table: one row per recommendation, what was proposed (提) against what was done (落).

use crate::brief::context::Ctx;
use crate::brief::model::{ActionView, ItemRef, ItemView, MeasureView, StepView};
use crate::brief::words::{Words, flags};
use crate::case::model::Recommendation;
use crate::figures::RecFigure;
use crate::figures::index::Claim;
use crate::fmt::date::iso;
use std::sync::Arc;

/// One recommendation's row; `own` are its reply items up to the cut-off, in reply order.
pub(super) fn item(
    cx: &Ctx<'_>,
    r: &Recommendation,
    f: &RecFigure,
    own: &[Claim<'_>],
) -> Arc<ItemView> {
    let now = &f.now;
    let on = flags(f);
    Arc::new(ItemView {
        id: r.id.value.clone(),
        aspect: r.aspect.value.clone(),
        title: r.title.clone(),
        text: r.text.value.clone(),
        lead: cx.dept_name(&r.lead.value),
        support: r.support.iter().map(|s| cx.dept_name(&s.value)).collect(),
        priority: r.priority.key().into(),
        weight: r.weight.value,
        claimed: now.claim.as_ref().and_then(|c| cx.status_label(c.status)),
        claimed_key: now.claim.as_ref().and_then(|c| cx.status_key(c.status)),
        assessed: now
            .assessment
            .as_ref()
            .and_then(|a| cx.status_label(a.status)),
        assessed_key: now
            .assessment
            .as_ref()
            .and_then(|a| cx.status_key(a.status)),
        status: cx.status_text(f),
        degree: now.degree,
        change: f.change,
        due: f.due.map(iso),
        original_due: f
            .revised_due
            .as_ref()
            .and(r.due.as_ref())
            .map(|d| iso(d.value)),
        revised_reason: f.revised_due.as_ref().and_then(|r| r.1.clone()),
        light: f.light.key().into(),
        flags: on.iter().map(|x| x.key().to_string()).collect(),
        flag_labels: on.iter().map(|x| x.word(cx.lang).to_string()).collect(),
        actions: actions(cx, own),
        obstacles: latest(own, |i| i.obstacles.clone()),
        summary: latest(own, |i| i.summary.clone()),
        next_steps: next_steps(own),
        measures: measures(cx, r, f),
        excluded: now.excluded.as_ref().map(|e| cx.exclusion(e)),
    })
}

/// The latest value a reply item states, from the newest item that states one.
pub(super) fn latest(
    own: &[Claim<'_>],
    pick: impl Fn(&crate::case::model::ReplyItem) -> Option<String>,
) -> Option<String> {
    own.iter().filter_map(|c| pick(c.item)).next_back()
}

/// Every action with its evidence, oldest first.
fn actions(cx: &Ctx<'_>, own: &[Claim<'_>]) -> Vec<Arc<ActionView>> {
    own.iter()
        .flat_map(|c| {
            c.item.actions.iter().map(move |a| {
                Arc::new(ActionView {
                    date: a.date.as_ref().map(|d| iso(d.value)),
                    department: cx.dept_name(&c.reply.department.value),
                    text: a.text.value.clone(),
                    evidence: a.evidence.clone(),
                })
            })
        })
        .collect()
}

/// The next steps of the newest reply item that names any.
fn next_steps(own: &[Claim<'_>]) -> Vec<Arc<StepView>> {
    own.iter()
        .rfind(|c| !c.item.next_steps.is_empty())
        .map(|c| {
            c.item
                .next_steps
                .iter()
                .map(|s| {
                    Arc::new(StepView {
                        text: s.text.value.clone(),
                        target: s.target.as_ref().map(|t| iso(t.value)),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The measures with their latest claims.
fn measures(cx: &Ctx<'_>, r: &Recommendation, f: &RecFigure) -> Vec<Arc<MeasureView>> {
    r.measures
        .iter()
        .zip(&f.now.measures)
        .map(|(m, mf)| {
            Arc::new(MeasureView {
                id: m.id.value.clone(),
                text: m.text.value.clone(),
                due: m.due.as_ref().map(|d| iso(d.value)),
                weight: m.weight.value,
                status: mf.claim.as_ref().and_then(|c| cx.status_label(c.status)),
                degree: mf.claim.as_ref().map(|c| c.degree),
            })
        })
        .collect()
}

/// A short reference to an item, with a note.
pub(super) fn item_ref(
    cx: &Ctx<'_>,
    r: &Recommendation,
    f: &RecFigure,
    note: Option<String>,
) -> Arc<ItemRef> {
    Arc::new(ItemRef {
        id: r.id.value.clone(),
        title: cx.rec_title(r),
        lead: cx.dept_name(&r.lead.value),
        status: cx.status_text(f),
        key: cx.status_short(f),
        degree: f.now.degree,
        note,
    })
}
