//! `rexieshang report`: the Markdown brief for the next meeting, one file per case.

use crate::app::{Env, ExitStatus};
use crate::brief::build;
use crate::case::config::Config;
use crate::case::model::Case;
use crate::cli::ReportArgs;
use crate::cmd::{Start, start};
use crate::cmd::{each_clean_case, selected};
use crate::diag::Printer;
use crate::figures::figures;
use crate::fmt::date::parse_date;
use crate::lang::Lang;
use crate::output::html::brief_charts;
use crate::output::publish::Publisher;
use crate::output::templates::{Renderer, Templates};
use crate::output::writer::{safe_component, write_generated};
use crate::tx;
use chrono::NaiveDate;
use minijinja::Value;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Runs `report`.
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
        Err(e) => return e.report(env, lang),
    };
    let renderer = match Renderer::new(&templates, "brief", lang, publisher.marks()) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(env.stderr, "{}", printer.render(&e.diag, &e.sources));
            return ExitStatus::Problems;
        }
    };
    let out_dir: PathBuf = match &args.output {
        Some(o) if o != "-" => PathBuf::from(o),
        _ => repo.root.join(&repo.config.output_dir),
    };
    let job = Job {
        cfg: &repo.config,
        renderer: &renderer,
        publisher: &publisher,
        printer: &printer,
        lang,
        as_of,
        meeting,
        named: !args.cases.is_empty(),
        ext: args.format.ext(),
        out_dir: (args.output.as_deref() != Some("-")).then_some(out_dir),
    };
    let mut problems = false;
    let result = each_clean_case(
        &dirs,
        &repo.config,
        as_of.max(env.today),
        &printer,
        env,
        |case| job.run(&case),
        |done, env| {
            let _ = env.stderr.write_all(&done.stderr);
            let _ = env.stdout.write_all(&done.stdout);
            problems |= done.problem;
            if let Some(status) = done.stop {
                return Err(status);
            }
            // Files are written here, in case order, while the workers go on with the next cases.
            if let Some((path, bytes)) = done.file {
                if let Err(d) = write_generated(&path, &bytes) {
                    let _ = writeln!(env.stderr, "{}", printer.render(&d, &Default::default()));
                    return Err(ExitStatus::Failure);
                }
                let shown = path.to_string_lossy().replace('\\', "/");
                let _ = writeln!(env.stdout, "{}", shown.strip_prefix("./").unwrap_or(&shown));
            }
            Ok(())
        },
    );
    match result {
        Err(status) => status,
        Ok(skipped) if skipped || problems => ExitStatus::Problems,
        Ok(_) => ExitStatus::Ok,
    }
}

/// What every case's brief needs: settings, the compiled template, the output format and place.
struct Job<'a> {
    cfg: &'a Config,
    renderer: &'a Renderer<'a>,
    publisher: &'a Publisher<'a>,
    printer: &'a Printer,
    lang: Lang,
    as_of: NaiveDate,
    meeting: Option<NaiveDate>,
    /// Cases were named on the command line (closed ones are then reported too).
    named: bool,
    ext: &'a str,
    /// Where briefs go; `None` for standard output.
    out_dir: Option<PathBuf>,
}

/// One case's brief, done on a worker thread: what to print, and whether the run should stop.
#[derive(Default)]
struct Done {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// A problem that does not stop the run (a folder name that cannot be a file name).
    problem: bool,
    /// Stop the run with this status (a template error, which every later case would repeat).
    stop: Option<ExitStatus>,
    /// The brief to write, and where.
    file: Option<(PathBuf, Vec<u8>)>,
}

impl Job<'_> {
    /// Figures, brief and document for one case.
    fn run(&self, case: &Case) -> Done {
        let mut done = Done::default();
        if case.closed && !self.named {
            return done;
        }
        let printer = self.printer;
        let figs = figures(case, self.cfg, self.as_of);
        let brief = Arc::new(build(case, self.cfg, &figs, self.lang, self.meeting));
        let text = match self
            .renderer
            .render_value(Value::from_dyn_object(brief.clone()))
        {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(done.stderr, "{}", printer.render(&e.diag, &e.sources));
                done.stop = Some(ExitStatus::Problems);
                return done;
            }
        };
        let title = format!("{}（{}）", case.title.value, brief.as_of);
        let charts = if self.publisher.marks() {
            brief_charts(&brief, self.lang)
        } else {
            Vec::new()
        };
        let Some(bytes) = self
            .publisher
            .publish(text, &title, &charts, printer, &mut done.stderr)
        else {
            done.stop = Some(ExitStatus::Problems);
            return done;
        };
        let Some(out_dir) = &self.out_dir else {
            done.stdout = bytes;
            return done;
        };
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
            let _ = writeln!(done.stderr, "{}", printer.render(&d, &Default::default()));
            done.problem = true;
            return done;
        }
        let suffix = match self.lang {
            Lang::Zh => "",
            Lang::En => ".en",
        };
        let path = out_dir.join(format!(
            "{}-{}{suffix}.{}",
            case.id,
            self.as_of.format("%Y-%m-%d"),
            self.ext
        ));
        done.file = Some((path, bytes));
        done
    }
}
