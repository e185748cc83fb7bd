//! `rexieshang explain CASE REC`: how one recommendation's figures were derived — every record in date order,
//! which one the figure follows and why, the weights and the rule — so anyone can recompute it by hand.

use crate::app::{Env, ExitStatus};
use crate::case::config::{Config, Unreported};
use crate::case::model::{Case, Recommendation};
use crate::cli::ExplainArgs;
use crate::cmd::{Start, start};
use crate::cmd::{load_checked, resolve_case};
use crate::figures::{Basis, Exclusion, Reading, RecFigure, STALL_DAYS, figures};
use crate::fmt::date::iso;
use crate::fmt::number::num;
use crate::lang::Lang;
use crate::tx;
use chrono::NaiveDate;
use std::io::Write;

/// Runs `explain`.
pub fn run(args: &ExplainArgs, env: &mut Env) -> ExitStatus {
    let Start {
        as_of,
        repo,
        lang,
        printer,
    } = match start(env, args.as_of.as_deref(), &args.repo) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let dir = match resolve_case(&repo, &args.case) {
        Ok(d) => d,
        Err(d) => return env.fatal(&d),
    };
    let checked = load_checked(&dir, &repo.config, as_of.max(env.today));
    let Some(case) = &checked.case else {
        checked.print_errors(&printer, &mut env.stderr);
        return ExitStatus::Problems;
    };
    let figs = figures(case, &repo.config, as_of);
    let (Some(rec), Some(fig)) = (
        case.rec(&args.rec),
        figs.recs.iter().find(|f| f.id == args.rec),
    ) else {
        let (r, c) = (&args.rec, &case.id);
        let known: Vec<&str> = figs.recs.iter().map(|f| f.id.as_str()).collect();
        let listed = known.join("、");
        let d = crate::diag::Diagnostic::error(
            "E008",
            tx!(
                "议题 {c} 在 {as_of} 时没有建议 `{r}`",
                "case {c} has no recommendation `{r}` as of {as_of}"
            ),
        )
        .help(tx!("现有建议：{listed}。", "Recommendations: {listed}."));
        return env.fatal(&d);
    };
    let text = explain(case, &repo.config, rec, fig, &figs, lang);
    let _ = env.stdout.write_all(text.as_bytes());
    ExitStatus::Ok
}

