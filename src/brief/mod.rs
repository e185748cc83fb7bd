//! The report model: what a brief template can see. Built from the case and its figures; stable and documented
//! in `docs/templates.md`, so templates never depend on the YAML structs. Numbers stay numbers (templates format
//! them with the `pct`, `bar` and `date` filters); dates are ISO strings.

pub mod explanation;
pub mod overview;
pub mod rows;
pub mod words;

use crate::case::config::Config;
use crate::case::model::*;
use crate::figures::cutoff::target_meeting;
use crate::figures::{Aggregate, Basis, Exclusion, Figures, Light, RecFigure, STALL_DAYS, Stall};
use crate::fmt::date::iso;
use crate::lang::Lang;
use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, Value};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Version of this model; bumped when a field changes meaning or disappears.
pub const MODEL_VERSION: u32 = 1;

/// Everything a brief template sees.
#[derive(Debug, Serialize)]
pub struct Brief {
    /// Model version.
    pub version: u32,
    /// `zh` or `en`.
    pub lang: String,
    /// Committee name.
    pub committee: Option<String>,
    /// Data cut-off date.
    pub as_of: String,
    /// The meeting the brief prepares, if known.
    pub meeting: Option<Arc<MeetingRef>>,
    /// The case.
    pub case: Arc<CaseView>,
    /// Counts for the background section.
    pub counts: Arc<Counts>,
    /// Leaders' instructions.
    pub instructions: Vec<Arc<InstructionView>>,
    /// The whole case's degree.
    pub overall: Arc<AggView>,
    /// Date of the last held meeting.
    pub last_meeting: Option<String>,
    /// Change of the overall degree since then, in percentage points.
    pub change: Option<f64>,
    /// Counts by status, in scale order, then 未反馈.
    pub by_status: Vec<Arc<StatusCount>>,
    /// Per aspect.
    pub aspects: Vec<Arc<GroupView>>,
    /// Per lead department.
    pub departments: Vec<Arc<DepartmentView>>,
    /// Degree at each held meeting and now.
    pub rounds: Vec<Arc<RoundView>>,
    /// Item-by-item comparison.
    pub items: Vec<Arc<ItemView>>,
    /// Items finished (final status or closed).
    pub results: Vec<Arc<ItemRef>>,
    /// Problems.
    pub problems: Arc<Problems>,
    /// Members' assessments at the last held meeting.
    pub assessments: Vec<Arc<AssessmentView>>,
    /// Departments' feedback on the recommendations, all meetings.
    pub feedback: Vec<Arc<FeedbackView>>,
    /// New issues, all meetings.
    pub new_issues: Vec<Arc<IssueView>>,
    /// Proposed agenda points for the meeting.
    pub agenda: Vec<Arc<AgendaPoint>>,
    /// Recommendations to carry over (open ones).
    pub carry_over: Vec<Arc<ItemRef>>,
    /// Items outside the totals, with the reason.
    pub excluded: Vec<Arc<ExcludedView>>,
    /// Every piece of evidence named in replies.
    pub evidence: Vec<Arc<EvidenceView>>,
    /// Every record, in date order.
    pub timeline: Vec<Arc<TimelineEntry>>,
    /// How the figures were computed.
    pub rules: Arc<Rules>,
}

/// A meeting reference.
#[derive(Debug, Serialize)]
pub struct MeetingRef {
    /// Date.
    pub date: String,
    /// Title.
    pub title: Option<String>,
    /// `initial` or `reconsultation`.
    pub kind: String,
    /// Ordinal among re-consultations (1 = first), if a re-consultation.
    pub round: Option<usize>,
}

/// The case itself.
#[derive(Debug, Serialize)]
pub struct CaseView {
    /// Folder name.
    pub id: String,
    /// Topic.
    pub title: String,
    /// Note (e.g. illustrative content).
    pub note: Option<String>,
    /// Background paragraph.
    pub background: Option<String>,
    /// Problems named at the initial consultation.
    pub problems: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Proposal title.
    pub proposal_title: String,
    /// Proposal kind.
    pub proposal_kind: Option<String>,
    /// Meeting that adopted it.
    pub proposal_meeting: Option<String>,
    /// Date adopted.
    pub adopted: String,
    /// Document number.
    pub doc_no: Option<String>,
    /// Closed case.
    pub closed: bool,
}

/// Counts for the background.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Aspects.
    pub aspects: usize,
    /// Recommendations in force at the cut-off (all, including excluded).
    pub recommendations: usize,
    /// Of which adopted with the proposal.
    pub original: usize,
    /// Of which added at later meetings.
    pub added_later: usize,
    /// Measures.
    pub measures: usize,
    /// Departments.
    pub departments: usize,
    /// Replies received up to the cut-off.
    pub replies: usize,
    /// Meetings held up to the cut-off.
    pub meetings: usize,
    /// Of which re-consultations.
    pub reconsultations: usize,
}

/// An instruction.
#[derive(Debug, Serialize)]
pub struct InstructionView {
    /// Date.
    pub date: String,
    /// By whom.
    pub by: String,
    /// Text.
    pub text: String,
}

