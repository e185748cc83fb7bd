//! `rexieshang schema [DIR]`: write the JSON Schemas of every file kind.

use crate::app::{Env, ExitStatus};
use crate::case::schema::{KINDS, schema_json};
use crate::cli::SchemaArgs;
use crate::output::writer::write_atomic;
use std::io::Write;
use std::path::Path;

/// Writes every schema into `dir`, returning the paths written (as shown).
pub fn write_schemas(dir: &Path) -> Result<Vec<String>, crate::diag::Diagnostic> {
    let mut written = Vec::new();
    for (kind, file) in KINDS {
        let path = dir.join(file);
        let text = schema_json(kind).unwrap_or_default();
        write_atomic(&path, text.as_bytes())?;
        let shown = path.to_string_lossy().replace('\\', "/");
        written.push(shown.strip_prefix("./").unwrap_or(&shown).to_string());
    }
    Ok(written)
}

/// Runs `schema`.
pub fn run(args: &SchemaArgs, env: &mut Env) -> ExitStatus {
    match write_schemas(&args.dir) {
        Ok(paths) => {
            for p in paths {
                let _ = writeln!(env.stdout, "{p}");
            }
            ExitStatus::Ok
        }
        Err(d) => env.fatal(&d),
    }
}
