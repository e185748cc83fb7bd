//! `rexieshang export`: one row per recommendation as CSV, JSON or XLSX.

use crate::brief::rows::{case_total, rows};
use crate::cli::ExportArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, filter, selected, start};
use crate::cmd::parallel::each_clean_case;
use crate::figures::figures;
use crate::output::export::write;
use crate::output::table::Export;
use crate::output::writer::write_generated;
use crate::settings::Output;
use std::io::Write;

/// Runs `export`.
pub fn run(args: &ExportArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    let as_of = env.settings.as_of;
    let dirs = selected(&repo, &args.cases).map_err(Failure::fatal)?;
    let filter = filter(&args.filter);
    let mut all = Vec::new();
    let mut totals = Vec::new();
    let cfg = &repo.config;
    let walked = each_clean_case(
        &dirs,
        cfg,
        env.settings.latest,
        &printer,
        env,
        |case, _| {
            filter.accepts(&case, cfg).then(|| {
                let fig = figures(&case, cfg, as_of);
                (rows(&case, cfg, &fig, lang), case_total(&case, &fig))
            })
        },
        |r, _| {
            if let Some((rows, total)) = r {
                all.extend(rows);
                totals.push(total);
            }
            Ok(())
        },
    )?;
    if walked.nothing_read() {
        walked.nothing_written(env, lang);
        return Ok(ExitStatus::Problems);
    }
    let export = Export {
        rows: &all,
        cases: &totals,
        scale: &cfg.scale,
    };
    let bytes = write(args.format, &export, as_of, lang).map_err(Failure::fatal)?;
    let path = match &env.settings.output {
        Output::Stdout => {
            let _ = env.stdout.write_all(&bytes);
            None
        }
        Output::Path(p) => Some(p.clone()),
        Output::Default => Some(repo.root.join(&repo.config.output_dir).join(format!(
            "export-{}.{}",
            as_of.format("%Y-%m-%d"),
            args.format.ext()
        ))),
    };
    if let Some(path) = path {
        write_generated(&path, &bytes).map_err(Failure::fatal)?;
        env.wrote(&path);
    }
    Ok(if walked.skipped > 0 {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    })
}
