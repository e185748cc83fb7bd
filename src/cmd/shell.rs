//! `rexieshang completions SHELL` and `rexieshang man`: generated from the clap definition, so they never drift.

use crate::cli::CompletionsArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};

/// Prints a completion script.
pub fn completions(args: &CompletionsArgs, env: &mut Env) -> Outcome {
    let mut cmd = crate::cli::command(env.settings.lang(None));
    clap_complete::generate(args.shell, &mut cmd, "rexieshang", &mut env.stdout);
    Ok(ExitStatus::Ok)
}

/// Prints the man page.
pub fn man(env: &mut Env) -> Outcome {
    // Rendering fails only when standard output cannot be written to, which no message could reach either.
    match clap_mangen::Man::new(crate::cli::command(env.settings.lang(None)))
        .render(&mut env.stdout)
    {
        Ok(()) => Ok(ExitStatus::Ok),
        Err(_) => Err(Failure::reported(ExitStatus::Failure)),
    }
}
