//! Reading each file kind — `case.yaml`, a reply, a meeting — from its YAML tree into the case model.
//! Every problem is reported through the [`Reader`]; a record with a broken required field is left out.

use crate::case::config::Config;
use crate::case::model::*;
use crate::case::reader::{At, Choices, Fields, Need, Reader};
use crate::case::yaml::Node;
use crate::diag::{Code, Diagnostic, Pos};
use crate::lang::Text;
use crate::tx;
use chrono::NaiveDate;

/// Priority of a recommendation.
pub const PRIORITIES: Choices = &[("normal", &["一般"]), ("high", &["重点", "高"])];
/// Kinds of reply.
pub const REPLY_KINDS: Choices = &[
    ("reply", &["复文", "办理复文"]),
    ("progress", &["办理情况", "进展报告"]),
    ("supplementary", &["补充答复"]),
];
/// Whether a recommendation was adopted.
pub const ADOPTIONS: Choices = &[
    ("adopted", &["采纳", "已采纳"]),
    ("partly", &["部分采纳"]),
    ("not_adopted", &["未采纳", "不采纳"]),
];
/// Kinds of meeting.
pub const MEETING_KINDS: Choices = &[
    ("initial", &["初次协商"]),
    ("reconsultation", &["再协商", "re-consultation"]),
];
/// Kinds of department feedback.
pub const FEEDBACK_KINDS: Choices = &[
    ("correction", &["修正"]),
    ("addition", &["补充"]),
    ("infeasible", &["不可行"]),
    ("other", &["其他"]),
];
/// What became of a new issue.
pub const ISSUE_OUTCOMES: Choices = &[
    ("new_recommendation", &["转为新建议"]),
    ("referred", &["转交部门"]),
    ("noted", &["记录在案"]),
];
/// Decisions on a recommendation.
pub const DECISIONS: Choices = &[
    ("close", &["办结", "销号"]),
    ("revise", &["修改", "修订"]),
    ("carry_over", &["继续督办", "结转"]),
];

fn noun_rec() -> Text {
    tx!("建议", "a recommendation")
}

/// Reads `case.yaml`. Replies and meetings are added by the loader. Missing required values become empty
/// placeholders (already reported) so the cross-file checks can still run and report everything at once.
pub fn read_case(id: &str, node: &Node, r: &mut Reader) -> Option<Case> {
    let mut f = r.document(node, tx!("case.yaml 文件", "case.yaml"))?;
    let pos = f.pos();
    let title = r.text(&mut f, "title", Need::Required);
    let closed = r.flag(&mut f, "closed").is_some_and(|b| b.value);
    let tags = values(r.text_list(&mut f, "tags"));
    let committee = opt(r.text(&mut f, "committee", Need::Optional));
    let note = opt(r.text(&mut f, "note", Need::Optional));
    let background = opt(r.text(&mut f, "background", Need::Optional));
    let problems = values(r.text_list(&mut f, "problems"));
    let proposal = r
        .node(&mut f, "proposal", Need::Required)
        .and_then(|n| read_proposal(n, r));
    let instructions = items(r, &mut f, "instructions", Need::Optional, read_instruction);
    let mut incomplete = Incomplete::default();
    let before = r.problems();
    let departments = items(r, &mut f, "departments", Need::Optional, read_department);
    incomplete.departments = r.problems() > before;
    let before = r.problems();
    let aspects = items(r, &mut f, "aspects", Need::Required, read_aspect);
    incomplete.aspects = r.problems() > before;
    let before = r.problems();
    let recommendations = items(
        r,
        &mut f,
        "recommendations",
        Need::Required,
        read_recommendation,
    );
    incomplete.recommendations = r.problems() > before;
    r.finish(f);
    Some(Case {
        id: id.to_string(),
        file: r.file().to_string(),
        title: title.unwrap_or_else(|| placeholder(pos)),
        closed,
        tags,
        committee,
        note,
        background,
        problems,
        proposal: proposal.unwrap_or_else(|| Proposal {
            title: placeholder(pos),
            kind: None,
            meeting: None,
            adopted: At::new(NaiveDate::MIN, pos),
            doc_no: None,
        }),
        instructions,
        departments,
        aspects,
        recommendations,
        replies: Vec::new(),
        meetings: Vec::new(),
        incomplete,
    })
}

/// An empty value standing in for a required one that was missing (and reported).
fn placeholder(pos: Pos) -> At<String> {
    At::new(String::new(), pos)
}

fn opt(t: Option<At<String>>) -> Option<String> {
    t.map(|t| t.value)
}

fn values(list: Vec<At<String>>) -> Vec<String> {
    list.into_iter().map(|t| t.value).collect()
}

