//! `rexieshang templates`: write the built-in templates into the repository's `templates/` folder for editing.
//! Existing files are never overwritten.

use crate::app::{Env, ExitStatus};
use crate::cli::TemplatesArgs;
use crate::output::templates::{BUILTIN, TEMPLATES_DIR};
use crate::output::writer::write_atomic;
use crate::tx;
use std::io::Write;

/// Runs `templates`.
pub fn run(args: &TemplatesArgs, env: &mut Env) -> ExitStatus {
    let lang = env.lang(None);
    let dir = args.repo.join(TEMPLATES_DIR);
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        let shown = path.to_string_lossy().replace('\\', "/");
        let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
        if path.exists() {
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
        if let Err(d) = write_atomic(&path, text.as_bytes()) {
            return env.fatal(&d);
        }
        let _ = writeln!(env.stdout, "{shown}");
    }
    ExitStatus::Ok
}
