//! `rexieshang templates`: write the built-in templates into the repository's `templates/` folder for editing.
//! Existing files are never overwritten.

use crate::cli::TemplatesArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::output::templates::{BUILTIN, TEMPLATES_DIR};
use crate::output::writer::{taken, write_atomic};
use crate::tx;
use std::io::Write;

/// Runs `templates`.
pub fn run(args: &TemplatesArgs, env: &mut Env) -> Outcome {
    let lang = env.settings.lang(None);
    let dir = args.repo.join(TEMPLATES_DIR);
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        let shown = shown(&path);
        if taken(&path) {
            let _ = writeln!(
                env.stderr,
                "{}",
                tx!(
                    "已存在，未覆盖：{shown}",
                    "exists, not overwritten: {shown}"
                )
                .get(lang)
            );
            continue;
        }
        write_atomic(&path, text.as_bytes()).map_err(Failure::fatal)?;
        env.wrote(&path);
    }
    Ok(ExitStatus::Ok)
}