/// Reads every item of a list field with `read`, skipping the broken ones (already reported).
fn items<T>(
    r: &mut Reader,
    f: &mut Fields<'_>,
    key: &'static str,
    need: Need,
    read: impl Fn(&Node, &mut Reader) -> Option<T>,
) -> Vec<T> {
    r.list(f, key, need)
        .into_iter()
        .filter_map(|n| read(n, r))
        .collect()
}

fn read_proposal(n: &Node, r: &mut Reader) -> Option<Proposal> {
    let mut f = r.fields(n, tx!("建议案（proposal）", "the proposal"))?;
    let title = r.text(&mut f, "title", Need::Required);
    let kind = opt(r.text(&mut f, "kind", Need::Optional));
    let meeting = opt(r.text(&mut f, "meeting", Need::Optional));
    let adopted = r.date(&mut f, "adopted", Need::Required);
    let doc_no = opt(r.text(&mut f, "doc_no", Need::Optional));
    r.finish(f);
    Some(Proposal {
        title: title?,
        kind,
        meeting,
        adopted: adopted?,
        doc_no,
    })
}

fn read_instruction(n: &Node, r: &mut Reader) -> Option<Instruction> {
    let mut f = r.fields(n, tx!("批示", "an instruction"))?;
    let date = r.date(&mut f, "date", Need::Required);
    let by = r.text(&mut f, "by", Need::Required);
    let text = r.text(&mut f, "text", Need::Required);
    r.finish(f);
    Some(Instruction {
        date: date?,
        by: by?,
        text: text?,
    })
}

fn read_department(n: &Node, r: &mut Reader) -> Option<Department> {
    let mut f = r.fields(n, tx!("承办单位", "a department"))?;
    let id = r.id(&mut f, "id", Need::Required);
    let name = r.text(&mut f, "name", Need::Optional);
    r.finish(f);
    let id = id?;
    Some(Department {
        name: name.map_or_else(|| id.value.clone(), |n| n.value),
        id,
    })
}

fn read_aspect(n: &Node, r: &mut Reader) -> Option<Aspect> {
    let mut f = r.fields(n, tx!("方面", "an aspect"))?;
    let id = r.id(&mut f, "id", Need::Required);
    let title = r.text(&mut f, "title", Need::Required);
    r.finish(f);
    Some(Aspect {
        id: id?,
        title: title?,
    })
}

fn weight(r: &mut Reader, f: &mut Fields<'_>) -> At<f64> {
    let pos = f.pos();
    r.number(f, "weight", 0.0, crate::case::reader::MAX_WEIGHT)
        .unwrap_or(At::new(1.0, pos))
}

fn read_recommendation(n: &Node, r: &mut Reader) -> Option<Recommendation> {
    let mut f = r.fields(n, noun_rec())?;
    let pos = f.pos();
    let id = r.id(&mut f, "id", Need::Required);
    let aspect = r.id(&mut f, "aspect", Need::Required);
    let title = opt(r.text(&mut f, "title", Need::Optional));
    let text = r.text(&mut f, "text", Need::Required);
    let lead = r.id(&mut f, "lead", Need::Optional);
    let support = r.id_list(&mut f, "support");
    let assigned = r.date(&mut f, "assigned", Need::Optional);
    let due = r.date(&mut f, "due", Need::Optional);
    let weight = weight(r, &mut f);
    let priority = r
        .choice(&mut f, "priority", Need::Optional, PRIORITIES)
        .map_or(Priority::Normal, |c| {
            if c.value == 1 {
                Priority::High
            } else {
                Priority::Normal
            }
        });
    let measures = items(r, &mut f, "measures", Need::Optional, read_measure);
    let added = r.date(&mut f, "added", Need::Optional);
    let revised_from = r.id(&mut f, "revised_from", Need::Optional);
    let split_into = r.id_list(&mut f, "split_into");
    let merged_into = r.id(&mut f, "merged_into", Need::Optional);
    let superseded_by = r.id(&mut f, "superseded_by", Need::Optional);
    r.finish(f);
    let lead = lead.unwrap_or_else(|| unassigned(r, id.as_ref(), pos));
    Some(Recommendation {
        id: id?,
        aspect: aspect.unwrap_or_else(|| placeholder(pos)),
        title,
        text: text.unwrap_or_else(|| placeholder(pos)),
        lead,
        support,
        assigned,
        due,
        weight,
        priority,
        measures,
        added,
        revised_from,
        split_into,
        merged_into,
        superseded_by,
    })
}

/// A recommendation not yet assigned to a lead department (an imported proposal): a warning, and an empty lead,
/// which every total and list treats as no department.
fn unassigned(r: &mut Reader, id: Option<&At<String>>, pos: Pos) -> At<String> {
    let rec = id.map_or_else(String::new, |i| i.value.clone());
    r.report(
        Diagnostic::warning(
            Code::W217,
            tx!("建议 {rec} 还没有主办单位", "recommendation {rec} has no lead department yet"),
        )
        .at(pos)
        .help(tx!(
            "交办后在这一项里写上 `lead: 单位编号`（单位列在 departments 里），协办单位写在 `support`；期限写在 `due`。",
            "Once assigned, add `lead: DEPARTMENT-ID` here (the department listed under departments), supporting units under `support`, the due date under `due`."
        )),
    );
    At::new(String::new(), pos)
}

