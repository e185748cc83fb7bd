//! `rexieshang completions SHELL` and `rexieshang man`: generated from the clap definition, so they never drift.

use crate::cli::CompletionsArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};

/// Prints the shell code that registers completion: the shell then asks `rexieshang` itself (with `COMPLETE` set)
/// for each word, so commands, flags and their values come from the command definition and case, department and
/// recommendation ids from the repository in the current folder.
pub fn completions(args: &CompletionsArgs, env: &mut Env) -> Outcome {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let shell: &dyn EnvCompleter = match args.shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        _ => &Powershell,
    };
    match shell.write_registration(
        "COMPLETE",
        "rexieshang",
        "rexieshang",
        "rexieshang",
        &mut env.stdout,
    ) {
        Ok(()) => Ok(ExitStatus::Ok),
        Err(_) => Err(Failure::reported(ExitStatus::Failure)),
    }
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
