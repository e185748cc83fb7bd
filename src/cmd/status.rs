//! `rexieshang status`: one line per case, aligned by display width so Chinese titles line up.

use crate::case::config::Config;
use crate::case::load::CaseDir;
use crate::check::checked::load_checked;
use crate::cli::StatusArgs;
use crate::cmd::env::{Env, ExitStatus, Outcome};
use crate::cmd::open::{Start, start};
use crate::cmd::parallel::ordered;
use crate::diag::{Code, Diagnostic, Sources};
use crate::figures::cutoff::target_meeting;
use crate::figures::{Flags, Light, figures, light};
use crate::fmt::date::iso;
use crate::fmt::number::{bar, num};
use crate::fmt::text::{truncate, visible};
use crate::lang::Lang;
use crate::tx;
use chrono::NaiveDate;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

const TITLE_WIDTH: usize = 24;

/// Columns aligned to the right (numbers).
const RIGHT_ALIGNED: [usize; 4] = [2, 5, 6, 7];

/// Runs `status`.
pub fn run(args: &StatusArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.path)?;
    let (as_of, latest) = (env.settings.as_of, env.settings.latest);
    let mut rows: Vec<(Vec<String>, Light)> = vec![(header(lang), Light::None)];
    let mut status = ExitStatus::Ok;
    let mut deadlines: Vec<Vec<String>> = Vec::new();
    // Cases are read and summed up on all cores; rows come back in case order.
    let Ok(()) = ordered(
        &repo.cases,
        |dir| row(dir, &repo.config, as_of, latest, lang, args.within),
        |(row, l, problem, due)| {
            rows.push((row, l));
            deadlines.extend(due);
            if problem {
                status = ExitStatus::Problems;
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    for line in table(&rows, env.settings.color_stdout) {
        let _ = writeln!(env.stdout, "{line}");
    }
    if let Some(days) = args.within {
        upcoming(env, deadlines, days, as_of, lang);
    }
    if repo.cases.is_empty() {
        let d = Diagnostic::warning(
            Code::W303,
            tx!("没有找到议题文件夹", "no case folders found"),
        );
        env.show(&printer, &[d], &Sources::default());
    }
    Ok(status)
}

fn header(lang: Lang) -> Vec<String> {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    vec![
        t("议题", "case"),
        t("名称", "title"),
        t("落实度", "degree"),
        String::new(),
        t("按状态", "by status"),
        t("逾期", "overdue"),
        t("停滞", "stalled"),
        t("争议", "disputed"),
        t("下次会议", "next meeting"),
    ]
}

/// One case's row, its light, and whether it has errors.
fn row(
    dir: &CaseDir,
    cfg: &Config,
    as_of: NaiveDate,
    latest: NaiveDate,
    lang: Lang,
    within: Option<u32>,
) -> (Vec<String>, Light, bool, Vec<Vec<String>>) {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
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
        return (row, Light::None, true, Vec::new());
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
    if tally.unverified > 0 {
        counts.push(format!(
            "{}{}",
            t("待核实", "unverified "),
            tally.unverified
        ));
    }
    if tally.superseded > 0 {
        counts.push(format!("{}{}", t("取代", "superseded "), tally.superseded));
    }
    if tally.unreported > 0 {
        counts.push(format!("{}{}", t("未反馈", "none"), tally.unreported));
    }
    let count = |p: fn(&Flags) -> bool| f.recs.iter().filter(|r| p(&r.flags)).count().to_string();
    let next = target_meeting(case, as_of, None).map_or("—".to_string(), |m| iso(m.date.value));
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
    let due = within.map_or_else(Vec::new, |days| due_within(case, &f, days));
    (row, light(cfg, f.overall.degree, false), false, due)
}

/// Open recommendations due within `days` of the cut-off: due date, case, id, title, lead.
fn due_within(
    case: &crate::case::model::Case,
    f: &crate::figures::Figures,
    days: u32,
) -> Vec<Vec<String>> {
    let until = f.as_of + chrono::Duration::days(i64::from(days));
    f.recs
        .iter()
        .filter(|r| !r.flags.closed && r.now.excluded.is_none())
        .filter_map(|r| {
            Some((
                r.due.filter(|d| *d >= f.as_of && *d <= until)?,
                case.rec(&r.id)?,
            ))
        })
        .map(|(due, r)| {
            let lead = case
                .department(&r.lead.value)
                .map_or(r.lead.value.clone(), |d| d.name.clone());
            let title = r.title.clone().unwrap_or_else(|| r.text.value.clone());
            vec![
                iso(due),
                case.id.clone(),
                r.id.value.clone(),
                truncate(&title, TITLE_WIDTH),
                lead,
            ]
        })
        .collect()
}

/// The deadlines ahead, soonest first, after the table.
fn upcoming(env: &mut Env, mut rows: Vec<Vec<String>>, days: u32, as_of: NaiveDate, lang: Lang) {
    rows.sort();
    let d = iso(as_of);
    let title = tx!(
        "{days} 天内到期的建议（{d} 起）：",
        "Due within {days} days of {d}:"
    );
    let _ = writeln!(env.stdout, "\n{}", title.get(lang));
    if rows.is_empty() {
        let _ = writeln!(env.stdout, "{}", lang.pick("没有。", "none."));
        return;
    }
    for r in rows {
        let line: Vec<String> = r.iter().map(|c| visible(c).into_owned()).collect();
        let _ = writeln!(env.stdout, "{}", line.join("  "));
    }
}

/// The rows as lines, each column padded to its widest cell by display width; the degree coloured by its light.
fn table(rows: &[(Vec<String>, Light)], color: bool) -> Vec<String> {
    // Titles and ids come from the files: shown, never passed to the terminal as controls.
    let rows: Vec<(Vec<String>, Light)> = rows
        .iter()
        .map(|(r, l)| (r.iter().map(|c| visible(c).into_owned()).collect(), *l))
        .collect();
    let widths: Vec<usize> = (0..9)
        .map(|c| {
            rows.iter()
                .map(|(r, _)| r.get(c).map_or(0, |s| s.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut lines = Vec::with_capacity(rows.len());
    for (row, l) in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            let cell = if c == 2 && color {
                paint(cell, *l)
            } else {
                cell.clone()
            };
            if RIGHT_ALIGNED.contains(&c) {
                line.push_str(&pad);
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        lines.push(line.trim_end().to_string());
    }
    lines
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
