//! One vocabulary: every domain enum's key (as in files, templates and the JSON export) and its Chinese and English
//! words, in one place for every output — brief, overview, export, status and explain.

use crate::case::model::{FeedbackKind, IssueOutcome, MeetingKind, Priority, ReplyKind};
use crate::figures::{Basis, Exclusion, Light, RecFigure};
use crate::lang::Lang;

/// A domain value with a stable key and words in both languages.
pub trait Words {
    /// The key, e.g. `red`, `high`, `correction`.
    fn key(&self) -> &'static str;
    /// Chinese and English words.
    fn words(&self) -> (&'static str, &'static str);
    /// The word in `lang`.
    fn word(&self, lang: Lang) -> &'static str {
        let (zh, en) = self.words();
        lang.pick(zh, en)
    }
}

impl Words for Light {
    fn key(&self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Amber => "amber",
            Light::Green => "green",
            Light::None => "none",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            Light::Red => ("红灯", "red"),
            Light::Amber => ("黄灯", "amber"),
            Light::Green => ("绿灯", "green"),
            Light::None => ("—", "—"),
        }
    }
}

/// The light a key names (`red`, `amber`, `green`; anything else is none), for templates that pass keys.
pub fn light_of_key(key: &str) -> Light {
    match key {
        "red" => Light::Red,
        "amber" => Light::Amber,
        "green" => Light::Green,
        _ => Light::None,
    }
}

impl Words for Priority {
    fn key(&self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Normal => "normal",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            Priority::High => ("重点", "high"),
            Priority::Normal => ("一般", "normal"),
        }
    }
}

impl Words for FeedbackKind {
    fn key(&self) -> &'static str {
        match self {
            FeedbackKind::Correction => "correction",
            FeedbackKind::Addition => "addition",
            FeedbackKind::Infeasible => "infeasible",
            FeedbackKind::Other => "other",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            FeedbackKind::Correction => ("修正", "correction"),
            FeedbackKind::Addition => ("补充", "addition"),
            FeedbackKind::Infeasible => ("不可行", "not feasible"),
            FeedbackKind::Other => ("其他", "other"),
        }
    }
}

impl Words for IssueOutcome {
    fn key(&self) -> &'static str {
        match self {
            IssueOutcome::NewRecommendation => "new_recommendation",
            IssueOutcome::Referred => "referred",
            IssueOutcome::Noted => "noted",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            IssueOutcome::NewRecommendation => ("转为新建议", "became a recommendation"),
            IssueOutcome::Referred => ("转交部门研究", "referred to departments"),
            IssueOutcome::Noted => ("记录在案", "noted"),
        }
    }
}

impl Words for ReplyKind {
    fn key(&self) -> &'static str {
        match self {
            ReplyKind::Reply => "reply",
            ReplyKind::Progress => "progress",
            ReplyKind::Supplementary => "supplementary",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            ReplyKind::Reply => ("办理复文", "reply"),
            ReplyKind::Progress => ("办理情况", "progress report"),
            ReplyKind::Supplementary => ("补充答复", "supplementary reply"),
        }
    }
}

impl Words for MeetingKind {
    fn key(&self) -> &'static str {
        match self {
            MeetingKind::Initial => "initial",
            MeetingKind::Reconsultation => "reconsultation",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            MeetingKind::Initial => ("初次协商", "initial consultation"),
            MeetingKind::Reconsultation => ("再协商", "re-consultation"),
        }
    }
}

/// A flag shown for a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Past its due date and not finished.
    Overdue,
    /// No progress for a while.
    Stalled,
    /// Assessed lower than claimed.
    Disputed,
    /// Claimed more than members last assessed, not yet verified (待核实).
    Unverified,
    /// Only supporting departments have replied.
    LeadSilent,
    /// Lower than at an earlier meeting.
    Regressed,
    /// No report yet.
    Unreported,
    /// Added at or after the last meeting.
    New,
    /// Out of the totals.
    Excluded,
    /// Finished.
    Closed,
}

