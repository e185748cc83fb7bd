//! Supervision notices to departments between meetings (督办通知, pure): per lead department across the chosen cases,
//! what to chase — overdue, due within a number of days, assessed lower than claimed, no reply once one is due
//! ([`REPLY_DAYS`] after assignment; 未反馈, or the lead silent while supporting units replied), stalled — each with its due date, days overdue or left, and the last claim
//! and assessment; and a level for the notice: 提示 (blue) for reminders only, 督办 (orange), 重点督办 (red) when an
//! item is overdue more than `notice_red_days` or overdue and high priority. Departments with nothing to chase get
//! no notice.

use crate::case::config::Config;
use crate::case::model::{Case, Priority};
use crate::figures::state::Reading;
use crate::figures::{Figures, RecFigure};
use crate::fmt::date::iso;
use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Serialize;

/// How urgent a notice or an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 提示: due soon only.
    Blue,
    /// 督办.
    Orange,
    /// 重点督办.
    Red,
}

impl Level {
    /// The colour key the `dot` filter draws (`blue`, `amber`, `red`).
    pub fn colour(self) -> &'static str {
        match self {
            Level::Blue => "blue",
            Level::Orange => "amber",
            Level::Red => "red",
        }
    }

    /// The level's name.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Level::Blue => lang.pick("提示", "reminder"),
            Level::Orange => lang.pick("督办", "supervision"),
            Level::Red => lang.pick("重点督办", "priority supervision"),
        }
    }
}

/// A level as templates see it.
#[derive(Clone, Debug, Serialize)]
pub struct LevelView {
    /// `blue`, `orange` or `red`.
    pub key: Level,
    /// The colour key for the `dot` filter.
    pub colour: &'static str,
    /// The name: 提示 / 督办 / 重点督办.
    pub label: &'static str,
}

impl LevelView {
    fn of(level: Level, lang: Lang) -> LevelView {
        LevelView {
            key: level,
            colour: level.colour(),
            label: level.word(lang),
        }
    }
}

/// One notice: a department and what to chase.
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
    /// The department's full name (the addressee).
    pub department: String,
    /// Its ids in the cases it appears in.
    pub ids: Vec<String>,
    /// The notice's level: the highest of its items'.
    pub level: LevelView,
    /// Items, most urgent first, then by case and id.
    pub items: Vec<NoticeItem>,
    /// Counts by reason: overdue, due soon, disputed, no reply, stalled.
    pub counts: NoticeCounts,
    /// The topics of the cases its items come from, in order.
    pub cases: Vec<String>,
}

/// A notice with what the letter needs around it.
#[derive(Clone, Debug, Serialize)]
pub struct Letter {
    /// Always true: the page template sets the addressee flush left and the signature to the right.
    pub letter: bool,
    /// The notice.
    pub notice: Notice,
    /// The issuing office (`office` in the config, else the committee).
    pub office: String,
    /// The cut-off (ISO), the letter's date.
    pub as_of: String,
    /// Items due within this many days are reminded of.
    pub within: u32,
}

/// How many items of a notice have each reason.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NoticeCounts {
    /// Overdue.
    pub overdue: usize,
    /// Due within the days asked.
    pub due_soon: usize,
    /// Assessed lower than claimed.
    pub disputed: usize,
    /// No reply from the department.
    pub no_reply: usize,
    /// Stalled.
    pub stalled: usize,
}

/// One recommendation to chase.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeItem {
    /// Case id.
    pub case: String,
    /// The case's topic.
    pub case_title: String,
    /// Recommendation id.
    pub id: String,
    /// Short title, else the text.
    pub title: String,
    /// Due date in force (ISO), if any.
    pub due: Option<String>,
    /// The due date was moved by a reply.
    pub revised: bool,
    /// Days past the due date (overdue items).
    pub days_overdue: Option<i64>,
    /// Days until the due date (items due soon).
    pub days_left: Option<i64>,
    /// Why it is chased, as keys: `overdue`, `due_soon`, `disputed`, `no_reply`, `stalled`.
    pub reasons: Vec<&'static str>,
    /// The same in words.
    pub reason_labels: Vec<&'static str>,
    /// The item's level.
    pub level: LevelView,
    /// The department's latest claim.
    pub claim: Option<ReadingView>,
    /// Members' latest assessment.
    pub assessment: Option<ReadingView>,
}

/// A claim or assessment in a notice.
#[derive(Clone, Debug, Serialize)]
pub struct ReadingView {
    /// Status key, if stated.
    pub key: Option<String>,
    /// Degree, 0–100.
    pub degree: f64,
    /// Date (ISO).
    pub date: String,
}

