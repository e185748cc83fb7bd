//! `rexieshang export`: one row per recommendation as CSV, JSON or XLSX.

use crate::app::{Env, ExitStatus};
use crate::brief::overview::Filter;
use crate::brief::rows::{rows, to_csv, to_json, to_xlsx};
use crate::cli::{ExportArgs, ExportFormat};
use crate::cmd::{Start, start};
use crate::cmd::{each_clean_case, selected};
use crate::diag::Diagnostic;
use crate::figures::figures;
use crate::output::writer::write_generated;
use crate::tx;
use std::io::Write;
use std::path::PathBuf;

/// Runs `export`.
pub fn run(args: &ExportArgs, env: &mut Env) -> ExitStatus {
    let Start {
        as_of,
        repo,
        lang,
        printer,
    } = match start(env, args.as_of.as_deref(), &args.repo) {
        Ok(s) => s,
        Err(status) => return status,
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
    let mut all = Vec::new();
    let cfg = &repo.config;
    let skipped = match each_clean_case(
        &dirs,
        cfg,
        as_of.max(env.today),
        &printer,
        env,
        |case| {
            if filter.accepts(&case, cfg) {
                rows(&case, cfg, &figures(&case, cfg, as_of), lang)
            } else {
                Vec::new()
            }
        },
        |r, _| {
            all.extend(r);
            Ok(())
        },
    ) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let (bytes, ext) = match args.format {
        ExportFormat::Csv => (to_csv(&all, lang), "csv"),
        ExportFormat::Json => (to_json(&all, as_of), "json"),
        ExportFormat::Xlsx => (to_xlsx(&all, lang), "xlsx"),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::error("E703", tx!("导出失败：{e}", "export failed: {e}"));
            return env.fatal(&d);
        }
    };
    if args.output.as_deref() == Some("-") {
        let _ = env.stdout.write_all(&bytes);
    } else {
        let path = args.output.as_ref().map_or_else(
            || {
                repo.root
                    .join(&repo.config.output_dir)
                    .join(format!("export-{}.{ext}", as_of.format("%Y-%m-%d")))
            },
            PathBuf::from,
        );
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
