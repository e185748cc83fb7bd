//! `explain`'s text: one recommendation's figures as [`crate::figures`] derived them — every record, which one
//! counts and why, the weights and the arithmetic — written out so anyone can recompute them by hand. Nothing is
//! computed again here; this only puts the derivation into words.

use crate::brief::words::{Phrasing, exclusion};
use crate::case::config::{Config, Unreported};
use crate::case::model::{Case, Recommendation};
use crate::figures::cutoff::AtCutoff;
use crate::figures::record::{Author, records};
use crate::figures::{
    Basis, Exclusion, Figures, Flags, Mean, Reading, RecFigure, STALL_DAYS, measure_terms,
};
use crate::fmt::date::iso;
use crate::fmt::number::num;
use crate::lang::Lang;

/// The explanation of `fig`, the figure of `rec` among `figs`.
pub fn explain(
    case: &Case,
    cfg: &Config,
    rec: &Recommendation,
    fig: &RecFigure,
    figs: &Figures,
    lang: Lang,
) -> String {
    let mut x = Writer {
        cfg,
        lang,
        out: Vec::new(),
    };
    x.heading(case, rec, fig, figs);
    x.records(case, rec, figs);
    x.claim(rec, fig);
    x.basis(fig);
    x.flags(fig);
    x.totals(rec, fig, figs);
    x.out.join("\n") + "\n"
}

/// The lines written so far, and what wording them needs.
struct Writer<'a> {
    cfg: &'a Config,
    lang: Lang,
    out: Vec<String>,
}

