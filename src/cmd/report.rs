//! `rexieshang report`: the Markdown brief for the next meeting, one file per case.

use crate::brief::build;
use crate::cli::ReportArgs;
use crate::cmd::formats::Publisher;
use crate::cmd::{each_clean_case, selected};
use crate::diag::Printer;
use crate::lang::Lang;
use crate::load::{Fatal, open};
use crate::output::{safe_component, write_atomic};
use crate::print::brief_charts;
use crate::progress::figures;
use crate::read::parse_date;
use crate::render::{Templates, render};
use crate::run::{Env, ExitStatus};
use crate::tx;
use std::io::Write;
use std::path::PathBuf;

/// Runs `report`.
pub fn run(args: &ReportArgs, env: &mut Env) -> ExitStatus {
    let as_of = match env.as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(s) => return s,
    };
    let meeting = match args.meeting.as_deref().map(parse_date) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            let v = args.meeting.clone().unwrap_or_default();
            let d = crate::diag::Diagnostic::error(
                "E007",
                tx!(
                    "`--meeting` 的日期不对：`{v}`",
                    "`--meeting` is not a valid date: `{v}`"
                ),
            )
            .help(tx!(
                "写成 --meeting 2021-12-16。",
                "Write it as --meeting 2021-12-16."
            ));
            return env.fatal(&d);
        }
    };
    let repo = match open(&args.repo) {
        Ok(r) => r,
        Err(Fatal(d)) => return env.fatal(&d),
    };
    let lang = env.lang(Some(repo.config.lang));
    let printer = Printer::new(lang, env.color);
    if repo
        .diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        for d in &repo.diags {
            let _ = writeln!(env.stderr, "{}", printer.render(d, &repo.sources));
        }
        return ExitStatus::Problems;
    }
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
    let publisher = match Publisher::new(args.format, args.browser.as_deref(), &templates, lang) {
        Ok(p) => p,
        Err(d) => return env.fatal(&d),
    };
    let to_stdout = args.output.as_deref() == Some("-");
    let out_dir: PathBuf = match &args.output {
        Some(o) if o != "-" => PathBuf::from(o),
        _ => repo.root.join(&repo.config.output_dir),
    };
    let named = !args.cases.is_empty();
    let mut unsafe_names = false;
    let result = each_clean_case(
        &dirs,
        &repo.config,
        as_of.max(env.today),
        &printer,
        env,
        lang,
        |case, env| {
            if case.closed && !named {
                return Ok(());
            }
            let figs = figures(&case, &repo.config, as_of);
            let brief = build(&case, &repo.config, &figs, lang, meeting);
            let text = match render(&templates, "brief", &brief, lang, publisher.marks()) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(env.stderr, "{}", printer.render(&e.diag, &e.sources));
                    return Err(ExitStatus::Problems);
                }
            };
            let title = format!("{}（{}）", case.title.value, brief.as_of);
            let charts = if publisher.marks() {
                brief_charts(&brief, lang)
            } else {
                Vec::new()
            };
            let Some(bytes) = publisher.publish(&text, &title, &charts, &printer, &mut env.stderr)
            else {
                return Err(ExitStatus::Problems);
            };
            if to_stdout {
                let _ = env.stdout.write_all(&bytes);
                return Ok(());
            }
            if !safe_component(&case.id) {
                let id = &case.id;
                let d = crate::diag::Diagnostic::error(
                    "E702",
                    tx!(
                        "议题文件夹名 `{id}` 不能用作文件名",
                        "the case folder name `{id}` cannot be used as a file name"
                    ),
                )
                .help(tx!(
                    "把议题文件夹改成不以点开头、不含斜杠的名字。",
                    "Rename the case folder: no leading dot, no slashes."
                ));
                let _ = writeln!(env.stderr, "{}", printer.render(&d, &Default::default()));
                unsafe_names = true;
                return Ok(());
            }
            let suffix = match lang {
                Lang::Zh => String::new(),
                Lang::En => ".en".to_string(),
            };
            let path = out_dir.join(format!(
                "{}-{}{suffix}.{}",
                case.id,
                as_of.format("%Y-%m-%d"),
                args.format.ext()
            ));
            if let Err(d) = write_atomic(&path, &bytes) {
                let _ = writeln!(env.stderr, "{}", printer.render(&d, &Default::default()));
                return Err(ExitStatus::Failure);
            }
            let shown = path.to_string_lossy().replace('\\', "/");
            let _ = writeln!(env.stdout, "{}", shown.strip_prefix("./").unwrap_or(&shown));
            Ok(())
        },
    );
    match result {
        Err(status) => status,
        Ok(skipped) if skipped || unsafe_names => ExitStatus::Problems,
        Ok(_) => ExitStatus::Ok,
    }
}
