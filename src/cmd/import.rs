//! `rexieshang import tally FILE --case CASE --meeting DATE`: the counted forms of a meeting into its meeting file.
//! The workbook is read and checked in full first (every problem at its sheet and cell); the meeting file is then
//! filled in — blank assessments only, unless `--replace` — checked, and written atomically, or not at all.

use crate::case::config::Config;
use crate::case::load::read_bounded;
use crate::case::model::Case;
use crate::case::reader::Reader;
use crate::case::records::read_meeting;
use crate::case::tally::{Tally, read_tally, verdict};
use crate::check::checked::load_checked;
use crate::cli::ImportCommand;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::open::{Start, resolve_case, start};
use crate::diag::{Code, Diagnostic, Sources};
use crate::fmt::date::iso;
use crate::fmt::text::nearest;
use crate::lang::Lang;
use crate::output::meeting_file::{Merged, NewAssessment, Refused, merge};
use crate::output::writer::write_generated;
use crate::tx;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest workbook read (a tally of a few hundred rows is a few dozen kilobytes).
const MAX_WORKBOOK_BYTES: u64 = 16 * 1024 * 1024;

/// Runs `import`.
pub fn run(cmd: &ImportCommand, env: &mut Env) -> Outcome {
    match cmd {
        ImportCommand::Tally {
            file,
            case,
            replace,
            repo,
            ..
        } => tally(file, case, *replace, repo, env),
        ImportCommand::Proposal {
            file,
            case,
            title,
            repo,
            ..
        } => crate::cmd::import_proposal::run(file, case, title.as_deref(), repo, env),
        ImportCommand::Register { file, case, repo } => {
            crate::cmd::import_register::run(file, case, repo, env)
        }
    }
}

fn tally(file: &Path, case_arg: &str, replace: bool, repo_path: &Path, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, repo_path)?;
    let Some(meeting) = env.settings.meeting else {
        return Err(Failure::fatal(Diagnostic::error(
            Code::E007,
            tx!("缺少 `--meeting` 会议日期", "`--meeting` is missing"),
        )));
    };
    let dir = resolve_case(&repo, case_arg).map_err(Failure::fatal)?;
    let checked = load_checked(&dir, &repo.config, env.settings.latest);
    let Some(case) = &checked.case else {
        env.show(&printer, checked.error_list(), &checked.sources);
        return Ok(ExitStatus::Problems);
    };
    let cfg = &repo.config;
    let workbook = shown(file);
    let bytes = read_bounded(file, &workbook, MAX_WORKBOOK_BYTES).map_err(Failure::fatal)?;
    let tally = read_tally(bytes, &workbook, cfg)
        .map_err(|d| Failure::problems(d, Sources::default(), lang))?;
    let problems = mismatches(&tally, case, meeting, &workbook);
    if !problems.is_empty() {
        return Err(Failure::problems(problems, Sources::default(), lang));
    }
    let (assessments, warnings, blank) = assessments(&tally, cfg, &workbook);
    if assessments.is_empty() {
        let d = Diagnostic::error(
            Code::E817,
            tx!("评议汇总表 `{workbook}` 里一条评议也没有填，没有写入任何内容", "the tally workbook `{workbook}` has no assessment filled in; nothing was written"),
        )
        .in_file(workbook.clone())
        .help(tx!(
            "在“评议汇总”表里填上每条建议各评议状态、各满意度的人数后再导入。",
            "Fill in how many members ticked each status and each level of satisfaction on the Tally sheet, then import."
        ));
        return Err(Failure::problems(vec![d], Sources::default(), lang));
    }
    env.show(&printer, &warnings, &Sources::default());
    let (path, text) = meeting_file(case, &dir.path, meeting, &repo.root, env)?;
    let merged = merged(&text, &assessments, replace, &path, lang)?;
    verify(&merged.text, &path, case, cfg, env.settings.latest, lang)?;
    write_generated(&path, merged.text.as_bytes()).map_err(Failure::fatal)?;
    env.wrote(&path);
    let _ = env
        .stderr
        .write_all(summary(&merged, blank, lang).as_bytes());
    Ok(ExitStatus::Ok)
}

