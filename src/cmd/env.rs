//! What a command works with and how it ends: its streams and settings ([`Env`]), and its outcome — an exit
//! status, or a [`Failure`] that `app` prints, the one place a stopping error is printed.

use crate::diag::Located;
use crate::diag::{Diagnostic, Printer, Sources};
use crate::lang::Lang;
use crate::output::publish::SetupError;
use crate::settings::Settings;
use std::io::Write;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Success, nothing to report.
    Ok = 0,
    /// The input has problems (check found errors; strict and warnings).
    Problems = 1,
    /// Wrong usage, or a file could not be read or written.
    Failure = 2,
}

/// Why a command stopped: the diagnostics to print and the exit status. Messages a command prints while it goes
/// on (every problem `check` finds, a case skipped by `report`) are its output, not a failure.
#[derive(Debug)]
pub struct Failure {
    /// The exit status.
    pub status: ExitStatus,
    /// What to print.
    pub diags: Vec<Diagnostic>,
    /// The texts the diagnostics point into.
    pub sources: Sources,
    /// The language to print in, when the command knew the repository's; else the command line's.
    pub lang: Option<Lang>,
}

impl Failure {
    /// A usage error, or a path that cannot be read or written: exit 2.
    pub fn fatal(d: Diagnostic) -> Failure {
        Failure {
            status: ExitStatus::Failure,
            diags: vec![d],
            sources: Sources::default(),
            lang: None,
        }
    }

    /// Problems in the user's files that stop the command: exit 1.
    pub fn problems(diags: Vec<Diagnostic>, sources: Sources, lang: Lang) -> Failure {
        Failure {
            status: ExitStatus::Problems,
            diags,
            sources,
            lang: Some(lang),
        }
    }

    /// A template that does not compile or render, or a document that cannot be made: exit 1, with the line
    /// it points to.
    pub fn located(e: Box<Located>, lang: Lang) -> Failure {
        let Located { diag, sources } = *e;
        Failure::problems(vec![diag], sources, lang)
    }

    /// The same failure, printed in `lang` (the repository's language, once it is known).
    pub fn in_lang(mut self, lang: Lang) -> Failure {
        self.lang = Some(lang);
        self
    }

    /// A failure already reported where it happened: only the status.
    pub fn reported(status: ExitStatus) -> Failure {
        Failure {
            status,
            diags: Vec::new(),
            sources: Sources::default(),
            lang: None,
        }
    }

    /// A format that cannot be produced: no fonts for PDF (exit 2) or a broken page template (exit 1).
    pub fn setup(e: SetupError, lang: Lang) -> Failure {
        match e {
            SetupError::Fonts(d) => Failure::fatal(*d),
            SetupError::Template(e) => Failure::located(e, lang),
        }
    }
}

/// How a command ends.
pub type Outcome = Result<ExitStatus, Failure>;

/// What a command may use from its surroundings: output streams and the validated settings.
pub struct Env {
    /// Standard output.
    pub stdout: Box<dyn Write>,
    /// Standard error.
    pub stderr: Box<dyn Write>,
    /// The command line, validated.
    pub settings: Settings,
}

impl Env {
    /// A printer for messages in `lang`, coloured when standard error may be.
    pub fn printer(&self, lang: Lang) -> Printer {
        Printer::new(lang, self.settings.color)
    }

    /// Prints diagnostics on standard error as part of a command's output.
    pub fn show<'d>(
        &mut self,
        printer: &Printer,
        diags: impl IntoIterator<Item = &'d Diagnostic>,
        sources: &Sources,
    ) {
        let _ = self
            .stderr
            .write_all(printer.show(diags, sources).as_bytes());
    }

    /// Prints a failure; the exit status it stands for.
    pub fn print_failure(&mut self, f: &Failure) -> ExitStatus {
        let printer = self.printer(self.settings.lang(f.lang));
        self.show(&printer, &f.diags, &f.sources);
        f.status
    }

    /// Prints a path that was written, as the user would type it.
    pub fn wrote(&mut self, path: &std::path::Path) {
        let _ = writeln!(self.stdout, "{}", shown(path));
    }
}

/// A path as shown to the user: forward slashes, no leading `./`.
pub fn shown(p: &std::path::Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    crate::fmt::text::visible(s.strip_prefix("./").unwrap_or(&s)).into_owned()
}
