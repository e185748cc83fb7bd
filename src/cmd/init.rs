//! `rexieshang init [DIR]`: a new case repository. Refuses to overwrite anything that exists.

use crate::case::schema::KINDS;
use crate::cli::InitArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::schema::write_schemas;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::output::templates::INIT_FILES;
use crate::output::writer::{taken, write_atomic};
use crate::tx;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `init`.
pub fn run(args: &InitArgs, env: &mut Env) -> Outcome {
    let lang = env.settings.lang(None);
    let dir = &args.dir;
    let targets: Vec<std::path::PathBuf> = INIT_FILES
        .iter()
        .map(|(p, _)| dir.join(p))
        .chain(KINDS.iter().map(|(_, f)| dir.join("schemas").join(f)))
        .chain(std::iter::once(
            dir.join("schemas").join(crate::cmd::schema::EXPORT_SCHEMA),
        ))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|p| taken(p))
        .map(|p| shown(p))
        .collect();
    if !existing.is_empty() {
        let list = existing.join("、");
        let d = Diagnostic::error(Code::E801, tx!("这些文件已经存在，init 不会覆盖：{list}", "these files exist and init never overwrites: {list}"))
            .help(tx!(
                "换一个空文件夹运行 rexieshang init；已有的仓库不需要再 init。只想更新编辑器用的 schema 时运行 rexieshang schema。",
                "Run rexieshang init in an empty folder; an existing repository needs no init. To refresh the editor schemas, run rexieshang schema."
            ));
        return Err(Failure::fatal(d));
    }
    for (path, text) in INIT_FILES {
        let target = dir.join(path);
        write_atomic(&target, text.as_bytes()).map_err(Failure::fatal)?;
        #[cfg(unix)]
        if path.starts_with("hooks/") {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755));
        }
        env.wrote(&target);
    }
    for p in write_schemas(&dir.join("schemas")).map_err(Failure::fatal)? {
        env.wrote(&p);
    }
    let git = if args.no_git {
        tx!("", "")
    } else {
        git_init(dir)
    };
    let hint = tx!(
        "议题仓库已建好。{}下一步：有建议案的 Word 文件时 rexieshang import proposal 建议案.docx --case 编号，否则 rexieshang new case 编号 --title 议题名称；格式说明见 docs/format.md。",
        "Repository created. {}Next: from the proposal in Word, rexieshang import proposal PROPOSAL.docx --case ID; else rexieshang new case ID --title TOPIC. The file format is in docs/format.md.";
        git.zh, git.en
    );
    let _ = writeln!(env.stderr, "{}", hint.get(lang));
    Ok(ExitStatus::Ok)
}

/// Runs `git init` in `dir` when git is installed and `dir` is in no git repository yet, and installs the
/// pre-commit hook there; says what it did.
fn git_init(dir: &Path) -> Text {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    match git(&["rev-parse", "--is-inside-work-tree"]) {
        Err(_) => {
            return tx!(
                "没有找到 git，未建 git 仓库（装上 git 后运行 git init）。",
                "git is not installed: no git repository was made (run git init once it is). "
            );
        }
        Ok(s) if s.success() => {
            return tx!(
                "文件夹已在 git 仓库里，没有再运行 git init。",
                "The folder is already in a git repository: git init was not run. "
            );
        }
        Ok(_) => {}
    }
    if !git(&["init", "-q"]).is_ok_and(|s| s.success()) {
        return tx!(
            "git init 没有成功，请自己运行。",
            "git init did not succeed; run it yourself. "
        );
    }
    let hook = dir.join(".git/hooks/pre-commit");
    let installed = std::fs::copy(dir.join("hooks/pre-commit"), &hook).is_ok();
    #[cfg(unix)]
    if installed {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755));
    }
    if installed {
        tx!(
            "已运行 git init，并装上了提交前检查（.git/hooks/pre-commit）。",
            "Ran git init and installed the pre-commit check (.git/hooks/pre-commit). "
        )
    } else {
        tx!("已运行 git init。", "Ran git init. ")
    }
}
