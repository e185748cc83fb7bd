//! Everything that leaves the tool as a file or a page: templates ([`templates`]) and the Markdown they render
//! ([`markdown`], with the [`marks`] for drawn lights, bars and charts), HTML pages with charts ([`html`]), PDF
//! typeset in-process ([`typeset`]), Word ([`docx`]), the choice between them ([`publish`]), exports
//! ([`export`], their columns in [`table`], workbooks in [`xlsx`]), and the atomic writer ([`writer`]).

pub mod case_edit;
pub mod case_file;
pub mod columns;
pub mod docx;
pub mod export;
pub mod html;
pub mod markdown;
pub mod marks;
pub mod masthead;
pub mod meeting_file;
pub mod publish;
pub mod raster;
pub mod table;
pub mod tally;
pub mod templates;
pub mod typeset;
pub mod writer;
pub mod xlsx;
