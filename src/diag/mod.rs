//! Diagnostics: what is wrong, where (file:line:col), and how to fix it — rendered with the source line and a caret.

pub mod code;

pub use code::Code;

use crate::fmt::text::visible;
use crate::lang::{Lang, Text};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::BTreeMap;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails `check` and stops `report` for that case.
    Error,
    /// Reported; fails only with `--strict`.
    Warning,
}

/// A position in a decoded source text. Lines and columns are 1-based; columns count characters.
/// `start..end` are byte offsets into the decoded text (used for the caret).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Byte offset where the marked text starts.
    pub start: usize,
    /// Byte offset where it ends (may equal `start`).
    pub end: usize,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `E201`; listed in `docs/errors.md`.
    pub code: Code,
    /// The file as shown to the user (relative to where the command was run), if any.
    pub file: Option<String>,
    /// Where in the file, if known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: Text,
    /// Short label under the caret, if different from the message.
    pub label: Option<Text>,
    /// How to fix it.
    pub help: Option<Text>,
}

impl Diagnostic {
    /// An error with a code and message.
    pub fn error(code: Code, message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: None,
            pos: None,
            message,
            label: None,
            help: None,
        }
    }

    /// A warning with a code and message.
    pub fn warning(code: Code, message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    /// Sets the position.
    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.pos = Some(pos);
        self
    }

    /// Sets the caret label.
    pub fn label(mut self, label: Text) -> Diagnostic {
        self.label = Some(label);
        self
    }

    /// Sets the advice.
    pub fn help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }
}

/// Source texts by display path, so a diagnostic can show its line.
#[derive(Default, Debug)]
pub struct Sources {
    texts: BTreeMap<String, String>,
}

impl Sources {
    /// Remembers the decoded text of a file.
    pub fn add(&mut self, file: &str, text: String) {
        self.texts.insert(file.to_string(), text);
    }

    /// The decoded text of a file, if it was read.
    pub fn get(&self, file: &str) -> Option<&str> {
        self.texts.get(file).map(String::as_str)
    }
}

/// A diagnostic with the text it points into (a template, a file read on the way), so it can show its line.
#[derive(Debug)]
pub struct Located {
    /// What is wrong, where.
    pub diag: Diagnostic,
    /// The text it points into.
    pub sources: Sources,
}

impl From<Diagnostic> for Located {
    fn from(diag: Diagnostic) -> Located {
        Located {
            diag,
            sources: Sources::default(),
        }
    }
}

/// Computes the position of a 1-based line and character column in `text`, marking `len_chars` characters.
pub fn pos_from_line_col(text: &str, line: usize, col: usize, len_chars: usize) -> Pos {
    let mut start_of_line = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let body = l.trim_end_matches(['\n', '\r']);
            let mut chars = body.char_indices().skip(col.saturating_sub(1));
            let start = chars.next().map_or(body.len(), |(b, _)| b);
            let end = body
                .get(start..)
                .unwrap_or("")
                .char_indices()
                .nth(len_chars)
                .map_or(body.len(), |(b, _)| start + b);
            return Pos {
                line,
                col,
                start: start_of_line + start,
                end: start_of_line + end,
            };
        }
        start_of_line += l.len();
    }
    Pos {
        line,
        col,
        start: text.len(),
        end: text.len(),
    }
}

