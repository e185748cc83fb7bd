//! The case model: what a case folder says, as typed data. Values that checks point at keep their position.

use crate::case::reader::At;
use chrono::NaiveDate;

/// A date with its position.
pub type Date = At<NaiveDate>;
/// An id or reference with its position.
pub type Id = At<String>;

/// One consultation topic: its `case.yaml` plus its reply and meeting files.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// Folder name; the case's id.
    pub id: String,
    /// `case.yaml` as shown to the user.
    pub file: String,
    /// The topic (协商议题).
    pub title: At<String>,
    /// Whether the case is closed (skipped by `report` unless named).
    pub closed: bool,
    /// Free tags, for filtering.
    pub tags: Vec<String>,
    /// Committee, if different from the repository's.
    pub committee: Option<String>,
    /// A note when (part of) the case is illustrative rather than taken from records.
    pub note: Option<String>,
    /// Background paragraph for the brief.
    pub background: Option<String>,
    /// Problems members named at the initial consultation.
    pub problems: Vec<String>,
    /// The adopted proposal (建议案).
    pub proposal: Proposal,
    /// Leaders' written instructions (批示).
    pub instructions: Vec<Instruction>,
    /// Departments involved.
    pub departments: Vec<Department>,
    /// Aspects (方面) grouping the recommendations.
    pub aspects: Vec<Aspect>,
    /// Recommendations (建议), in file order.
    pub recommendations: Vec<Recommendation>,
    /// Replies and progress reports, sorted by date then file name.
    pub replies: Vec<Reply>,
    /// Meetings, sorted by date.
    pub meetings: Vec<Meeting>,
    /// Lists that had broken items (already reported), so references into them are not checked.
    pub incomplete: Incomplete,
}

/// Which id lists of `case.yaml` could not be read completely.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Incomplete {
    /// Some department could not be read.
    pub departments: bool,
    /// Some aspect could not be read.
    pub aspects: bool,
    /// Some recommendation could not be read.
    pub recommendations: bool,
    /// Meeting files that could not be read, by the date their names give (`None`: a name that is not a date).
    pub meetings: Vec<Option<chrono::NaiveDate>>,
}

/// The adopted recommendation report.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// Its title.
    pub title: At<String>,
    /// Kind, e.g. 常委会议建议案.
    pub kind: Option<String>,
    /// The meeting that adopted it, e.g. 十五届十次常委会议.
    pub meeting: Option<String>,
    /// Date adopted.
    pub adopted: Date,
    /// Document number.
    pub doc_no: Option<String>,
}

/// A leader's instruction (批示).
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// Date given.
    pub date: Date,
    /// Who gave it, e.g. 市长.
    pub by: At<String>,
    /// What it says.
    pub text: At<String>,
}

/// A department (承办单位).
#[derive(Clone, Debug, PartialEq)]
pub struct Department {
    /// Short id used in references.
    pub id: Id,
    /// Full name.
    pub name: String,
}

/// An aspect (方面).
#[derive(Clone, Debug, PartialEq)]
pub struct Aspect {
    /// Id used in references.
    pub id: Id,
    /// Title.
    pub title: At<String>,
}

/// Priority of a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Ordinary.
    Normal,
    /// Key item (重点), e.g. named in an instruction.
    High,
}

/// A recommendation (建议).
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// Id, unique in the case.
    pub id: Id,
    /// Aspect id.
    pub aspect: Id,
    /// Short title.
    pub title: Option<String>,
    /// The text as adopted.
    pub text: At<String>,
    /// Lead department (主办).
    pub lead: Id,
    /// Supporting departments (协办).
    pub support: Vec<Id>,
    /// Date assigned (交办).
    pub assigned: Option<Date>,
    /// Due date.
    pub due: Option<Date>,
    /// Weight in totals (default 1).
    pub weight: At<f64>,
    /// Priority.
    pub priority: Priority,
    /// Sub-items with their own target dates.
    pub measures: Vec<Measure>,
    /// Date of the meeting that added it (default: the proposal).
    pub added: Option<Date>,
    /// The recommendation this one revises.
    pub revised_from: Option<Id>,
    /// Recommendations this one was split into.
    pub split_into: Vec<Id>,
    /// The recommendation this one was merged into.
    pub merged_into: Option<Id>,
    /// The recommendation that supersedes this one.
    pub superseded_by: Option<Id>,
}

/// A measure / commitment under a recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Id, unique within its recommendation.
    pub id: Id,
    /// What is to be done.
    pub text: At<String>,
    /// Target date.
    pub due: Option<Date>,
    /// Weight within the recommendation (default 1).
    pub weight: At<f64>,
}

/// Kind of reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyKind {
    /// Formal written reply (办理复文).
    Reply,
    /// Progress report (办理情况).
    Progress,
    /// Supplementary reply (补充答复).
    Supplementary,
}

