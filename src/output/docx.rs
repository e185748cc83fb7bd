//! Word output: the Markdown brief turned into a `.docx` with docx-rs — A4 with the official-document margins,
//! body in 仿宋_GB2312 三号 (16 pt), East-Asian language zh-CN, real Word tables, headings as Word heading styles
//! (so the navigation pane works) and page numbers “— N —” in the footer.

use crate::diag::{Code, Diagnostic};
use crate::fmt::date::long_date;
use crate::fmt::number::bar_of;
use crate::fmt::text::xml_safe;
use crate::lang::Lang;
use crate::output::columns::{self, Cell, measure};
use crate::output::html::Chart;
use crate::output::marks::{Piece, chart_paragraph, pieces};
use crate::output::masthead::Masthead;
use crate::tx;
use chrono::NaiveDate;
use comrak::nodes::{AstNode, NodeValue};
use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin,
    PageNum, PageOrientationType, PageSize, Paragraph, Pic, Run, RunFonts, SectionProperty,
    SpecialIndentType, Style, StyleType, Tab, TabValueType, Table, TableCell, TableRow, WidthType,
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
pub fn markdown_to_docx(
    markdown: &str,
    lang: Lang,
    charts: &[Chart],
    masthead: &Masthead,
    as_of: NaiveDate,
) -> Result<Vec<u8>, Diagnostic> {
    // Characters XML forbids cannot go into the document as they are (they came through `check` with W215).
    let masthead = Masthead {
        office: masthead.office.as_deref().map(|o| xml_safe(o).into_owned()),
        ..masthead.clone()
    };
    let with = With {
        charts,
        masthead: &masthead,
        date: long_date(as_of, lang),
        lang,
    };
    build(&xml_safe(markdown), &with).map_err(|e| {
        Diagnostic::error(
            Code::E703,
            tx!(
                "生成 Word 文件失败：{e}",
                "could not build the Word file: {e}"
            ),
        )
    })
}

/// What the document is set with besides its Markdown.
struct With<'a> {
    charts: &'a [Chart],
    masthead: &'a Masthead,
    /// The cut-off, written out: the masthead's date.
    date: String,
    lang: Lang,
}

/// The Word file's bytes; what the writer said when it failed.
fn build(markdown: &str, with: &With<'_>) -> Result<Vec<u8>, String> {
    let lang_zh = with.lang == Lang::Zh;
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut doc = page();
    for node in root.children() {
        // A heading over a wide table goes with it onto the landscape pages: the upright section ends before it.
        if heads_wide_table(node) {
            doc = doc.add_paragraph(Paragraph::new().section_property(section(false)));
        }
        doc = block(doc, node, with);
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
    // Punctuation may not hang past the right margin (Word and LibreOffice let CJK punctuation hang by default).
    let styles = styles.replacen(
        "<w:pPrDefault><w:pPr>",
        "<w:pPrDefault><w:pPr><w:overflowPunct w:val=\"0\" />",
        1,
    );
    xml.styles = masthead_rule(&styles).into_bytes();
    let document = String::from_utf8(xml.document).map_err(|e| e.to_string())?;
    xml.document = repeat_header_rows(&document).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// docx-rs cannot mark a header row: the first row of every table is made one, so Word repeats it on each page.
fn repeat_header_rows(document: &str) -> String {
    let mut parts = document.split("<w:tbl>");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str("<w:tbl>");
        out.push_str(&part.replacen(
            "<w:trPr><w:cantSplit /></w:trPr>",
            "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
            1,
        ));
    }
    out
}

/// docx-rs cannot draw a paragraph border: the masthead's issuing line gets its red rule underneath.
fn masthead_rule(styles: &str) -> String {
    let Some(at) = styles.find("w:styleId=\"IssueLine\"") else {
        return styles.to_string();
    };
    let (head, tail) = styles.split_at(at);
    let rule = "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"6\" w:color=\"C8102E\" /></w:pBdr>";
    match tail.split_once("<w:pPr>") {
        Some((before, after)) => format!("{head}{before}<w:pPr>{rule}{after}"),
        None => styles.to_string(),
    }
}

/// The text's width on an upright page: A4 less the margins.
const TEXT_WIDTH: f64 = 210.0 - 28.0 - 29.0;

/// The official margins of an upright page: 37/35/28 mm and, as in the PDF, 3 mm more than GB/T 9704's 26 mm on the
/// right, so that a line's final half-width punctuation never reaches it.
fn margins() -> PageMargin {
    PageMargin::new()
        .top(mm(37.0))
        .bottom(mm(35.0))
        .left(mm(28.0))
        .right(mm(29.0))
}

/// An empty A4 document in official layout: margins, 仿宋 三号 body, heading styles and "— N —" page numbers.
fn page() -> Docx {
    // Sizes are half-points: 三号 16 pt = 32, 二号 22 pt = 44, 五号 10.5 pt = 21.
    let mut docx = Docx::new();
    docx.document = docx.document.doc_grid(grid());
    docx.page_size(11906, 16838)
        .page_margin(margins().header(mm(15.0)).footer(mm(25.0)))
        .default_fonts(fonts(FANGSONG))
        .default_size(32)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .snap_to_grid(false)
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
                .snap_to_grid(false)
                .name("Table Text")
                .size(21),
        )
        .add_style(
            Style::new("ListText", StyleType::Paragraph)
                .snap_to_grid(false)
                .name("List Text")
                .size(24)
                .indent(
                    Some(mm(10.0)),
                    Some(SpecialIndentType::Hanging(mm(5.0))),
                    None,
                    None,
                ),
        )
        .add_style(
            Style::new("Masthead", StyleType::Paragraph)
                .snap_to_grid(false)
                .name("Masthead")
                .fonts(fonts(XIAOBIAOSONG))
                .size(60)
                .color("C8102E")
                .align(AlignmentType::Center),
        )
        .add_style(
            // The issuing office on the left, the date at a right tab on the text's edge (set on the paragraph), the
            // red rule beneath.
            Style::new("IssueLine", StyleType::Paragraph)
                .snap_to_grid(false)
                .name("Issue Line")
                .size(28),
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

/// The body's line pitch: 22 lines on a 225 mm page (29 pt), in twentieths of a point.
const PITCH: i32 = 580;

/// Word's document grid: 22 lines to the page. Only lines: a character grid is read differently by Word and
/// LibreOffice (LibreOffice spread the characters of a 28-character grid to 19 a line), and 三号 type on the
/// text's width gives the 28 characters without it.
fn grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(PITCH as usize)
}

/// Tables with this many columns or more (the item-by-item table) get a landscape section of their own.
const LANDSCAPE_FROM: usize = 8;

/// Body text on the grid, with a two-character first-line indent.
fn body(p: Paragraph) -> Paragraph {
    // Two characters of 三号 (32 pt), also given in characters for Word's grid.
    p.indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(PITCH),
        )
}

