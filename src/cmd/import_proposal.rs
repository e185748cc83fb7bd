//! `rexieshang import proposal FILE.docx --case ID [--title TOPIC] [--adopted DATE]`: a new case folder from an
//! adopted proposal. The new case.yaml is read back and checked before anything is written; an existing case is
//! never overwritten.

use crate::case::load::read_bounded;
use crate::case::proposal::{Found, read_proposal};
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::import_register::verify_case;
use crate::cmd::new::{initial_meeting, new_case_folder, topic_and_proposal};
use crate::cmd::open::{Start, start};
use crate::diag::{Code, Diagnostic, Sources};
use crate::fmt::date::iso;
use crate::lang::Lang;
use crate::output::case_file::{NewCase, case_yaml};
use crate::output::writer::write_atomic;
use crate::tx;
use std::io::Write;
use std::path::Path;

/// The largest proposal read (a proposal of some pages is a few dozen kilobytes; with pictures a few megabytes).
const MAX_DOCX_BYTES: u64 = 32 * 1024 * 1024;

/// Runs `import proposal`.
pub fn run(file: &Path, id: &str, title: Option<&str>, repo_path: &Path, env: &mut Env) -> Outcome {
    let Start { repo, lang, .. } = start(env, repo_path)?;
    let dir = new_case_folder(&repo.root, id)?;
    let source = shown(file);
    let bytes = read_bounded(file, &source, MAX_DOCX_BYTES).map_err(Failure::fatal)?;
    let found = read_proposal(bytes, &source)
        .map_err(|d| Failure::problems(vec![d], Sources::default(), lang))?;
    let Some(adopted) = env.settings.date.or(found.date) else {
        let d = Diagnostic::error(
            Code::E007,
            tx!(
                "建议案 `{source}` 里没有找到通过日期",
                "no adoption date found in the proposal `{source}`"
            ),
        )
        .in_file(source.clone())
        .help(tx!(
            "用 `--adopted YYYY-MM-DD` 写上建议案通过的日期。",
            "Give the date it was adopted with `--adopted YYYY-MM-DD`."
        ));
        return Err(Failure::fatal(d));
    };
    let (topic, _) = topic_and_proposal(title.unwrap_or(&found.title).trim());
    let new = NewCase {
        topic: &topic,
        adopted,
        source: &source,
        lang,
    };
    let text = case_yaml(&found, &new);
    let case_path = dir.join("case.yaml");
    // Warnings for what the document cannot say (lead, due) are expected; an error is not.
    verify_case(&text, id, &case_path, None, lang)?;
    let meeting = initial_meeting(env, &repo.root, adopted)?;
    for (path, content) in [
        (case_path, text.as_str()),
        (
            dir.join("meetings").join(format!("{}.yaml", iso(adopted))),
            meeting.as_str(),
        ),
        (dir.join("replies/.gitkeep"), ""),
    ] {
        write_atomic(&path, content.as_bytes()).map_err(Failure::fatal)?;
        env.wrote(&path);
    }
    let _ = env.stderr.write_all(summary(&found, id, lang).as_bytes());
    Ok(ExitStatus::Ok)
}

/// What was found, and what to do next.
fn summary(found: &Found, id: &str, lang: Lang) -> String {
    let recs: usize = found.aspects.iter().map(|a| a.recs.len()).sum();
    let titled = found
        .aspects
        .iter()
        .flat_map(|a| &a.recs)
        .filter(|r| r.title.is_some())
        .count();
    let aspects = found.aspects.len();
    match lang {
        Lang::Zh => format!(
            "从建议案读出 {aspects} 个方面、{recs} 条建议（{titled} 条有简称）。\n下一步：在 cases/{id}/case.yaml 里核对各条建议，交办后运行 rexieshang import register 交办表 --case {id}（或手填 lead、due），再运行 rexieshang check。\n"
        ),
        Lang::En => format!(
            "Read {aspects} aspects and {recs} recommendations ({titled} with a short title) from the proposal.\nNext: review them in cases/{id}/case.yaml; once assigned, run rexieshang import register REGISTER --case {id} (or fill in lead and due), then rexieshang check.\n"
        ),
    }
}
