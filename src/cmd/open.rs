//! The start every reading command shares: open the repository, settle the language, and find the cases named.

use crate::brief::overview::Filter;
use crate::case::load::{CaseDir, Repo};
use crate::cli::FilterArgs;
use crate::cmd::env::{Env, Failure};
use crate::diag::{Code, Diagnostic, Printer};
use crate::fmt::text::nearest;
use crate::lang::Lang;
use crate::tx;
use std::path::Path;

/// What every command that reads a repository starts from.
pub struct Start {
    /// The repository.
    pub repo: Repo,
    /// The language: `--lang`, else the repository's.
    pub lang: Lang,
    /// Prints messages in that language.
    pub printer: Printer,
}

/// Opens the repository at `path`.
pub fn start(env: &Env, path: &Path) -> Result<Start, Failure> {
    let repo = crate::case::load::open(path).map_err(Failure::fatal)?;
    let lang = env.settings.lang(Some(repo.config.lang));
    Ok(Start {
        printer: env.printer(lang),
        repo,
        lang,
    })
}

/// Finds a case by folder name in the repository, or as a path to a case folder.
pub fn resolve_case(repo: &Repo, arg: &str) -> Result<CaseDir, Diagnostic> {
    if let Some(d) = repo.cases.iter().find(|c| c.id == arg) {
        return Ok(d.clone());
    }
    let p = Path::new(arg);
    if p.join(crate::case::load::CASE_FILE).is_file() {
        let id = p
            .file_name()
            .map_or_else(|| arg.to_string(), |n| n.to_string_lossy().into_owned());
        return Ok(CaseDir {
            id,
            path: p.to_path_buf(),
        });
    }
    let known: Vec<&str> = repo.cases.iter().map(|c| c.id.as_str()).collect();
    let hint = match nearest(arg, known.iter().copied()) {
        Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
        None => tx!("", ""),
    };
    let listed = if known.is_empty() {
        "—".to_string()
    } else {
        known.join("、")
    };
    Err(
        Diagnostic::error(Code::E008, tx!("找不到议题 `{arg}`", "no case `{arg}`"))
            .help(tx!("{}现有议题：{listed}。", "{}Cases: {listed}."; hint.zh, hint.en)),
    )
}

/// The cases to work on: the ones named, else every case in the repository.
pub fn selected(repo: &Repo, named: &[String]) -> Result<Vec<CaseDir>, Diagnostic> {
    if named.is_empty() {
        return Ok(repo.cases.clone());
    }
    named.iter().map(|c| resolve_case(repo, c)).collect()
}

/// The cases `--year`, `--committee` and `--tag` select.
pub fn filter(args: &FilterArgs) -> Filter {
    Filter {
        year: args.year,
        committee: args.committee.clone(),
        tag: args.tag.clone(),
    }
}
