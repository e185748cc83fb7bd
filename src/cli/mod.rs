//! Command-line arguments (clap types only; turning them into options happens in the commands).

pub mod candidates;
pub mod zh;

use crate::lang::Lang;
use crate::output::export::ExportFormat;
use crate::output::publish::Format;
use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;
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
    /// Write the brief for the next meeting: one Markdown file per case.
    Report(ReportArgs),
    /// One line per case: degree, counts by status, overdue / stalled / disputed, next meeting.
    Status(StatusArgs),
    /// Show how one recommendation's figures were derived.
    Explain(ExplainArgs),
    /// Write the built-in templates into the repository's templates/ folder for editing.
    Templates(TemplatesArgs),
    /// Export one row per recommendation as CSV, JSON or XLSX.
    Export(ExportArgs),
    /// Write the forms for a meeting: members' assessment form, departments' feedback form, tally workbook.
    Forms(FormsArgs),
    /// Write supervision notices (督办通知) to departments: overdue, due soon, disputed, unanswered, stalled.
    Notices(NoticesArgs),
    /// Read what came out of a meeting into the case files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Create a case repository: config, cases/, README, .gitignore, a pre-commit hook sample, schemas.
    Init(InitArgs),
    /// Create a new case, reply or meeting file, pre-filled for filling in.
    #[command(subcommand)]
    New(NewCommand),
    /// Write JSON Schemas of every file kind, for editors.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder to create the repository in (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Do not run `git init` (by default it runs when git is installed and the folder is in no git repository).
    #[arg(long)]
    pub no_git: bool,
}

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A case folder with its case.yaml.
    Case {
        /// Case id: the folder name under cases/ (letters, digits, Chinese, - and _).
        id: String,
        /// The topic (推进老旧小区改造), or the proposal's full title (关于推进老旧小区改造的建议案).
        #[arg(long)]
        title: String,
        /// Date the proposal was adopted (default: today).
        #[arg(long, value_name = "DATE")]
        adopted: Option<String>,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
    /// A reply file, pre-filled with the department's open recommendations.
    Reply {
        /// The case.
        #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
        case: String,
        /// Department id (as in case.yaml).
        #[arg(long, add = ArgValueCandidates::new(candidates::department_ids))]
        department: String,
        /// Date of the reply.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
    /// A meeting file, pre-filled with a blank assessment for every open recommendation.
    Meeting {
        /// The case.
        #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
        case: String,
        /// Date of the meeting (a later date than today makes it a planned meeting).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// An initial consultation rather than a re-consultation.
        #[arg(long)]
        initial: bool,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
}

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Folder to write the schemas into.
    #[arg(default_value = "schemas")]
    pub dir: PathBuf,
}

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Which cases to include (overview and export).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only cases whose proposal was adopted in this year.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,

    /// Only cases of this committee (the case's `committee`, else the repository's).
    #[arg(long, value_name = "NAME")]
    pub committee: Option<String>,

    /// Only cases with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Cases to export (default: every case).
    #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
    pub cases: Vec<String>,

    /// Format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// The case repository.
    #[arg(long, default_value = ".", value_name = "PATH")]
    pub repo: PathBuf,

    /// Data cut-off date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Output file, or `-` for standard output (default: the output folder, export-DATE.EXT).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<String>,

    /// Which cases.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Arguments of `forms`.
#[derive(Debug, clap::Args)]
pub struct FormsArgs {
    /// The case (folder name under cases/, or a case folder).
    #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
    pub case: String,

    /// The case repository.
    #[arg(long, default_value = ".", value_name = "PATH")]
    pub repo: PathBuf,

    /// Data cut-off date (YYYY-MM-DD; default: today): the claims the form shows.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// The meeting the forms are for (YYYY-MM-DD; default: the next meeting after the cut-off).
    #[arg(long, value_name = "DATE")]
    pub meeting: Option<String>,

    /// Output folder, or `-` to print the two forms in Markdown (default: the config's output_dir).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<String>,

    /// Format of the two forms (the tally workbook is always XLSX).
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

/// Arguments of `notices`.
#[derive(Debug, clap::Args)]
pub struct NoticesArgs {
    /// Cases to cover (default: every case not closed).
    #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
    pub cases: Vec<String>,

    /// The case repository.
    #[arg(long, default_value = ".", value_name = "PATH")]
    pub repo: PathBuf,

    /// Data cut-off date, the notices' date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Only the notice to this department (its id in case.yaml, or its full name).
    #[arg(long, add = ArgValueCandidates::new(candidates::department_ids), value_name = "ID")]
    pub department: Option<String>,

    /// Remind of due dates within this many days.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: u32,

    /// Output folder, or `-` to print the notices in Markdown (default: the config's output_dir).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<String>,

    /// Format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A new case from an adopted proposal in Word (.docx): its aspects, recommendations and their short titles.
    Proposal {
        /// The proposal (.docx).
        file: PathBuf,
        /// The new case's id: its folder name under cases/.
        #[arg(long)]
        case: String,
        /// The topic (default: from the proposal's title, 关于……的建议案).
        #[arg(long)]
        title: Option<String>,
        /// Date the proposal was adopted (default: the date under its signature).
        #[arg(long, value_name = "DATE")]
        adopted: Option<String>,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
    /// An assignment register (.xlsx or .csv) into a case: lead and support departments, dates, weights, priority.
    Register {
        /// The register (.xlsx or .csv).
        file: PathBuf,
        /// The case.
        #[arg(long, add = ArgValueCandidates::new(candidates::case_ids))]
        case: String,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
    /// A filled tally workbook (from `forms`) into the meeting file's assessments.
    Tally {
        /// The workbook.
        file: PathBuf,
        /// The case.
        #[arg(long, add = ArgValueCandidates::new(candidates::case_ids))]
        case: String,
        /// The meeting's date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        meeting: String,
        /// Overwrite assessments that are already filled in.
        #[arg(long)]
        replace: bool,
        /// The case repository.
        #[arg(long, default_value = ".", value_name = "PATH")]
        repo: PathBuf,
    },
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Cases to report (folder names under cases/, or case folders); default: every case not closed.
    #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
    pub cases: Vec<String>,

    /// The case repository.
    #[arg(long, default_value = ".", value_name = "PATH")]
    pub repo: PathBuf,

    /// Data cut-off date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// The meeting the brief prepares (YYYY-MM-DD; default: the next planned meeting).
    #[arg(long, value_name = "DATE")]
    pub meeting: Option<String>,

    /// Output folder, or `-` for standard output (default: the config's output_dir, else briefs/).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<String>,

    /// One overview across every case instead of a brief per case.
    #[arg(long)]
    pub overview: bool,

    /// Output format: Markdown, a self-contained HTML page, PDF (typeset in-process) or Word (default: `format` in
    /// rexieshang.yaml — one or a list — else Markdown).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// The brief's issue number, printed on the masthead of PDF and Word briefs (第N期).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub issue: Option<u32>,

    /// Which cases the overview covers.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// A case repository, its cases/ folder, or one case folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// Data cut-off date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Also list open recommendations due within this many days, across cases, soonest first.
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
}

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The case (folder name under cases/, or a case folder).
    #[arg(add = ArgValueCandidates::new(candidates::case_ids))]
    pub case: String,

    /// The recommendation id.
    #[arg(add = ArgValueCandidates::new(candidates::rec_ids))]
    pub rec: String,

    /// The case repository.
    #[arg(long, default_value = ".", value_name = "PATH")]
    pub repo: PathBuf,

    /// Data cut-off date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Arguments of `templates`.
#[derive(Debug, clap::Args)]
pub struct TemplatesArgs {
    /// The case repository whose templates/ folder receives the files.
    #[arg(default_value = ".")]
    pub repo: PathBuf,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A case repository, its `cases/` folder, one case folder, or one file of a case (its case is checked, that
    /// file's problems first; default: the current folder).
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// Cut-off date (YYYY-MM-DD): records dated later are reported (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Treat warnings as problems (exit 1).
    #[arg(long)]
    pub strict: bool,
}

/// The command line in `lang`: the clap definition above, with Chinese texts, headings and usage for `zh`.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = <Args as clap::CommandFactory>::command();
    match lang {
        Lang::Zh => zh::chinese(cmd),
        Lang::En => cmd,
    }
}
