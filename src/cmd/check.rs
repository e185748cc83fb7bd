//! `rexieshang check`: read every case and report every problem.

use crate::check::checked::{load_checked, sort};
use crate::cli::CheckArgs;
use crate::cmd::env::{Env, ExitStatus, Outcome};
use crate::cmd::open::{Start, start};
use crate::cmd::parallel::ordered;
use crate::diag::{Code, Diagnostic, Sources, count};
use crate::tx;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs `check`.
pub fn run(args: &CheckArgs, env: &mut Env) -> Outcome {
    // A file: the case it belongs to is checked, that file's problems first.
    let (path, first) = match case_of_file(&args.path) {
        Some(dir) => (dir, args.path.canonicalize().ok()),
        None => (args.path.clone(), None),
    };
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &path)?;
    // Unlike figures at an earlier cut-off, check reports every record after the cut-off.
    let as_of = env.settings.as_of;
    // Each case is read, checked and its messages rendered on a worker thread; they are printed in case order.
    let shown = |diags: &[Diagnostic], sources: &Sources| {
        let (errors, warnings) = count(diags);
        (printer.show(diags, sources), errors, warnings)
    };
    let mut repo_diags = repo.diags.clone();
    sort(&mut repo_diags);
    let (text, mut errors, mut warnings) = shown(&repo_diags, &repo.sources);
    let _ = env.stderr.write_all(text.as_bytes());
    let mut files = 0;
    let stderr = &mut env.stderr;
    let Ok(()) = ordered(
        &repo.cases,
        |dir| {
            let mut checked = load_checked(dir, &repo.config, as_of);
            if let Some(file) = &first {
                let other = |d: &Diagnostic| {
                    d.file
                        .as_deref()
                        .and_then(|f| Path::new(f).canonicalize().ok())
                        .as_ref()
                        != Some(file)
                };
                checked.diags.sort_by_key(other);
            }
            (shown(&checked.diags, &checked.sources), checked.files)
        },
        |((text, e, w), f)| {
            let _ = stderr.write_all(text.as_bytes());
            errors += e;
            warnings += w;
            files += f;
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let cases = repo.cases.len();
    if cases == 0 {
        let d = Diagnostic::warning(
            Code::W303,
            tx!("没有找到议题文件夹", "no case folders found"),
        )
        .help(tx!(
            "议题放在 cases/ 下，每个议题一个文件夹，内含 case.yaml。",
            "Cases live under cases/, one folder each, with a case.yaml."
        ));
        env.show(&printer, &[d], &Sources::default());
        warnings += 1;
    }
    let _ = writeln!(
        env.stderr,
        "{}",
        summary(cases, files, errors, warnings).get(lang)
    );
    Ok(if errors > 0 || (args.strict && warnings > 0) {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    })
}

/// The case folder a file is in (the nearest folder above it with a case.yaml), when `path` is a file.
fn case_of_file(path: &Path) -> Option<PathBuf> {
    if !path.is_file() {
        return None;
    }
    path.ancestors()
        .skip(1)
        .take(3)
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .find(|d| d.join(crate::case::load::CASE_FILE).is_file())
        .map(Path::to_path_buf)
}

fn summary(cases: usize, files: usize, errors: usize, warnings: usize) -> crate::lang::Text {
    if errors + warnings == 0 {
        tx!(
            "检查了 {cases} 个议题、{files} 个文件：没有发现问题。",
            "Checked {cases} case(s), {files} file(s): no problems found."
        )
    } else {
        tx!(
            "检查了 {cases} 个议题、{files} 个文件：{errors} 个错误，{warnings} 个警告。",
            "Checked {cases} case(s), {files} file(s): {errors} error(s), {warnings} warning(s)."
        )
    }
}