/// An aggregate.
#[derive(Debug, Serialize)]
pub struct AggView {
    /// Degree 0–100, or none.
    pub degree: Option<f64>,
    /// Traffic light: red, amber, green or none.
    pub light: String,
    /// Items counted.
    pub counted: usize,
    /// Sum of weights counted.
    pub weight: f64,
    /// Items excluded.
    pub excluded: usize,
    /// Items unreported.
    pub unreported: usize,
    /// Items in all.
    pub total: usize,
}

/// Count of items in one status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    /// Whether this is a level of the status scale (else: superseded, progress only, or unreported).
    pub scale: bool,
    /// Status key (`superseded`, `progress_only`, `unreported` for the rows outside the scale).
    pub key: String,
    /// Label in the brief's language.
    pub label: String,
    /// Count.
    pub count: usize,
}

/// An aspect's figures.
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Figures.
    pub agg: Arc<AggView>,
}

/// A department's figures.
#[derive(Debug, Serialize)]
pub struct DepartmentView {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Figures over the recommendations it leads.
    pub agg: Arc<AggView>,
    /// Open items it leads.
    pub open: usize,
    /// Overdue items it leads.
    pub overdue: usize,
    /// Disputed items it leads.
    pub disputed: usize,
    /// Items it supports.
    pub supporting: usize,
}

/// One round.
#[derive(Debug, Serialize)]
pub struct RoundView {
    /// Date.
    pub date: String,
    /// Meeting title, or none for the cut-off row.
    pub title: Option<String>,
    /// Whether this row is the cut-off rather than a meeting.
    pub is_cutoff: bool,
    /// Figures.
    pub overall: Arc<AggView>,
    /// Change from the previous row.
    pub change: Option<f64>,
    /// Satisfaction counts of that meeting.
    pub satisfaction: Arc<SatisfactionView>,
}

/// Satisfaction counts.
#[derive(Debug, Serialize)]
pub struct SatisfactionView {
    /// 满意.
    pub satisfied: u32,
    /// 基本满意.
    pub basic: u32,
    /// 不满意.
    pub unsatisfied: u32,
    /// All answers.
    pub total: u32,
    /// (满意 + 基本满意) ÷ total × 100, or none when no answers.
    pub rate: Option<f64>,
}

/// One row of the item-by-item table.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// Id.
    pub id: String,
    /// Aspect id.
    pub aspect: String,
    /// Short title, else none.
    pub title: Option<String>,
    /// Text (提).
    pub text: String,
    /// Lead department name.
    pub lead: String,
    /// Support department names.
    pub support: Vec<String>,
    /// Priority `high`/`normal`.
    pub priority: String,
    /// Weight.
    pub weight: f64,
    /// Claimed status label (with key), or none.
    pub claimed: Option<String>,
    /// Claimed status key.
    pub claimed_key: Option<String>,
    /// Assessed status label (with key), or none.
    pub assessed: Option<String>,
    /// Assessed status key.
    pub assessed_key: Option<String>,
    /// Effective status label, or 未反馈 / 不再适用 text.
    pub status: String,
    /// Degree, or none (unreported or excluded).
    pub degree: Option<f64>,
    /// Change since the last meeting.
    pub change: Option<f64>,
    /// Due date in force.
    pub due: Option<String>,
    /// Original due date, when revised.
    pub original_due: Option<String>,
    /// Reason of the revision.
    pub revised_reason: Option<String>,
    /// Traffic light.
    pub light: String,
    /// Flag keys: overdue, stalled, disputed, regressed, unreported, new, closed, excluded.
    pub flags: Vec<String>,
    /// Flag labels in the brief's language.
    pub flag_labels: Vec<String>,
    /// Key actions (落), newest last.
    pub actions: Vec<Arc<ActionView>>,
    /// Latest obstacles stated.
    pub obstacles: Option<String>,
    /// Latest summary stated.
    pub summary: Option<String>,
    /// Next steps from the latest reply.
    pub next_steps: Vec<Arc<StepView>>,
    /// Measures.
    pub measures: Vec<Arc<MeasureView>>,
    /// Exclusion reason, if outside the totals.
    pub excluded: Option<String>,
}

/// An action with evidence.
#[derive(Debug, Serialize)]
pub struct ActionView {
    /// Date, if stated.
    pub date: Option<String>,
    /// Department.
    pub department: String,
    /// Text.
    pub text: String,
    /// Evidence documents.
    pub evidence: Vec<String>,
}

/// A next step.
#[derive(Debug, Serialize)]
pub struct StepView {
    /// Text.
    pub text: String,
    /// Target date.
    pub target: Option<String>,
}

/// A measure.
#[derive(Debug, Serialize)]
pub struct MeasureView {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Due date.
    pub due: Option<String>,
    /// Weight.
    pub weight: f64,
    /// Claimed status label.
    pub status: Option<String>,
    /// Degree, none if unreported.
    pub degree: Option<f64>,
}

/// A short reference to an item.
#[derive(Debug, Serialize)]
pub struct ItemRef {
    /// Id.
    pub id: String,
    /// Title or text.
    pub title: String,
    /// Lead department.
    pub lead: String,
    /// Status label.
    pub status: String,
    /// Degree.
    pub degree: Option<f64>,
    /// A short explanation (reason, latest action).
    pub note: Option<String>,
}

