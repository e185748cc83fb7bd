//! Command-line arguments (clap types only; turning them into options happens in the commands).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 再协商 rexieshang — case files, checks and briefs for CPPCC follow-up consultations.
#[derive(Debug, Parser)]
#[command(name = "rexieshang", version, about, long_about = None)]
pub struct Args {
    /// Language of messages: zh (default, or the config's `lang`) or en.
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,

    /// Colour in terminal output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check case files and report every problem (exit 0 clean, 1 problems, 2 usage or I/O error).
    Check(CheckArgs),
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A case repository, its `cases/` folder, or one case folder (default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// Cut-off date (YYYY-MM-DD): records dated later are reported (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Treat warnings as problems (exit 1).
    #[arg(long)]
    pub strict: bool,
}
