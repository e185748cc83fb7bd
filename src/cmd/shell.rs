//! `rexieshang completions SHELL` and `rexieshang man`: generated from the clap definition, so they never drift.

use crate::app::{Env, ExitStatus};
use crate::cli::{Args, CompletionsArgs};
use clap::CommandFactory;

/// Prints a completion script.
pub fn completions(args: &CompletionsArgs, env: &mut Env) -> ExitStatus {
    let mut cmd = Args::command();
    clap_complete::generate(args.shell, &mut cmd, "rexieshang", &mut env.stdout);
    ExitStatus::Ok
}

/// Prints the man page.
pub fn man(env: &mut Env) -> ExitStatus {
    match clap_mangen::Man::new(Args::command()).render(&mut env.stdout) {
        Ok(()) => ExitStatus::Ok,
        Err(_) => ExitStatus::Failure,
    }
}
