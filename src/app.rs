//! Running the program: parse the arguments, validate them into [`Settings`], run the command, print a failure
//! (the one place that does), and map the outcome to an exit code (0 clean, 1 problems found, 2 usage or I/O error).

use crate::cli::Args;
use crate::cmd::dispatch;
use crate::cmd::env::{Env, ExitStatus, Failure};
use crate::lang::Lang;
use crate::settings::{Settings, Terminal};
use chrono::NaiveDate;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Entry point for the binary: real arguments, streams and clock.
pub fn main() -> ExitCode {
    // Asked by the shell to complete a word (`COMPLETE=bash`, registered by `rexieshang completions`): answered from
    // the command definition and the repository here, and the process ends.
    let lang = early_lang(&std::env::args_os().collect::<Vec<_>>());
    clap_complete::CompleteEnv::with_factory(move || crate::cli::command(lang))
        .bin("rexieshang")
        .complete();
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
    let lang = early_lang(&args);
    let parsed = crate::cli::command(lang)
        .try_get_matches_from(args)
        .and_then(|m| <Args as clap::FromArgMatches>::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) if e.use_stderr() && lang == Lang::Zh => {
            let _ = write!(stderr, "{}", crate::cli::zh::error_message(&e));
            return ExitStatus::Failure;
        }
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

/// The language of help and usage errors, before the arguments are parsed: `--lang`, else the `lang` of the
/// `rexieshang.yaml` in the repository named (`--repo`) or the current folder, else Chinese.
fn early_lang(args: &[OsString]) -> Lang {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = |flag: &str| {
        words.iter().enumerate().find_map(|(i, w)| {
            w.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (w == flag).then(|| words.get(i + 1).cloned()).flatten())
        })
    };
    if let Some(l) = value("--lang").and_then(|l| Lang::parse(&l)) {
        return l;
    }
    let repo = value("--repo").unwrap_or_else(|| ".".to_string());
    config_lang(std::path::Path::new(&repo)).unwrap_or_default()
}

/// The `lang` a repository's configuration gives, if it can be read.
fn config_lang(repo: &std::path::Path) -> Option<Lang> {
    let path = repo.join(crate::case::config::CONFIG_FILE);
    let bytes = crate::case::load::read_bounded(&path, "", 64 * 1024).ok()?;
    let text = crate::case::decode::decode(bytes).ok()?;
    let root = crate::case::yaml::parse(&text).ok()?;
    let crate::case::yaml::Kind::Map(entries) = &root.kind else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.name == "lang")
        .and_then(|(_, v)| match &v.kind {
            crate::case::yaml::Kind::Scalar { text, .. } => Lang::parse(text.trim()),
            _ => None,
        })
}