fn block<'a>(doc: Docx, node: &'a AstNode<'a>, with: &With<'_>) -> Docx {
    let charts = with.charts;
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Heading(h) => {
            let style = match h.level {
                1 => "Heading1",
                2 => "Heading2",
                _ => "Heading3",
            };
            let p = Paragraph::new().style(style).keep_next(true);
            let p = if h.level == 1 { p } else { body(p) };
            doc.add_paragraph(inline(p, node, false))
        }
        NodeValue::Paragraph => match chart_paragraph(node) {
            // A chart the figures did not draw leaves nothing behind.
            Some(name) => match charts.iter().find(|c| c.name == name) {
                Some(c) => chart(doc, c),
                None => doc,
            },
            None if masthead(node) => masthead_lines(doc, node, with),
            None => doc.add_paragraph(inline(body(Paragraph::new()), node, false)),
        },
        NodeValue::BlockQuote => node.children().fold(doc, |d, c| block(d, c, with)),
        NodeValue::List(list) => {
            let mut doc = doc;
            for (i, item) in node.children().enumerate() {
                let marker = if list.list_type == comrak::nodes::ListType::Ordered {
                    format!("{}. ", list.start + i)
                } else {
                    "• ".to_string()
                };
                for (j, para) in item.children().enumerate() {
                    let p = Paragraph::new()
                        .style("ListText")
                        .add_run(Run::new().add_text(if j == 0 { marker.as_str() } else { "   " }));
                    doc = doc.add_paragraph(inline(p, para, false));
                }
            }
            doc
        }
        NodeValue::Table(_) => table(doc, node),
        _ => doc,
    }
}

