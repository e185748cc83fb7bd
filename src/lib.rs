//! rexieshang (再协商): case files, checks and briefs for CPPCC follow-up consultations.
//!
//! The pipeline: [`cli`] arguments → [`config`] → [`load`] (files → [`decode`] → [`yaml`] → [`read`] /
//! [`records`] → [`model`]) → [`check`] → output. Commands live in [`cmd`].

pub mod lang;

pub mod brief;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod decode;
pub mod diag;
pub mod docx;
pub mod export;
pub mod load;
pub mod model;
pub mod output;
pub mod overview;
pub mod pdf;
pub mod print;
pub mod progress;
pub mod read;
pub mod records;
pub mod render;
pub mod run;
pub mod schema;
pub mod yaml;
