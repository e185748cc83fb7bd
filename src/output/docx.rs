//! Word output: the Markdown brief turned into a `.docx` with docx-rs — A4 with the official-document margins,
//! body in 仿宋_GB2312 三号 (16 pt), East-Asian language zh-CN, real Word tables, headings as Word heading styles
//! (so the navigation pane works) and page numbers “— N —” in the footer.

use crate::diag::{Code, Diagnostic};
use crate::tx;
use comrak::nodes::{AstNode, NodeValue};
use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Style, StyleType,
    Table, TableCell, TableRow,
};

const FANGSONG: &str = "仿宋_GB2312";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";

/// Millimetres to twentieths of a point.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// Converts Markdown (as the brief templates write it) to `.docx` bytes.
pub fn markdown_to_docx(markdown: &str, lang_zh: bool) -> Result<Vec<u8>, Diagnostic> {
    build(markdown, lang_zh).map_err(|e| {
        Diagnostic::error(
            Code::E703,
            tx!(
                "生成 Word 文件失败：{e}",
                "could not build the Word file: {e}"
            ),
        )
    })
}

/// The Word file's bytes; what the writer said when it failed.
fn build(markdown: &str, lang_zh: bool) -> Result<Vec<u8>, String> {
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut doc = page();
    for node in root.children() {
        doc = block(doc, node);
    }
    let mut xml = doc.build();
    // docx-rs has no setting for the document language; Word reads it from the default run properties.
    let lang = if lang_zh {
        "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" />"
    } else {
        "<w:lang w:val=\"en-GB\" w:eastAsia=\"zh-CN\" />"
    };
    let styles = String::from_utf8(xml.styles).map_err(|e| e.to_string())?;
    let styles = if styles.contains("<w:rPrDefault><w:rPr />") {
        styles.replacen(
            "<w:rPrDefault><w:rPr />",
            &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr>"),
            1,
        )
    } else {
        styles.replacen(
            "</w:rPr></w:rPrDefault>",
            &format!("{lang}</w:rPr></w:rPrDefault>"),
            1,
        )
    };
    xml.styles = styles.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// An empty A4 document in official layout: margins, 仿宋 三号 body, heading styles and "— N —" page numbers.
fn page() -> Docx {
    // Sizes are half-points: 三号 16 pt = 32, 二号 22 pt = 44, 五号 10.5 pt = 21.
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(25.0)),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(32)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .fonts(fonts(XIAOBIAOSONG))
                .size(44)
                .align(AlignmentType::Center)
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .fonts(fonts(HEITI))
                .size(32)
                .outline_lvl(1),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("heading 3")
                .fonts(fonts(KAITI))
                .size(32)
                .outline_lvl(2),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .size(21),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("— "))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" —")),
            ),
        )
}

fn block<'a>(doc: Docx, node: &'a AstNode<'a>) -> Docx {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Heading(h) => {
            let style = match h.level {
                1 => "Heading1",
                2 => "Heading2",
                _ => "Heading3",
            };
            doc.add_paragraph(inline(Paragraph::new().style(style), node, false))
        }
        NodeValue::Paragraph => doc.add_paragraph(inline(Paragraph::new(), node, false)),
        NodeValue::BlockQuote => node.children().fold(doc, |d, c| block(d, c)),
        NodeValue::List(list) => {
            let mut doc = doc;
            for (i, item) in node.children().enumerate() {
                let marker = if list.list_type == comrak::nodes::ListType::Ordered {
                    format!("{}. ", list.start + i)
                } else {
                    "• ".to_string()
                };
                for (j, para) in item.children().enumerate() {
                    let p = Paragraph::new().add_run(Run::new().add_text(if j == 0 {
                        marker.as_str()
                    } else {
                        "   "
                    }));
                    doc = doc.add_paragraph(inline(p, para, false));
                }
            }
            doc
        }
        NodeValue::Table(_) => {
            let rows: Vec<TableRow> = node
                .children()
                .map(|row| {
                    let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
                    let cells = row
                        .children()
                        .map(|cell| {
                            TableCell::new().add_paragraph(inline(
                                Paragraph::new().style("TableText"),
                                cell,
                                header,
                            ))
                        })
                        .collect();
                    TableRow::new(cells).cant_split()
                })
                .collect();
            doc.add_table(Table::new(rows))
        }
        _ => doc,
    }
}

fn inline<'a>(mut p: Paragraph, node: &'a AstNode<'a>, bold: bool) -> Paragraph {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        p = match value {
            NodeValue::Text(t) => p.add_run(run(&t, bold)),
            NodeValue::Code(c) => p.add_run(run(&c.literal, bold)),
            NodeValue::SoftBreak | NodeValue::LineBreak => p.add_run(run(" ", bold)),
            NodeValue::Strong => inline(p, child, true),
            _ => inline(p, child, bold),
        };
    }
    p
}

fn run(text: &str, bold: bool) -> Run {
    let r = Run::new().add_text(text);
    if bold { r.bold() } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip_reader(bytes);
        let mut f = zip.by_name(name).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        s
    }

    fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
        zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
    }

    #[test]
    fn headings_tables_language_and_page_setup() {
        let md = "# 标题\n\n## 一、基本情况\n\n正文 **加粗**。\n\n| 编号 | 建议 |\n|---|---|\n| 1.1 | 建立机制 |\n";
        let bytes = markdown_to_docx(md, true).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(
            doc.contains("<w:pStyle w:val=\"Heading1\" />") && doc.contains("标题"),
            "{doc}"
        );
        assert!(doc.contains("<w:tbl>") && doc.contains("建立机制"));
        assert!(
            doc.contains("w:w=\"11906\"") && doc.contains("w:h=\"16838\""),
            "A4"
        );
        assert!(
            doc.contains("w:top=\"2098\"") && doc.contains("w:left=\"1587\""),
            "37 mm top, 28 mm left"
        );
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains("w:eastAsia=\"zh-CN\""), "{styles}");
        assert!(
            styles.contains("仿宋_GB2312") && styles.contains("<w:sz w:val=\"32\" />"),
            "三号仿宋"
        );
        assert!(
            styles.contains("w:outlineLvl w:val=\"0\""),
            "headings in the navigation pane"
        );
    }
}
