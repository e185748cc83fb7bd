//! `rexieshang completions SHELL` and `rexieshang man`: generated from the clap definition, so they never drift.

use crate::cli::{Args, CompletionsArgs};
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use clap::CommandFactory;

/// Prints a completion script.
pub fn completions(args: &CompletionsArgs, env: &mut Env) -> Outcome {
    let mut cmd = Args::command();
    clap_complete::generate(args.shell, &mut cmd, "rexieshang", &mut env.stdout);
    Ok(ExitStatus::Ok)
}

/// Prints the man page.
pub fn man(env: &mut Env) -> Outcome {
    // Rendering fails only when standard output cannot be written to, which no message could reach either.
    match clap_mangen::Man::new(Args::command()).render(&mut env.stdout) {
        Ok(()) => Ok(ExitStatus::Ok),
        Err(_) => Err(Failure::reported(ExitStatus::Failure)),
    }
}
