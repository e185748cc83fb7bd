//! `rexieshang status`: one line per case, aligned by display width so Chinese titles line up.

use crate::app::{Env, ExitStatus};
use crate::brief::target_meeting;
use crate::cli::StatusArgs;
use crate::cmd::{Start, start};
use crate::cmd::{load_checked, ordered};
use crate::figures::{Light, figures, light};
use crate::fmt::date::iso;
use crate::fmt::number::{bar, num};
use crate::fmt::text::truncate;
use crate::lang::Lang;
use crate::tx;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

const TITLE_WIDTH: usize = 24;

/// Runs `status`.
pub fn run(args: &StatusArgs, env: &mut Env) -> ExitStatus {
    let Start {
        as_of,
        repo,
        lang,
        printer,
    } = match start(env, args.as_of.as_deref(), &args.path) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let cfg = &repo.config;
    let t = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let mut rows: Vec<Vec<String>> = vec![vec![
        t("议题", "case"),
        t("名称", "title"),
        t("落实度", "degree"),
        String::new(),
        t("按状态", "by status"),
        t("逾期", "overdue"),
        t("停滞", "stalled"),
        t("争议", "disputed"),
        t("下次会议", "next meeting"),
    ]];
    let mut lights = vec![Light::None];
    let mut status = ExitStatus::Ok;
    let latest = as_of.max(env.today);
    // Cases are read and summed up on all cores; rows come back in case order.
    let Ok(()) = ordered(
        &repo.cases,
        |dir| {
            let checked = load_checked(dir, cfg, latest);
            let Some(case) = &checked.case else {
                let n = checked.errors();
                let row = vec![
                    dir.id.clone(),
                    String::new(),
                    "—".into(),
                    String::new(),
                    tx!(
                        "{n} 个错误，请先运行 rexieshang check",
                        "{n} error(s): run rexieshang check"
                    )
                    .get(lang)
                    .to_string(),
                ];
                return (row, Light::None, true);
            };
            let f = figures(case, cfg, as_of);
            let tally = f.status_tally(cfg.scale.len());
            let mut counts: Vec<String> = cfg
                .scale
                .iter()
                .zip(&tally.levels)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{}{n}", s.key))
                .collect();
            if tally.superseded > 0 {
                counts.push(format!("{}{}", t("取代", "superseded "), tally.superseded));
            }
            if tally.unreported > 0 {
                counts.push(format!("{}{}", t("未反馈", "none"), tally.unreported));
            }
            let count = |p: fn(&crate::figures::Flags) -> bool| {
                f.recs.iter().filter(|r| p(&r.flags)).count().to_string()
            };
            let next =
                target_meeting(case, as_of, None).map_or("—".to_string(), |m| iso(m.date.value));
            let row = vec![
                case.id.clone(),
                truncate(&case.title.value, TITLE_WIDTH),
                f.overall
                    .degree
                    .map_or("—".to_string(), |d| format!("{}%", num(d))),
                f.overall.degree.map_or_else(|| "—".to_string(), bar),
                counts.join(" "),
                count(|x| x.overdue),
                count(|x| x.stalled),
                count(|x| x.disputed),
                next,
            ];
            (row, light(cfg, f.overall.degree, false), false)
        },
        |(row, l, problem)| {
            rows.push(row);
            lights.push(l);
            if problem {
                status = ExitStatus::Problems;
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let widths: Vec<usize> = (0..9)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let right_aligned = [2usize, 5, 6, 7];
    for (row, l) in rows.iter().zip(&lights) {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            let cell = if c == 2 && env.color_stdout {
                paint(cell, *l)
            } else {
                cell.clone()
            };
            if right_aligned.contains(&c) {
                line.push_str(&pad);
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        let _ = writeln!(env.stdout, "{}", line.trim_end());
    }
    if repo.cases.is_empty() {
        let d = crate::diag::Diagnostic::warning(
            "W303",
            tx!("没有找到议题文件夹", "no case folders found"),
        );
        let _ = writeln!(env.stderr, "{}", printer.render(&d, &Default::default()));
    }
    status
}

fn paint(s: &str, l: Light) -> String {
    let code = match l {
        Light::Red => "31",
        Light::Amber => "33",
        Light::Green => "32",
        Light::None => return s.to_string(),
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_display_columns() {
        assert_eq!(truncate("加快建设数字政府", 9), "加快建设…");
        assert_eq!(truncate("abc", 9), "abc");
        assert!(truncate("加快建设数字政府，推进优化营商环境", 28).width() <= 28);
    }
}