impl Writer<'_> {
    fn t(&self, zh: String, en: String) -> String {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn push(&mut self, zh: String, en: String) {
        let line = self.t(zh, en);
        self.out.push(line);
    }

    /// A status with its words and the degree it counts as.
    fn label(&self, s: Option<usize>) -> String {
        s.and_then(|i| self.cfg.scale.get(i)).map_or_else(
            || self.t("（未写状态）".into(), "(no status)".into()),
            |l| match self.lang {
                Lang::Zh => format!("{}（{}，折算 {}%）", l.key, l.zh, num(l.degree)),
                Lang::En => format!("{} ({}, counts as {}%)", l.key, l.en, num(l.degree)),
            },
        )
    }

    /// The status and progress a record states, as they appear in the record list.
    fn stated(&self, status: Option<usize>, progress: Option<f64>) -> (String, String) {
        let st = status
            .map(|v| {
                let l = self.label(Some(v));
                self.t(format!(" 状态 {l}"), format!(" status {l}"))
            })
            .unwrap_or_default();
        let pr = progress
            .map(|v| {
                self.t(
                    format!(" 进度 {}%", num(v)),
                    format!(" progress {}%", num(v)),
                )
            })
            .unwrap_or_default();
        (st, pr)
    }

    /// A claim or assessment with the degree it stands for and where it is.
    fn reading(&self, r: &Reading) -> String {
        let p = r
            .progress
            .map(|p| self.t(format!("进度 {}%", num(p)), format!("progress {}%", num(p))));
        let s = r.status.map(|_| {
            let l = self.label(r.status);
            self.t(format!("状态 {l}"), format!("status {l}"))
        });
        let what = [s, p]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(self.lang.pick("，", ", "));
        format!(
            "{} {what} → {}%  [{}:{}]",
            iso(r.source.date),
            num(r.degree),
            r.source.file,
            r.source.line
        )
    }

    fn heading(&mut self, case: &Case, rec: &Recommendation, fig: &RecFigure, figs: &Figures) {
        let id = &rec.id.value;
        let lead = case
            .department(&rec.lead.value)
            .map_or(rec.lead.value.clone(), |d| d.name.clone());
        let text = &rec.text.value;
        self.push(
            format!("建议 {id}：{text}"),
            format!("Recommendation {id}: {text}"),
        );
        let (weight, due) = (num(rec.weight.value), fig.due.map_or("—".into(), iso));
        self.push(
            format!("主办：{lead}；权重 {weight}；期限 {due}"),
            format!("Lead: {lead}; weight {weight}; due {due}"),
        );
        if let Some((d, reason, file)) = &fig.revised_due {
            let reason = reason
                .clone()
                .unwrap_or_else(|| self.t("未写原因".into(), "no reason given".into()));
            self.push(
                format!("  期限由 {file} 调整为 {}：{reason}", iso(*d)),
                format!("  due date moved to {} by {file}: {reason}", iso(*d)),
            );
        }
        let as_of = iso(figs.as_of);
        self.push(
            format!("数据截止日期：{as_of}"),
            format!("Data as of {as_of}"),
        );
        self.out.push(String::new());
    }

    fn records(&mut self, case: &Case, rec: &Recommendation, figs: &Figures) {
        self.push(
            "1. 截止日前的全部记录（按日期）".into(),
            "1. Every record up to the cut-off, by date".into(),
        );
        let list = records(AtCutoff::new(case, figs.as_of), &rec.id.value);
        if list.is_empty() {
            self.push("  （没有任何记录）".into(), "  (none)".into());
        }
        for r in &list {
            let (st, pr) = self.stated(r.status, r.progress);
            let who = match &r.author {
                Author::Department { id, measure } => {
                    let measure = measure
                        .as_ref()
                        .map(|m| self.t(format!(" 举措「{m}」"), format!(" measure “{m}”")))
                        .unwrap_or_default();
                    format!("{} {id}{measure}", self.lang.pick("单位复文", "reply"))
                }
                Author::Members => self.lang.pick("委员评议", "assessment").to_string(),
            };
            let line = format!("  {}  {who}{st}{pr}  [{}:{}]", iso(r.date), r.file, r.line);
            self.out.push(line);
        }
        self.out.push(String::new());
    }

    fn claim(&mut self, rec: &Recommendation, fig: &RecFigure) {
        let now = &fig.now;
        self.push("2. 单位自评".into(), "2. The department's claim".into());
        if !now.measures.is_empty() {
            self.measures(rec, fig);
        }
        match &now.claim {
            Some(c) => self.out.push(format!("  → {}", self.reading(c))),
            None => self.push("  （没有单位复文）".into(), "  (no reply)".into()),
        }
        self.push("3. 委员评议".into(), "3. The members' assessment".into());
        match &now.assessment {
            Some(a) => self.out.push(format!("  → {}", self.reading(a))),
            None => self.push("  （没有会议评议）".into(), "  (no assessment)".into()),
        }
    }

    /// Each measure's latest claim and the weighted mean over them.
    fn measures(&mut self, rec: &Recommendation, fig: &RecFigure) {
        self.push(
            "  有具体举措：每项举措取它最新的复文，再按举措权重加权平均（除非有一份针对整条建议的复文比所有举措复文都新）。".into(),
            "  With measures: each measure takes its latest reply, then the weighted mean over measures (unless a reply about the whole recommendation is newer than every measure reply).".into(),
        );
        for (m, mf) in rec.measures.iter().zip(&fig.now.measures) {
            let weight = self.t(
                format!("权重 {}", num(mf.weight)),
                format!("weight {}", num(mf.weight)),
            );
            let line = match (&mf.claim, mf.counted) {
                (Some(c), _) => format!("    {}  {weight} {}  ", m.id.value, self.reading(c)),
                (None, Some(_)) => {
                    let how = self.t(
                        "未反馈，按 0% 计入".into(),
                        "no report, counted as 0%".into(),
                    );
                    format!("    {}  {weight}  {how}", m.id.value)
                }
                (None, None) => {
                    let how = self.t("未反馈，不计入".into(), "no report, left out".into());
                    format!("    {}  {weight}  {how}", m.id.value)
                }
            };
            self.out.push(line.trim_end().to_string());
        }
        let mean = Mean::of(measure_terms(&fig.now.measures));
        if let Some(degree) = mean.degree() {
            let parts = mean
                .terms
                .iter()
                .map(|(w, v)| format!("{}×{}", num(*w), num(*v)))
                .collect::<Vec<_>>()
                .join(" + ");
            self.out.push(format!(
                "    ({parts}) ÷ {} = {}%",
                num(mean.weight),
                num(degree)
            ));
        }
    }

    /// Which of claim and assessment counts, and the result.
    fn basis(&mut self, fig: &RecFigure) {
        let now = &fig.now;
        self.push("4. 采用哪一个".into(), "4. Which one counts".into());
        let (zh, en) = match (now.basis, self.cfg.unreported) {
            (Basis::Unreported, Unreported::Zero) => (
                "  既无复文也无评议：未反馈，按配置以 0% 计入分母（单列为未反馈，不显示为 0%）。",
                "  No reply and no assessment: unreported; by the config it counts as 0% in the denominator (shown as unreported, not as 0%).",
            ),
            (Basis::Unreported, Unreported::Exclude) => (
                "  既无复文也无评议：未反馈，按配置不计入分母。",
                "  No reply and no assessment: unreported; by the config it is left out of the denominator.",
            ),
            (Basis::ClaimOnly, _) => (
                "  只有单位自评，采用自评。",
                "  Only a claim exists; it counts.",
            ),
            (Basis::AssessmentOnly, _) => (
                "  只有委员评议，采用评议。",
                "  Only an assessment exists; it counts.",
            ),
            (Basis::ClaimNewer, _) => (
                "  单位自评比委员评议新，采用自评（较新的证据）。",
                "  The claim is newer than the assessment, so it counts (newer evidence).",
            ),
            (Basis::AssessmentNewer, _) => (
                "  委员评议不早于单位自评，采用评议（同一天以评议为准）。",
                "  The assessment is as new as or newer than the claim, so it counts (same day: the assessment).",
            ),
        };
        self.out.push(self.lang.pick(zh, en).to_string());
        let label = self.label(now.status);
        match (&now.excluded, now.degree) {
            (Some(e), _) => {
                let why = match e {
                    Exclusion::Status(_) => self.t(
                        format!("状态 {label} 不计入汇总"),
                        format!("status {label} is excluded from totals"),
                    ),
                    _ => exclusion(e, self.lang, Phrasing::Short),
                };
                self.push(
                    format!("  不计入任何汇总：{why}。"),
                    format!("  Left out of every total: {why}."),
                );
            }
            (None, Some(d)) => self.push(
                format!("  落实度 = {}%，状态 {label}", num(d)),
                format!("  Degree = {}%, status {label}", num(d)),
            ),
            (None, None) => {}
        }
        self.out.push(String::new());
    }

    fn flags(&mut self, fig: &RecFigure) {
        self.push("5. 标记".into(), "5. Flags".into());
        for (zh, en) in self.flag_lines(&fig.flags) {
            self.push(zh, en);
        }
        if let (Some(c), Some(l)) = (
            fig.change,
            fig.at_last_meeting.as_ref().and_then(|s| s.degree),
        ) {
            self.push(
                format!("  上次会议时 {}%，变化 {}", num(l), num(c)),
                format!("  {}% at the last meeting, change {}", num(l), num(c)),
            );
        }
        self.out.push(String::new());
    }

    /// Each flag, whether it is set, and its rule (Chinese, English).
    fn flag_lines(&self, f: &Flags) -> [(String, String); 6] {
        let yes = |b: bool| {
            self.lang
                .pick(if b { "是" } else { "否" }, if b { "yes" } else { "no" })
        };
        [
            (
                format!(
                    "  逾期：{}（期限已过且未办结、落实度不足 100%）",
                    yes(f.overdue)
                ),
                format!(
                    "  overdue: {} (past the due date, not finished, below 100%)",
                    yes(f.overdue)
                ),
            ),
            (
                format!(
                    "  停滞：{}（上次会议后 {STALL_DAYS} 天无新复文，或连续两次会议落实度未提高）",
                    yes(f.stalled)
                ),
                format!(
                    "  stalled: {} (no reply for {STALL_DAYS} days after the last meeting, or no rise across the last two meetings)",
                    yes(f.stalled)
                ),
            ),
            (
                format!(
                    "  评议低于自评：{}（委员评议状态的折算值低于会议时单位自评状态的折算值，或评议的落实度比当时的自评低 {} 个百分点及以上）",
                    yes(f.disputed),
                    num(self.cfg.dispute_points)
                ),
                format!(
                    "  disputed: {} (the assessed status counts lower than the status claimed at the time, or the assessed degree is {} points or more below it)",
                    yes(f.disputed),
                    num(self.cfg.dispute_points)
                ),
            ),
            (
                format!(
                    "  待核实：{}（单位自评比委员上次评议的高，且在评议之后；会议评议或决定办结前不算办结）",
                    yes(f.unverified)
                ),
                format!(
                    "  unverified: {} (the claim is newer than members' last assessment and says more; not closed until a meeting assesses it or closes it)",
                    yes(f.unverified)
                ),
            ),
            (
                format!(
                    "  主办单位未答复：{}（只有协办单位答复过，暂以其自评为准）",
                    yes(f.lead_silent)
                ),
                format!(
                    "  lead has not replied: {} (only supporting departments replied; their claim stands for now)",
                    yes(f.lead_silent)
                ),
            ),
            (
                format!(
                    "  下降：{}（低于上次会议时，或上次会议低于再上次）",
                    yes(f.regressed)
                ),
                format!(
                    "  regressed: {} (lower than at the last meeting, or the last meeting lower than the one before)",
                    yes(f.regressed)
                ),
            ),
        ]
    }

    /// Where the recommendation counts, and the case's mean it is part of.
    fn totals(&mut self, rec: &Recommendation, fig: &RecFigure, figs: &Figures) {
        self.push("6. 计入汇总".into(), "6. In the totals".into());
        let (w, aspect, lead) = (num(rec.weight.value), &rec.aspect.value, &rec.lead.value);
        match fig.now.counted {
            Some(d) if rec.weight.value > 0.0 => {
                let d = num(d);
                self.push(
                    format!("  以权重 {w} × {d}% 计入全议题、方面「{aspect}」和主办单位「{lead}」的加权平均。"),
                    format!("  Counts as weight {w} × {d}% in the case, aspect “{aspect}” and lead department “{lead}”."),
                );
                let o = &figs.overall;
                if let Some(deg) = o.degree {
                    let (sum, weight, mean) = (num(deg * o.weight), num(o.weight), num(deg));
                    let (c, e, u) = (o.counted, o.excluded, o.unreported);
                    self.push(
                        format!("  全议题：Σ(权重×落实度) ÷ Σ权重 = {sum} ÷ {weight} = {mean}%（计入 {c} 条，不计入 {e} 条，未反馈 {u} 条）"),
                        format!("  Case: Σ(weight × degree) ÷ Σ weight = {sum} ÷ {weight} = {mean}% ({c} counted, {e} excluded, {u} unreported)"),
                    );
                }
            }
            _ => self.push("  不计入任何汇总。".into(), "  Not in any total.".into()),
        }
        self.verified(rec, fig, figs);
    }

    /// The second headline figure: what members verified, for this recommendation and the case.
    fn verified(&mut self, rec: &Recommendation, fig: &RecFigure, figs: &Figures) {
        if rec.weight.value <= 0.0 || fig.now.excluded.is_some() {
            return;
        }
        let w = num(rec.weight.value);
        let (zh, en) = match (&fig.now.assessment, fig.now.verified) {
            (Some(a), Some(v)) => {
                let (v, at) = (num(v), iso(a.source.date));
                (
                    format!(
                        "  经委员核实的口径：以权重 {w} × {v}%（{at} 的评议）计入；评议之后单位报称的进展不计入。"
                    ),
                    format!(
                        "  Verified by members: weight {w} × {v}% (assessed {at}); claims made after it do not count."
                    ),
                )
            }
            (None, Some(v)) => {
                let v = num(v);
                (
                    format!("  经委员核实的口径：从未评议，按 {v}% 计入。"),
                    format!("  Verified by members: never assessed, counts as {v}%."),
                )
            }
            _ => (
                "  经委员核实的口径：从未评议，不计入分母。".to_string(),
                "  Verified by members: never assessed, out of the denominator.".to_string(),
            ),
        };
        self.push(zh, en);
        let o = &figs.overall;
        if let Some(v) = o.verified {
            let (sum, weight, mean) = (num(v * o.verified_weight), num(o.verified_weight), num(v));
            self.push(
                format!("  全议题（经委员核实）：Σ(权重×核实落实度) ÷ Σ权重 = {sum} ÷ {weight} = {mean}%"),
                format!("  Case (verified): Σ(weight × verified degree) ÷ Σ weight = {sum} ÷ {weight} = {mean}%"),
            );
        }
    }
}
