//! The brief model: every view a brief template can see, stable and documented in `docs/templates.md`, so
//! templates never depend on the YAML structs. Numbers stay numbers (templates format them with the `pct`, `bar`
//! and `date` filters); dates are ISO strings.

use serde::Serialize;
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
    /// The degree members verified (assessments only), 0–100, or none.
    pub verified: Option<f64>,
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
    pub satisfied: u64,
    /// 基本满意.
    pub basic: u64,
    /// 不满意.
    pub unsatisfied: u64,
    /// All answers.
    pub total: u64,
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
    /// The status in short: the scale's key, else the words for no report or exclusion.
    pub key: String,
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
    /// The status's key on the scale.
    pub key: Option<String>,
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
    /// An assessment this many points below the claim it judged is a dispute.
    pub dispute_points: f64,
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
