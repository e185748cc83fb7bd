//! One module per subcommand; each reads as load → compute → render → write. Shared steps live here.

pub mod check;
pub mod explain;
pub mod export;
pub mod formats;
pub mod init;
pub mod new;
pub mod overview;
pub mod report;
pub mod schema;
pub mod shell;
pub mod status;
pub mod templates;

use crate::check::check_case;
use crate::config::Config;
use crate::diag::{Diagnostic, Printer, Severity, Sources};
use crate::load::{CaseDir, Loaded, Repo, load_case};
use crate::model::Case;
use crate::tx;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

/// What every command that reads a repository starts from.
pub struct Start {
    /// The cut-off date (`--as-of`, else today).
    pub as_of: NaiveDate,
    /// The repository.
    pub repo: Repo,
    /// The language: `--lang`, else the repository's.
    pub lang: crate::lang::Lang,
    /// Prints messages in that language.
    pub printer: Printer,
}

/// Reads `--as-of` and opens the repository at `path`. On failure the message is printed and the exit status
/// returned.
pub fn start(
    env: &mut crate::run::Env,
    as_of: Option<&str>,
    path: &Path,
) -> Result<Start, crate::run::ExitStatus> {
    let as_of = env.as_of(as_of)?;
    let repo = crate::load::open(path).map_err(|crate::load::Fatal(d)| env.fatal(&d))?;
    let lang = env.lang(Some(repo.config.lang));
    Ok(Start {
        as_of,
        repo,
        lang,
        printer: Printer::new(lang, env.color),
    })
}

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

    /// Prints the errors (warnings are left to `check`).
    pub fn print_errors(&self, printer: &Printer, err: &mut dyn Write) {
        for d in self.diags.iter().filter(|d| d.severity == Severity::Error) {
            let _ = writeln!(err, "{}", printer.render(d, &self.sources));
        }
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

/// Finds a case by folder name in the repository, or as a path to a case folder.
pub fn resolve_case(repo: &Repo, arg: &str) -> Result<CaseDir, Diagnostic> {
    if let Some(d) = repo.cases.iter().find(|c| c.id == arg) {
        return Ok(d.clone());
    }
    let p = Path::new(arg);
    if p.join(crate::load::CASE_FILE).is_file() {
        let id = p
            .file_name()
            .map_or_else(|| arg.to_string(), |n| n.to_string_lossy().into_owned());
        return Ok(CaseDir {
            id,
            path: p.to_path_buf(),
        });
    }
    let known: Vec<&str> = repo.cases.iter().map(|c| c.id.as_str()).collect();
    let hint = match crate::read::nearest(arg, known.iter().copied()) {
        Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
        None => tx!("", ""),
    };
    let listed = if known.is_empty() {
        "—".to_string()
    } else {
        known.join("、")
    };
    Err(
        Diagnostic::error("E008", tx!("找不到议题 `{arg}`", "no case `{arg}`"))
            .help(tx!("{}现有议题：{listed}。", "{}Cases: {listed}."; hint.zh, hint.en)),
    )
}

/// The cases to work on: the ones named, else every case in the repository.
pub fn selected(repo: &Repo, named: &[String]) -> Result<Vec<CaseDir>, Diagnostic> {
    if named.is_empty() {
        return Ok(repo.cases.clone());
    }
    named.iter().map(|c| resolve_case(repo, c)).collect()
}

/// Per worker thread, how many items a batch of [`ordered`] holds: enough to keep every thread busy, few enough
/// that only a handful of cases' results are held at once.
const BATCH_PER_THREAD: usize = 16;

/// Runs `work` on every item on all cores and hands the results to `emit`, on this thread, in the order of `items`:
/// the output is the same as a single-threaded run's. Items go in batches; while `emit` handles one batch (printing,
/// writing files) the workers already do the next, so at most two batches of results are in memory. `emit` may stop
/// the run; the batch being worked on then is finished and dropped, and later items are not worked on.
pub fn ordered<I: Sync, T: Send, E>(
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
    mut emit: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let batch = rayon::current_num_threads().max(1) * BATCH_PER_THREAD;
    let work = &work;
    let compute = move |chunk: &[I]| chunk.par_iter().map(work).collect::<Vec<T>>();
    std::thread::scope(|scope| {
        let mut chunks = items.chunks(batch);
        let mut current = chunks.next().map(compute);
        while let Some(results) = current {
            let next = chunks.next().map(|c| scope.spawn(move || compute(c)));
            for r in results {
                emit(r)?;
            }
            current = match next.map(|h| h.join()) {
                None => None,
                Some(Ok(v)) => Some(v),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
            };
        }
        Ok(())
    })
}

/// Reads and checks the cases in `dirs`, in parallel, and hands each clean one to `work` (on a worker thread) and
/// its result to `emit` (in the order of `dirs`, on this thread). Cases with errors have their errors printed and
/// are skipped. At most two batches of cases are in memory at once. Returns whether any was skipped; `emit` may stop
/// the run with an exit status.
pub fn each_clean_case<T: Send>(
    dirs: &[CaseDir],
    cfg: &Config,
    latest: NaiveDate,
    printer: &Printer,
    env: &mut crate::run::Env,
    work: impl Fn(Case) -> T + Sync,
    mut emit: impl FnMut(T, &mut crate::run::Env) -> Result<(), crate::run::ExitStatus>,
) -> Result<bool, crate::run::ExitStatus> {
    let mut skipped = false;
    ordered(
        dirs,
        |dir| {
            let checked = load_checked(dir, cfg, latest);
            match checked.case {
                Some(c) => Ok(work(c)),
                None => {
                    let mut text = String::new();
                    for d in checked
                        .diags
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                    {
                        text.push_str(&printer.render(d, &checked.sources));
                        text.push('\n');
                    }
                    let (id, errors) = (&dir.id, checked.errors());
                    let msg = tx!(
                        "议题 {id} 有 {errors} 个错误，已跳过；改正后再运行（rexieshang check 可列出全部问题）。",
                        "case {id} has {errors} error(s) and was skipped. Fix them first (rexieshang check lists every problem)."
                    );
                    text.push_str(msg.get(printer.lang()));
                    text.push('\n');
                    Err(text)
                }
            }
        },
        |result| match result {
            Ok(t) => emit(t, env),
            Err(text) => {
                let _ = env.stderr.write_all(text.as_bytes());
                skipped = true;
                Ok(())
            }
        },
    )?;
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_keeps_input_order_and_stops_when_asked() {
        let items: Vec<u64> = (0..1_000).collect();
        let mut seen = Vec::new();
        // Uneven work so that workers finish out of order.
        let work = |&i: &u64| {
            let mut x = i;
            for _ in 0..(i % 7) * 2_000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            (i, x)
        };
        let r: Result<(), ()> = ordered(&items, work, |(i, _)| {
            seen.push(i);
            Ok(())
        });
        assert!(r.is_ok());
        assert_eq!(seen, items);
        let mut seen = Vec::new();
        let r = ordered(&items, work, |(i, _)| {
            if i == 100 {
                return Err(i);
            }
            seen.push(i);
            Ok(())
        });
        assert_eq!(r, Err(100));
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }
}
