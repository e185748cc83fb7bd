//! A case read and checked: the model when it has no errors, and every problem found, in file order.

use crate::case::config::Config;
use crate::case::load::{CaseDir, Loaded, load_case};
use crate::case::model::Case;
use crate::check::rules::check_case;
use crate::diag::{Diagnostic, Severity, Sources};
use chrono::NaiveDate;

/// A case read and checked: the case if it has no errors, and its problems.
pub struct Checked {
    /// The case, when it has no errors.
    pub case: Option<Case>,
    /// All problems found (errors and warnings), sorted by file and position.
    pub diags: Vec<Diagnostic>,
    /// File texts for showing lines.
    pub sources: Sources,
    /// How many files were read.
    pub files: usize,
}

impl Checked {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// The errors (warnings are left to `check`).
    pub fn error_list(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diags.iter().filter(|d| d.severity == Severity::Error)
    }
}

/// Reads one case and runs every check. `latest` is the latest date a record may have: for figures at an earlier
/// cut-off, later records are simply left out, so only records after today (or after a later cut-off) are errors.
pub fn load_checked(dir: &CaseDir, cfg: &Config, latest: NaiveDate) -> Checked {
    let Loaded {
        case,
        mut diags,
        sources,
        files,
    } = load_case(dir, cfg);
    if let Some(c) = &case {
        diags.extend(check_case(c, cfg, latest));
    }
    sort(&mut diags);
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    Checked {
        case: case.filter(|_| !has_errors),
        diags,
        sources,
        files,
    }
}

/// Sorts diagnostics by file, then position.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.pos.map(|p| (p.line, p.col))).cmp(&(&b.file, b.pos.map(|p| (p.line, p.col))))
    });
}
