//! Building the brief model from a case and its figures: the [`Parts`] every section needs, gathered once, then
//! one function per section.

use crate::brief::context::{Ctx, meeting_ref};
use crate::brief::model::*;
use crate::brief::parts::Parts;
use crate::brief::words::Words;
use crate::brief::{overall, problems, records};
use crate::case::config::{Config, Unreported};
use crate::case::model::{Case, MeetingKind, Recommendation};
use crate::figures::cutoff::{AtCutoff, target_meeting};
use crate::figures::index::Index;
use crate::figures::{Figures, STALL_DAYS};
use crate::fmt::date::iso;
use crate::lang::Lang;
use chrono::NaiveDate;
use std::sync::Arc;

/// Builds the report model for a case.
pub fn build(
    case: &Case,
    cfg: &Config,
    figures: &Figures,
    lang: Lang,
    meeting: Option<NaiveDate>,
) -> Brief {
    let recs = figures
        .recs
        .iter()
        .filter_map(|f| case.rec(&f.id).map(|r| (r, f)))
        .collect();
    let p = Parts {
        cx: Ctx { case, cfg, lang },
        figures,
        cut: AtCutoff::new(case, figures.as_of),
        recs,
        ix: Index::new(case),
    };
    let problems = problems::problems(&p);
    Brief {
        version: MODEL_VERSION,
        lang: lang.code().to_string(),
        committee: case.committee.clone().or_else(|| cfg.committee.clone()),
        as_of: iso(figures.as_of),
        meeting: meeting_view(case, figures.as_of, meeting),
        case: case_view(case),
        counts: counts(&p),
        instructions: instructions(&p),
        overall: p.cx.agg(&figures.overall),
        last_meeting: figures.last_meeting.map(iso),
        change: figures.change,
        by_status: overall::status_counts(&p.cx, figures),
        aspects: overall::aspects(&p),
        departments: overall::departments(&p),
        rounds: overall::rounds(&p),
        items: p
            .recs
            .iter()
            .map(|(r, f)| crate::brief::items::item(&p.cx, r, f, p.own(&r.id.value)))
            .collect(),
        results: problems::results(&p),
        agenda: problems::agenda(&p, &problems),
        problems,
        carry_over: problems::carry_over(&p),
        assessments: records::assessments(&p),
        feedback: records::feedback(&p),
        new_issues: records::new_issues(&p),
        excluded: records::excluded(&p),
        evidence: records::evidence(&p),
        timeline: records::timeline(&p),
        rules: rules(&p.cx),
    }
}

/// The meeting the brief prepares: the one given or the next one; a date with no meeting file is a
/// re-consultation.
fn meeting_view(
    case: &Case,
    as_of: NaiveDate,
    given: Option<NaiveDate>,
) -> Option<Arc<MeetingRef>> {
    match (target_meeting(case, as_of, given), given) {
        (Some(m), _) => Some(meeting_ref(case, m)),
        (None, Some(d)) => Some(Arc::new(MeetingRef {
            date: iso(d),
            title: None,
            kind: MeetingKind::Reconsultation.key().into(),
            round: None,
        })),
        (None, None) => None,
    }
}

fn case_view(case: &Case) -> Arc<CaseView> {
    Arc::new(CaseView {
        id: case.id.clone(),
        title: case.title.value.clone(),
        note: case.note.clone(),
        background: case.background.clone(),
        problems: case.problems.clone(),
        tags: case.tags.clone(),
        proposal_title: case.proposal.title.value.clone(),
        proposal_kind: case.proposal.kind.clone(),
        proposal_meeting: case.proposal.meeting.clone(),
        adopted: iso(case.proposal.adopted.value),
        doc_no: case.proposal.doc_no.clone(),
        closed: case.closed,
    })
}

fn counts(p: &Parts<'_>) -> Arc<Counts> {
    let case = p.cut.case;
    let adopted = case.proposal.adopted.value;
    let original = |r: &Recommendation| r.added.as_ref().is_none_or(|a| a.value == adopted);
    let held = p.cut.held();
    Arc::new(Counts {
        aspects: case.aspects.len(),
        recommendations: p.recs.len(),
        original: p.recs.iter().filter(|(r, _)| original(r)).count(),
        added_later: p.recs.iter().filter(|(r, _)| !original(r)).count(),
        measures: p.recs.iter().map(|(r, _)| r.measures.len()).sum(),
        departments: case.departments.len(),
        replies: p.cut.replies().count(),
        meetings: held.clone().count(),
        reconsultations: held
            .filter(|m| m.kind == MeetingKind::Reconsultation)
            .count(),
    })
}

fn instructions(p: &Parts<'_>) -> Vec<Arc<InstructionView>> {
    p.cut
        .instructions()
        .map(|i| {
            Arc::new(InstructionView {
                date: iso(i.date.value),
                by: i.by.value.clone(),
                text: i.text.value.clone(),
            })
        })
        .collect()
}

/// The rules the figures followed, for the annex.
fn rules(cx: &Ctx<'_>) -> Arc<Rules> {
    let cfg = cx.cfg;
    Arc::new(Rules {
        unreported: match cfg.unreported {
            Unreported::Zero => "zero".into(),
            Unreported::Exclude => "exclude".into(),
        },
        red_max: cfg.lights.red_max,
        green_above: cfg.lights.green_above,
        overdue_red_below: cfg.lights.overdue_red_below,
        stall_days: STALL_DAYS,
        dispute_points: cfg.dispute_points,
        scale: cfg
            .scale
            .iter()
            .map(|s| {
                Arc::new(ScaleView {
                    key: s.key.clone(),
                    label: cx.t(&s.zh, &s.en),
                    degree: s.degree,
                    is_final: s.is_final,
                    excluded: s.excluded,
                })
            })
            .collect(),
    })
}
