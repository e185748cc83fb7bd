//! Turning a rendered Markdown document into the format asked for: Markdown as is, HTML, PDF or Word.

use crate::cli::Format;
use crate::diag::{Diagnostic, Printer};
use crate::lang::Lang;
use crate::print::{Chart, page};
use crate::render::Templates;
use std::io::Write;
use std::path::PathBuf;

/// What a format needs besides the Markdown.
pub struct Publisher<'a> {
    /// The format.
    pub format: Format,
    /// Templates (the HTML page template among them).
    pub templates: &'a Templates,
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
    ) -> Result<Publisher<'a>, Diagnostic> {
        let browser = match format {
            Format::Pdf => Some(crate::pdf::find_browser(browser)?),
            _ => None,
        };
        Ok(Publisher {
            format,
            templates,
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
        markdown: &str,
        title: &str,
        charts: &[Chart],
        printer: &Printer,
        err: &mut dyn Write,
    ) -> Option<Vec<u8>> {
        let html =
            |err: &mut dyn Write| match page(self.templates, markdown, title, charts, self.lang) {
                Ok(h) => Some(h),
                Err(e) => {
                    let _ = writeln!(err, "{}", printer.render(&e.diag, &e.sources));
                    None
                }
            };
        let failed = |d: Diagnostic, err: &mut dyn Write| {
            let _ = writeln!(err, "{}", printer.render(&d, &Default::default()));
            None
        };
        match self.format {
            Format::Md => Some(markdown.as_bytes().to_vec()),
            Format::Html => html(err).map(String::into_bytes),
            Format::Pdf => {
                let h = html(err)?;
                let browser = self.browser.as_ref()?;
                match crate::pdf::print(browser, &h) {
                    Ok(b) => Some(b),
                    Err(d) => failed(d, err),
                }
            }
            Format::Docx => match crate::docx::markdown_to_docx(markdown, self.lang == Lang::Zh) {
                Ok(b) => Some(b),
                Err(e) => failed(
                    Diagnostic::error(
                        "E703",
                        crate::tx!(
                            "生成 Word 文件失败：{e}",
                            "could not build the Word file: {e}"
                        ),
                    ),
                    err,
                ),
            },
        }
    }
}