/// The masthead: the committee and 简报 in red, the issue number, then the issuing office and the date on one line
/// over the red rule.
fn masthead_lines<'a>(doc: Docx, node: &'a AstNode<'a>, with: &With<'_>) -> Docx {
    let brief = match with.lang {
        Lang::Zh => "简报",
        Lang::En => " Brief",
    };
    let title = inline(Paragraph::new().style("Masthead"), node, false)
        .add_run(Run::new().add_text(brief).bold());
    let mut doc = doc.add_paragraph(title);
    if let Some(n) = with.masthead.issue {
        let issue = match with.lang {
            Lang::Zh => format!("第{n}期"),
            Lang::En => format!("No. {n}"),
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .snap_to_grid(false)
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(issue)),
        );
    }
    let right = Tab::new()
        .val(TabValueType::Right)
        .pos(mm(TEXT_WIDTH) as usize);
    let mut office = Paragraph::new().style("IssueLine").add_tab(right);
    office = match &with.masthead.office {
        Some(o) => office.add_run(Run::new().add_text(o)),
        // The committee, as plain text: the masthead line above is its bold form.
        None => node
            .children()
            .fold(office, |p, strong| inline(p, strong, false)),
    };
    doc.add_paragraph(office.add_run(Run::new().add_tab().add_text(&with.date)))
}

/// A chart as a picture under its caption, 150 mm wide, drawn at twice the SVG's size.
fn chart(doc: Docx, c: &Chart) -> Docx {
    let family =
        crate::output::typeset::fonts::choose(crate::output::typeset::fonts::store().book())
            .ok()
            .and_then(|roles| roles.into_iter().find(|(role, _)| *role == "body"))
            .map_or_else(|| "serif".to_string(), |(_, f)| f);
    let Some((png, w, h)) = crate::output::raster::png(&c.svg, &family, 2.0) else {
        return doc;
    };
    // 150 mm in EMU (36,000 a millimetre), the height in proportion.
    let width = 150 * 36_000;
    let height = (u64::from(width) * u64::from(h) / u64::from(w.max(1))) as u32;
    let caption = Paragraph::new()
        .snap_to_grid(false)
        .align(AlignmentType::Center)
        .keep_next(true)
        .add_run(Run::new().add_text(&c.caption).fonts(fonts(HEITI)).size(24));
    let picture = Paragraph::new()
        .snap_to_grid(false)
        .align(AlignmentType::Center)
        .add_run(Run::new().add_image(Pic::new(&png).size(width, height)));
    doc.add_paragraph(caption).add_paragraph(picture)
}

fn light_colour(key: &str) -> &'static str {
    match key {
        "red" => "C8102E",
        "amber" => "F2A900",
        "blue" => "1F5FBF",
        _ => "2E8B57",
    }
}

/// Whether `node` is a heading right above a table wide enough for landscape pages.
fn heads_wide_table<'a>(node: &'a AstNode<'a>) -> bool {
    let is_heading = matches!(node.data.borrow().value, NodeValue::Heading(_));
    let wide = |n: &'a AstNode<'a>| {
        matches!(n.data.borrow().value, NodeValue::Table(_))
            && n.children()
                .map(|r| r.children().count())
                .max()
                .unwrap_or(0)
                >= LANDSCAPE_FROM
    };
    is_heading && node.next_sibling().is_some_and(wide)
}

/// The document's first line when it is bold alone: the issuing committee, set as the red masthead.
fn masthead<'a>(node: &'a AstNode<'a>) -> bool {
    let first_block = node
        .parent()
        .and_then(|p| p.first_child())
        .is_some_and(|f| std::ptr::eq(f, node));
    let mut children = node.children();
    let only_strong = matches!(
        (
            children.next().map(|c| c.data.borrow().value.clone()),
            children.next()
        ),
        (Some(NodeValue::Strong), None)
    );
    first_block && only_strong
}

/// A table with column widths from its content, rows kept whole; a wide one on landscape pages of its own.
fn table<'a>(doc: Docx, node: &'a AstNode<'a>) -> Docx {
    let rows: Vec<Vec<&'a AstNode<'a>>> = node.children().map(|r| r.children().collect()).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let wide = columns >= LANDSCAPE_FROM;
    // The text width: 153 mm upright, 222 mm across a landscape page.
    let widths = column_widths(&rows, columns, if wide { mm(222.0) } else { mm(153.0) });
    let table_rows: Vec<TableRow> = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let cells = cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| {
                    let p = inline(Paragraph::new().style("TableText"), cell, i == 0);
                    TableCell::new().width(*w, WidthType::Dxa).add_paragraph(p)
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    let width = widths.iter().sum();
    let t = Table::new(table_rows)
        .set_grid(widths)
        .width(width, WidthType::Dxa);
    if !wide {
        return doc.add_table(t);
    }
    // A section ends with the paragraph that carries its properties: the upright part before (unless it ended before
    // the table's heading), then the table's.
    let doc = if node.previous_sibling().is_some_and(heads_wide_table) {
        doc
    } else {
        doc.add_paragraph(Paragraph::new().section_property(section(false)))
    };
    // A wide table that ends the document turns its last section: a section of its own would leave a blank
    // upright page after it.
    if node.next_sibling().is_none() {
        let (w, h, margin) = landscape();
        return doc
            .add_table(t)
            .page_size(w, h)
            .page_orient(PageOrientationType::Landscape)
            .page_margin(margin.header(mm(15.0)).footer(mm(25.0)));
    }
    doc.add_table(t)
        .add_paragraph(Paragraph::new().section_property(section(true)))
}