/// The workbook must be for this case and this meeting, and name only this case's recommendations.
fn mismatches(tally: &Tally, case: &Case, meeting: NaiveDate, workbook: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (c, m) = (&case.id, iso(meeting));
    let about = |d: Diagnostic| {
        d.in_file(workbook.to_string()).help(tx!(
            "确认文件是这个议题、这次会议的；用 rexieshang forms {c} --meeting {m} 重新生成。",
            "Check that the file is for this case and meeting; make it again with rexieshang forms {c} --meeting {m}."
        ))
    };
    if tally.case != case.id {
        let t = &tally.case;
        out.push(about(Diagnostic::error(
            Code::E811,
            tx!(
                "这份评议汇总表是议题 `{t}` 的，不是 `{c}` 的",
                "the workbook is for case `{t}`, not `{c}`"
            ),
        )));
    }
    if tally.meeting != meeting {
        let t = iso(tally.meeting);
        out.push(about(Diagnostic::error(
            Code::E811,
            tx!(
                "这份评议汇总表是 {t} 会议的，不是 {m} 的",
                "the workbook is for the meeting of {t}, not {m}"
            ),
        )));
    }
    let known: Vec<&str> = case
        .recommendations
        .iter()
        .map(|r| r.id.value.as_str())
        .collect();
    for row in &tally.rows {
        if case.rec(&row.rec).is_none() {
            let (id, cell) = (&row.rec, &row.cell);
            let hint = match nearest(id, known.iter().copied()) {
                Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
                None => tx!("", ""),
            };
            out.push(
                Diagnostic::error(Code::E812, tx!("{cell}：议题里没有建议 `{id}`", "{cell}: the case has no recommendation `{id}`"))
                    .in_file(format!("{workbook} {cell}"))
                    .help(tx!("{}编号列不要改动；用 rexieshang forms 重新生成汇总表。", "{}Do not change the id column; make the workbook again with rexieshang forms."; hint.zh, hint.en)),
            );
        }
    }
    out
}

/// The assessments the rows decide, the warnings for ties, and how many rows were left blank.
fn assessments(
    tally: &Tally,
    cfg: &Config,
    workbook: &str,
) -> (Vec<NewAssessment>, Vec<Diagnostic>, usize) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut blank = 0;
    for row in &tally.rows {
        if row.is_blank() {
            blank += 1;
            continue;
        }
        let v = verdict(row, cfg);
        let key = |i: usize| cfg.scale.get(i).map(|l| l.key.clone()).unwrap_or_default();
        if !v.tied.is_empty() {
            let tied: Vec<String> = v.tied.iter().map(|i| key(*i)).collect();
            let (cell, rec, tied, chosen) = (
                &row.cell,
                &row.rec,
                tied.join("、"),
                v.status.map(key).unwrap_or_default(),
            );
            warnings.push(
                Diagnostic::warning(Code::W816, tx!("{cell}：建议 {rec} 的评议状态 {tied} 票数相同，按较低的 {chosen} 记", "{cell}: recommendation {rec} has a tie between {tied}; recorded as the lower, {chosen}"))
                    .in_file(format!("{workbook} {cell}"))
                    .help(tx!("会议另有议定的，填在“议定状态”列后重新导入（加 --replace）。", "If the meeting decided otherwise, fill in the decided status and import again with --replace.")),
            );
        }
        out.push(NewAssessment {
            rec: row.rec.clone(),
            status: v.status.map(key),
            progress: row.progress,
            satisfaction: row.satisfaction,
            comment: row.comment.clone(),
        });
    }
    (out, warnings, blank)
}

/// The meeting file for the date (its path, its text), or the text of a new one from the template.
fn meeting_file(
    case: &Case,
    dir: &Path,
    meeting: NaiveDate,
    root: &Path,
    env: &Env,
) -> Result<(PathBuf, String), Failure> {
    if let Some(m) = case.meetings.iter().find(|m| m.date.value == meeting) {
        // The file as found on disk: its name in the case's meetings/ folder (the shown path is for people).
        let name = Path::new(&m.file)
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_default();
        let path = dir.join("meetings").join(name);
        let bytes = read_bounded(&path, &m.file, crate::case::yaml::MAX_FILE_BYTES)
            .map_err(Failure::fatal)?;
        let text = crate::case::decode::decode(bytes).map_err(Failure::fatal)?;
        return Ok((path, text));
    }
    let path = dir.join("meetings").join(format!("{}.yaml", iso(meeting)));
    Ok((path, crate::cmd::new::blank_meeting(env, root, meeting)?))
}