/// Problems.
#[derive(Debug, Serialize)]
pub struct Problems {
    /// Past their due date and not finished.
    pub overdue: Vec<Arc<ItemRef>>,
    /// Stalled.
    pub stalled: Vec<Arc<ItemRef>>,
    /// Assessed lower than claimed.
    pub disputed: Vec<Arc<ItemRef>>,
    /// Lower than at an earlier meeting.
    pub regressed: Vec<Arc<ItemRef>>,
    /// No report yet.
    pub unreported: Vec<Arc<ItemRef>>,
    /// Items in a non-final status of degree 0 or a final one below 100 (C/D), with reasons.
    pub blocked: Vec<Arc<ItemRef>>,
}

/// A members' assessment.
#[derive(Debug, Serialize)]
pub struct AssessmentView {
    /// Recommendation id.
    pub rec: String,
    /// Title or text.
    pub title: String,
    /// Status label.
    pub status: Option<String>,
    /// Progress.
    pub progress: Option<f64>,
    /// Satisfaction.
    pub satisfaction: Option<Arc<SatisfactionView>>,
    /// Comment.
    pub comment: Option<String>,
}

/// Department feedback.
#[derive(Debug, Serialize)]
pub struct FeedbackView {
    /// Meeting date.
    pub date: String,
    /// Department name.
    pub department: String,
    /// Recommendation id.
    pub rec: Option<String>,
    /// Kind label.
    pub kind: String,
    /// Text.
    pub text: String,
}

/// A new issue.
#[derive(Debug, Serialize)]
pub struct IssueView {
    /// Meeting date.
    pub date: String,
    /// Id.
    pub id: Option<String>,
    /// Text.
    pub text: String,
    /// Raised by.
    pub raised_by: Option<String>,
    /// Outcome label.
    pub outcome: Option<String>,
    /// Recommendation it became.
    pub became: Option<String>,
}

/// A proposed agenda point.
#[derive(Debug, Serialize)]
pub struct AgendaPoint {
    /// Heading.
    pub title: String,
    /// Recommendation ids concerned.
    pub recs: Vec<String>,
}

/// An excluded item.
#[derive(Debug, Serialize)]
pub struct ExcludedView {
    /// Id.
    pub id: String,
    /// Title or text.
    pub title: String,
    /// Why it is outside the totals.
    pub reason: String,
}

/// A piece of evidence.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    /// Recommendation id.
    pub rec: String,
    /// Date of the action.
    pub date: Option<String>,
    /// Department.
    pub department: String,
    /// Document name.
    pub document: String,
}

/// A record in the timeline.
#[derive(Debug, Serialize)]
pub struct TimelineEntry {
    /// Date.
    pub date: String,
    /// Kind label.
    pub kind: String,
    /// What.
    pub text: String,
    /// Source file.
    pub file: String,
}

/// The rules used, for the annex.
#[derive(Debug, Serialize)]
pub struct Rules {
    /// `zero` or `exclude`.
    pub unreported: String,
    /// Red band upper bound.
    pub red_max: f64,
    /// Green band lower bound (exclusive).
    pub green_above: f64,
    /// Overdue items below this are red.
    pub overdue_red_below: f64,
    /// Days after a meeting without reply before an item is stalled.
    pub stall_days: i64,
    /// The status scale.
    pub scale: Vec<Arc<ScaleView>>,
}

/// One level of the scale.
#[derive(Debug, Serialize)]
pub struct ScaleView {
    /// Key.
    pub key: String,
    /// Label.
    pub label: String,
    /// Degree.
    pub degree: f64,
    /// Final.
    pub is_final: bool,
    /// Excluded.
    pub excluded: bool,
}

struct Ctx<'a> {
    case: &'a Case,
    cfg: &'a Config,
    lang: Lang,
}

