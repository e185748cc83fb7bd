//! Running a command: parse arguments, settle language, colour and the cut-off date, dispatch, and map the
//! result to an exit code (0 clean, 1 problems found, 2 usage or I/O error).

use crate::cli::{Args, ColorChoice, Command};
use crate::diag::{Diagnostic, Printer, Sources};
use crate::fmt::date::parse_date;
use crate::lang::Lang;
use crate::tx;
use chrono::NaiveDate;
use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Success, nothing to report.
    Ok = 0,
    /// The input has problems (check found errors; strict and warnings).
    Problems = 1,
    /// Wrong usage, or a file could not be read or written.
    Failure = 2,
}

/// What a command may use from its surroundings: output streams, the date, language and colour settings.
pub struct Env {
    /// Standard output.
    pub stdout: Box<dyn Write>,
    /// Standard error.
    pub stderr: Box<dyn Write>,
    /// Today's date (used when no `--as-of` is given).
    pub today: NaiveDate,
    /// `--lang`, if given and valid.
    pub lang_arg: Option<Lang>,
    /// Whether to colour messages on standard error.
    pub color: bool,
    /// Whether to colour standard output.
    pub color_stdout: bool,
}

impl Env {
    /// The language: the command line wins, then the config, then Chinese.
    pub fn lang(&self, config: Option<Lang>) -> Lang {
        self.lang_arg.or(config).unwrap_or_default()
    }

    /// The cut-off date from `--as-of`, or today.
    pub fn as_of(&mut self, arg: Option<&str>) -> Result<NaiveDate, ExitStatus> {
        match arg {
            None => Ok(self.today),
            Some(s) => parse_date(s).map_err(|_| {
                let d = Diagnostic::error(
                    "E007",
                    tx!(
                        "`--as-of` 的日期不对：`{s}`",
                        "`--as-of` is not a valid date: `{s}`"
                    ),
                )
                .help(tx!(
                    "写成 --as-of 2020-06-30。",
                    "Write it as --as-of 2020-06-30."
                ));
                self.fatal(&d)
            }),
        }
    }

    /// Prints a diagnostic that stops the command, and returns the failure status.
    pub fn fatal(&mut self, d: &Diagnostic) -> ExitStatus {
        let lang = self.lang(None);
        let _ = writeln!(
            self.stderr,
            "{}",
            Printer::new(lang, self.color).render(d, &Sources::default())
        );
        ExitStatus::Failure
    }
}

/// Entry point for the binary: real arguments, streams and clock.
pub fn main() -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let status = run(
        std::env::args_os().collect(),
        today,
        Box::new(std::io::stdout()),
        Box::new(std::io::stderr()),
    );
    ExitCode::from(status as u8)
}

/// Runs the command line `args` with the given date and streams.
pub fn run(
    args: Vec<OsString>,
    today: NaiveDate,
    stdout: Box<dyn Write>,
    mut stderr: Box<dyn Write>,
) -> ExitStatus {
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() {
                ExitStatus::Failure
            } else {
                ExitStatus::Ok
            };
            let _ = if e.use_stderr() {
                write!(stderr, "{e}")
            } else {
                let mut out = stdout;
                write!(out, "{e}")
            };
            return code;
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (color, color_stdout) = match args.color {
        ColorChoice::Always => (true, true),
        ColorChoice::Never => (false, false),
        ColorChoice::Auto => (
            !no_color && std::io::stderr().is_terminal(),
            !no_color && std::io::stdout().is_terminal(),
        ),
    };
    let mut env = Env {
        stdout,
        stderr,
        today,
        lang_arg: None,
        color,
        color_stdout,
    };
    if let Some(l) = &args.lang {
        match Lang::parse(l) {
            Some(lang) => env.lang_arg = Some(lang),
            None => {
                let d = Diagnostic::error(
                    "E007",
                    tx!(
                        "`--lang` 只能是 zh 或 en，这里是 `{l}`",
                        "`--lang` must be zh or en, not `{l}`"
                    ),
                )
                .help(tx!("例如 --lang en。", "For example --lang en."));
                return env.fatal(&d);
            }
        }
    }
    let status = match &args.command {
        Command::Check(a) => crate::cmd::check::run(a, &mut env),
        Command::Report(a) if a.overview => crate::cmd::overview::run(a, &mut env),
        Command::Report(a) => crate::cmd::report::run(a, &mut env),
        Command::Export(a) => crate::cmd::export::run(a, &mut env),
        Command::Init(a) => crate::cmd::init::run(a, &mut env),
        Command::New(a) => crate::cmd::new::run(a, &mut env),
        Command::Schema(a) => crate::cmd::schema::run(a, &mut env),
        Command::Completions(a) => crate::cmd::shell::completions(a, &mut env),
        Command::Man => crate::cmd::shell::man(&mut env),
        Command::Status(a) => crate::cmd::status::run(a, &mut env),
        Command::Explain(a) => crate::cmd::explain::run(a, &mut env),
        Command::Templates(a) => crate::cmd::templates::run(a, &mut env),
    };
    let _ = env.stdout.flush();
    let _ = env.stderr.flush();
    status
}
