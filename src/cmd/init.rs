//! `rexieshang init [DIR]`: a new case repository. Refuses to overwrite anything that exists.

use crate::case::schema::KINDS;
use crate::cli::InitArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::schema::write_schemas;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::output::templates::INIT_FILES;
use crate::output::writer::{taken, write_atomic};
use crate::tx;
use std::io::Write;

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
    let hint = tx!(
        "议题仓库已建好。下一步：rexieshang new case 编号 --title 议题名称",
        "Repository created. Next: rexieshang new case ID --title TOPIC"
    );
    let _ = writeln!(env.stderr, "{}", hint.get(lang));
    Ok(ExitStatus::Ok)
}
