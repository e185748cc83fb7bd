//! The command line validated once, before any command runs: the raw strings of [`crate::cli`] become dates, a
//! language, colour choices and an output place (raw → validated, so no command parses an argument again).

use crate::cli::{Args, ColorChoice, Command, ImportCommand, NewCommand};
use crate::diag::{Code, Diagnostic};
use crate::fmt::date::parse_date;
use crate::lang::Lang;
use crate::tx;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Where a command writes what it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// `-o -`: standard output.
    Stdout,
    /// `-o PATH`: that file or folder.
    Path(PathBuf),
    /// No `-o`: the repository's output folder.
    Default,
}

/// Everything a command needs from the command line besides its own arguments, checked.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Today (`app` alone reads the clock).
    pub today: NaiveDate,
    /// The data cut-off: `--as-of`, else today.
    pub as_of: NaiveDate,
    /// The latest date a record may carry without being an error: the later of the cut-off and today, since a
    /// brief at an earlier cut-off simply leaves later records out.
    pub latest: NaiveDate,
    /// `report --meeting`: the meeting the brief prepares.
    pub meeting: Option<NaiveDate>,
    /// The date a `new` command is given (`--date`, or `--adopted` for a case).
    pub date: Option<NaiveDate>,
    /// `--lang`, when given.
    pub lang: Option<Lang>,
    /// Where the output goes (`-o`).
    pub output: Output,
    /// Colour messages on standard error.
    pub color: bool,
    /// Colour standard output.
    pub color_stdout: bool,
}

/// Whether standard error and standard output are terminals, and whether `NO_COLOR` is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Standard error is a terminal.
    pub stderr: bool,
    /// Standard output is a terminal.
    pub stdout: bool,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
}

/// Arguments that did not validate: the usage error, and settings good enough to print it (the colour choice,
/// and the language when `--lang` itself was valid).
#[derive(Debug)]
pub struct Rejected {
    /// What is wrong.
    pub diag: Diagnostic,
    /// Defaults for everything but colour and language.
    pub settings: Settings,
}

impl Settings {
    /// Validates the arguments.
    pub fn resolve(
        args: &Args,
        today: NaiveDate,
        term: Terminal,
    ) -> Result<Settings, Box<Rejected>> {
        let (color, color_stdout) = match args.color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto => (!term.no_color && term.stderr, !term.no_color && term.stdout),
        };
        let mut settings = Settings {
            today,
            as_of: today,
            latest: today,
            meeting: None,
            date: None,
            lang: None,
            output: Output::Default,
            color,
            color_stdout,
        };
        match settings.read(args) {
            Ok(()) => Ok(settings),
            Err(diag) => Err(Box::new(Rejected { diag, settings })),
        }
    }

    /// Reads the language, the dates and the output place into `self`; stops at the first that is wrong.
    fn read(&mut self, args: &Args) -> Result<(), Diagnostic> {
        if let Some(l) = &args.lang {
            self.lang = Some(Lang::parse(l).ok_or_else(|| {
                Diagnostic::error(
                    Code::E007,
                    tx!(
                        "`--lang` 只能是 zh 或 en，这里是 `{l}`",
                        "`--lang` must be zh or en, not `{l}`"
                    ),
                )
                .help(tx!("例如 --lang en。", "For example --lang en."))
            })?);
        }
        let raw = Raw::of(&args.command);
        self.as_of = date("--as-of", "2020-06-30", raw.as_of)?.unwrap_or(self.today);
        self.latest = self.as_of.max(self.today);
        self.meeting = date("--meeting", "2021-12-16", raw.meeting)?;
        if let Some((flag, v)) = raw.date {
            self.date = date(flag, "2020-06-23", Some(v))?;
        }
        self.output = match raw.output {
            None => Output::Default,
            Some("-") => Output::Stdout,
            Some(p) => Output::Path(PathBuf::from(p)),
        };
        Ok(())
    }

    /// The language: the command line wins, then the repository's config, then Chinese.
    pub fn lang(&self, config: Option<Lang>) -> Lang {
        self.lang.or(config).unwrap_or_default()
    }
}

/// The raw strings of the arguments [`Settings`] validates, wherever the command keeps them.
#[derive(Default)]
struct Raw<'a> {
    as_of: Option<&'a str>,
    meeting: Option<&'a str>,
    date: Option<(&'static str, &'a str)>,
    output: Option<&'a str>,
}

impl<'a> Raw<'a> {
    fn of(command: &'a Command) -> Raw<'a> {
        match command {
            Command::Check(a) => Raw::as_of(a.as_of.as_deref()),
            Command::Status(a) => Raw::as_of(a.as_of.as_deref()),
            Command::Explain(a) => Raw::as_of(a.as_of.as_deref()),
            Command::Export(a) => Raw {
                output: a.output.as_deref(),
                ..Raw::as_of(a.as_of.as_deref())
            },
            Command::Report(a) => Raw {
                meeting: a.meeting.as_deref(),
                output: a.output.as_deref(),
                ..Raw::as_of(a.as_of.as_deref())
            },
            Command::Forms(a) => Raw {
                meeting: a.meeting.as_deref(),
                output: a.output.as_deref(),
                ..Raw::as_of(a.as_of.as_deref())
            },
            Command::Notices(a) => Raw {
                output: a.output.as_deref(),
                ..Raw::as_of(a.as_of.as_deref())
            },
            Command::Import(ImportCommand::Tally { meeting, .. }) => Raw {
                meeting: Some(meeting.as_str()),
                ..Raw::default()
            },
            Command::New(NewCommand::Case { adopted, .. })
            | Command::Import(ImportCommand::Proposal { adopted, .. }) => Raw {
                date: adopted.as_deref().map(|d| ("--adopted", d)),
                ..Raw::default()
            },
            Command::New(NewCommand::Reply { date, .. } | NewCommand::Meeting { date, .. }) => {
                Raw {
                    date: Some(("--date", date.as_str())),
                    ..Raw::default()
                }
            }
            _ => Raw::default(),
        }
    }

    fn as_of(as_of: Option<&'a str>) -> Raw<'a> {
        Raw {
            as_of,
            ..Raw::default()
        }
    }
}

/// A date flag's value, or a usage error that shows how to write it.
fn date(flag: &str, example: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Diagnostic> {
    let Some(v) = value else { return Ok(None) };
    parse_date(v).map(Some).map_err(|_| {
        Diagnostic::error(
            Code::E007,
            tx!(
                "`{flag}` 的日期不对：`{v}`",
                "`{flag}` is not a valid date: `{v}`"
            ),
        )
        .help(tx!(
            "写成 {flag} {example}。",
            "Write it as {flag} {example}."
        ))
    })
}