impl Words for Flag {
    fn key(&self) -> &'static str {
        match self {
            Flag::Overdue => "overdue",
            Flag::Stalled => "stalled",
            Flag::Disputed => "disputed",
            Flag::Unverified => "unverified",
            Flag::LeadSilent => "lead_silent",
            Flag::Regressed => "regressed",
            Flag::Unreported => "unreported",
            Flag::New => "new",
            Flag::Excluded => "excluded",
            Flag::Closed => "closed",
        }
    }
    fn words(&self) -> (&'static str, &'static str) {
        match self {
            Flag::Overdue => ("逾期", "overdue"),
            Flag::Stalled => ("停滞", "stalled"),
            Flag::Disputed => ("评议低于自评", "disputed"),
            Flag::Unverified => ("待核实", "claimed, not verified"),
            Flag::LeadSilent => ("主办单位未答复", "lead has not replied"),
            Flag::Regressed => ("下降", "regressed"),
            Flag::Unreported => ("未反馈", "no report"),
            Flag::New => ("新增", "new"),
            Flag::Excluded => ("不计入", "excluded"),
            Flag::Closed => ("已办结", "closed"),
        }
    }
}

/// The flags a recommendation carries, in the order every output lists them.
pub fn flags(f: &RecFigure) -> Vec<Flag> {
    // Out of the totals: excluded, or weight 0 (an unreported item left out under `exclude` is 未反馈 instead).
    let excluded =
        f.now.excluded.is_some() || (f.now.counted.is_none() && f.now.basis != Basis::Unreported);
    [
        (f.flags.overdue, Flag::Overdue),
        (f.flags.stalled, Flag::Stalled),
        (f.flags.disputed, Flag::Disputed),
        (f.flags.unverified, Flag::Unverified),
        (f.flags.lead_silent, Flag::LeadSilent),
        (f.flags.regressed, Flag::Regressed),
        (f.flags.unreported, Flag::Unreported),
        (f.flags.new, Flag::New),
        (excluded, Flag::Excluded),
        (f.flags.closed && f.now.excluded.is_none(), Flag::Closed),
    ]
    .into_iter()
    .filter_map(|(on, flag)| on.then_some(flag))
    .collect()
}

/// How an exclusion reason is phrased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrasing<'a> {
    /// In a brief's sentence, naming the status (`状态为B（…）`) and saying "recommendation" (`已由建议 3.2 取代`).
    Brief {
        /// The status label, for an excluded status.
        status: &'a str,
    },
    /// In a table cell or a list line: short, without the status.
    Short,
}

/// Why a recommendation is out of the totals, in words.
pub fn exclusion(e: &Exclusion, lang: Lang, phrasing: Phrasing<'_>) -> String {
    let noun = match (phrasing, lang) {
        (Phrasing::Brief { .. }, Lang::Zh) => "建议 ",
        _ => " ",
    };
    match (e, lang) {
        (Exclusion::Status(_), _) => match phrasing {
            Phrasing::Brief { status } => match lang {
                Lang::Zh => format!("状态为{status}"),
                Lang::En => format!("status {status}"),
            },
            Phrasing::Short => lang.pick("状态不计入", "excluded status").to_string(),
        },
        (Exclusion::SupersededBy(x), Lang::Zh) => format!("已由{noun}{x} 取代"),
        (Exclusion::SupersededBy(x), Lang::En) => format!("superseded by {x}"),
        (Exclusion::MergedInto(x), Lang::Zh) => format!("已并入{noun}{x}"),
        (Exclusion::MergedInto(x), Lang::En) => format!("merged into {x}"),
        (Exclusion::SplitInto(x), Lang::Zh) => format!("已拆分为{noun}{}", x.join("、")),
        (Exclusion::SplitInto(x), Lang::En) => format!("split into {}", x.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_read_as_before_in_both_phrasings() {
        let e = Exclusion::SupersededBy("3.2".into());
        let brief = Phrasing::Brief { status: "N" };
        assert_eq!(exclusion(&e, Lang::Zh, brief), "已由建议 3.2 取代");
        assert_eq!(exclusion(&e, Lang::Zh, Phrasing::Short), "已由 3.2 取代");
        let s = Exclusion::SplitInto(vec!["a".into(), "b".into()]);
        assert_eq!(exclusion(&s, Lang::Zh, brief), "已拆分为建议 a、b");
        assert_eq!(exclusion(&s, Lang::En, Phrasing::Short), "split into a, b");
        let m = Exclusion::MergedInto("x".into());
        assert_eq!(exclusion(&m, Lang::Zh, Phrasing::Short), "已并入 x");
        assert_eq!(
            exclusion(&Exclusion::Status(4), Lang::En, brief),
            "status N"
        );
    }

    #[test]
    fn every_light_key_names_its_light() {
        for l in [Light::Red, Light::Amber, Light::Green, Light::None] {
            assert_eq!(light_of_key(l.key()), l);
        }
    }
}
