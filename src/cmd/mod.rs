//! One module per subcommand; each reads as resolve → load → compute → render → write and returns an
//! [`env::Outcome`]. What they share: [`env`] (streams, settings, outcome), [`open`] (the repository and the cases
//! named) and [`parallel`] (many cases on every core, output in order).

pub mod env;
pub mod open;
pub mod parallel;

pub mod check;
pub mod explain;
pub mod export;
pub mod forms;
pub mod import;
pub mod import_proposal;
pub mod import_register;
pub mod init;
pub mod new;
pub mod notices;
pub mod overview;
pub mod report;
pub mod schema;
pub mod shell;
pub mod status;
pub mod templates;

use crate::cli::Command;
use env::{Env, Outcome};

/// Runs the command.
pub fn dispatch(command: &Command, env: &mut Env) -> Outcome {
    match command {
        Command::Check(a) => check::run(a, env),
        Command::Report(a) if a.overview => overview::run(a, env),
        Command::Report(a) => report::run(a, env),
        Command::Export(a) => export::run(a, env),
        Command::Forms(a) => forms::run(a, env),
        Command::Import(a) => import::run(a, env),
        Command::Notices(a) => notices::run(a, env),
        Command::Init(a) => init::run(a, env),
        Command::New(a) => new::run(a, env),
        Command::Schema(a) => schema::run(a, env),
        Command::Completions(a) => shell::completions(a, env),
        Command::Man => shell::man(env),
        Command::Status(a) => status::run(a, env),
        Command::Explain(a) => explain::run(a, env),
        Command::Templates(a) => templates::run(a, env),
    }
}