fn read_measure(n: &Node, r: &mut Reader) -> Option<Measure> {
    let mut f = r.fields(n, tx!("举措", "a measure"))?;
    let id = r.id(&mut f, "id", Need::Required);
    let text = r.text(&mut f, "text", Need::Required);
    let due = r.date(&mut f, "due", Need::Optional);
    let weight = weight(r, &mut f);
    r.finish(f);
    Some(Measure {
        id: id?,
        text: text?,
        due,
        weight,
    })
}

/// Reads a reply file.
pub fn read_reply(node: &Node, r: &mut Reader, cfg: &Config) -> Option<Reply> {
    let mut f = r.document(node, tx!("办理复文", "a reply"))?;
    let department = r.id(&mut f, "department", Need::Required);
    let date = r.date(&mut f, "date", Need::Required);
    let kind = r
        .choice(&mut f, "kind", Need::Optional, REPLY_KINDS)
        .map_or(ReplyKind::Reply, |c| match c.value {
            1 => ReplyKind::Progress,
            2 => ReplyKind::Supplementary,
            _ => ReplyKind::Reply,
        });
    let title = opt(r.text(&mut f, "title", Need::Optional));
    let doc_no = opt(r.text(&mut f, "doc_no", Need::Optional));
    let items = items(r, &mut f, "items", Need::Optional, |n, r| {
        read_reply_item(n, r, cfg)
    });
    r.finish(f);
    Some(Reply {
        file: r.file().to_string(),
        department: department?,
        date: date?,
        kind,
        title,
        doc_no,
        items,
    })
}

fn read_reply_item(n: &Node, r: &mut Reader, cfg: &Config) -> Option<ReplyItem> {
    let mut f = r.fields(n, tx!("复文中的一条", "a reply item"))?;
    let rec = r.id(&mut f, "rec", Need::Required);
    let measure = r.id(&mut f, "measure", Need::Optional);
    let status = cfg.read_status(r, &mut f, "status");
    let progress = r.number(&mut f, "progress", 0.0, 100.0);
    let adoption = r
        .choice(&mut f, "adoption", Need::Optional, ADOPTIONS)
        .map(|c| match c.value {
            0 => Adoption::Adopted,
            1 => Adoption::Partly,
            _ => Adoption::NotAdopted,
        });
    let summary = opt(r.text(&mut f, "summary", Need::Optional));
    let actions = items(r, &mut f, "actions", Need::Optional, read_action);
    let obstacles = opt(r.text(&mut f, "obstacles", Need::Optional));
    let next_steps = items(r, &mut f, "next_steps", Need::Optional, read_step);
    let revised_due = r.date(&mut f, "revised_due", Need::Optional);
    let revised_due_reason = opt(r.text(&mut f, "revised_due_reason", Need::Optional));
    r.finish(f);
    Some(ReplyItem {
        rec: rec?,
        measure,
        status,
        progress,
        adoption,
        summary,
        actions,
        obstacles,
        next_steps,
        revised_due,
        revised_due_reason,
    })
}

fn read_action(n: &Node, r: &mut Reader) -> Option<Action> {
    let mut f = r.fields(n, tx!("办理举措", "an action"))?;
    let date = r.date(&mut f, "date", Need::Optional);
    let text = r.text(&mut f, "text", Need::Required);
    let evidence = values(r.text_list(&mut f, "evidence"));
    r.finish(f);
    Some(Action {
        date,
        text: text?,
        evidence,
    })
}

fn read_step(n: &Node, r: &mut Reader) -> Option<Step> {
    let mut f = r.fields(n, tx!("下一步工作", "a next step"))?;
    let text = r.text(&mut f, "text", Need::Required);
    let target = r.date(&mut f, "target", Need::Optional);
    r.finish(f);
    Some(Step {
        text: text?,
        target,
    })
}

