//! Editing a `case.yaml` text in place (pure): fields added to a recommendation, new recommendations, departments
//! and aspects added at the end of their lists. Everything else — comments, order, how values are written — stays
//! as the secretary wrote it; placeholder comments for a field now filled (`# lead: …` as `import proposal` writes
//! them) go. Every value is written quoted, so nothing from a register can add a key.

use crate::case::yaml::{Kind, Node};
use crate::output::meeting_file::{line_start, next_line, trim_trailing_comments};

/// An edit the text refused: lists written in flow style (`[...]`) cannot be edited line by line.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// The line of the list.
    pub line: usize,
}

/// Edits to make.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    /// Fields to add to recommendations: (id, [(key, value as YAML)]).
    pub fill: Vec<(String, Vec<(String, String)>)>,
    /// Whole new items, as `key: value` lines (YAML values), for each list.
    pub departments: Vec<Vec<(String, String)>>,
    /// See [`Edits::departments`].
    pub aspects: Vec<Vec<(String, String)>>,
    /// See [`Edits::departments`].
    pub recommendations: Vec<Vec<(String, String)>>,
}

/// The text with `edits` made (`root`: the parsed text).
pub fn edit(text: &str, root: &Node<'_>, edits: &Edits) -> Result<String, Flow> {
    let Kind::Map(top) = &root.kind else {
        return Err(Flow {
            line: root.pos.line,
        });
    };
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    for (list, items) in [
        ("departments", &edits.departments),
        ("aspects", &edits.aspects),
        ("recommendations", &edits.recommendations),
    ] {
        if !items.is_empty() {
            changes.extend(append(text, top, list, items)?);
        }
    }
    if !edits.fill.is_empty() {
        changes.extend(fill(text, top, &edits.fill)?);
    }
    changes.sort_by_key(|c| std::cmp::Reverse((c.0, c.1)));
    let mut out = text.to_string();
    for (start, end, with) in changes {
        if out.is_char_boundary(start) && out.is_char_boundary(end) && start <= end {
            out.replace_range(start..end, &with);
        }
    }
    Ok(out)
}

type Top<'a, 't> = &'a [(crate::case::yaml::Key<'t>, Node<'t>)];

/// A list's items (byte ranges), the indentation of their `- `, and where a new item goes.
type ListAt = (Vec<(usize, usize)>, usize, usize);

/// Where a top-level list's items are: its items' (start, end) byte ranges, the indentation of `- `, and where
/// a new item goes. A missing or empty list has none.
fn items(text: &str, top: Top<'_, '_>, key: &str) -> Result<Option<ListAt>, Flow> {
    let Some(i) = top.iter().position(|(k, _)| k.name == key) else {
        return Ok(None);
    };
    let Some((k, value)) = top.get(i) else {
        return Ok(None);
    };
    let next_key = top
        .get(i + 1)
        .map_or(text.len(), |(k, _)| line_start(text, k.pos.start));
    let after_key = next_line(text, k.pos.start);
    let nodes = match &value.kind {
        Kind::Seq(nodes) if !nodes.is_empty() => nodes,
        Kind::Seq(_) | Kind::Null => return Ok(Some((Vec::new(), 2, after_key))),
        _ => return Err(Flow { line: k.pos.line }),
    };
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for n in nodes {
        let start = line_start(text, n.pos.start);
        if start < after_key || ranges.last().is_some_and(|r| r.0 >= start) {
            return Err(Flow { line: n.pos.line });
        }
        if let Some(last) = ranges.last_mut() {
            last.1 = start;
        }
        ranges.push((start, next_key));
    }
    if let Some(last) = ranges.last_mut() {
        last.1 = trim_trailing_comments(text, last.0, last.1);
    }
    let indent = ranges.first().map_or(2, |r| {
        let line = text.get(r.0..).unwrap_or("");
        line.len() - line.trim_start_matches(' ').len()
    });
    let insert = ranges.last().map_or(after_key, |r| r.1);
    Ok(Some((ranges, indent, insert)))
}

fn render_item(fields: &[(String, String)], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        let lead = if i == 0 { "- " } else { "  " };
        out.push_str(&format!("{pad}{lead}{k}: {v}\n"));
    }
    out
}

fn append(
    text: &str,
    top: Top<'_, '_>,
    key: &str,
    new: &[Vec<(String, String)>],
) -> Result<Vec<(usize, usize, String)>, Flow> {
    let Some((_, indent, insert)) = items(text, top, key)? else {
        let body: String = new.iter().map(|f| render_item(f, 2)).collect();
        let gap = if text.ends_with('\n') || text.is_empty() {
            ""
        } else {
            "\n"
        };
        return Ok(vec![(
            text.len(),
            text.len(),
            format!("{gap}{key}:\n{body}"),
        )]);
    };
    let mut changes = Vec::new();
    // `key: []` becomes a block list.
    if let Some((k, v)) = top.iter().find(|(k, _)| k.name == key)
        && matches!(&v.kind, Kind::Seq(n) if n.is_empty())
        && text.get(v.pos.start..).is_some_and(|s| s.starts_with('['))
        && let Some(close) = text.get(v.pos.start..).and_then(|s| s.find(']'))
    {
        let _ = k;
        changes.push((v.pos.start, v.pos.start + close + 1, String::new()));
    }
    let body: String = new.iter().map(|f| render_item(f, indent)).collect();
    let at = if insert > 0 && text.get(insert - 1..insert) != Some("\n") {
        changes.push((insert, insert, format!("\n{body}")));
        return Ok(changes);
    } else {
        insert
    };
    changes.push((at, at, body));
    Ok(changes)
}

