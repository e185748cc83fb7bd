//! What the shell completes from the repository (with `COMPLETE=bash rexieshang`, see `completions`): case ids,
//! department ids and recommendation ids, read from the case repository in or above the current folder. A folder
//! that is no repository, or files that do not read, complete to nothing rather than to file names.

use crate::case::config::Config;
use crate::case::load::{load_case, open};
use crate::case::model::Case;
use clap_complete::CompletionCandidate;
use std::path::Path;

fn cases() -> Vec<Case> {
    let Ok(repo) = open(Path::new(".")) else {
        return Vec::new();
    };
    let cfg: &Config = &repo.config;
    repo.cases
        .iter()
        .filter_map(|dir| load_case(dir, cfg).case)
        .collect()
}

/// Case ids, with their topics as help.
pub fn case_ids() -> Vec<CompletionCandidate> {
    cases()
        .into_iter()
        .map(|c| CompletionCandidate::new(c.id.clone()).help(Some(c.title.value.clone().into())))
        .collect()
}

/// Department ids across the cases, with their names as help.
pub fn department_ids() -> Vec<CompletionCandidate> {
    let mut out: Vec<(String, String)> = Vec::new();
    for case in cases() {
        for d in &case.departments {
            if !out.iter().any(|(id, _)| *id == d.id.value) {
                out.push((d.id.value.clone(), d.name.clone()));
            }
        }
    }
    out.into_iter()
        .map(|(id, name)| CompletionCandidate::new(id).help(Some(name.into())))
        .collect()
}

/// Recommendation ids (of the case named earlier on the line when there is one), with their short titles as help.
pub fn rec_ids() -> Vec<CompletionCandidate> {
    let named: Vec<String> = std::env::args().collect();
    let all = cases();
    let chosen: Vec<&Case> = match all.iter().find(|c| named.contains(&c.id)) {
        Some(c) => vec![c],
        None => all.iter().collect(),
    };
    let mut out: Vec<CompletionCandidate> = Vec::new();
    for case in chosen {
        for r in &case.recommendations {
            let title = r.title.clone().unwrap_or_else(|| r.text.value.clone());
            out.push(CompletionCandidate::new(r.id.value.clone()).help(Some(title.into())));
        }
    }
    out
}
