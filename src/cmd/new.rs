//! `rexieshang new case|reply|meeting`: new files from the templates, pre-filled so the secretary fills in rather
//! than types structure. Never overwrites; says what it created.

use crate::case::config::Config;
use crate::case::load::{load_case, open};
use crate::case::model::{Case, Recommendation};
use crate::cli::NewCommand;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::open::resolve_case;
use crate::diag::{Code, Diagnostic};
use crate::figures::figures;
use crate::fmt::date::iso;
use crate::fmt::text::nearest;
use crate::output::templates::{Templates, render_file};
use crate::output::writer::{taken, write_atomic};
use crate::tx;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct RecLine {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct NewFile {
    schema: String,
    title: String,
    proposal_title: String,
    adopted: String,
    department: String,
    department_name: String,
    date: String,
    kind: String,
    planned: bool,
    recs: Vec<RecLine>,
}

impl NewFile {
    fn empty(schema: &str) -> NewFile {
        NewFile {
            schema: schema.to_string(),
            title: String::new(),
            proposal_title: String::new(),
            adopted: String::new(),
            department: String::new(),
            department_name: String::new(),
            date: String::new(),
            kind: String::new(),
            planned: false,
            recs: Vec::new(),
        }
    }
}

/// Whether a case id can name a folder safely: letters (any script), digits, `-`, `_` and inner dots.
pub fn valid_case_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains("..")
        && !crate::case::load::windows_unsafe(id)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Runs `new`.
pub fn run(cmd: &NewCommand, env: &mut Env) -> Outcome {
    match cmd {
        NewCommand::Case {
            id, title, repo, ..
        } => new_case(id, title, repo, env),
        NewCommand::Reply {
            case,
            department,
            repo,
            ..
        } => new_reply(case, department, repo, env),
        NewCommand::Meeting {
            case,
            initial,
            repo,
            ..
        } => new_meeting(case, *initial, repo, env),
    }
}

/// Writes `text` to `path` unless something is there already.
fn create(env: &mut Env, path: &Path, text: &str) -> Result<(), Failure> {
    if taken(path) {
        let p = shown(path);
        let d = Diagnostic::error(
            Code::E802,
            tx!(
                "`{p}` 已经存在，不会覆盖",
                "`{p}` exists and is not overwritten"
            ),
        )
        .help(tx!(
            "直接编辑已有的文件，或换一个日期/编号。",
            "Edit the existing file, or use another date or id."
        ));
        return Err(Failure::fatal(d));
    }
    write_atomic(path, text.as_bytes()).map_err(Failure::fatal)?;
    env.wrote(path);
    Ok(())
}

/// The new-file template `name`, rendered (the repository's own templates override the built-in ones).
fn render(env: &Env, root: &Path, name: &str, model: &NewFile) -> Result<String, Failure> {
    let lang = env.settings.lang(None);
    let t = Templates::load(root).map_err(|e| Failure::located(e, lang))?;
    render_file(&t, name, model, lang).map_err(|e| Failure::located(e, lang))
}

/// The folder for a new case `id` under `repo`: the id must make a safe folder name and nothing may be there yet.
pub fn new_case_folder(repo: &Path, id: &str) -> Result<PathBuf, Failure> {
    if !valid_case_id(id) {
        let d = Diagnostic::error(
            Code::E803,
            tx!(
                "议题编号 `{id}` 不能用作文件夹名",
                "the case id `{id}` cannot be a folder name"
            ),
        )
        .help(crate::case::load::case_id_rule());
        return Err(Failure::fatal(d));
    }
    let dir = repo.join("cases").join(id);
    if taken(&dir) {
        let p = shown(&dir);
        let d = Diagnostic::error(
            Code::E802,
            tx!(
                "`{p}` 已经存在，不会覆盖",
                "`{p}` exists and is not overwritten"
            ),
        )
        .help(tx!(
            "换一个议题编号，或直接编辑已有的议题（交办信息可以用 rexieshang import register 补进去）。",
            "Choose another id, or edit the existing case (rexieshang import register adds assignments to it)."
        ));
        return Err(Failure::fatal(d));
    }
    Ok(dir)
}

fn new_case(id: &str, title: &str, repo: &Path, env: &mut Env) -> Outcome {
    if title.trim().is_empty() {
        let d = Diagnostic::error(
            Code::E204,
            tx!("`--title` 不能为空", "`--title` must not be empty"),
        )
        .help(tx!("写上议题名称。", "Give the topic."));
        return Err(Failure::fatal(d));
    }
    let dir = new_case_folder(repo, id)?;
    let adopted = env.settings.date.unwrap_or(env.settings.today);
    let (topic, proposal_title) = topic_and_proposal(title.trim());
    let model = NewFile {
        title: topic,
        proposal_title,
        adopted: iso(adopted),
        ..NewFile::empty("../../schemas/case.schema.json")
    };
    let text = render(env, repo, "new-case.yaml", &model)?;
    for (path, content) in [
        (dir.join("case.yaml"), text.as_str()),
        (dir.join("replies/.gitkeep"), ""),
        (dir.join("meetings/.gitkeep"), ""),
    ] {
        create(env, &path, content)?;
    }
    Ok(ExitStatus::Ok)
}

/// The topic and the proposal's title from `--title`, which may be either: a full title (关于推进老旧小区改造的建议案)
/// gives the topic inside it; a topic gives the title 关于“…”的建议案.
/// The topic and the proposal's title from either (关于X的建议案 → X; X → 关于“X”的建议案).
pub fn topic_and_proposal(title: &str) -> (String, String) {
    let inner = title.strip_prefix("关于").and_then(|t| {
        ["的建议案", "建议案", "的建议"]
            .iter()
            .find_map(|s| t.strip_suffix(s))
    });
    match inner {
        Some(topic) if !topic.trim().is_empty() => {
            let topic = topic.trim().trim_start_matches('“').trim_end_matches('”');
            (topic.to_string(), title.to_string())
        }
        _ => (title.to_string(), format!("关于“{title}”的建议案")),
    }
}

/// Opens the repository and reads the case (it may have other problems; the structure is what matters here).
fn read_case(repo: &Path, arg: &str, env: &Env) -> Result<(Case, Config, PathBuf), Failure> {
    let r = open(repo).map_err(Failure::fatal)?;
    let dir = resolve_case(&r, arg).map_err(Failure::fatal)?;
    let loaded = load_case(&dir, &r.config);
    match loaded.case {
        Some(c) => Ok((c, r.config, dir.path)),
        None => {
            let lang = env.settings.lang(Some(r.config.lang));
            Err(Failure::problems(loaded.diags, loaded.sources, lang))
        }
    }
}

/// Open recommendations at `date` for which `keep` holds, in file order.
fn open_recs(
    case: &Case,
    cfg: &Config,
    date: NaiveDate,
    keep: impl Fn(&Recommendation) -> bool,
) -> Vec<RecLine> {
    let figs = figures(case, cfg, date);
    figs.recs
        .iter()
        .filter(|f| !f.flags.closed)
        .filter_map(|f| case.rec(&f.id))
        .filter(|r| keep(r))
        .map(|r| RecLine {
            id: r.id.value.clone(),
            title: r.title.clone().unwrap_or_else(|| r.text.value.clone()),
        })
        .collect()
}

fn new_reply(case_arg: &str, department: &str, repo: &Path, env: &mut Env) -> Outcome {
    let date = env.settings.date.unwrap_or(env.settings.today);
    let (case, cfg, dir) = read_case(repo, case_arg, env)?;
    let Some(dept) = case.department(department) else {
        let known: Vec<&str> = case
            .departments
            .iter()
            .map(|d| d.id.value.as_str())
            .collect();
        let hint = match nearest(department, known.iter().copied()) {
            Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
            None => tx!("", ""),
        };
        let listed = known.join("、");
        let d = Diagnostic::error(
            Code::E804,
            tx!(
                "议题里没有承办单位 `{department}`",
                "the case has no department `{department}`"
            ),
        )
        .help(tx!("{}可用的单位简称：{listed}。", "{}Departments: {listed}."; hint.zh, hint.en));
        return Err(Failure::fatal(d));
    };
    let recs = open_recs(&case, &cfg, date, |r| {
        r.lead.value == department || r.support.iter().any(|s| s.value == department)
    });
    let model = NewFile {
        department: department.to_string(),
        department_name: dept.name.clone(),
        date: iso(date),
        recs,
        ..NewFile::empty("../../../schemas/reply.schema.json")
    };
    let text = render(env, repo, "new-reply.yaml", &model)?;
    let path = dir
        .join("replies")
        .join(format!("{}-{department}.yaml", iso(date)));
    create(env, &path, &text)?;
    Ok(ExitStatus::Ok)
}

fn new_meeting(case_arg: &str, initial: bool, repo: &Path, env: &mut Env) -> Outcome {
    let today = env.settings.today;
    let date = env.settings.date.unwrap_or(today);
    let (case, cfg, dir) = read_case(repo, case_arg, env)?;
    let recs = open_recs(&case, &cfg, date.min(today), |_| true);
    let model = NewFile {
        date: iso(date),
        kind: if initial { "initial" } else { "reconsultation" }.to_string(),
        planned: date > today,
        recs,
        ..NewFile::empty("../../../schemas/meeting.schema.json")
    };
    let text = render(env, repo, "new-meeting.yaml", &model)?;
    let path = dir.join("meetings").join(format!("{}.yaml", iso(date)));
    create(env, &path, &text)?;
    Ok(ExitStatus::Ok)
}

/// The initial meeting's file for a new case: the meeting that adopted the proposal, nothing to assess yet.
pub fn initial_meeting(env: &Env, root: &Path, date: NaiveDate) -> Result<String, Failure> {
    let model = NewFile {
        date: iso(date),
        kind: "initial".to_string(),
        ..NewFile::empty("../../../schemas/meeting.schema.json")
    };
    render(env, root, "new-meeting.yaml", &model)
}

/// The text of a new, empty meeting file (held, no assessments yet) from the `new-meeting.yaml` template, for
/// commands that fill one in (`import tally`).
pub fn blank_meeting(env: &Env, root: &Path, date: NaiveDate) -> Result<String, Failure> {
    let model = NewFile {
        date: iso(date),
        kind: "reconsultation".to_string(),
        ..NewFile::empty("../../../schemas/meeting.schema.json")
    };
    render(env, root, "new-meeting.yaml", &model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_proposal_title_is_not_wrapped_again() {
        assert_eq!(
            topic_and_proposal("关于推进老旧小区改造的建议案"),
            (
                "推进老旧小区改造".to_string(),
                "关于推进老旧小区改造的建议案".to_string()
            )
        );
        assert_eq!(
            topic_and_proposal("关于“加快建设数字政府，推进优化营商环境”的建议案"),
            (
                "加快建设数字政府，推进优化营商环境".to_string(),
                "关于“加快建设数字政府，推进优化营商环境”的建议案".to_string()
            )
        );
        assert_eq!(
            topic_and_proposal("发展社区居家养老服务"),
            (
                "发展社区居家养老服务".to_string(),
                "关于“发展社区居家养老服务”的建议案".to_string()
            )
        );
        // "关于" alone at the start is part of a topic.
        assert_eq!(topic_and_proposal("关于").1, "关于“关于”的建议案");
    }

    #[test]
    fn case_ids_that_could_escape_the_cases_folder_are_refused() {
        for ok in ["shenyang-2019", "数字政府2019", "a_b", "v1.2"] {
            assert!(valid_case_id(ok), "{ok}");
        }
        for bad in [
            "", "..", "../x", "a/b", "a\\b", "/abs", ".hidden", "a b", "a..b", "C:x",
        ] {
            assert!(!valid_case_id(bad), "{bad}");
        }
    }
}
