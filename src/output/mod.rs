//! Everything that leaves the tool as a file or a page: templates and the Markdown they render
//! ([`templates`]), HTML pages with charts ([`html`]), PDF ([`pdf`]), Word ([`docx`]), the choice between them
//! ([`publish`]), and the atomic writer ([`writer`]).

pub mod docx;
pub mod export;
pub mod html;
pub mod markdown;
pub mod marks;
pub mod publish;
pub mod templates;
pub mod typeset;
pub mod writer;
