//! The Markdown document as data a typst template typesets: headings, paragraphs, lists, quotes and tables, with
//! lights, bars and charts from the markers. User text travels as JSON strings and is never spliced into markup,
//! so nothing in the case files can run as typst code.

use crate::output::columns::{self, Cell, measure};
use crate::output::marks::{Piece, chart_paragraph, pieces};
use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use serde_json::{Value, json};

/// The blocks of a Markdown document.
pub fn blocks(markdown: &str) -> Value {
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    Value::Array(root.children().filter_map(block).collect())
}

fn block<'a>(node: &'a AstNode<'a>) -> Option<Value> {
    let value = node.data.borrow().value.clone();
    Some(match value {
        NodeValue::Heading(h) => {
            json!({"kind": "heading", "level": h.level, "inlines": inlines(node)})
        }
        NodeValue::Paragraph => match chart_paragraph(node) {
            Some(name) => json!({"kind": "chart", "name": name}),
            None => json!({"kind": "para", "inlines": inlines(node)}),
        },
        NodeValue::BlockQuote => {
            json!({"kind": "quote", "blocks": node.children().filter_map(block).collect::<Vec<_>>()})
        }
        NodeValue::List(list) => {
            let items: Vec<Value> = node
                .children()
                .map(|item| Value::Array(item.children().filter_map(block).collect()))
                .collect();
            json!({
                "kind": "list",
                "ordered": list.list_type == ListType::Ordered,
                "start": list.start,
                "items": items,
            })
        }
        NodeValue::Table(t) => table(node, &t.alignments),
        NodeValue::ThematicBreak => json!({"kind": "rule"}),
        NodeValue::CodeBlock(c) => json!({"kind": "para", "inlines": [text(&c.literal)]}),
        NodeValue::HtmlBlock(h) => json!({"kind": "para", "inlines": [text(&h.literal)]}),
        _ => return None,
    })
}

/// A table: column alignments, the header row and the body rows, each cell a list of inlines.
fn table<'a>(node: &'a AstNode<'a>, alignments: &[TableAlignment]) -> Value {
    let align: Vec<&str> = alignments
        .iter()
        .map(|a| match a {
            TableAlignment::Right => "right",
            TableAlignment::Center => "center",
            _ => "left",
        })
        .collect();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for row in node.children() {
        let is_header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
        let cells: Vec<Value> = row.children().map(|c| Value::Array(inlines(c))).collect();
        if is_header {
            header = cells;
        } else {
            rows.push(Value::Array(cells));
        }
    }
    let widths = page_widths(&header, &rows);
    json!({"kind": "table", "align": align, "header": header, "rows": rows, "widths": widths})
}

/// The built-in template's text widths in points: an upright A4 page (153 mm) and one across (222 mm).
const TEXT_WIDTHS: [f64; 2] = [153.0 * 72.0 / 25.4, 222.0 * 72.0 / 25.4];
/// Its tables' text (五号, points) and each cell's padding (points).
const TABLE_TEXT: f64 = 10.5;
const CELL_PADDING: f64 = 6.0;

/// Column widths for the built-in page, computed here rather than in the template (`output::columns`, the rule
/// `brief.typ`'s own `widths` follows, is far faster in Rust): for each of the text widths, the characters the
/// columns share (`avail`) and their widths (`w`). A template whose table is as wide uses them; another computes
/// its own.
fn page_widths(header: &[Value], rows: &[Value]) -> Vec<Value> {
    let n = header.len();
    let columns: Vec<Vec<Cell>> = (0..n)
        .map(|c| {
            std::iter::once(header.get(c))
                .chain(rows.iter().map(|r| r.get(c)))
                .map(|cell| {
                    cell.map_or(
                        Cell {
                            len: 0.0,
                            piece: 0.0,
                        },
                        measure_inlines,
                    )
                })
                .collect()
        })
        .collect();
    TEXT_WIDTHS
        .iter()
        .map(|width| {
            let avail = (width - n as f64 * CELL_PADDING) / TABLE_TEXT;
            json!({"avail": avail, "w": columns::widths(&columns, avail)})
        })
        .collect()
}

/// What a cell's inlines hold, in characters, as the template counts them: text by its length, a drawn bar three
/// characters (an unbreakable two and a half), a light or a line break one.
fn measure_inlines(cell: &Value) -> Cell {
    let mut out = Cell {
        len: 0.0,
        piece: 0.0,
    };
    for i in cell.as_array().into_iter().flatten() {
        let part = match (i["t"].as_str(), i["s"].as_str()) {
            (_, Some(s)) => measure(s),
            (Some("bar"), _) => Cell {
                len: 3.0,
                piece: 2.5,
            },
            _ if i["c"].is_array() => measure_inlines(&i["c"]),
            _ => Cell {
                len: 1.0,
                piece: 1.0,
            },
        };
        out.len += part.len;
        out.piece = out.piece.max(part.piece);
    }
    out
}

fn text(s: &str) -> Value {
    json!({"t": "text", "s": s})
}

/// Inline content: text, strong, emphasis, struck text, links as their text, code, line breaks, and what markers
/// stand for.
fn inlines<'a>(node: &'a AstNode<'a>) -> Vec<Value> {
    let mut out = Vec::new();
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        match value {
            NodeValue::Text(t) => out.extend(pieces(&t).into_iter().map(|p| match p {
                Piece::Text(s) => text(s),
                Piece::Light(key) => json!({"t": "light", "key": key}),
                Piece::Bar(v) => json!({"t": "bar", "v": v}),
                Piece::Chart(name) => json!({"t": "chart", "name": name}),
            })),
            NodeValue::Code(c) => out.push(text(&c.literal)),
            NodeValue::HtmlInline(h) => out.push(text(&h)),
            NodeValue::SoftBreak => out.push(text(" ")),
            NodeValue::LineBreak => out.push(json!({"t": "break"})),
            NodeValue::Strong => out.push(json!({"t": "strong", "c": inlines(child)})),
            NodeValue::Emph => out.push(json!({"t": "emph", "c": inlines(child)})),
            NodeValue::Strikethrough => out.push(json!({"t": "strike", "c": inlines(child)})),
            _ => out.extend(inlines(child)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_blocks_and_markers_become_what_they_stand_for() {
        let md = format!(
            "# 标题\n\n**政协**\n\n{}\n\n| a | b |\n|---|--:|\n| x {} | 1 |\n\n- 一\n- 二\n",
            crate::output::marks::chart("rounds"),
            crate::output::marks::bar("50"),
        );
        let b = blocks(&md);
        assert_eq!(b[0]["kind"], "heading");
        assert_eq!(b[0]["inlines"][0]["s"], "标题");
        assert_eq!(b[1]["inlines"][0]["t"], "strong");
        assert_eq!(b[2], json!({"kind": "chart", "name": "rounds"}));
        assert_eq!(b[3]["align"], json!(["left", "right"]));
        assert_eq!(b[3]["rows"][0][0][1], json!({"t": "bar", "v": 50.0}));
        assert_eq!(b[4]["items"][1][0]["inlines"][0]["s"], "二");
    }

    #[test]
    fn typst_markup_in_text_stays_text() {
        let b = blocks("#set page(fill: red) #eval(\"1+1\") $x$ *y*\n");
        assert_eq!(
            b[0]["inlines"][0]["s"],
            "#set page(fill: red) #eval(\"1+1\") $x$ "
        );
    }
}