/// Computes line and column of a byte offset.
pub fn pos_from_offsets(text: &str, start: usize, end: usize) -> Pos {
    let start = floor_char_boundary(text, start.min(text.len()));
    let end = floor_char_boundary(text, end.clamp(start, text.len()));
    let before = text.get(..start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Pos {
        line,
        col,
        start,
        end,
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders diagnostics for people.
pub struct Printer {
    lang: Lang,
    color: bool,
}

impl Printer {
    /// A printer for the given language; colour only when asked (a terminal without `NO_COLOR`).
    pub fn new(lang: Lang, color: bool) -> Printer {
        Printer { lang, color }
    }

    /// The language messages are printed in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Renders diagnostics, each followed by a line break: how every message reaches a stream.
    pub fn show<'d>(
        &self,
        diags: impl IntoIterator<Item = &'d Diagnostic>,
        sources: &Sources,
    ) -> String {
        let mut out = String::new();
        for d in diags {
            out.push_str(&self.render(d, sources));
            out.push('\n');
        }
        out
    }

    /// Renders one diagnostic, with its source line when the text is known.
    pub fn render(&self, d: &Diagnostic, sources: &Sources) -> String {
        let lang = self.lang;
        let level = match (d.severity, lang) {
            (Severity::Error, Lang::Zh) => Level::ERROR.with_name("错误"),
            (Severity::Error, Lang::En) => Level::ERROR,
            (Severity::Warning, Lang::Zh) => Level::WARNING.with_name("警告"),
            (Severity::Warning, Lang::En) => Level::WARNING,
        };
        let help_level = match lang {
            Lang::Zh => Level::HELP.with_name("怎么改"),
            Lang::En => Level::HELP.with_name("how to fix"),
        };
        // Text from the files (ids, titles, paths) is in messages too: nothing of it may steer the terminal.
        let title = level
            .primary_title(visible(d.message.get(lang)).into_owned())
            .id(d.code.as_str());
        let text = d.file.as_deref().and_then(|f| sources.get(f));
        let mut group = match (&d.file, d.pos, text) {
            (Some(file), Some(pos), Some(text)) => {
                let (line_text, line_start) = line_of(text, pos);
                let rel_start = pos.start.saturating_sub(line_start).min(line_text.len());
                let rel_end = pos
                    .end
                    .saturating_sub(line_start)
                    .clamp(rel_start, line_text.len());
                let label = d.label.as_ref().map(|l| visible(l.get(lang)).into_owned());
                let mut ann = AnnotationKind::Primary.span(rel_start..rel_end);
                if let Some(label) = label {
                    ann = ann.label(label);
                }
                title.element(
                    Snippet::source(line_text.to_string())
                        .line_start(pos.line)
                        .path(visible(file).into_owned())
                        .annotation(ann),
                )
            }
            (Some(file), Some(pos), None) => title.element(
                Origin::path(visible(file).into_owned())
                    .line(pos.line)
                    .char_column(pos.col),
            ),
            (Some(file), None, _) => title.element(Origin::path(visible(file).into_owned())),
            (None, _, _) => Group::with_title(title),
        };
        if let Some(help) = &d.help {
            group = group.element(help_level.message(visible(help.get(lang)).into_owned()));
        }
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// The line containing `pos` (without its line break) and the byte offset where it starts.
fn line_of(text: &str, pos: Pos) -> (&str, usize) {
    let start = text
        .get(..pos.start.min(text.len()))
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let rest = text.get(start..).unwrap_or("");
    let end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..end).unwrap_or("").trim_end_matches('\r');
    (line, start)
}

/// Counts errors and warnings.
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_to_line_and_column_count_characters() {
        let text = "a: 1\n标题: 加快\n";
        let p = pos_from_offsets(text, text.find("加").unwrap(), text.len() - 1);
        assert_eq!((p.line, p.col), (2, 5));
        let q = pos_from_line_col(text, 2, 5, 2);
        assert_eq!(q.start, p.start);
        assert_eq!(&text[q.start..q.end], "加快");
    }

    #[test]
    fn caret_sits_under_chinese_text_at_display_width() {
        let mut sources = Sources::default();
        let text = "标题: 加快建设\n".to_string();
        let start = text.find("加").unwrap();
        sources.add("case.yaml", text.clone());
        let d = Diagnostic::error(Code::E001, Text::new("错", "wrong"))
            .in_file("case.yaml")
            .at(pos_from_offsets(&text, start, start + "加快".len()));
        let out = Printer::new(Lang::En, false).render(&d, &sources);
        let src_line = out.lines().find(|l| l.contains("加快建设")).unwrap();
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let col = w(&src_line[..src_line.find("加").unwrap()]);
        assert_eq!(w(&caret_line[..caret_line.find('^').unwrap()]), col);
        assert_eq!(
            caret_line.matches('^').count(),
            4,
            "two CJK chars are four columns wide"
        );
        assert!(out.contains("case.yaml:1:5"), "{out}");
    }
}