/// A reply or progress report from one department (one file).
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// File as shown to the user.
    pub file: String,
    /// Department id.
    pub department: Id,
    /// Date of the document.
    pub date: Date,
    /// Kind.
    pub kind: ReplyKind,
    /// Title of the document.
    pub title: Option<String>,
    /// Document number.
    pub doc_no: Option<String>,
    /// Per-recommendation content.
    pub items: Vec<ReplyItem>,
}

/// Adoption (采纳) of a recommendation, as the department states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adoption {
    /// Adopted.
    Adopted,
    /// Partly adopted.
    Partly,
    /// Not adopted.
    NotAdopted,
}

/// What a reply says about one recommendation (or one of its measures).
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyItem {
    /// Recommendation id.
    pub rec: Id,
    /// Measure id, when the item is about one measure.
    pub measure: Option<Id>,
    /// The department's claimed status (index into the scale).
    pub status: Option<At<usize>>,
    /// Explicit progress 0–100.
    pub progress: Option<At<f64>>,
    /// Whether the government adopted the recommendation.
    pub adoption: Option<Adoption>,
    /// Summary in one paragraph.
    pub summary: Option<String>,
    /// Actions taken, with evidence.
    pub actions: Vec<Action>,
    /// Obstacles met.
    pub obstacles: Option<String>,
    /// Next steps with target dates.
    pub next_steps: Vec<Step>,
    /// New due date.
    pub revised_due: Option<Date>,
    /// Why the due date moved.
    pub revised_due_reason: Option<String>,
}

/// An action taken, with evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// When.
    pub date: Option<Date>,
    /// What was done.
    pub text: At<String>,
    /// Evidence documents (titles, numbers).
    pub evidence: Vec<String>,
}

/// A planned next step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What.
    pub text: At<String>,
    /// By when.
    pub target: Option<Date>,
}

/// Kind of meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingKind {
    /// Initial consultation (初次协商).
    Initial,
    /// Re-consultation (再协商).
    Reconsultation,
}

/// A meeting (one file).
#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    /// File as shown to the user.
    pub file: String,
    /// Date held (or planned).
    pub date: Date,
    /// Kind.
    pub kind: MeetingKind,
    /// Title.
    pub title: Option<String>,
    /// Planned, not yet held.
    pub planned: bool,
    /// Note, e.g. that the record is illustrative.
    pub note: Option<String>,
    /// Summary paragraph.
    pub summary: Option<String>,
    /// Members attending.
    pub members: Vec<String>,
    /// Departments attending.
    pub departments: Vec<Id>,
    /// Members' assessments per recommendation.
    pub assessments: Vec<Assessment>,
    /// Departments' feedback on recommendations (反向评议).
    pub feedback: Vec<Feedback>,
    /// New issues raised.
    pub new_issues: Vec<NewIssue>,
    /// Decisions taken.
    pub decisions: Vec<Decision>,
}

/// Satisfaction counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Satisfaction {
    /// 满意.
    pub satisfied: u64,
    /// 基本满意.
    pub basic: u64,
    /// 不满意.
    pub unsatisfied: u64,
}

/// Members' assessment of one recommendation at a meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// Recommendation id.
    pub rec: Id,
    /// Assessed status (index into the scale).
    pub status: Option<At<usize>>,
    /// Assessed progress 0–100.
    pub progress: Option<At<f64>>,
    /// Satisfaction counts.
    pub satisfaction: Option<Satisfaction>,
    /// Comment.
    pub comment: Option<String>,
}

/// Kind of department feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackKind {
    /// A correction (修正).
    Correction,
    /// An addition (补充).
    Addition,
    /// Not feasible, with reason (不可行).
    Infeasible,
    /// Anything else.
    Other,
}

/// A department's feedback on a recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// Department id.
    pub department: Id,
    /// Recommendation id, if about one.
    pub rec: Option<Id>,
    /// Kind.
    pub kind: FeedbackKind,
    /// Text.
    pub text: At<String>,
}

/// What became of a new issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueOutcome {
    /// Became a new recommendation.
    NewRecommendation,
    /// Referred to a department.
    Referred,
    /// Noted for later.
    Noted,
}

/// A new issue raised at a meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIssue {
    /// Id, optional.
    pub id: Option<Id>,
    /// Text.
    pub text: At<String>,
    /// Who raised it.
    pub raised_by: Option<String>,
    /// What became of it.
    pub outcome: Option<IssueOutcome>,
    /// The recommendation it became.
    pub became: Option<Id>,
}

/// Decision on a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionKind {
    /// Close it.
    Close,
    /// Revise it.
    Revise,
    /// Carry it over to the next round.
    CarryOver,
}

/// A decision taken at a meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Recommendation id.
    pub rec: Id,
    /// What was decided.
    pub action: DecisionKind,
    /// Note.
    pub note: Option<String>,
}

impl Case {
    /// A recommendation by id.
    pub fn rec(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id.value == id)
    }

    /// A department by id.
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id.value == id)
    }
}