/// The meeting file with the assessments merged in, or why not.
fn merged(
    text: &str,
    new: &[NewAssessment],
    replace: bool,
    path: &Path,
    lang: Lang,
) -> Result<Merged, Failure> {
    let p = shown(path);
    let root = crate::case::yaml::parse(text).map_err(|d| Failure::fatal(d.in_file(p.clone())))?;
    merge(text, &root, new, replace).map_err(|refused| {
        let d = match refused {
            Refused::Filled(ids) => {
                let list: Vec<String> = ids.iter().map(|(id, line)| format!("{id}（第 {line} 行）")).collect();
                let list_en: Vec<String> = ids.iter().map(|(id, line)| format!("{id} (line {line})")).collect();
                let (zh, en) = (list.join("、"), list_en.join(", "));
                Diagnostic::error(Code::E815, tx!("`{p}` 里这些建议已经有评议：{zh}；没有写入任何内容", "`{p}` already has assessments for {en}; nothing was written"))
                    .help(tx!("确要用汇总表覆盖，加 --replace 重新运行；否则把汇总表里这几行清空。", "To overwrite them with the workbook, run again with --replace; otherwise clear those rows in the workbook."))
            }
            Refused::Flow(line) => Diagnostic::error(Code::E815, tx!("`{p}` 第 {line} 行的评议写成了一行（[...] 或 {{...}}），无法逐条填写", "`{p}` writes the assessments on one line at line {line} ([...] or {{...}}); they cannot be filled in item by item"))
                .help(tx!("把 assessments 改成每条一项的列表（- rec: …），再运行。", "Rewrite assessments as a list with one item per recommendation (- rec: …), then run again.")),
        };
        Failure::problems(vec![d], Sources::default(), lang)
    })
}

/// The merged file must read back without an error, and pass the checks across the case's files (a meeting before
/// the adoption, say), before it replaces anything.
fn verify(
    text: &str,
    path: &Path,
    case: &Case,
    cfg: &Config,
    latest: NaiveDate,
    lang: Lang,
) -> Result<(), Failure> {
    let p = shown(path);
    let mut r = Reader::new(&p);
    let read = crate::case::yaml::parse(text).map(|n| read_meeting(&n, &mut r, cfg));
    let mut diags = r.diags;
    match read {
        Err(d) => diags.push(d.in_file(p.clone())),
        Ok(Some(meeting)) if diags.is_empty() => {
            let mut with = case.clone();
            with.meetings.retain(|m| m.date.value != meeting.date.value);
            with.meetings.push(meeting);
            with.meetings.sort_by_key(|m| m.date.value);
            let mine = crate::check::rules::check_case(&with, cfg, latest);
            diags.extend(
                mine.into_iter()
                    .filter(|d| d.file.as_deref() == Some(p.as_str())),
            );
        }
        Ok(_) => {}
    }
    diags.retain(|d| d.severity == crate::diag::Severity::Error);
    if diags.is_empty() {
        return Ok(());
    }
    let mut sources = Sources::default();
    sources.add(&p, text.to_string());
    Err(Failure::problems(diags, sources, lang))
}

/// What changed, for standard error.
fn summary(m: &Merged, blank: usize, lang: Lang) -> String {
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.join(lang.pick("、", ", "))
        }
    };
    let mut out = String::new();
    for (zh, en, ids) in [
        ("新增评议", "added", &m.added),
        ("补填评议", "filled in", &m.filled),
        ("覆盖评议", "replaced", &m.replaced),
    ] {
        let (n, list) = (ids.len(), list(ids));
        out.push_str(&match lang {
            Lang::Zh => format!("{zh} {n} 条：{list}\n"),
            Lang::En => format!("{en} {n}: {list}\n"),
        });
    }
    if blank > 0 {
        out.push_str(lang.pick(
            &format!("汇总表里 {blank} 行没有填写，未导入。\n"),
            &format!("{blank} rows of the workbook were empty and not imported.\n"),
        ));
    }
    if m.held {
        out.push_str(lang.pick(
            "会议已开，删去了 planned: true。\n",
            "The meeting was held: removed planned: true.\n",
        ));
    }
    out.push_str(lang.pick("下一步：rexieshang check\n", "Next: rexieshang check\n"));
    out
}