/// A4 across (width, height in twips) and the official margins turned with the page.
fn landscape() -> (u32, u32, PageMargin) {
    (
        16838,
        11906,
        PageMargin::new()
            .top(mm(28.0))
            .bottom(mm(26.0))
            .left(mm(37.0))
            .right(mm(38.0)),
    )
}

/// Section properties: A4 upright or across, with the official margins turned with the page.
fn section(landscape: bool) -> SectionProperty {
    let (size, margin) = if landscape {
        let (w, h, margin) = self::landscape();
        (
            PageSize::new()
                .size(w, h)
                .orient(PageOrientationType::Landscape),
            margin,
        )
    } else {
        (PageSize::new().size(11906, 16838), margins())
    };
    SectionProperty::new()
        .page_size(size)
        .page_margin(margin.header(mm(15.0)).footer(mm(25.0)))
        .doc_grid(grid())
}

/// Column widths in twips, by the rule the PDF template uses (`output::columns`): 五号 (10.5 pt) is 210 twips a
/// character — counted as 240, since Word's and LibreOffice's Latin digits and signs run wider than the half a
/// character the measure gives them — and each cell has about 230 twips of padding; never wider in all than `total`.
fn column_widths<'a>(rows: &[Vec<&'a AstNode<'a>>], columns: usize, total: i32) -> Vec<usize> {
    let cells: Vec<Vec<Cell>> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| {
                    r.get(c)
                        .map_or(measure(""), |cell| measure(&cell_text(cell)))
                })
                .collect()
        })
        .collect();
    const CHAR: f64 = 240.0;
    let avail = (f64::from(total) - 230.0 * columns as f64) / CHAR;
    columns::widths(&cells, avail)
        .iter()
        .map(|w| (w * CHAR + 230.0).floor().max(300.0) as usize)
        .collect()
}

/// A cell's text as the Word file shows it (a light as "● ", a bar as its blocks).
fn cell_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        match &n.data.borrow().value {
            NodeValue::Text(t) => {
                for piece in pieces(t) {
                    match piece {
                        Piece::Text(s) => out.push_str(s),
                        Piece::Light(_) => out.push_str("● "),
                        Piece::Bar(v) => out.push_str(&bar_of(v, BAR_CELLS)),
                        Piece::Chart(_) => {}
                    }
                }
            }
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Blocks in a bar drawn as text: five (20 % each) keep a degree column narrow.
const BAR_CELLS: usize = 5;

fn inline<'a>(mut p: Paragraph, node: &'a AstNode<'a>, bold: bool) -> Paragraph {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        p = match value {
            NodeValue::Text(t) => pieces(&t).into_iter().fold(p, |p, piece| match piece {
                Piece::Text(s) => p.add_run(run(s, bold)),
                Piece::Light(key) => p.add_run(Run::new().add_text("● ").color(light_colour(key))),
                Piece::Bar(v) => p.add_run(run(&bar_of(v, BAR_CELLS), bold)),
                Piece::Chart(_) => p,
            }),
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

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 9, 30).unwrap()
    }

    fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
        zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
    }

    #[test]
    fn many_short_columns_never_make_a_table_wider_than_the_text() {
        let head = "| 一二三四五六七八九十 ".repeat(7) + "|\n" + &"|---".repeat(7) + "|\n";
        let md = head + &"| 77.8%／75.6% ".repeat(7) + "|\n";
        let bytes = markdown_to_docx(&md, Lang::Zh, &[], &Masthead::default(), date()).unwrap();
        let doc = part(&bytes, "word/document.xml");
        let row = &doc[doc.find("<w:tr>").unwrap()..doc.find("</w:tr>").unwrap()];
        let sum: i32 = row
            .split("<w:tcW w:w=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse::<i32>().unwrap())
            .sum();
        assert!(sum > 0 && sum <= mm(TEXT_WIDTH) + 7, "{sum} twips");
    }

    #[test]
    fn headings_tables_language_and_page_setup() {
        let md = "# 标题\n\n## 一、基本情况\n\n正文 **加粗**。\n\n| 编号 | 建议 |\n|---|---|\n| 1.1 | 建立机制 |\n";
        let bytes = markdown_to_docx(md, Lang::Zh, &[], &Masthead::default(), date()).unwrap();
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