/// Every notice: one per lead department with something to chase, across `cases`, at the figures' cut-off.
pub fn notices(cases: &[(Case, Figures)], cfg: &Config, within: u32, lang: Lang) -> Vec<Notice> {
    let mut out: Vec<Notice> = Vec::new();
    for (case, figs) in cases {
        for f in &figs.recs {
            let Some(r) = case.rec(&f.id) else { continue };
            // Nobody to write to before a recommendation is assigned (W217 says so in `check`).
            if r.lead.value.is_empty() {
                continue;
            }
            let Some(item) = item(case, cfg, f, figs.as_of, within, lang) else {
                continue;
            };
            let (id, name) = case.department(&r.lead.value).map_or_else(
                || (r.lead.value.clone(), r.lead.value.clone()),
                |d| (d.id.value.clone(), d.name.clone()),
            );
            match out.iter_mut().find(|n| n.department == name) {
                Some(n) => {
                    if !n.ids.contains(&id) {
                        n.ids.push(id);
                    }
                    n.items.push(item);
                }
                None => out.push(Notice {
                    department: name,
                    ids: vec![id],
                    level: LevelView::of(Level::Blue, lang),
                    items: vec![item],
                    counts: NoticeCounts::default(),
                    cases: Vec::new(),
                }),
            }
        }
    }
    for n in &mut out {
        n.items.sort_by_key(|i| std::cmp::Reverse(i.level.key));
        n.level = LevelView::of(
            n.items
                .iter()
                .map(|i| i.level.key)
                .max()
                .unwrap_or(Level::Blue),
            lang,
        );
        n.counts = counts(&n.items);
        for i in &n.items {
            if !n.cases.contains(&i.case_title) {
                n.cases.push(i.case_title.clone());
            }
        }
    }
    // The most urgent notices first, then by name.
    out.sort_by(|a, b| {
        b.level
            .key
            .cmp(&a.level.key)
            .then_with(|| a.department.cmp(&b.department))
    });
    out
}

fn counts(items: &[NoticeItem]) -> NoticeCounts {
    let n = |key: &str| items.iter().filter(|i| i.reasons.contains(&key)).count();
    NoticeCounts {
        overdue: n("overdue"),
        due_soon: n("due_soon"),
        disputed: n("disputed"),
        no_reply: n("no_reply"),
        stalled: n("stalled"),
    }
}

/// A written reply is due this many days after a recommendation is assigned (实践中一般为交办后 3 个月): before that,
/// a missing reply is not chased.
pub const REPLY_DAYS: i64 = 90;

/// The reasons to chase a recommendation, with their words; `reply_due`: its reply is due by now.
fn reasons(
    f: &RecFigure,
    days_left: Option<i64>,
    within: u32,
    reply_due: bool,
) -> Vec<(&'static str, (&'static str, &'static str))> {
    let mut out = Vec::new();
    if f.flags.overdue {
        out.push(("overdue", ("逾期", "overdue")));
    }
    if days_left.is_some_and(|d| d <= i64::from(within)) {
        out.push(("due_soon", ("即将到期", "due soon")));
    }
    if f.flags.disputed {
        out.push(("disputed", ("评议低于自评", "assessed lower than claimed")));
    }
    if (f.flags.unreported || f.flags.lead_silent) && reply_due {
        out.push(("no_reply", ("未反馈", "no reply")));
    }
    if f.flags.stalled {
        out.push(("stalled", ("进展停滞", "stalled")));
    }
    out
}

/// The item for a recommendation, if it is to be chased.
fn item(
    case: &Case,
    cfg: &Config,
    f: &RecFigure,
    as_of: NaiveDate,
    within: u32,
    lang: Lang,
) -> Option<NoticeItem> {
    if f.flags.closed || f.now.excluded.is_some() {
        return None;
    }
    let r = case.rec(&f.id)?;
    let days = f.due.map(|d| (d - as_of).num_days());
    let days_left = days.filter(|d| *d >= 0);
    let assigned = r
        .assigned
        .as_ref()
        .map_or(case.proposal.adopted.value, |a| a.value);
    let reply_due = (as_of - assigned).num_days() >= REPLY_DAYS;
    let found = reasons(f, days_left, within, reply_due);
    if found.is_empty() {
        return None;
    }
    let days_overdue = days.filter(|d| *d < 0 && f.flags.overdue).map(|d| -d);
    let level = if days_overdue.is_some_and(|d| d > i64::from(cfg.notice_red_days))
        || (days_overdue.is_some() && r.priority == Priority::High)
    {
        Level::Red
    } else if found.iter().any(|(k, _)| *k != "due_soon") {
        Level::Orange
    } else {
        Level::Blue
    };
    let view = |x: &Reading| ReadingView {
        key: x
            .status
            .and_then(|s| cfg.scale.get(s))
            .map(|l| l.key.clone()),
        degree: x.degree,
        date: iso(x.source.date),
    };
    Some(NoticeItem {
        case: case.id.clone(),
        case_title: case.title.value.clone(),
        id: r.id.value.clone(),
        title: r.title.clone().unwrap_or_else(|| r.text.value.clone()),
        due: f.due.map(iso),
        revised: f.revised_due.is_some(),
        days_overdue,
        days_left: days_left.filter(|_| found.iter().any(|(k, _)| *k == "due_soon")),
        reasons: found.iter().map(|(k, _)| *k).collect(),
        reason_labels: found.iter().map(|(_, w)| lang.pick(w.0, w.1)).collect(),
        level: LevelView::of(level, lang),
        claim: f.now.claim.as_ref().map(view),
        assessment: f.now.assessment.as_ref().map(view),
    })
}
