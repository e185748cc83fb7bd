//! `rexieshang report --overview`: one overview across the cases of the repository.

use crate::brief::overview::{Overview, build};
use crate::cli::ReportArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, filter, selected, start};
use crate::cmd::parallel::each_clean_case;
use crate::figures::figures;
use crate::lang::Lang;
use crate::output::masthead::Masthead;
use crate::output::publish::{Document, Format, Publisher};
use crate::output::templates::{Templates, render};
use crate::output::writer::write_generated;
use crate::settings::Output;
use chrono::NaiveDate;
use std::io::Write;

/// Runs `report --overview`.
pub fn run(args: &ReportArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    let as_of = env.settings.as_of;
    let templates = Templates::load(&repo.root).map_err(|e| Failure::located(e, lang))?;
    let dirs = selected(&repo, &args.cases).map_err(Failure::fatal)?;
    let filter = filter(&args.filter);
    // The overview needs every case with its figures at once (unlike report and export, which stream).
    let cfg = &repo.config;
    let mut with_figures = Vec::new();
    let walked = each_clean_case(
        &dirs,
        cfg,
        env.settings.latest,
        &printer,
        env,
        |case, _| {
            filter.accepts(&case, cfg).then(|| {
                let f = figures(&case, cfg, as_of);
                (case, f)
            })
        },
        |r, _| {
            with_figures.extend(r);
            Ok(())
        },
    )?;
    if walked.nothing_read() {
        walked.nothing_written(env, lang);
        return Ok(ExitStatus::Problems);
    }
    let model = build(&with_figures, &repo.config, as_of, &filter, lang);
    let masthead = Masthead {
        issue: args.issue,
        office: repo.config.office.clone(),
    };
    // The overview is one document: the first configured format when none is given.
    let format = Format::chosen(args.format, &repo.config.formats)
        .first()
        .copied()
        .unwrap_or(Format::Md);
    let bytes = publish(&model, &templates, format, masthead, as_of, lang)?;
    let dir = match &env.settings.output {
        Output::Stdout => {
            let _ = env.stdout.write_all(&bytes);
            None
        }
        Output::Path(p) => Some(p.clone()),
        Output::Default => Some(repo.root.join(&repo.config.output_dir)),
    };
    if let Some(dir) = dir {
        let suffix = lang.pick("", ".en");
        let name = format!(
            "overview-{}{suffix}.{}",
            as_of.format("%Y-%m-%d"),
            format.ext()
        );
        let path = dir.join(name);
        write_generated(&path, &bytes).map_err(Failure::fatal)?;
        env.wrote(&path);
    }
    Ok(if walked.skipped > 0 {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    })
}

/// The overview in `format`: rendered with its template, then published.
fn publish(
    model: &Overview,
    templates: &Templates,
    format: Format,
    masthead: Masthead,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, Failure> {
    let publisher = Publisher::new(format, templates, lang).map_err(|e| Failure::setup(e, lang))?;
    let text = render(templates, "overview", model, lang, publisher.mode())
        .map_err(|e| Failure::located(e, lang))?;
    let title = match lang {
        Lang::Zh => format!("议题总览（{}）", model.as_of),
        Lang::En => format!("Overview ({})", model.as_of),
    };
    let doc = Document {
        markdown: text,
        title: &title,
        charts: &[],
        model: publisher.model(model),
        as_of,
        masthead,
    };
    publisher
        .publish(doc)
        .map_err(|e| Failure::located(e, lang))
}
