//! rexieshang (再协商): case files, checks and briefs for CPPCC follow-up consultations.
//!
//! The pipeline, one folder a stage; imports point down this list, never up:
//! - leaves used by every stage: [`lang`] (two-language text), [`fmt`] (dates, numbers, text widths),
//!   [`diag`] (diagnostics, their codes and how they are printed);
//! - [`case`]: reading a case repository — bytes → [`case::decode`] → [`case::yaml`] → [`case::reader`] →
//!   [`case::records`] → [`case::model`], with [`case::config`] and [`case::load`] (the files on disk);
//! - [`check`]: every check across the files of a case;
//! - [`figures`]: the implementation degree, states and flags at a cut-off (pure computation);
//! - [`brief`]: what the outputs see — the brief and overview models and the export rows, in words;
//! - [`output`]: templates, Markdown, HTML, PDF, Word, CSV/JSON/XLSX and the atomic writer;
//! - [`cmd`]: one module per subcommand (resolve → load → compute → render → write);
//! - [`cli`] (the arguments as clap sees them) and [`app`] (arguments → settings → command → exit code).

pub mod lang;

pub mod fmt;

pub mod diag;

pub mod case;

pub mod check;

pub mod figures;

pub mod brief;

pub mod output;

pub mod cmd;

pub mod cli;

pub mod settings;

pub mod app;
