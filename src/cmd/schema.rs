//! `rexieshang schema [DIR]`: write the JSON Schemas of every file kind and of the JSON export.

use crate::case::schema::{KINDS, schema_json};
use crate::cli::SchemaArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::output::writer::write_atomic;
use std::path::{Path, PathBuf};

/// The file name of the JSON export's schema.
pub const EXPORT_SCHEMA: &str = "export.schema.json";

/// Writes every schema into `dir`, returning the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, crate::diag::Diagnostic> {
    let mut written = Vec::new();
    for (kind, file) in KINDS {
        let path = dir.join(file);
        let text = schema_json(kind).unwrap_or_default();
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    // The JSON export's shape, for those who read exports with a program.
    let path = dir.join(EXPORT_SCHEMA);
    write_atomic(&path, crate::output::export::json_schema().as_bytes())?;
    written.push(path);
    Ok(written)
}

/// Runs `schema`.
pub fn run(args: &SchemaArgs, env: &mut Env) -> Outcome {
    for p in write_schemas(&args.dir).map_err(Failure::fatal)? {
        env.wrote(&p);
    }
    Ok(ExitStatus::Ok)
}