/// The explanation text.
pub fn explain(
    case: &Case,
    cfg: &Config,
    rec: &Recommendation,
    fig: &RecFigure,
    figs: &crate::figures::Figures,
    lang: Lang,
) -> String {
    let t = |zh: String, en: String| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    let label = |s: Option<usize>| {
        s.and_then(|i| cfg.scale.get(i)).map_or_else(
            || t("（未写状态）".into(), "(no status)".into()),
            |l| match lang {
                Lang::Zh => format!("{}（{}，折算 {}%）", l.key, l.zh, num(l.degree)),
                Lang::En => format!("{} ({}, counts as {}%)", l.key, l.en, num(l.degree)),
            },
        )
    };
    // The status and progress a record states, as they appear in the record list.
    let stated = |status: Option<usize>, progress: Option<f64>| {
        let st = status
            .map(|v| {
                t(
                    format!(" 状态 {}", label(Some(v))),
                    format!(" status {}", label(Some(v))),
                )
            })
            .unwrap_or_default();
        let pr = progress
            .map(|v| {
                t(
                    format!(" 进度 {}%", num(v)),
                    format!(" progress {}%", num(v)),
                )
            })
            .unwrap_or_default();
        (st, pr)
    };
    let reading = |r: &Reading| {
        let p = r
            .progress
            .map(|p| t(format!("进度 {}%", num(p)), format!("progress {}%", num(p))));
        let s = r.status.map(|_| {
            t(
                format!("状态 {}", label(r.status)),
                format!("status {}", label(r.status)),
            )
        });
        let what = [s, p]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(t("，".into(), ", ".into()).as_str());
        format!(
            "{} {what} → {}%  [{}:{}]",
            iso(r.source.date),
            num(r.degree),
            r.source.file,
            r.source.line
        )
    };
    let mut out = Vec::new();
    let id = &rec.id.value;
    let lead = case
        .department(&rec.lead.value)
        .map_or(rec.lead.value.clone(), |d| d.name.clone());
    out.push(t(
        format!("建议 {id}：{}", rec.text.value),
        format!("Recommendation {id}: {}", rec.text.value),
    ));
    out.push(t(
        format!(
            "主办：{lead}；权重 {}；期限 {}",
            num(rec.weight.value),
            fig.due.map_or("—".into(), iso)
        ),
        format!(
            "Lead: {lead}; weight {}; due {}",
            num(rec.weight.value),
            fig.due.map_or("—".into(), iso)
        ),
    ));
    if let Some((d, reason, file)) = &fig.revised_due {
        let reason = reason
            .clone()
            .unwrap_or_else(|| t("未写原因".into(), "no reason given".into()));
        out.push(t(
            format!("  期限由 {file} 调整为 {}：{reason}", iso(*d)),
            format!("  due date moved to {} by {file}: {reason}", iso(*d)),
        ));
    }
    out.push(t(
        format!("数据截止日期：{}", iso(figs.as_of)),
        format!("Data as of {}", iso(figs.as_of)),
    ));
    out.push(String::new());

    out.push(t(
        "1. 截止日前的全部记录（按日期）".into(),
        "1. Every record up to the cut-off, by date".into(),
    ));
    let mut records: Vec<(NaiveDate, String)> = Vec::new();
    for r in case.replies.iter().filter(|r| r.date.value <= figs.as_of) {
        for i in r.items.iter().filter(|i| i.rec.value == *id) {
            let measure = i
                .measure
                .as_ref()
                .map(|m| {
                    t(
                        format!(" 举措「{}」", m.value),
                        format!(" measure “{}”", m.value),
                    )
                })
                .unwrap_or_default();
            let (st, pr) = stated(
                i.status.as_ref().map(|s| s.value),
                i.progress.as_ref().map(|p| p.value),
            );
            records.push((
                r.date.value,
                format!(
                    "  {}  {} {}{measure}{st}{pr}  [{}:{}]",
                    iso(r.date.value),
                    t("单位复文".into(), "reply".into()),
                    r.department.value,
                    r.file,
                    i.rec.pos.line
                ),
            ));
        }
    }
    for m in case
        .meetings
        .iter()
        .filter(|m| !m.planned && m.date.value <= figs.as_of)
    {
        for a in m.assessments.iter().filter(|a| a.rec.value == *id) {
            let (st, pr) = stated(
                a.status.as_ref().map(|s| s.value),
                a.progress.as_ref().map(|p| p.value),
            );
            records.push((
                m.date.value,
                format!(
                    "  {}  {}{st}{pr}  [{}:{}]",
                    iso(m.date.value),
                    t("委员评议".into(), "assessment".into()),
                    m.file,
                    a.rec.pos.line
                ),
            ));
        }
    }
    records.sort_by_key(|r| r.0);
    if records.is_empty() {
        out.push(t("  （没有任何记录）".into(), "  (none)".into()));
    }
    out.extend(records.into_iter().map(|r| r.1));
    out.push(String::new());

    let now = &fig.now;
    out.push(t("2. 单位自评".into(), "2. The department's claim".into()));
    if !now.measures.is_empty() {
        out.push(t(
            "  有具体举措：每项举措取它最新的复文，再按举措权重加权平均（除非有一份针对整条建议的复文比所有举措复文都新）。".into(),
            "  With measures: each measure takes its latest reply, then the weighted mean over measures (unless a reply about the whole recommendation is newer than every measure reply).".into(),
        ));
        let mut terms = Vec::new();
        for (m, mf) in rec.measures.iter().zip(&now.measures) {
            let line = match (&mf.claim, mf.counted) {
                (Some(c), _) => format!(
                    "    {}  {} {}  {}",
                    m.id.value,
                    t(
                        format!("权重 {}", num(mf.weight)),
                        format!("weight {}", num(mf.weight))
                    ),
                    reading(c),
                    ""
                ),
                (None, Some(_)) => format!(
                    "    {}  {}  {}",
                    m.id.value,
                    t(
                        format!("权重 {}", num(mf.weight)),
                        format!("weight {}", num(mf.weight))
                    ),
                    t(
                        "未反馈，按 0% 计入".into(),
                        "no report, counted as 0%".into()
                    )
                ),
                (None, None) => format!(
                    "    {}  {}  {}",
                    m.id.value,
                    t(
                        format!("权重 {}", num(mf.weight)),
                        format!("weight {}", num(mf.weight))
                    ),
                    t("未反馈，不计入".into(), "no report, left out".into())
                ),
            };
            out.push(line.trim_end().to_string());
            if let Some(v) = mf.counted {
                terms.push((mf.weight, v));
            }
        }
        let sum_w: f64 = terms.iter().map(|x| x.0).sum();
        if sum_w > 0.0 {
            let parts = terms
                .iter()
                .map(|(w, v)| format!("{}×{}", num(*w), num(*v)))
                .collect::<Vec<_>>()
                .join(" + ");
            let total: f64 = terms.iter().map(|(w, v)| w * v).sum();
            out.push(format!(
                "    ({parts}) ÷ {} = {}%",
                num(sum_w),
                num(total / sum_w)
            ));
        }
    }
    match &now.claim {
        Some(c) => out.push(format!("  → {}", reading(c))),
        None => out.push(t("  （没有单位复文）".into(), "  (no reply)".into())),
    }
    out.push(t("3. 委员评议".into(), "3. The members' assessment".into()));
    match &now.assessment {
        Some(a) => out.push(format!("  → {}", reading(a))),
        None => out.push(t("  （没有会议评议）".into(), "  (no assessment)".into())),
    }
    out.push(t("4. 采用哪一个".into(), "4. Which one counts".into()));
    let rule = match now.basis {
        Basis::Unreported => match cfg.unreported {
            Unreported::Zero => t("  既无复文也无评议：未反馈，按配置以 0% 计入分母（单列为未反馈，不显示为 0%）。".into(), "  No reply and no assessment: unreported; by the config it counts as 0% in the denominator (shown as unreported, not as 0%).".into()),
            Unreported::Exclude => t("  既无复文也无评议：未反馈，按配置不计入分母。".into(), "  No reply and no assessment: unreported; by the config it is left out of the denominator.".into()),
        },
        Basis::ClaimOnly => t("  只有单位自评，采用自评。".into(), "  Only a claim exists; it counts.".into()),
        Basis::AssessmentOnly => t("  只有委员评议，采用评议。".into(), "  Only an assessment exists; it counts.".into()),
        Basis::ClaimNewer => t("  单位自评比委员评议新，采用自评（较新的证据）。".into(), "  The claim is newer than the assessment, so it counts (newer evidence).".into()),
        Basis::AssessmentNewer => t("  委员评议不早于单位自评，采用评议（同一天以评议为准）。".into(), "  The assessment is as new as or newer than the claim, so it counts (same day: the assessment).".into()),
    };
    out.push(rule);
    match (&now.excluded, now.degree) {
        (Some(e), _) => {
            let why = match e {
                Exclusion::Status(_) => t(
                    format!("状态 {} 不计入汇总", label(now.status)),
                    format!("status {} is excluded from totals", label(now.status)),
                ),
                Exclusion::SupersededBy(x) => {
                    t(format!("已由 {x} 取代"), format!("superseded by {x}"))
                }
                Exclusion::MergedInto(x) => t(format!("已并入 {x}"), format!("merged into {x}")),
                Exclusion::SplitInto(x) => t(
                    format!("已拆分为 {}", x.join("、")),
                    format!("split into {}", x.join(", ")),
                ),
            };
            out.push(t(
                format!("  不计入任何汇总：{why}。"),
                format!("  Left out of every total: {why}."),
            ));
        }
        (None, Some(d)) => out.push(t(
            format!("  落实度 = {}%，状态 {}", num(d), label(now.status)),
            format!("  Degree = {}%, status {}", num(d), label(now.status)),
        )),
        (None, None) => {}
    }
    out.push(String::new());

    out.push(t("5. 标记".into(), "5. Flags".into()));
    let f = &fig.flags;
    let yes = |b: bool| {
        if b {
            t("是".into(), "yes".into())
        } else {
            t("否".into(), "no".into())
        }
    };
    out.push(t(
        format!(
            "  逾期：{}（期限已过且未办结、落实度不足 100%）",
            yes(f.overdue)
        ),
        format!(
            "  overdue: {} (past the due date, not finished, below 100%)",
            yes(f.overdue)
        ),
    ));
    out.push(t(
        format!("  停滞：{}（上次会议后 {STALL_DAYS} 天无新复文，或连续两次会议落实度未提高）", yes(f.stalled)),
        format!("  stalled: {} (no reply for {STALL_DAYS} days after the last meeting, or no rise across the last two meetings)", yes(f.stalled)),
    ));
    out.push(t(
        format!(
            "  评议低于自评：{}（委员评议状态的折算值低于会议时单位自评状态的折算值）",
            yes(f.disputed)
        ),
        format!(
            "  disputed: {} (the assessed status counts lower than the status claimed at the time)",
            yes(f.disputed)
        ),
    ));
    out.push(t(format!("  下降：{}（低于上次会议时，或上次会议低于再上次）", yes(f.regressed)), format!("  regressed: {} (lower than at the last meeting, or the last meeting lower than the one before)", yes(f.regressed))));
    if let (Some(c), Some(l)) = (
        fig.change,
        fig.at_last_meeting.as_ref().and_then(|s| s.degree),
    ) {
        out.push(t(
            format!("  上次会议时 {}%，变化 {}", num(l), num(c)),
            format!("  {}% at the last meeting, change {}", num(l), num(c)),
        ));
    }
    out.push(String::new());

    out.push(t("6. 计入汇总".into(), "6. In the totals".into()));
    match now.counted {
        Some(d) if rec.weight.value > 0.0 => {
            out.push(t(
                format!("  以权重 {} × {}% 计入全议题、方面「{}」和主办单位「{}」的加权平均。", num(rec.weight.value), num(d), rec.aspect.value, rec.lead.value),
                format!("  Counts as weight {} × {}% in the case, aspect “{}” and lead department “{}”.", num(rec.weight.value), num(d), rec.aspect.value, rec.lead.value),
            ));
            let o = &figs.overall;
            if let Some(deg) = o.degree {
                out.push(t(
                    format!("  全议题：Σ(权重×落实度) ÷ Σ权重 = {} ÷ {} = {}%（计入 {} 条，不计入 {} 条，未反馈 {} 条）", num(deg * o.weight), num(o.weight), num(deg), o.counted, o.excluded, o.unreported),
                    format!("  Case: Σ(weight × degree) ÷ Σ weight = {} ÷ {} = {}% ({} counted, {} excluded, {} unreported)", num(deg * o.weight), num(o.weight), num(deg), o.counted, o.excluded, o.unreported),
                ));
            }
        }
        _ => out.push(t("  不计入任何汇总。".into(), "  Not in any total.".into())),
    }
    out.join("\n") + "\n"
}
