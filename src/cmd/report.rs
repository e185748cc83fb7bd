//! `rexieshang report`: the Markdown brief for the next meeting, one file per case.

use crate::brief::build;
use crate::case::config::Config;
use crate::case::model::Case;
use crate::cli::ReportArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, selected, start};
use crate::cmd::parallel::each_clean_case;
use crate::diag::{Code, Diagnostic, Printer, Severity, Sources};
use crate::figures::figures;
use crate::fmt::date::iso;
use crate::lang::Lang;
use crate::output::html::brief_charts;
use crate::output::masthead::Masthead;
use crate::output::publish::{Document, Format, Publisher};
use crate::output::templates::{Renderer, Templates};
use crate::output::writer::{safe_component, write_generated};
use crate::settings::Output;
use crate::tx;
use chrono::NaiveDate;
use minijinja::Value;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Runs `report`.
pub fn run(args: &ReportArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    if repo.diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Failure::problems(repo.diags, repo.sources, lang));
    }
    let templates = Templates::load(&repo.root).map_err(|e| Failure::located(e, lang))?;
    let dirs = selected(&repo, &args.cases).map_err(Failure::fatal)?;
    let mut status = ExitStatus::Ok;
    for format in Format::chosen(args.format, &repo.config.formats) {
        let run = Run {
            repo: &repo,
            templates: &templates,
            dirs: &dirs,
            lang,
            printer: &printer,
        };
        if run.briefs(format, args, env)? != ExitStatus::Ok {
            status = ExitStatus::Problems;
        }
    }
    Ok(status)
}

/// One `report` run's repository, templates and cases, for each format in turn.
struct Run<'r> {
    repo: &'r crate::case::load::Repo,
    templates: &'r Templates,
    dirs: &'r [crate::case::load::CaseDir],
    lang: Lang,
    printer: &'r Printer,
}

impl Run<'_> {
    /// The briefs in `format`.
    fn briefs(&self, format: Format, args: &ReportArgs, env: &mut Env) -> Outcome {
        let Run {
            repo,
            templates,
            dirs,
            lang,
            printer,
        } = *self;
        let publisher =
            Publisher::new(format, templates, lang).map_err(|e| Failure::setup(e, lang))?;
        let renderer = Renderer::new(templates, "brief", lang, publisher.mode())
            .map_err(|e| Failure::located(e, lang))?;
        let out_dir = match &env.settings.output {
            Output::Stdout => None,
            Output::Path(p) => Some(p.clone()),
            Output::Default => Some(repo.root.join(&repo.config.output_dir)),
        };
        let job = Job {
            cfg: &repo.config,
            renderer: &renderer,
            publisher: &publisher,
            printer,
            lang,
            as_of: env.settings.as_of,
            meeting: env.settings.meeting,
            masthead: Masthead {
                issue: args.issue,
                office: repo.config.office.clone(),
            },
            named: !args.cases.is_empty(),
            ext: format.ext(),
            out_dir,
        };
        let mut problems = false;
        let walked = each_clean_case(
            dirs,
            &repo.config,
            env.settings.latest,
            printer,
            env,
            |case, sources| job.run(&case, sources),
            |done, env| {
                let _ = env.stderr.write_all(&done.stderr);
                let _ = env.stdout.write_all(&done.stdout);
                problems |= done.problem;
                if let Some(status) = done.stop {
                    return Err(Failure::reported(status));
                }
                // Files are written here, in case order, while the workers go on with the next cases.
                if let Some((path, bytes)) = done.file {
                    write_generated(&path, &bytes).map_err(|d| Failure::fatal(d).in_lang(lang))?;
                    env.wrote(&path);
                }
                Ok(())
            },
        )?;
        Ok(if walked.skipped > 0 || problems {
            ExitStatus::Problems
        } else {
            ExitStatus::Ok
        })
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
    /// The masthead's issue number and office.
    masthead: Masthead,
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
    /// Figures, brief and document for one case (`sources`: its files' texts, to show where a problem is).
    fn run(&self, case: &Case, sources: &Sources) -> Done {
        let mut done = Done::default();
        if case.closed && !self.named {
            return done;
        }
        let printer = self.printer;
        if let Some(d) = before_adoption(case, self.as_of) {
            done.stderr = printer.show([&d], sources).into_bytes();
            done.problem = true;
            return done;
        }
        let figs = figures(case, self.cfg, self.as_of);
        let brief = Arc::new(build(case, self.cfg, &figs, self.lang, self.meeting));
        let text = match self
            .renderer
            .render_value(Value::from_dyn_object(brief.clone()))
        {
            Ok(t) => t,
            Err(e) => {
                done.stderr = printer.show([&e.diag], &e.sources).into_bytes();
                done.stop = Some(ExitStatus::Problems);
                return done;
            }
        };
        let title = format!("{}（{}）", case.title.value, brief.as_of);
        let charts = if self.publisher.mode().marks() {
            brief_charts(&brief, self.lang, &text)
        } else {
            Vec::new()
        };
        let doc = Document {
            markdown: text,
            title: &title,
            charts: &charts,
            model: self.publisher.model(&*brief),
            as_of: self.as_of,
            masthead: self.masthead.clone(),
        };
        let bytes = match self.publisher.publish(doc) {
            Ok(b) => b,
            Err(e) => {
                done.stderr = printer.show([&e.diag], &e.sources).into_bytes();
                done.stop = Some(ExitStatus::Problems);
                return done;
            }
        };
        let Some(out_dir) = &self.out_dir else {
            done.stdout = bytes;
            return done;
        };
        if !safe_component(&case.id) {
            let id = &case.id;
            let d = Diagnostic::error(
                Code::E702,
                tx!(
                    "议题文件夹名 `{id}` 不能用作文件名",
                    "the case folder name `{id}` cannot be used as a file name"
                ),
            )
            .help(tx!(
                "把议题文件夹改成不以点开头、不含斜杠的名字。",
                "Rename the case folder: no leading dot, no slashes."
            ));
            done.stderr = printer.show([&d], &Sources::default()).into_bytes();
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

/// A cut-off before the proposal was adopted: there were no recommendations then, and no brief to write.
fn before_adoption(case: &Case, as_of: NaiveDate) -> Option<Diagnostic> {
    let adopted = &case.proposal.adopted;
    if as_of >= adopted.value {
        return None;
    }
    let (c, a) = (iso(as_of), iso(adopted.value));
    Some(
        Diagnostic::error(
            Code::E507,
            tx!(
                "数据截止日期 {c} 早于建议案通过日期 {a}：那时还没有建议，不生成简报",
                "the cut-off {c} is before the proposal was adopted ({a}): there were no recommendations yet, so no brief"
            ),
        )
        .in_file(&case.file)
        .at(adopted.pos)
        .help(tx!(
            "把 --as-of 设在 {a} 或之后。",
            "Give --as-of on or after {a}."
        )),
    )
}
