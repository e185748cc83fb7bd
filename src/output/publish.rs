//! Turning a rendered Markdown document into the format asked for: Markdown as is, HTML, PDF or Word.

use crate::diag::{Diagnostic, Located};
use crate::lang::Lang;
use crate::output::html::{Chart, page};
use crate::output::templates::{Renderer, Templates};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// Brief formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// PDF, printed with a headless browser.
    Pdf,
    /// Word.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Why a format cannot be produced at all: no browser for PDF, or a broken page template.
pub enum SetupError {
    /// No usable browser.
    Browser(Box<Diagnostic>),
    /// The HTML page template does not compile.
    Template(Box<Located>),
}

/// What a format needs besides the Markdown.
enum Target<'a> {
    Md,
    /// The compiled page template.
    Html(Renderer<'a>),
    /// The compiled page template and the browser that prints it.
    Pdf(Renderer<'a>, PathBuf),
    Docx,
}

/// Turns rendered Markdown into the format asked for.
pub struct Publisher<'a> {
    target: Target<'a>,
    lang: Lang,
}

impl<'a> Publisher<'a> {
    /// A publisher for `format`; for PDF the browser is found now, so a missing one stops before any work.
    pub fn new(
        format: Format,
        browser: Option<&Path>,
        templates: &'a Templates,
        lang: Lang,
    ) -> Result<Publisher<'a>, SetupError> {
        let page =
            || Renderer::named(templates, "brief.html", lang, false).map_err(SetupError::Template);
        let target = match format {
            Format::Md => Target::Md,
            Format::Docx => Target::Docx,
            Format::Html => Target::Html(page()?),
            Format::Pdf => {
                let browser = crate::output::pdf::find_browser(browser)
                    .map_err(|d| SetupError::Browser(Box::new(d)))?;
                Target::Pdf(page()?, browser)
            }
        };
        Ok(Publisher { target, lang })
    }

    /// Whether the Markdown should carry the markers of drawn lights, bars and charts (HTML and PDF).
    pub fn marks(&self) -> bool {
        matches!(self.target, Target::Html(_) | Target::Pdf(..))
    }

    /// The bytes of the document, or what went wrong.
    pub fn publish(
        &self,
        markdown: String,
        title: &str,
        charts: &[Chart],
    ) -> Result<Vec<u8>, Box<Located>> {
        match &self.target {
            Target::Md => Ok(markdown.into_bytes()),
            Target::Html(r) => Ok(page(r, &markdown, title, charts, self.lang)?.into_bytes()),
            Target::Pdf(r, browser) => {
                let html = page(r, &markdown, title, charts, self.lang)?;
                Ok(crate::output::pdf::from_html(browser, &html).map_err(Located::from)?)
            }
            Target::Docx => Ok(crate::output::docx::markdown_to_docx(
                &markdown,
                self.lang == Lang::Zh,
            )
            .map_err(Located::from)?),
        }
    }
}
