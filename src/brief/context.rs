//! What every part of the brief needs to put figures into words: the case, the config and the language, with the
//! wording of statuses, departments, lights and exclusion reasons.

use crate::brief::model::{AggView, MeetingRef, SatisfactionView};
use crate::brief::words::{Phrasing, Words, exclusion};
use crate::case::config::Config;
use crate::case::model::{Case, Meeting, MeetingKind, Recommendation, Satisfaction};
use crate::figures::{Aggregate, Basis, Exclusion, RecFigure, light};
use crate::fmt::date::{iso, long_date};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::sync::Arc;

/// The case, the config and the language of a brief.
pub(super) struct Ctx<'a> {
    pub(super) case: &'a Case,
    pub(super) cfg: &'a Config,
    pub(super) lang: Lang,
}

impl Ctx<'_> {
    /// The wording in the brief's language.
    pub(super) fn t(&self, zh: &str, en: &str) -> String {
        self.lang.pick(zh, en).to_string()
    }

    /// Like [`Ctx::t`] for formatted text: only the language in use is formatted.
    pub(super) fn tr(&self, zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> String {
        match self.lang {
            Lang::Zh => zh(),
            Lang::En => en(),
        }
    }

    /// A date written out in the brief's language.
    pub(super) fn date(&self, d: NaiveDate) -> String {
        long_date(d, self.lang)
    }

    /// A status with its key: `B（正在解决…）`.
    pub(super) fn status_label(&self, s: Option<usize>) -> Option<String> {
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

    /// A status's key.
    pub(super) fn status_key(&self, s: Option<usize>) -> Option<String> {
        self.cfg.scale.get(s?).map(|l| l.key.clone())
    }

    /// A department's full name, or its id when the case does not name it.
    pub(super) fn dept_name(&self, id: &str) -> String {
        // No lead yet (an imported proposal not assigned): said so, not left blank.
        if id.is_empty() {
            return self.t("主办单位未定", "lead not assigned").to_string();
        }
        self.case
            .department(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    }

    /// A recommendation's short title, else its text without its closing full stop (briefs put a colon or a
    /// bracket after it: no "……。：").
    pub(super) fn rec_title(&self, rec: &Recommendation) -> String {
        rec.title.clone().unwrap_or_else(|| {
            rec.text
                .value
                .trim_end_matches(['。', '；', '.', ';', '，', ','])
                .to_string()
        })
    }

    /// An aggregate's view, with its light.
    pub(super) fn agg(&self, a: &Aggregate) -> Arc<AggView> {
        Arc::new(AggView {
            degree: a.degree,
            light: light(self.cfg, a.degree, false).key().to_string(),
            counted: a.counted,
            weight: a.weight,
            excluded: a.excluded,
            unreported: a.unreported,
            total: a.total,
            verified: a.verified,
        })
    }

    /// Why an item is out of the totals, as the brief says it.
    pub(super) fn exclusion(&self, e: &Exclusion) -> String {
        let status = match e {
            Exclusion::Status(s) => self.status_label(Some(*s)).unwrap_or_default(),
            _ => String::new(),
        };
        exclusion(e, self.lang, Phrasing::Brief { status: &status })
    }

    /// A recommendation's status in short: the scale's key, or the words for no report, no status or exclusion.
    pub(super) fn status_short(&self, f: &RecFigure) -> String {
        match (&f.now.excluded, f.now.basis) {
            (None, Basis::Unreported) | (Some(_), _) => self.status_text(f),
            _ => self
                .status_key(f.now.status)
                .unwrap_or_else(|| self.status_text(f)),
        }
    }

    /// The status an item stands at: its label, 未反馈, or why it is out of the totals.
    pub(super) fn status_text(&self, f: &RecFigure) -> String {
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

/// Satisfaction counts with their rate.
pub(super) fn sat(s: Satisfaction) -> Arc<SatisfactionView> {
    let total = s.satisfied + s.basic + s.unsatisfied;
    Arc::new(SatisfactionView {
        satisfied: s.satisfied,
        basic: s.basic,
        unsatisfied: s.unsatisfied,
        total,
        rate: (total > 0).then(|| (s.satisfied + s.basic) as f64 * 100.0 / total as f64),
    })
}

/// A meeting, with its ordinal among re-consultations.
pub(super) fn meeting_ref(case: &Case, m: &Meeting) -> Arc<MeetingRef> {
    let round = (m.kind == MeetingKind::Reconsultation).then(|| {
        case.meetings
            .iter()
            .filter(|x| x.kind == MeetingKind::Reconsultation && x.date.value <= m.date.value)
            .count()
    });
    Arc::new(MeetingRef {
        date: iso(m.date.value),
        title: m.title.clone(),
        kind: m.kind.key().into(),
        round,
    })
}
