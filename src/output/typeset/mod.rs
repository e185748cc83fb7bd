//! PDF typeset in-process with typst: a `.typ` template (built in, overridable from `templates/` like the others)
//! lays out the document's blocks ([`doc`]) and its model, passed as JSON data in a closed [`world`], with fonts
//! chosen per role ([`fonts`]). Missing fonts stop before typesetting (exit 2); a character no font could draw stops
//! after it (exit 1), naming the page.

pub mod doc;
pub mod fonts;
pub mod world;

use crate::diag::{Code, Diagnostic, Located, Sources, pos_from_offsets};
use crate::output::templates::Template;
use crate::tx;
use chrono::NaiveDate;
use serde_json::Value;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};
use world::PrintWorld;

/// The families chosen for each role, as the template's `fonts` data; or why printing cannot start.
pub fn font_data() -> Result<Value, Diagnostic> {
    let chosen = fonts::choose(fonts::store().book())?;
    Ok(Value::Object(
        chosen
            .into_iter()
            .map(|(role, family)| (role.to_string(), Value::String(family)))
            .collect(),
    ))
}

/// Typesets `data` with `template` and returns the PDF, dated `as_of`.
pub fn pdf(template: &Template, data: &Value, as_of: NaiveDate) -> Result<Vec<u8>, Box<Located>> {
    let bytes = serde_json::to_vec(data).map_err(|e| internal(e.to_string()))?;
    let world = PrintWorld::new(fonts::store(), &template.text, bytes, as_of)
        .ok_or_else(|| internal("no virtual path".into()))?;
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Memoized layouts of earlier documents are of no use to the next one after a while.
    comemo::evict(10);
    let document = compiled.map_err(|errors| template_error(template, &world, &errors))?;
    missing_glyphs(&document)?;
    let options = PdfOptions {
        timestamp: world::date(as_of).map(Timestamp::new_utc),
        ident: Smart::Custom(template.name.clone()),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| template_error(template, &world, &errors))
}

fn internal(why: String) -> Box<Located> {
    Box::new(Located::from(Diagnostic::error(
        Code::E703,
        tx!("排版 PDF 失败：{why}", "could not typeset the PDF: {why}"),
    )))
}

/// The first error, at its line in the template.
fn template_error(
    template: &Template,
    world: &PrintWorld,
    errors: &[SourceDiagnostic],
) -> Box<Located> {
    let first = errors.first();
    let message = first.map_or_else(String::new, |e| e.message.to_string());
    let hint = first
        .and_then(|e| e.hints.first())
        .map_or_else(String::new, |h| format!("（{}）", h.v));
    let origin = &template.origin;
    let mut diag = Diagnostic::error(
        Code::E602,
        tx!(
            "PDF 模板出错：{message}{hint}（{origin}）",
            "PDF template error: {message}{hint} ({origin})"
        ),
    )
    .in_file(origin.clone())
    .help(tx!(
        "模板可用的数据见 docs/templates.md；删除 templates/ 里的这个文件即恢复内置模板。",
        "docs/templates.md lists the data; delete this file from templates/ to go back to the built-in template."
    ));
    let mut sources = Sources::default();
    if let Some(range) = first.and_then(|e| world.range(e.span)) {
        let text = world.main_source().text();
        diag = diag.at(pos_from_offsets(text, range.start, range.end));
        sources.add(origin, text.to_string());
    }
    Box::new(Located { diag, sources })
}

/// A character no font could draw (typst draws glyph 0, a box), with its page.
fn missing_glyphs(document: &PagedDocument) -> Result<(), Box<Located>> {
    for (i, page) in document.pages().iter().enumerate() {
        if let Some(c) = first_missing(&page.frame) {
            let (n, code) = (i + 1, u32::from(c));
            let d = Diagnostic::error(
                Code::E906,
                tx!(
                    "第 {n} 页的字符“{c}”（U+{code:04X}）没有字体能印出来",
                    "no font can print the character “{c}” (U+{code:04X}) on page {n}"
                ),
            )
            .help(tx!(
                "换一个常用字，或者安装含有这个字的字体；也可以用 --format docx 或 html。",
                "Use a common character instead, or install a font that has it; or use --format docx or html."
            ));
            return Err(Box::new(Located::from(d)));
        }
    }
    Ok(())
}

fn first_missing(frame: &Frame) -> Option<char> {
    frame.items().find_map(|(_, item)| match item {
        FrameItem::Group(g) => first_missing(&g.frame),
        FrameItem::Text(t) => t
            .glyphs
            .iter()
            .find(|g| g.id == 0)
            .and_then(|g| t.text.get(g.range()).and_then(|s| s.chars().next())),
        _ => None,
    })
}
