//! `rexieshang notices [CASE…]`: one supervision notice (督办通知) per lead department with something to chase,
//! across the chosen cases, in Markdown, PDF or Word.

use crate::brief::notices::{Letter, Notice, notices};
use crate::case::model::Case;
use crate::cli::NoticesArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, selected, start};
use crate::cmd::parallel::each_clean_case;
use crate::diag::{Code, Diagnostic};
use crate::figures::{Figures, figures};
use crate::fmt::date::iso;
use crate::fmt::text::nearest;
use crate::output::masthead::Masthead;
use crate::output::publish::{Document, Publisher};
use crate::output::templates::{Renderer, Templates};
use crate::output::writer::write_generated;
use crate::settings::Output;
use crate::tx;
use std::io::Write;

/// Runs `notices`.
pub fn run(args: &NoticesArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    let as_of = env.settings.as_of;
    let dirs = selected(&repo, &args.cases).map_err(Failure::fatal)?;
    let cfg = &repo.config;
    let named = !args.cases.is_empty();
    let mut cases: Vec<(Case, Figures)> = Vec::new();
    let walked = each_clean_case(
        &dirs,
        cfg,
        env.settings.latest,
        &printer,
        env,
        |case, _| {
            (named || !case.closed).then(|| {
                let figs = figures(&case, cfg, as_of);
                (case, figs)
            })
        },
        |c, _| {
            cases.extend(c);
            Ok(())
        },
    )?;
    if walked.nothing_read() {
        walked.nothing_written(env, lang);
        return Ok(ExitStatus::Problems);
    }
    let mut all = notices(&cases, cfg, args.within, lang);
    if let Some(d) = &args.department {
        only(&mut all, d, &cases)?;
    }
    if all.is_empty() {
        let d = iso(as_of);
        let none = tx!(
            "截至 {d} 没有需要催办的事项，没有生成通知。",
            "Nothing to chase as of {d}: no notice written."
        );
        let _ = writeln!(env.stderr, "{}", none.get(lang));
    }
    let office = cfg
        .office
        .clone()
        .or_else(|| cfg.committee.clone())
        .or_else(|| cases.iter().find_map(|(c, _)| c.committee.clone()))
        .unwrap_or_default();
    let out_dir = match &env.settings.output {
        Output::Stdout => None,
        Output::Path(p) => Some(p.clone()),
        Output::Default => Some(repo.root.join(&cfg.output_dir)),
    };
    let templates = Templates::load(&repo.root).map_err(|e| Failure::located(e, lang))?;
    let job = Job {
        office,
        as_of,
        within: args.within,
        format: args.format,
        out_dir,
        lang,
    };
    job.write(all, &templates, env)?;
    Ok(if walked.skipped > 0 {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    })
}

/// What every notice shares: the letter's office and date, the format and where files go.
struct Job {
    office: String,
    as_of: chrono::NaiveDate,
    within: u32,
    format: crate::output::publish::Format,
    /// Where notices go; `None` for standard output (Markdown).
    out_dir: Option<std::path::PathBuf>,
    lang: crate::lang::Lang,
}

impl Job {
    /// Renders, publishes and writes each notice (or prints it).
    fn write(&self, all: Vec<Notice>, templates: &Templates, env: &mut Env) -> Result<(), Failure> {
        let lang = self.lang;
        let publisher =
            Publisher::new(self.format, templates, lang).map_err(|e| Failure::setup(e, lang))?;
        let renderer = Renderer::new(templates, "notice", lang, publisher.mode())
            .map_err(|e| Failure::located(e, lang))?;
        for (i, notice) in all.into_iter().enumerate() {
            let name = file_name(&notice);
            let letter = Letter {
                letter: true,
                notice,
                office: self.office.clone(),
                as_of: iso(self.as_of),
                within: self.within,
            };
            let markdown = renderer
                .render(&letter)
                .map_err(|e| Failure::located(e, lang))?;
            let Some(dir) = &self.out_dir else {
                let gap = if i > 0 { "\n" } else { "" };
                let _ = env.stdout.write_all(format!("{gap}{markdown}").as_bytes());
                continue;
            };
            let bytes = publisher
                .publish(Document {
                    markdown,
                    title: lang.pick("督办通知", "Supervision notice"),
                    charts: &[],
                    model: publisher.model(&letter),
                    as_of: self.as_of,
                    masthead: Masthead::default(),
                })
                .map_err(|e| Failure::located(e, lang))?;
            let stem = lang.pick("督办通知", "notice");
            let path = dir.join(format!(
                "{stem}-{name}-{}.{}",
                iso(self.as_of),
                self.format.ext()
            ));
            write_generated(&path, &bytes).map_err(Failure::fatal)?;
            env.wrote(&path);
        }
        Ok(())
    }
}

/// Keeps the notice to one department, named by id or full name; an unknown one is E804 with the nearest.
fn only(all: &mut Vec<Notice>, wanted: &str, cases: &[(Case, Figures)]) -> Result<(), Failure> {
    let known: Vec<(String, String)> = cases
        .iter()
        .flat_map(|(c, _)| {
            c.departments
                .iter()
                .map(|d| (d.id.value.clone(), d.name.clone()))
        })
        .collect();
    if !known
        .iter()
        .any(|(id, name)| id == wanted || name == wanted)
    {
        let names = known
            .iter()
            .flat_map(|(id, name)| [id.as_str(), name.as_str()]);
        let hint = match nearest(wanted, names) {
            Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
            None => tx!("", ""),
        };
        return Err(Failure::fatal(
            Diagnostic::error(Code::E804, tx!("没有承办单位 `{wanted}`", "no department `{wanted}`"))
                .help(tx!("{}写 case.yaml 里的单位编号或全称。", "{}Give a department id from case.yaml, or its full name."; hint.zh, hint.en)),
        ));
    }
    all.retain(|n| n.department == wanted || n.ids.iter().any(|id| id == wanted));
    Ok(())
}

/// The department's name as a file name: characters no file system takes become `_`.
fn file_name(n: &Notice) -> String {
    n.department
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect()
}