fn fill(
    text: &str,
    top: Top<'_, '_>,
    fill: &[(String, Vec<(String, String)>)],
) -> Result<Vec<(usize, usize, String)>, Flow> {
    let mut changes = Vec::new();
    let Some((ranges, _, _)) = items(text, top, "recommendations")? else {
        return Ok(changes);
    };
    let Some((
        _,
        Node {
            kind: Kind::Seq(nodes),
            ..
        },
    )) = top.iter().find(|(k, _)| k.name == "recommendations")
    else {
        return Ok(changes);
    };
    for (node, (start, end)) in nodes.iter().zip(&ranges) {
        let Kind::Map(entries) = &node.kind else {
            return Err(Flow {
                line: node.pos.line,
            });
        };
        let id = entries
            .iter()
            .find(|(k, _)| k.name == "id")
            .and_then(|(_, v)| match &v.kind {
                Kind::Scalar { text, .. } => Some(text.trim().to_string()),
                _ => None,
            });
        let Some((_, fields)) = fill.iter().find(|(rec, _)| Some(rec) == id.as_ref()) else {
            continue;
        };
        let indent = entries
            .first()
            .map_or(4, |(k, _)| k.pos.col.saturating_sub(1));
        let last = entries
            .iter()
            .map(|(k, v)| k.pos.end.max(v.pos.end))
            .max()
            .unwrap_or(*start);
        let at = next_line(text, last.saturating_sub(1).max(*start));
        let pad = " ".repeat(indent);
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{pad}{k}: {v}\n"))
            .collect();
        changes.push((at, at, body));
        changes.extend(placeholders(text, *start, *end, fields));
    }
    Ok(changes)
}

/// The placeholder comment lines (`# lead: …`) in `start..end` for the fields now filled.
fn placeholders(
    text: &str,
    start: usize,
    end: usize,
    fields: &[(String, String)],
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let next = next_line(text, at).min(end);
        let line = text.get(at..next).unwrap_or("").trim();
        if fields
            .iter()
            .any(|(k, _)| line.starts_with(&format!("# {k}:")))
        {
            out.push((at, next, String::new()));
        }
        if next <= at {
            break;
        }
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, e: &Edits) -> String {
        let root = crate::case::yaml::parse(text).unwrap();
        edit(text, &root, e).unwrap()
    }

    #[test]
    fn fields_go_into_their_recommendation_and_placeholders_go() {
        let text = "title: t # keep\nrecommendations:\n  - id: \"1.1\"\n    text: \"a\"\n    # lead:        # fill in\n    # due:  x\n  - id: \"1.2\"\n    text: b\n";
        let e = Edits {
            fill: vec![("1.1".into(), vec![("lead".into(), "\"甲\"".into())])],
            ..Edits::default()
        };
        let out = run(text, &e);
        assert_eq!(
            out,
            "title: t # keep\nrecommendations:\n  - id: \"1.1\"\n    text: \"a\"\n    lead: \"甲\"\n    # due:  x\n  - id: \"1.2\"\n    text: b\n"
        );
    }

    #[test]
    fn new_items_are_added_to_lists_that_are_missing_empty_or_commented() {
        let text = "title: t\ndepartments:\n  # - id: x\naspects: []\nrecommendations:\n  - id: \"1.1\"\n    text: a\n\n# end\n";
        let item = |k: &str| {
            vec![
                ("id".to_string(), format!("\"{k}\"")),
                ("name".to_string(), "\"N\"".to_string()),
            ]
        };
        let e = Edits {
            departments: vec![item("甲")],
            aspects: vec![item("一")],
            recommendations: vec![item("1.2")],
            ..Edits::default()
        };
        let out = run(text, &e);
        let back = crate::case::yaml::parse(&out).unwrap_or_else(|_| panic!("{out}"));
        let Kind::Map(top) = back.kind else { panic!() };
        let len = |k: &str| match &top.iter().find(|(key, _)| key.name == k).unwrap().1.kind {
            Kind::Seq(n) => n.len(),
            _ => 0,
        };
        assert_eq!(
            (len("departments"), len("aspects"), len("recommendations")),
            (1, 1, 2),
            "{out}"
        );
        assert!(out.contains("# end") && out.contains("# - id: x"), "{out}");
    }
}