impl Ctx<'_> {
    fn t(&self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// Like [`Ctx::t`] for formatted text: only the language in use is formatted.
    fn tr(&self, zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> String {
        match self.lang {
            Lang::Zh => zh(),
            Lang::En => en(),
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        crate::fmt::date::long_date(d, self.lang)
    }

    fn status_label(&self, s: Option<usize>) -> Option<String> {
        let level = self.cfg.scale.get(s?)?;
        let (name, open, close) = match self.lang {
            Lang::Zh => (&level.zh, "（", "）"),
            Lang::En => (&level.en, " (", ")"),
        };
        // Put together by hand: `format!` costs several times as much, and this runs for every item.
        let mut out =
            String::with_capacity(level.key.len() + open.len() + name.len() + close.len());
        for part in [level.key.as_str(), open, name, close] {
            out.push_str(part);
        }
        Some(out)
    }

    fn status_key(&self, s: Option<usize>) -> Option<String> {
        self.cfg.scale.get(s?).map(|l| l.key.clone())
    }

    fn dept_name(&self, id: &str) -> String {
        self.case
            .department(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    }

    fn rec_title(&self, rec: &Recommendation) -> String {
        rec.title.clone().unwrap_or_else(|| rec.text.value.clone())
    }

    fn light(&self, l: Light) -> String {
        match l {
            Light::Red => "red",
            Light::Amber => "amber",
            Light::Green => "green",
            Light::None => "none",
        }
        .to_string()
    }

    fn agg(&self, a: &Aggregate) -> Arc<AggView> {
        Arc::new(AggView {
            degree: a.degree,
            light: self.light(crate::figures::light(self.cfg, a.degree, false)),
            counted: a.counted,
            weight: a.weight,
            excluded: a.excluded,
            unreported: a.unreported,
            total: a.total,
        })
    }

    fn exclusion(&self, e: &Exclusion) -> String {
        match e {
            Exclusion::Status(s) => {
                let label = self.status_label(Some(*s)).unwrap_or_default();
                self.tr(|| format!("状态为{label}"), || format!("status {label}"))
            }
            Exclusion::SupersededBy(id) => self.tr(
                || format!("已由建议 {id} 取代"),
                || format!("superseded by {id}"),
            ),
            Exclusion::MergedInto(id) => self.tr(
                || format!("已并入建议 {id}"),
                || format!("merged into {id}"),
            ),
            Exclusion::SplitInto(ids) => self.tr(
                || format!("已拆分为建议 {}", ids.join("、")),
                || format!("split into {}", ids.join(", ")),
            ),
        }
    }

    fn status_text(&self, f: &RecFigure) -> String {
        if let Some(e) = &f.now.excluded {
            return self.exclusion(e);
        }
        match f.now.basis {
            Basis::Unreported => self.t("未反馈", "no report"),
            _ => self
                .status_label(f.now.status)
                .unwrap_or_else(|| self.t("未定状态", "no status")),
        }
    }
}

fn sat(s: Satisfaction) -> Arc<SatisfactionView> {
    let total = s.satisfied + s.basic + s.unsatisfied;
    Arc::new(SatisfactionView {
        satisfied: s.satisfied,
        basic: s.basic,
        unsatisfied: s.unsatisfied,
        total,
        rate: (total > 0).then(|| f64::from(s.satisfied + s.basic) * 100.0 / f64::from(total)),
    })
}

/// Builds the report model for a case.
pub fn build(
    case: &Case,
    cfg: &Config,
    figures: &Figures,
    lang: Lang,
    meeting: Option<NaiveDate>,
) -> Brief {
    let cx = Ctx { case, cfg, lang };
    let as_of = figures.as_of;
    let recs: Vec<(&Recommendation, &RecFigure)> = figures
        .recs
        .iter()
        .filter_map(|f| case.rec(&f.id).map(|r| (r, f)))
        .collect();
    let held: Vec<&Meeting> = case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= as_of)
        .collect();
    let replies: Vec<&Reply> = case
        .replies
        .iter()
        .filter(|r| r.date.value <= as_of)
        .collect();
    // Each recommendation's reply items up to the cut-off, in reply order, gathered once.
    let mut by_rec: HashMap<&str, Vec<(&Reply, &ReplyItem)>> = HashMap::new();
    for rep in &replies {
        for i in &rep.items {
            by_rec
                .entry(i.rec.value.as_str())
                .or_default()
                .push((*rep, i));
        }
    }
    let own = |id: &str| by_rec.get(id).map_or(&[][..], Vec::as_slice);

    let target = target_meeting(case, as_of, meeting);
    let meeting = match (target, meeting) {
        (Some(m), _) => Some(meeting_ref(case, m)),
        (None, Some(d)) => Some(Arc::new(MeetingRef {
            date: iso(d),
            title: None,
            kind: "reconsultation".into(),
            round: None,
        })),
        (None, None) => None,
    };

    let items: Vec<Arc<ItemView>> = recs
        .iter()
        .map(|(r, f)| item(&cx, r, f, own(&r.id.value)))
        .collect();
    let item_ref = |r: &Recommendation, f: &RecFigure, note: Option<String>| {
        Arc::new(ItemRef {
            id: r.id.value.clone(),
            title: cx.rec_title(r),
            lead: cx.dept_name(&r.lead.value),
            status: cx.status_text(f),
            degree: f.now.degree,
            note,
        })
    };
    let pick = |pred: &dyn Fn(&RecFigure) -> bool,
                note: &dyn Fn(&Recommendation, &RecFigure) -> Option<String>|
     -> Vec<Arc<ItemRef>> {
        recs.iter()
            .filter(|(_, f)| pred(f))
            .map(|(r, f)| item_ref(r, f, note(r, f)))
            .collect()
    };
    let latest_text =
        |r: &Recommendation, pick: fn(&ReplyItem) -> Option<String>| -> Option<String> {
            own(&r.id.value)
                .iter()
                .filter_map(|(_, i)| pick(i))
                .next_back()
        };
    let overdue_note = |_: &Recommendation, f: &RecFigure| {
        f.due.map(|d| {
            let days = (as_of - d).num_days();
            cx.tr(
                || format!("期限 {}，已逾期 {days} 天", cx.date(d)),
                || format!("due {}, {days} days overdue", cx.date(d)),
            )
        })
    };
    let problems = Arc::new(Problems {
        overdue: pick(&|f| f.flags.overdue, &overdue_note),
        stalled: pick(&|f| f.flags.stalled, &|_, f| stalled_note(&cx, f, figures)),
        disputed: pick(&|f| f.flags.disputed, &|_, f| {
            let c = f
                .now
                .claim
                .as_ref()
                .and_then(|c| cx.status_label(c.status))
                .unwrap_or_default();
            let a = f
                .now
                .assessment
                .as_ref()
                .and_then(|a| cx.status_label(a.status))
                .unwrap_or_default();
            Some(cx.tr(
                || format!("单位自评 {c}，委员评议 {a}"),
                || format!("claimed {c}, assessed {a}"),
            ))
        }),
        regressed: pick(&|f| f.flags.regressed, &|_, f| {
            let last = f.at_last_meeting.as_ref().and_then(|s| s.degree);
            last.map(|l| {
                cx.tr(
                    || format!("上次会议时 {l:.1}%"),
                    || format!("{l:.1}% at the last meeting"),
                )
            })
        }),
        unreported: pick(&|f| f.flags.unreported, &|r, _| {
            r.assigned.as_ref().map(|a| {
                cx.tr(
                    || format!("{}交办，至今未反馈", cx.date(a.value)),
                    || format!("assigned {}, no report yet", cx.date(a.value)),
                )
            })
        }),
        blocked: pick(
            &|f| {
                f.now.excluded.is_none()
                    && f.now
                        .status
                        .and_then(|s| cfg.scale.get(s))
                        .is_some_and(|l| l.degree < 100.0 && (l.is_final || l.degree == 0.0))
            },
            &|r, _| {
                latest_text(r, |i| i.obstacles.clone())
                    .or_else(|| latest_text(r, |i| i.summary.clone()))
            },
        ),
    });
    let results = pick(
        &|f| f.flags.closed && f.now.excluded.is_none() && f.now.degree.is_some_and(|d| d >= 100.0),
        &|r, _| {
            own(&r.id.value)
                .iter()
                .flat_map(|(_, i)| &i.actions)
                .next_back()
                .map(|a| a.text.value.clone())
        },
    );
    let carry_over = pick(&|f| !f.flags.closed, &|_, _| None);

    let mut agenda = Vec::new();
    let mut point = |zh: &str, en: &str, ids: Vec<String>| {
        if !ids.is_empty() {
            agenda.push(Arc::new(AgendaPoint {
                title: cx.t(zh, en),
                recs: ids,
            }));
        }
    };
    let ids = |list: &[Arc<ItemRef>]| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    point(
        "听取承办单位对逾期未完成事项的说明",
        "Hear departments on overdue items",
        ids(&problems.overdue),
    );
    point(
        "对自评与评议不一致的事项重新评议",
        "Re-assess items where claims and assessments differ",
        ids(&problems.disputed),
    );
    point(
        "研究进展停滞、落实度下降事项的推进办法",
        "Agree how to move stalled or regressed items",
        {
            let mut v = ids(&problems.stalled);
            v.extend(
                ids(&problems.regressed)
                    .into_iter()
                    .filter(|i| !v.contains(i))
                    .collect::<Vec<_>>(),
            );
            v
        },
    );
    point(
        "督促尚未反馈的单位作出答复",
        "Press for replies on unreported items",
        ids(&problems.unreported),
    );
    point(
        "评议上次会议以来新增的建议",
        "Assess recommendations added since the last meeting",
        recs.iter()
            .filter(|(_, f)| f.flags.new)
            .map(|(r, _)| r.id.value.clone())
            .collect(),
    );
    point(
        "确认可以办结的事项",
        "Confirm items that can be closed",
        {
            recs.iter()
                .filter(|(r, f)| {
                    f.flags.closed
                        && f.now.excluded.is_none()
                        && !held
                            .iter()
                            .flat_map(|m| &m.decisions)
                            .any(|d| d.rec.value == r.id.value && d.action == DecisionKind::Close)
                })
                .map(|(r, _)| r.id.value.clone())
                .collect()
        },
    );

    let by_status = status_counts(&cx, figures);
    let departments = case
        .departments
        .iter()
        .filter_map(|d| {
            let (_, agg) = figures
                .departments
                .iter()
                .find(|(id, _)| *id == d.id.value)?;
            let led = recs.iter().filter(|(r, _)| r.lead.value == d.id.value);
            Some(Arc::new(DepartmentView {
                id: d.id.value.clone(),
                name: d.name.clone(),
                agg: cx.agg(agg),
                open: led.clone().filter(|(_, f)| !f.flags.closed).count(),
                overdue: led.clone().filter(|(_, f)| f.flags.overdue).count(),
                disputed: led.filter(|(_, f)| f.flags.disputed).count(),
                supporting: recs
                    .iter()
                    .filter(|(r, _)| r.support.iter().any(|s| s.value == d.id.value))
                    .count(),
            }))
        })
        .collect();

    let mut prev: Option<f64> = None;
    let rounds = figures
        .rounds
        .iter()
        .map(|r| {
            let m = held.iter().find(|m| m.date.value == r.date);
            let change = prev.zip(r.overall.degree).map(|(p, d)| d - p);
            prev = r.overall.degree.or(prev);
            Arc::new(RoundView {
                date: iso(r.date),
                title: m.and_then(|m| m.title.clone()),
                is_cutoff: m.is_none(),
                overall: cx.agg(&r.overall),
                change,
                satisfaction: sat(r.satisfaction),
            })
        })
        .collect();

    let assessments = held
        .last()
        .map(|m| {
            m.assessments
                .iter()
                .map(|a| {
                    Arc::new(AssessmentView {
                        rec: a.rec.value.clone(),
                        title: case
                            .rec(&a.rec.value)
                            .map(|r| cx.rec_title(r))
                            .unwrap_or_default(),
                        status: cx.status_label(a.status.as_ref().map(|s| s.value)),
                        progress: a.progress.as_ref().map(|p| p.value),
                        satisfaction: a.satisfaction.map(sat),
                        comment: a.comment.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let feedback = held
        .iter()
        .flat_map(|m| m.feedback.iter().map(move |f| (m, f)))
        .map(|(m, f)| {
            Arc::new(FeedbackView {
                date: iso(m.date.value),
                department: cx.dept_name(&f.department.value),
                rec: f.rec.as_ref().map(|r| r.value.clone()),
                kind: match f.kind {
                    FeedbackKind::Correction => cx.t("修正", "correction"),
                    FeedbackKind::Addition => cx.t("补充", "addition"),
                    FeedbackKind::Infeasible => cx.t("不可行", "not feasible"),
                    FeedbackKind::Other => cx.t("其他", "other"),
                },
                text: f.text.value.clone(),
            })
        })
        .collect();
    let new_issues = held
        .iter()
        .flat_map(|m| m.new_issues.iter().map(move |i| (m, i)))
        .map(|(m, i)| {
            Arc::new(IssueView {
                date: iso(m.date.value),
                id: i.id.as_ref().map(|x| x.value.clone()),
                text: i.text.value.clone(),
                raised_by: i.raised_by.clone(),
                outcome: i.outcome.map(|o| match o {
                    IssueOutcome::NewRecommendation => {
                        cx.t("转为新建议", "became a recommendation")
                    }
                    IssueOutcome::Referred => cx.t("转交部门研究", "referred to departments"),
                    IssueOutcome::Noted => cx.t("记录在案", "noted"),
                }),
                became: i.became.as_ref().map(|b| b.value.clone()),
            })
        })
        .collect();
    let excluded = recs
        .iter()
        .filter_map(|(r, f)| {
            f.now.excluded.as_ref().map(|e| {
                Arc::new(ExcludedView {
                    id: r.id.value.clone(),
                    title: cx.rec_title(r),
                    reason: cx.exclusion(e),
                })
            })
        })
        .collect();
    let cxr = &cx;
    let evidence = replies
        .iter()
        .flat_map(|rep| rep.items.iter().map(move |i| (rep, i)))
        .flat_map(|(rep, i)| i.actions.iter().map(move |a| (rep, i, a)))
        .flat_map(|(rep, i, a)| {
            a.evidence.iter().map(move |doc| {
                Arc::new(EvidenceView {
                    rec: i.rec.value.clone(),
                    date: a.date.as_ref().map(|d| iso(d.value)),
                    department: cxr.dept_name(&rep.department.value),
                    document: doc.clone(),
                })
            })
        })
        .collect();

    Brief {
        version: MODEL_VERSION,
        lang: lang.code().to_string(),
        committee: case.committee.clone().or_else(|| cfg.committee.clone()),
        as_of: iso(as_of),
        meeting,
        case: Arc::new(CaseView {
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
        }),
        counts: Arc::new(Counts {
            aspects: case.aspects.len(),
            recommendations: recs.len(),
            original: recs
                .iter()
                .filter(|(r, _)| {
                    r.added
                        .as_ref()
                        .is_none_or(|a| a.value == case.proposal.adopted.value)
                })
                .count(),
            added_later: recs
                .iter()
                .filter(|(r, _)| {
                    r.added
                        .as_ref()
                        .is_some_and(|a| a.value != case.proposal.adopted.value)
                })
                .count(),
            measures: recs.iter().map(|(r, _)| r.measures.len()).sum(),
            departments: case.departments.len(),
            replies: replies.len(),
            meetings: held.len(),
            reconsultations: held
                .iter()
                .filter(|m| m.kind == MeetingKind::Reconsultation)
                .count(),
        }),
        instructions: case
            .instructions
            .iter()
            .filter(|i| i.date.value <= as_of)
            .map(|i| {
                Arc::new(InstructionView {
                    date: iso(i.date.value),
                    by: i.by.value.clone(),
                    text: i.text.value.clone(),
                })
            })
            .collect(),
        overall: cx.agg(&figures.overall),
        last_meeting: figures.last_meeting.map(iso),
        change: figures.change,
        by_status,
        aspects: case
            .aspects
            .iter()
            .filter_map(|a| {
                let (_, agg) = figures.aspects.iter().find(|(id, _)| *id == a.id.value)?;
                Some(Arc::new(GroupView {
                    id: a.id.value.clone(),
                    title: a.title.value.clone(),
                    agg: cx.agg(agg),
                }))
            })
            .collect(),
        departments,
        rounds,
        items,
        results,
        problems,
        assessments,
        feedback,
        new_issues,
        agenda,
        carry_over,
        excluded,
        evidence,
        timeline: timeline(&cx, as_of),
        rules: Arc::new(Rules {
            unreported: match cfg.unreported {
                crate::case::config::Unreported::Zero => "zero".into(),
                crate::case::config::Unreported::Exclude => "exclude".into(),
            },
            red_max: cfg.lights.red_max,
            green_above: cfg.lights.green_above,
            overdue_red_below: cfg.lights.overdue_red_below,
            stall_days: STALL_DAYS,
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
        }),
    }
}

fn meeting_ref(case: &Case, m: &Meeting) -> Arc<MeetingRef> {
    let round = (m.kind == MeetingKind::Reconsultation).then(|| {
        case.meetings
            .iter()
            .filter(|x| x.kind == MeetingKind::Reconsultation && x.date.value <= m.date.value)
            .count()
    });
    Arc::new(MeetingRef {
        date: iso(m.date.value),
        title: m.title.clone(),
        kind: match m.kind {
            MeetingKind::Initial => "initial".into(),
            MeetingKind::Reconsultation => "reconsultation".into(),
        },
        round,
    })
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

fn status_counts(cx: &Ctx<'_>, figures: &Figures) -> Vec<Arc<StatusCount>> {
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

/// One recommendation's row; `own` are its reply items up to the cut-off, in reply order.
fn item(
    cx: &Ctx<'_>,
    r: &Recommendation,
    f: &RecFigure,
    own: &[(&Reply, &ReplyItem)],
) -> Arc<ItemView> {
    let id = r.id.value.as_str();
    let actions = own
        .iter()
        .flat_map(|(rep, i)| {
            i.actions.iter().map(move |a| {
                Arc::new(ActionView {
                    date: a.date.as_ref().map(|d| iso(d.value)),
                    department: cx.dept_name(&rep.department.value),
                    text: a.text.value.clone(),
                    evidence: a.evidence.clone(),
                })
            })
        })
        .collect();
    let mut flags = Vec::new();
    let mut flag_labels = Vec::new();
    let mut flag = |on: bool, key: &str, zh: &str, en: &str| {
        if on {
            flags.push(key.to_string());
            flag_labels.push(cx.t(zh, en));
        }
    };
    flag(f.flags.overdue, "overdue", "逾期", "overdue");
    flag(f.flags.stalled, "stalled", "停滞", "stalled");
    flag(f.flags.disputed, "disputed", "评议低于自评", "disputed");
    flag(f.flags.regressed, "regressed", "下降", "regressed");
    flag(f.flags.unreported, "unreported", "未反馈", "no report");
    flag(f.flags.new, "new", "新增", "new");
    flag(f.now.excluded.is_some(), "excluded", "不计入", "excluded");
    flag(
        f.flags.closed && f.now.excluded.is_none(),
        "closed",
        "已办结",
        "closed",
    );
    Arc::new(ItemView {
        id: id.to_string(),
        aspect: r.aspect.value.clone(),
        title: r.title.clone(),
        text: r.text.value.clone(),
        lead: cx.dept_name(&r.lead.value),
        support: r.support.iter().map(|s| cx.dept_name(&s.value)).collect(),
        priority: match r.priority {
            Priority::High => "high".into(),
            Priority::Normal => "normal".into(),
        },
        weight: r.weight.value,
        claimed: f.now.claim.as_ref().and_then(|c| cx.status_label(c.status)),
        claimed_key: f.now.claim.as_ref().and_then(|c| cx.status_key(c.status)),
        assessed: f
            .now
            .assessment
            .as_ref()
            .and_then(|a| cx.status_label(a.status)),
        assessed_key: f
            .now
            .assessment
            .as_ref()
            .and_then(|a| cx.status_key(a.status)),
        status: cx.status_text(f),
        degree: f.now.degree,
        change: f.change,
        due: f.due.map(iso),
        original_due: f
            .revised_due
            .as_ref()
            .and(r.due.as_ref())
            .map(|d| iso(d.value)),
        revised_reason: f.revised_due.as_ref().and_then(|r| r.1.clone()),
        light: cx.light(f.light),
        flags,
        flag_labels,
        actions,
        obstacles: own
            .iter()
            .filter_map(|(_, i)| i.obstacles.clone())
            .next_back(),
        summary: own
            .iter()
            .filter_map(|(_, i)| i.summary.clone())
            .next_back(),
        next_steps: own
            .iter()
            .rfind(|(_, i)| !i.next_steps.is_empty())
            .map(|(_, i)| {
                i.next_steps
                    .iter()
                    .map(|s| {
                        Arc::new(StepView {
                            text: s.text.value.clone(),
                            target: s.target.as_ref().map(|t| iso(t.value)),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        measures: r
            .measures
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
            .collect(),
        excluded: f.now.excluded.as_ref().map(|e| cx.exclusion(e)),
    })
}

fn timeline(cx: &Ctx<'_>, as_of: NaiveDate) -> Vec<Arc<TimelineEntry>> {
    let case = cx.case;
    let mut out = vec![Arc::new(TimelineEntry {
        date: iso(case.proposal.adopted.value),
        kind: cx.t("建议案通过", "proposal adopted"),
        text: case.proposal.title.value.clone(),
        file: case.file.clone(),
    })];
    for i in case.instructions.iter().filter(|i| i.date.value <= as_of) {
        out.push(Arc::new(TimelineEntry {
            date: iso(i.date.value),
            kind: cx.t("批示", "instruction"),
            text: format!("{}：{}", i.by.value, i.text.value),
            file: case.file.clone(),
        }));
    }
    for r in case.replies.iter().filter(|r| r.date.value <= as_of) {
        let recs: Vec<&str> = r
            .items
            .iter()
            .map(|i| i.rec.value.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(Arc::new(TimelineEntry {
            date: iso(r.date.value),
            kind: match r.kind {
                ReplyKind::Reply => cx.t("办理复文", "reply"),
                ReplyKind::Progress => cx.t("办理情况", "progress report"),
                ReplyKind::Supplementary => cx.t("补充答复", "supplementary reply"),
            },
            text: format!("{}：{}", cx.dept_name(&r.department.value), recs.join("、")),
            file: r.file.clone(),
        }));
    }
    for m in case
        .meetings
        .iter()
        .filter(|m| m.date.value <= as_of || m.planned)
    {
        let kind = match (m.kind, m.planned) {
            (_, true) => cx.t("计划召开", "planned meeting"),
            (MeetingKind::Initial, _) => cx.t("初次协商", "initial consultation"),
            (MeetingKind::Reconsultation, _) => cx.t("再协商", "re-consultation"),
        };
        out.push(Arc::new(TimelineEntry {
            date: iso(m.date.value),
            kind,
            text: m.title.clone().unwrap_or_default(),
            file: m.file.clone(),
        }));
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}

// How templates read the brief: every view is a minijinja object that turns a field into a template value only
// when a template reads it. Copying the whole brief into template values first (`Value::from_serialize`) built
// every field of every view, read or not, and looked each field up by scanning the list of fields.

/// A field of a view as a template value: the same value `Value::from_serialize` gives it.
trait Field {
    fn value(&self) -> Value;
}

impl Field for String {
    fn value(&self) -> Value {
        Value::from(self.as_str())
    }
}

macro_rules! plain_fields {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn value(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
plain_fields!(bool, u32, usize, i64, f64);

impl<T: Field> Field for Option<T> {
    fn value(&self) -> Value {
        self.as_ref().map_or(Value::from(()), Field::value)
    }
}

impl<T: Field> Field for Vec<T> {
    fn value(&self) -> Value {
        Value::from(self.iter().map(Field::value).collect::<Vec<_>>())
    }
}

impl<T: Object + Send + Sync + 'static> Field for Arc<T> {
    fn value(&self) -> Value {
        Value::from_dyn_object(self.clone())
    }
}

/// Makes views minijinja objects: `template_objects!(View { field, … })`, every field in declaration order. The
/// destructuring in `_every_field` does not compile if a field of the struct is left out of the list.
macro_rules! template_objects {
    ($($view:ident { $($field:ident),* $(,)? })*) => {$(
        impl Object for $view {
            fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
                self.get_value_by_str(key.as_str()?)
            }

            fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
                Some(match key {
                    $(stringify!($field) => Field::value(&self.$field),)*
                    _ => return None,
                })
            }

            fn enumerate(self: &Arc<Self>) -> Enumerator {
                Enumerator::Str(&[$(stringify!($field)),*])
            }
        }

        impl $view {
            #[allow(dead_code)]
            fn _every_field(&self) {
                let $view { $($field: _),* } = self;
            }
        }
    )*};
}

template_objects! {
    Brief { version, lang, committee, as_of, meeting, case, counts, instructions, overall, last_meeting, change,
        by_status, aspects, departments, rounds, items, results, problems, assessments, feedback, new_issues, agenda,
        carry_over, excluded, evidence, timeline, rules }
    MeetingRef { date, title, kind, round }
    CaseView { id, title, note, background, problems, tags, proposal_title, proposal_kind, proposal_meeting, adopted,
        doc_no, closed }
    Counts { aspects, recommendations, original, added_later, measures, departments, replies, meetings,
        reconsultations }
    InstructionView { date, by, text }
    AggView { degree, light, counted, weight, excluded, unreported, total }
    StatusCount { scale, key, label, count }
    GroupView { id, title, agg }
    DepartmentView { id, name, agg, open, overdue, disputed, supporting }
    RoundView { date, title, is_cutoff, overall, change, satisfaction }
    SatisfactionView { satisfied, basic, unsatisfied, total, rate }
    ItemView { id, aspect, title, text, lead, support, priority, weight, claimed, claimed_key, assessed, assessed_key,
        status, degree, change, due, original_due, revised_reason, light, flags, flag_labels, actions, obstacles,
        summary, next_steps, measures, excluded }
    ActionView { date, department, text, evidence }
    StepView { text, target }
    MeasureView { id, text, due, weight, status, degree }
    ItemRef { id, title, lead, status, degree, note }
    Problems { overdue, stalled, disputed, regressed, unreported, blocked }
    AssessmentView { rec, title, status, progress, satisfaction, comment }
    FeedbackView { date, department, rec, kind, text }
    IssueView { date, id, text, raised_by, outcome, became }
    AgendaPoint { title, recs }
    ExcludedView { id, title, reason }
    EvidenceView { rec, date, department, document }
    TimelineEntry { date, kind, text, file }
    Rules { unreported, red_max, green_above, overdue_red_below, stall_days, scale }
    ScaleView { key, label, degree, is_final, excluded }
}
