//! The sections that list records: members' assessments, departments' feedback, new issues, items outside the
//! totals, the evidence annex and the timeline.

use crate::brief::context::sat;
use crate::brief::model::{
    AssessmentView, EvidenceView, ExcludedView, FeedbackView, IssueView, TimelineEntry,
};
use crate::brief::parts::Parts;
use crate::brief::words::Words;
use crate::fmt::date::iso;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Members' assessments at the last held meeting.
pub(super) fn assessments(p: &Parts<'_>) -> Vec<Arc<AssessmentView>> {
    let cx = &p.cx;
    let Some(m) = p.cut.held().next_back() else {
        return Vec::new();
    };
    m.assessments
        .iter()
        .map(|a| {
            Arc::new(AssessmentView {
                rec: a.rec.value.clone(),
                title: cx
                    .case
                    .rec(&a.rec.value)
                    .map(|r| cx.rec_title(r))
                    .unwrap_or_default(),
                status: cx.status_label(a.status.as_ref().map(|s| s.value)),
                key: cx.status_key(a.status.as_ref().map(|s| s.value)),
                progress: a.progress.as_ref().map(|p| p.value),
                satisfaction: a.satisfaction.map(sat),
                comment: a.comment.clone(),
            })
        })
        .collect()
}

/// Departments' feedback on the recommendations, all held meetings.
pub(super) fn feedback(p: &Parts<'_>) -> Vec<Arc<FeedbackView>> {
    p.cut
        .held()
        .flat_map(|m| m.feedback.iter().map(move |f| (m, f)))
        .map(|(m, f)| {
            Arc::new(FeedbackView {
                date: iso(m.date.value),
                department: p.cx.dept_name(&f.department.value),
                rec: f.rec.as_ref().map(|r| r.value.clone()),
                kind: f.kind.word(p.cx.lang).to_string(),
                text: f.text.value.clone(),
            })
        })
        .collect()
}

/// New issues raised, all held meetings.
pub(super) fn new_issues(p: &Parts<'_>) -> Vec<Arc<IssueView>> {
    p.cut
        .held()
        .flat_map(|m| m.new_issues.iter().map(move |i| (m, i)))
        .map(|(m, i)| {
            Arc::new(IssueView {
                date: iso(m.date.value),
                id: i.id.as_ref().map(|x| x.value.clone()),
                text: i.text.value.clone(),
                raised_by: i.raised_by.clone(),
                outcome: i.outcome.map(|o| o.word(p.cx.lang).to_string()),
                became: i.became.as_ref().map(|b| b.value.clone()),
            })
        })
        .collect()
}

/// Items outside the totals, with the reason.
pub(super) fn excluded(p: &Parts<'_>) -> Vec<Arc<ExcludedView>> {
    p.recs
        .iter()
        .filter_map(|(r, f)| {
            f.now.excluded.as_ref().map(|e| {
                Arc::new(ExcludedView {
                    id: r.id.value.clone(),
                    title: p.cx.rec_title(r),
                    reason: p.cx.exclusion(e),
                })
            })
        })
        .collect()
}

/// Every piece of evidence named in replies up to the cut-off.
pub(super) fn evidence(p: &Parts<'_>) -> Vec<Arc<EvidenceView>> {
    let cx = &p.cx;
    p.cut
        .replies()
        .flat_map(|rep| rep.items.iter().map(move |i| (rep, i)))
        .flat_map(|(rep, i)| i.actions.iter().map(move |a| (rep, i, a)))
        .flat_map(|(rep, i, a)| {
            a.evidence.iter().map(move |doc| {
                Arc::new(EvidenceView {
                    rec: i.rec.value.clone(),
                    date: a.date.as_ref().map(|d| iso(d.value)),
                    department: cx.dept_name(&rep.department.value),
                    document: doc.clone(),
                })
            })
        })
        .collect()
}

/// Every record in date order: the adoption, instructions, replies, meetings held and planned.
pub(super) fn timeline(p: &Parts<'_>) -> Vec<Arc<TimelineEntry>> {
    let (cx, case) = (&p.cx, p.cut.case);
    // Files are named from the case folder: the folder is known from the heading, and the paths stay short in print.
    // Paths are as shown in messages, with forward slashes.
    let folder = case.file.rsplit_once('/').map_or("", |(dir, _)| dir);
    let entry = |date, kind: String, text: String, file: &str| {
        let inside = file.strip_prefix(folder).and_then(|f| f.strip_prefix('/'));
        Arc::new(TimelineEntry {
            date: iso(date),
            kind,
            text,
            file: inside.unwrap_or(file).to_string(),
        })
    };
    let mut out = vec![entry(
        case.proposal.adopted.value,
        cx.t("建议案通过", "proposal adopted"),
        case.proposal.title.value.clone(),
        &case.file,
    )];
    for i in p.cut.instructions() {
        let text = format!("{}：{}", i.by.value, i.text.value);
        out.push(entry(
            i.date.value,
            cx.t("批示", "instruction"),
            text,
            &case.file,
        ));
    }
    for r in p.cut.replies() {
        let recs: BTreeSet<&str> = r.items.iter().map(|i| i.rec.value.as_str()).collect();
        let recs: Vec<&str> = recs.into_iter().collect();
        let text = format!("{}：{}", cx.dept_name(&r.department.value), recs.join("、"));
        out.push(entry(
            r.date.value,
            r.kind.word(cx.lang).to_string(),
            text,
            &r.file,
        ));
    }
    for m in case
        .meetings
        .iter()
        .filter(|m| m.date.value <= p.cut.as_of || m.planned)
    {
        let kind = if m.planned {
            cx.t("计划召开", "planned meeting")
        } else {
            m.kind.word(cx.lang).to_string()
        };
        let text = m.title.clone().unwrap_or_default();
        out.push(entry(m.date.value, kind, text, &m.file));
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}
