//! `rexieshang check`: read every case and report every problem.

use crate::cli::CheckArgs;
use crate::cmd::{load_checked, sort};
use crate::diag::{Diagnostic, Printer, Sources, count};
use crate::load::{Fatal, open};
use crate::run::{Env, ExitStatus};
use crate::tx;
use std::io::Write;

/// Runs `check`.
pub fn run(args: &CheckArgs, env: &mut Env) -> ExitStatus {
    let as_of = match env.as_of(args.as_of.as_deref()) {
        Ok(d) => d,
        Err(status) => return status,
    };
    let repo = match open(&args.path) {
        Ok(r) => r,
        Err(Fatal(d)) => return env.fatal(&d),
    };
    let lang = env.lang(Some(repo.config.lang));
    let printer = Printer::new(lang, env.color);
    let (mut errors, mut warnings, mut files) = (0, 0, 0);
    let mut emit = |diags: &[Diagnostic], sources: &Sources, err: &mut dyn Write| {
        let (e, w) = count(diags);
        errors += e;
        warnings += w;
        for d in diags {
            let _ = writeln!(err, "{}", printer.render(d, sources));
        }
    };
    let mut repo_diags = repo.diags.clone();
    sort(&mut repo_diags);
    emit(&repo_diags, &repo.sources, &mut env.stderr);
    for dir in &repo.cases {
        let checked = load_checked(dir, &repo.config, as_of);
        files += checked.files;
        emit(&checked.diags, &checked.sources, &mut env.stderr);
    }
    let cases = repo.cases.len();
    if cases == 0 {
        let d = Diagnostic::warning("W303", tx!("没有找到议题文件夹", "no case folders found"))
            .help(tx!(
                "议题放在 cases/ 下，每个议题一个文件夹，内含 case.yaml。",
                "Cases live under cases/, one folder each, with a case.yaml."
            ));
        let _ = writeln!(env.stderr, "{}", printer.render(&d, &Default::default()));
        warnings += 1;
    }
    let _ = writeln!(
        env.stderr,
        "{}",
        summary(cases, files, errors, warnings).get(lang)
    );
    if errors > 0 || (args.strict && warnings > 0) {
        ExitStatus::Problems
    } else {
        ExitStatus::Ok
    }
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