/// Reads a meeting file.
pub fn read_meeting(node: &Node, r: &mut Reader, cfg: &Config) -> Option<Meeting> {
    let mut f = r.document(node, tx!("会议记录", "a meeting"))?;
    let date = r.date(&mut f, "date", Need::Required);
    let kind = r.choice(&mut f, "kind", Need::Required, MEETING_KINDS);
    let title = opt(r.text(&mut f, "title", Need::Optional));
    let planned = r.flag(&mut f, "planned").is_some_and(|b| b.value);
    let note = opt(r.text(&mut f, "note", Need::Optional));
    let summary = opt(r.text(&mut f, "summary", Need::Optional));
    let (members, departments) = match r.node(&mut f, "attendees", Need::Optional) {
        Some(n) => match r.fields(n, tx!("出席名单", "attendees")) {
            Some(mut af) => {
                let m = values(r.text_list(&mut af, "members"));
                let d = r.id_list(&mut af, "departments");
                r.finish(af);
                (m, d)
            }
            None => (Vec::new(), Vec::new()),
        },
        None => (Vec::new(), Vec::new()),
    };
    let assessments = items(r, &mut f, "assessments", Need::Optional, |n, r| {
        read_assessment(n, r, cfg)
    });
    let feedback = items(r, &mut f, "feedback", Need::Optional, read_feedback);
    let new_issues = items(r, &mut f, "new_issues", Need::Optional, read_new_issue);
    let decisions = items(r, &mut f, "decisions", Need::Optional, read_decision);
    r.finish(f);
    Some(Meeting {
        file: r.file().to_string(),
        date: date?,
        kind: if kind?.value == 0 {
            MeetingKind::Initial
        } else {
            MeetingKind::Reconsultation
        },
        title,
        planned,
        note,
        summary,
        members,
        departments,
        assessments,
        feedback,
        new_issues,
        decisions,
    })
}

fn read_assessment(n: &Node, r: &mut Reader, cfg: &Config) -> Option<Assessment> {
    let mut f = r.fields(n, tx!("评议", "an assessment"))?;
    let rec = r.id(&mut f, "rec", Need::Required);
    let status = cfg.read_status(r, &mut f, "status");
    let progress = r.number(&mut f, "progress", 0.0, 100.0);
    let satisfaction = match r.node(&mut f, "satisfaction", Need::Optional) {
        Some(n) => r.fields(n, tx!("满意度", "satisfaction")).map(|mut sf| {
            let s = Satisfaction {
                satisfied: r.count(&mut sf, "satisfied").map_or(0, |c| c.value.into()),
                basic: r.count(&mut sf, "basic").map_or(0, |c| c.value.into()),
                unsatisfied: r
                    .count(&mut sf, "unsatisfied")
                    .map_or(0, |c| c.value.into()),
            };
            r.finish(sf);
            s
        }),
        None => None,
    };
    let comment = opt(r.text(&mut f, "comment", Need::Optional));
    r.finish(f);
    Some(Assessment {
        rec: rec?,
        status,
        progress,
        satisfaction,
        comment,
    })
}

fn read_feedback(n: &Node, r: &mut Reader) -> Option<Feedback> {
    let mut f = r.fields(n, tx!("部门反向评议", "department feedback"))?;
    let department = r.id(&mut f, "department", Need::Required);
    let rec = r.id(&mut f, "rec", Need::Optional);
    let kind = r
        .choice(&mut f, "kind", Need::Optional, FEEDBACK_KINDS)
        .map_or(FeedbackKind::Other, |c| match c.value {
            0 => FeedbackKind::Correction,
            1 => FeedbackKind::Addition,
            2 => FeedbackKind::Infeasible,
            _ => FeedbackKind::Other,
        });
    let text = r.text(&mut f, "text", Need::Required);
    r.finish(f);
    Some(Feedback {
        department: department?,
        rec,
        kind,
        text: text?,
    })
}

fn read_new_issue(n: &Node, r: &mut Reader) -> Option<NewIssue> {
    let mut f = r.fields(n, tx!("新问题新建议", "a new issue"))?;
    let id = r.id(&mut f, "id", Need::Optional);
    let text = r.text(&mut f, "text", Need::Required);
    let raised_by = opt(r.text(&mut f, "raised_by", Need::Optional));
    let outcome = r
        .choice(&mut f, "outcome", Need::Optional, ISSUE_OUTCOMES)
        .map(|c| match c.value {
            0 => IssueOutcome::NewRecommendation,
            1 => IssueOutcome::Referred,
            _ => IssueOutcome::Noted,
        });
    let became = r.id(&mut f, "became", Need::Optional);
    r.finish(f);
    Some(NewIssue {
        id,
        text: text?,
        raised_by,
        outcome,
        became,
    })
}

fn read_decision(n: &Node, r: &mut Reader) -> Option<Decision> {
    let mut f = r.fields(n, tx!("会议决定", "a decision"))?;
    let rec = r.id(&mut f, "rec", Need::Required);
    let action = r.choice(&mut f, "action", Need::Required, DECISIONS);
    let note = opt(r.text(&mut f, "note", Need::Optional));
    r.finish(f);
    Some(Decision {
        rec: rec?,
        action: match action?.value {
            0 => DecisionKind::Close,
            1 => DecisionKind::Revise,
            _ => DecisionKind::CarryOver,
        },
        note,
    })
}
