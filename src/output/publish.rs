//! Turning a rendered Markdown document into the format asked for: Markdown as is, HTML, PDF or Word.

use crate::diag::Code;
use crate::diag::{Diagnostic, Printer};
use crate::lang::Lang;
use crate::output::html::{Chart, page};
use crate::output::templates::{Renderer, TemplateError, Templates};
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

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
    Template(Box<TemplateError>),
}

/// What a format needs besides the Markdown.
pub struct Publisher<'a> {
    /// The format.
    pub format: Format,
    /// The HTML page template, compiled (HTML and PDF only).
    pub page: Option<Renderer<'a>>,
    /// The browser for PDFs.
    pub browser: Option<PathBuf>,
    /// Language.
    pub lang: Lang,
}

impl<'a> Publisher<'a> {
    /// A publisher for `format`; for PDF the browser is found now, so a missing one stops before any work.
    pub fn new(
        format: Format,
        browser: Option<&std::path::Path>,
        templates: &'a Templates,
        lang: Lang,
    ) -> Result<Publisher<'a>, SetupError> {
        let browser = match format {
            Format::Pdf => Some(
                crate::output::pdf::find_browser(browser)
                    .map_err(|d| SetupError::Browser(Box::new(d)))?,
            ),
            _ => None,
        };
        let page = match format {
            Format::Html | Format::Pdf => Some(
                Renderer::named(templates, "brief.html", lang, false)
                    .map_err(SetupError::Template)?,
            ),
            _ => None,
        };
        Ok(Publisher {
            format,
            page,
            browser,
            lang,
        })
    }

    /// Whether the Markdown should carry the coloured-light markers (HTML and PDF).
    pub fn marks(&self) -> bool {
        matches!(self.format, Format::Html | Format::Pdf)
    }

    /// The bytes of the document, or a diagnostic (printed by the caller).
    pub fn publish(
        &self,
        markdown: String,
        title: &str,
        charts: &[Chart],
        printer: &Printer,
        err: &mut dyn Write,
    ) -> Option<Vec<u8>> {
        let html = |err: &mut dyn Write| match self
            .page
            .as_ref()
            .map(|r| page(r, &markdown, title, charts, self.lang))
        {
            None => None,
            Some(Ok(h)) => Some(h),
            Some(Err(e)) => {
                let _ = writeln!(err, "{}", printer.render(&e.diag, &e.sources));
                None
            }
        };
        let failed = |d: Diagnostic, err: &mut dyn Write| {
            let _ = writeln!(err, "{}", printer.render(&d, &Default::default()));
            None
        };
        match self.format {
            Format::Md => Some(markdown.into_bytes()),
            Format::Html => html(err).map(String::into_bytes),
            Format::Pdf => {
                let h = html(err)?;
                let browser = self.browser.as_ref()?;
                match crate::output::pdf::print(browser, &h) {
                    Ok(b) => Some(b),
                    Err(d) => failed(d, err),
                }
            }
            Format::Docx => {
                match crate::output::docx::markdown_to_docx(&markdown, self.lang == Lang::Zh) {
                    Ok(b) => Some(b),
                    Err(e) => failed(
                        Diagnostic::error(
                            Code::E703,
                            crate::tx!(
                                "生成 Word 文件失败：{e}",
                                "could not build the Word file: {e}"
                            ),
                        ),
                        err,
                    ),
                }
            }
        }
    }
}

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
