//! Turning a rendered Markdown document into the format asked for: Markdown as is, HTML, PDF or Word.

use crate::diag::{Code, Diagnostic, Located};
use crate::fmt::date::long_date;
use crate::lang::Lang;
use crate::output::html::{Chart, page};
use crate::output::masthead::Masthead;
use crate::output::templates::{Mode, Renderer, Template, Templates};
use crate::output::typeset;
use crate::tx;
use chrono::NaiveDate;
use clap::ValueEnum;
use serde_json::{Value, json};

/// Brief formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// PDF, typeset in-process.
    Pdf,
    /// Word.
    Docx,
}

impl Format {
    /// The formats to write: the one given on the command line, else those configured (`format` in
    /// rexieshang.yaml, already checked against [`Format::ext`]'s names), else Markdown.
    pub fn chosen(given: Option<Format>, configured: &[String]) -> Vec<Format> {
        if let Some(f) = given {
            return vec![f];
        }
        let all = [Format::Md, Format::Html, Format::Pdf, Format::Docx];
        let out: Vec<Format> = configured
            .iter()
            .filter_map(|c| all.iter().copied().find(|f| f.ext() == c))
            .collect();
        if out.is_empty() {
            vec![Format::Md]
        } else {
            out
        }
    }

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

/// Why a format cannot be produced at all: no fonts for PDF, or a broken page template.
pub enum SetupError {
    /// No Chinese font for a role of the printed page.
    Fonts(Box<Diagnostic>),
    /// The page template does not compile.
    Template(Box<Located>),
}

/// What a format needs besides the Markdown.
enum Target<'a> {
    Md,
    /// The compiled page template.
    Html(Renderer<'a>),
    /// The typst page template and the fonts chosen for its roles.
    Pdf(&'a Template, Value),
    Docx,
}

/// Turns rendered Markdown into the format asked for.
pub struct Publisher<'a> {
    target: Target<'a>,
    lang: Lang,
}

/// A rendered document and what the printed forms need besides its Markdown.
pub struct Document<'d> {
    /// The Markdown the template wrote.
    pub markdown: String,
    /// The title (HTML and PDF metadata).
    pub title: &'d str,
    /// Charts drawn from the figures.
    pub charts: &'d [Chart],
    /// The model the Markdown was rendered from (brief or overview), for the PDF template.
    pub model: Value,
    /// The cut-off, the PDF's date.
    pub as_of: NaiveDate,
    /// The issue number and issuing office for the masthead.
    pub masthead: Masthead,
}

impl<'a> Publisher<'a> {
    /// A publisher for `format`; for PDF the fonts are chosen now, so missing ones stop before any work.
    pub fn new(
        format: Format,
        templates: &'a Templates,
        lang: Lang,
    ) -> Result<Publisher<'a>, SetupError> {
        let page = || {
            Renderer::named(templates, "brief.html", lang, Mode::Plain)
                .map_err(SetupError::Template)
        };
        let target = match format {
            Format::Md => Target::Md,
            Format::Docx => Target::Docx,
            Format::Html => Target::Html(page()?),
            Format::Pdf => {
                let fonts = typeset::font_data().map_err(|d| SetupError::Fonts(Box::new(d)))?;
                let template = templates.named("brief.typ").ok_or_else(|| {
                    SetupError::Template(Box::new(Located::from(Diagnostic::error(
                        Code::E601,
                        tx!("没有 brief.typ 模板", "no template brief.typ"),
                    ))))
                })?;
                Target::Pdf(template, fonts)
            }
        };
        Ok(Publisher { target, lang })
    }

    /// What the Markdown is rendered for: itself, a web page, or print.
    pub fn mode(&self) -> Mode {
        match self.target {
            Target::Md => Mode::Plain,
            Target::Html(_) => Mode::Screen,
            Target::Pdf(..) | Target::Docx => Mode::Print,
        }
    }

    /// The model as data for the PDF template; nothing for the other formats, which do not read it.
    pub fn model<T: serde::Serialize>(&self, model: &T) -> Value {
        match self.target {
            Target::Pdf(..) => serde_json::to_value(model).unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }

    /// The bytes of the document, or what went wrong.
    pub fn publish(&self, doc: Document<'_>) -> Result<Vec<u8>, Box<Located>> {
        match &self.target {
            Target::Md => Ok(doc.markdown.into_bytes()),
            Target::Html(r) => {
                Ok(page(r, &doc.markdown, doc.title, doc.charts, self.lang)?.into_bytes())
            }
            Target::Pdf(template, fonts) => {
                typeset::pdf(template, &self.pdf_data(&doc, fonts), doc.as_of)
            }
            Target::Docx => Ok(crate::output::docx::markdown_to_docx(
                &doc.markdown,
                self.lang,
                doc.charts,
                &doc.masthead,
                doc.as_of,
            )
            .map_err(Located::from)?),
        }
    }

    /// What the PDF template reads as `/data.json` (documented in `docs/templates.md`).
    fn pdf_data(&self, doc: &Document<'_>, fonts: &Value) -> Value {
        let blocks = typeset::doc::blocks(&doc.markdown);
        let placed: Vec<Value> = blocks
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["kind"] == "chart")
            .map(|b| b["name"].clone())
            .collect();
        // Chart labels in the body font: an SVG's `inherit` means nothing outside a web page.
        let body = fonts["body"].as_str().unwrap_or_default();
        let charts: serde_json::Map<String, Value> = doc
            .charts
            .iter()
            .map(|c| {
                let svg = c.svg.replace(
                    "font-family=\"inherit\"",
                    &format!("font-family=\"{body}\""),
                );
                (c.name.clone(), json!({"caption": c.caption, "svg": svg}))
            })
            .collect();
        json!({
            "lang": self.lang.code(),
            "title": doc.title,
            "date": long_date(doc.as_of, self.lang),
            "fonts": fonts,
            "blocks": blocks,
            "placed": placed,
            "charts": charts,
            "model": doc.model,
            "masthead": doc.masthead,
        })
    }
}
