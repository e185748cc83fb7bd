//! Running the program: parse the arguments, validate them into [`Settings`], run the command, print a failure
//! (the one place that does), and map the outcome to an exit code (0 clean, 1 problems found, 2 usage or I/O error).

use crate::cli::Args;
use crate::cmd::dispatch;
use crate::cmd::env::{Env, ExitStatus, Failure};
use crate::settings::{Settings, Terminal};
use chrono::NaiveDate;
use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
    mut stdout: Box<dyn Write>,
    mut stderr: Box<dyn Write>,
) -> ExitStatus {
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) if e.use_stderr() => {
            let _ = write!(stderr, "{e}");
            return ExitStatus::Failure;
        }
        Err(e) => {
            let _ = write!(stdout, "{e}");
            return ExitStatus::Ok;
        }
    };
    let term = Terminal {
        stderr: std::io::stderr().is_terminal(),
        stdout: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let (settings, rejected) = match Settings::resolve(&args, today, term) {
        Ok(s) => (s, None),
        Err(r) => (r.settings, Some(r.diag)),
    };
    let mut env = Env {
        stdout,
        stderr,
        settings,
    };
    let outcome = match rejected {
        None => dispatch(&args.command, &mut env),
        Some(d) => Err(Failure::fatal(d)),
    };
    let status = match outcome {
        Ok(status) => status,
        Err(f) => env.print_failure(&f),
    };
    let _ = env.stdout.flush();
    let _ = env.stderr.flush();
    status
}
