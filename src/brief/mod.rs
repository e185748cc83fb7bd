//! What the outputs see, in words: the brief model templates render ([`model`], built by [`build()`] from a case
//! and its figures, read by templates through [`objects`]), the overview across cases ([`overview`]), the export
//! rows ([`rows`]), the meeting's forms ([`forms`]), the notices to departments
//! ([`notices`]), `explain`'s text ([`explanation`]), and the one vocabulary they all use ([`words`]).

pub mod build;
pub mod explanation;
pub mod forms;
pub mod model;
pub mod notices;
pub mod objects;
pub mod overview;
pub mod rows;
pub mod words;

mod context;
mod items;
mod overall;
mod parts;
mod problems;
mod records;

pub use build::build;
pub use model::Brief;
