//! `rexieshang report --overview`: one overview across the cases of the repository.

use crate::app::{Env, ExitStatus};
use crate::brief::overview::{Filter, build};
use crate::cli::ReportArgs;
use crate::cmd::{Start, start};
use crate::cmd::{each_clean_case, selected};
use crate::figures::figures;
use crate::lang::Lang;
use crate::output::publish::Publisher;
use crate::output::templates::{Templates, render};
use crate::output::writer::write_generated;
use std::io::Write;
use std::path::PathBuf;

/// Runs `report --overview`.
pub fn run(args: &ReportArgs, env: &mut Env) -> ExitStatus {
    let Start {
        as_of,
        repo,
        lang,
        printer,
    } = match start(env, args.as_of.as_deref(), &args.repo) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let templates = match Templates::load(&repo.root) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(env.stderr, "{}", printer.render(&e.diag, &e.sources));
            return ExitStatus::Problems;
        }
    };
    let dirs = match selected(&repo, &args.cases) {
        Ok(d) => d,
        Err(d) => return env.fatal(&d),
    };
    let filter = Filter {
        year: args.filter.year,
        committee: args.filter.committee.clone(),
        tag: args.filter.tag.clone(),
    };
    // The overview needs every case with its figures at once (unlike report and export, which stream).
    let cfg = &repo.config;
    let mut with_figures = Vec::new();
    let skipped = match each_clean_case(
        &dirs,
        cfg,
        as_of.max(env.today),
        &printer,
        env,
        |case| {
            filter.accepts(&case, cfg).then(|| {
                let f = figures(&case, cfg, as_of);
                (case, f)
            })
        },
        |r, _| {
            with_figures.extend(r);
            Ok(())
        },
    ) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let model = build(&with_figures, &repo.config, as_of, &filter, lang);
    let publisher = match Publisher::new(args.format, args.browser.as_deref(), &templates, lang) {
        Ok(p) => p,
        Err(e) => return e.report(env, lang),
    };
    let text = match render(&templates, "overview", &model, lang, publisher.marks()) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(env.stderr, "{}", printer.render(&e.diag, &e.sources));
            return ExitStatus::Problems;
        }
    };
    let title = if lang == Lang::Zh {
        format!("议题总览（{}）", model.as_of)
    } else {
        format!("Overview ({})", model.as_of)
    };
    let Some(bytes) = publisher.publish(text, &title, &[], &printer, &mut env.stderr) else {
        return ExitStatus::Problems;
    };
    if args.output.as_deref() == Some("-") {
        let _ = env.stdout.write_all(&bytes);
    } else {
        let dir: PathBuf = args
            .output
            .as_ref()
            .map_or_else(|| repo.root.join(&repo.config.output_dir), PathBuf::from);
        let suffix = if lang == Lang::En { ".en" } else { "" };
        let path = dir.join(format!(
            "overview-{}{suffix}.{}",
            as_of.format("%Y-%m-%d"),
            args.format.ext()
        ));
        if let Err(d) = write_generated(&path, &bytes) {
            return env.fatal(&d);
        }
        let shown = path.to_string_lossy().replace('\\', "/");
        let _ = writeln!(env.stdout, "{}", shown.strip_prefix("./").unwrap_or(&shown));
    }
    if skipped {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    }
}
