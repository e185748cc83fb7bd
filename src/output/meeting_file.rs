//! Writing members' assessments into a meeting file's text (pure): a blank assessment (as `new meeting` writes them)
//! is filled in, a missing one is added at the end of the list, a filled one is left alone unless it is to be
//! replaced; everything else in the file — comments, other sections, the order — stays as the secretary wrote it.
//! Every value is written quoted, so no text from a workbook can add a key.

use crate::case::model::Satisfaction;
use crate::case::yaml::{Kind, Node};
use crate::fmt::number::num;

/// An assessment to write.
#[derive(Clone, Debug, PartialEq)]
pub struct NewAssessment {
    /// Recommendation id.
    pub rec: String,
    /// Status key.
    pub status: Option<String>,
    /// Progress, 0–100.
    pub progress: Option<f64>,
    /// Satisfaction counts.
    pub satisfaction: Option<Satisfaction>,
    /// Comment.
    pub comment: Option<String>,
}

/// The merged text and what changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    /// The new file text.
    pub text: String,
    /// Recommendations added to the list.
    pub added: Vec<String>,
    /// Blank assessments filled in.
    pub filled: Vec<String>,
    /// Filled assessments replaced (`--replace`).
    pub replaced: Vec<String>,
    /// `planned: true` was removed: the meeting has been held.
    pub held: bool,
}

/// Why the text could not be merged.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// These recommendations are already assessed in the file: (id, line).
    Filled(Vec<(String, usize)>),
    /// The assessments are written in flow style (`[...]`) at this line; only block lists can be edited.
    Flow(usize),
}

/// A string as a JSON (and YAML) quoted scalar.
pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// One assessment as a block-list item, its `- ` at `indent` spaces.
pub fn render(a: &NewAssessment, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}- rec: {}\n", quoted(&a.rec));
    let field = |out: &mut String, key: &str, value: String| {
        out.push_str(&format!("{pad}  {key}: {value}\n"));
    };
    if let Some(s) = &a.status {
        field(&mut out, "status", quoted(s));
    }
    if let Some(p) = a.progress {
        field(&mut out, "progress", num(p));
    }
    if let Some(s) = a.satisfaction {
        let v = format!(
            "{{satisfied: {}, basic: {}, unsatisfied: {}}}",
            s.satisfied, s.basic, s.unsatisfied
        );
        field(&mut out, "satisfaction", v);
    }
    if let Some(c) = &a.comment {
        field(&mut out, "comment", quoted(c));
    }
    out
}

/// An assessment item already in the file.
struct Item {
    rec: String,
    /// Byte range of its lines.
    start: usize,
    end: usize,
    line: usize,
    filled: bool,
}

/// The start of the line `at` is in.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The start of the line after the one `at` is in (or the end of the text).
pub(crate) fn next_line(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i + 1)
}

fn scalar(node: &Node) -> Option<String> {
    match &node.kind {
        Kind::Scalar { text, .. } if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    }
}

/// Whether an item says anything beyond its `rec`.
fn is_filled(entries: &[(crate::case::yaml::Key<'_>, Node<'_>)]) -> bool {
    entries.iter().any(|(k, v)| match k.name.as_ref() {
        "status" | "progress" | "comment" => scalar(v).is_some(),
        "satisfaction" => match &v.kind {
            Kind::Map(counts) => counts.iter().any(|(_, c)| scalar(c).is_some()),
            _ => scalar(v).is_some(),
        },
        _ => false,
    })
}

/// Merges `new` into the meeting file `text` (parsed as `root`).
pub fn merge(
    text: &str,
    root: &Node<'_>,
    new: &[NewAssessment],
    replace: bool,
) -> Result<Merged, Refused> {
    let Kind::Map(top) = &root.kind else {
        return Err(Refused::Flow(root.pos.line));
    };
    let at = top.iter().position(|(k, _)| k.name == "assessments");
    // Where the list ends: the line of the next top-level key, or the end of the file.
    let next_key = at
        .and_then(|i| top.get(i + 1))
        .map_or(text.len(), |(k, _)| line_start(text, k.pos.start));
    let (items, indent, insert) = match at.and_then(|i| top.get(i)) {
        Some((key, value)) => list(text, key, value, next_key)?,
        None => (Vec::new(), 2, text.len()),
    };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut merged = Merged::default();
    let mut refused = Vec::new();
    let mut appended = String::new();
    for a in new {
        match items.iter().find(|i| i.rec == a.rec) {
            Some(i) if i.filled && !replace => refused.push((a.rec.clone(), i.line)),
            Some(i) => {
                edits.push((i.start, i.end, render(a, indent)));
                if i.filled {
                    &mut merged.replaced
                } else {
                    &mut merged.filled
                }
                .push(a.rec.clone());
            }
            None => {
                appended.push_str(&render(a, indent));
                merged.added.push(a.rec.clone());
            }
        }
    }
    if !refused.is_empty() {
        return Err(Refused::Filled(refused));
    }
    if at.is_none() && !appended.is_empty() {
        appended = format!(
            "{}assessments:\n{appended}",
            if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                "\n"
            }
        );
    }
    if !appended.is_empty() {
        edits.push((insert, insert, appended));
    }
    if let Some(range) = planned_line(text, top) {
        edits.push((range.0, range.1, String::new()));
        merged.held = true;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    merged.text = out;
    Ok(merged)
}

/// The items of the `assessments` list, the indentation of its `- `, and where a new item goes.
fn list(
    text: &str,
    key: &crate::case::yaml::Key<'_>,
    value: &Node<'_>,
    next_key: usize,
) -> Result<(Vec<Item>, usize, usize), Refused> {
    let after_key = next_line(text, key.pos.start);
    let nodes = match &value.kind {
        Kind::Seq(nodes) => nodes,
        Kind::Null => return Ok((Vec::new(), 2, after_key)),
        _ => return Err(Refused::Flow(key.pos.line)),
    };
    let mut items: Vec<Item> = Vec::new();
    for n in nodes {
        let Kind::Map(entries) = &n.kind else {
            return Err(Refused::Flow(n.pos.line));
        };
        let first = entries
            .iter()
            .map(|(k, _)| k.pos.start)
            .chain([n.pos.start])
            .min()
            .unwrap_or(n.pos.start);
        let start = line_start(text, first);
        // A flow list, or two items on a line, cannot be edited line by line.
        if start < after_key || items.last().is_some_and(|i| i.start >= start) {
            return Err(Refused::Flow(n.pos.line));
        }
        if let Some(last) = items.last_mut() {
            last.end = start;
        }
        let rec = entries
            .iter()
            .find(|(k, _)| k.name == "rec")
            .and_then(|(_, v)| scalar(v));
        items.push(Item {
            rec: rec.unwrap_or_default(),
            start,
            end: next_key,
            line: n.pos.line,
            filled: is_filled(entries),
        });
    }
    // The last item ends before the comment and blank lines that lead to the next section.
    if let Some(last) = items.last_mut() {
        last.end = trim_trailing_comments(text, last.start, last.end);
    }
    let indent = items.first().map_or(2, |i| {
        text[i.start..].len() - text[i.start..].trim_start_matches(' ').len()
    });
    let insert = items.last().map_or(after_key, |i| i.end);
    Ok((items, indent, insert))
}

/// `end` moved back over whole lines that are blank or only a comment.
pub(crate) fn trim_trailing_comments(text: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let from = line_start(text, end.saturating_sub(1));
        let line = text.get(from..end).unwrap_or("").trim();
        if from <= start || !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        end = from;
    }
    end
}

/// The line `planned: true` at the top level, if there is one.
fn planned_line(
    text: &str,
    top: &[(crate::case::yaml::Key<'_>, Node<'_>)],
) -> Option<(usize, usize)> {
    let (k, v) = top.iter().find(|(k, _)| k.name == "planned")?;
    let yes =
        scalar(v).is_some_and(|s| matches!(s.to_ascii_lowercase().as_str(), "true" | "yes" | "是"));
    let start = line_start(text, k.pos.start);
    let end = next_line(text, v.pos.start.max(k.pos.start));
    // Only a line that holds nothing else.
    (yes && line_start(text, v.pos.start) == start).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::yaml::parse;

    fn a(rec: &str, status: &str) -> NewAssessment {
        NewAssessment {
            rec: rec.into(),
            status: Some(status.into()),
            progress: None,
            satisfaction: Some(Satisfaction {
                satisfied: 3,
                basic: 1,
                unsatisfied: 0,
            }),
            comment: Some("评议: \"好\"\nkey: injected".into()),
        }
    }

    const BLANK: &str = "date: 2021-12-16\nplanned: true\nassessments:\n  - rec: 1.1    # 标题\n    status:\n    progress:\n    satisfaction: {satisfied: , basic: , unsatisfied: }\n    comment:\n  - rec: 1.2\n    status: B\n# 反向评议\nfeedback:\n";

    /// A blank item is filled in place, a missing one is added at the end of the list, a filled one is left, and
    /// comments and later sections stay; `planned: true` goes.
    #[test]
    fn blank_items_are_filled_and_the_rest_of_the_file_stays() {
        let root = parse(BLANK).unwrap();
        let m = merge(BLANK, &root, &[a("1.1", "A"), a("2.1", "C")], false).unwrap();
        assert_eq!(
            (m.filled.clone(), m.added.clone(), m.held),
            (vec!["1.1".to_string()], vec!["2.1".to_string()], true)
        );
        let expected = "date: 2021-12-16\nassessments:\n  - rec: \"1.1\"\n    status: \"A\"\n    satisfaction: {satisfied: 3, basic: 1, unsatisfied: 0}\n    comment: \"评议: \\\"好\\\"\\nkey: injected\"\n  - rec: 1.2\n    status: B\n  - rec: \"2.1\"\n    status: \"C\"\n    satisfaction: {satisfied: 3, basic: 1, unsatisfied: 0}\n    comment: \"评议: \\\"好\\\"\\nkey: injected\"\n# 反向评议\nfeedback:\n";
        assert_eq!(m.text, expected);
        // Read back, the comment is one value: no key was added by the text.
        let back = parse(&m.text).unwrap();
        let Kind::Map(top) = &back.kind else { panic!() };
        assert_eq!(top.len(), 3);
    }

    #[test]
    fn filled_items_are_refused_unless_replaced_and_flow_lists_are_refused() {
        let root = parse(BLANK).unwrap();
        assert_eq!(
            merge(BLANK, &root, &[a("1.2", "A")], false),
            Err(Refused::Filled(vec![("1.2".into(), 9)]))
        );
        let m = merge(BLANK, &root, &[a("1.2", "A")], true).unwrap();
        assert_eq!(m.replaced, ["1.2"]);
        assert!(
            m.text.contains("  - rec: \"1.2\"\n    status: \"A\"")
                && m.text.ends_with("# 反向评议\nfeedback:\n"),
            "{}",
            m.text
        );
        let flow = "date: 2021-12-16\nassessments: [{rec: 1.1, status: A}]\n";
        assert_eq!(
            merge(flow, &parse(flow).unwrap(), &[a("1.1", "A")], false),
            Err(Refused::Flow(2))
        );
    }

    /// A file without an `assessments` key gets one at the end.
    #[test]
    fn a_file_without_assessments_gets_the_list() {
        let text = "date: 2021-12-16\nkind: reconsultation";
        let m = merge(text, &parse(text).unwrap(), &[a("1.1", "B")], false).unwrap();
        assert!(
            m.text.starts_with(
                "date: 2021-12-16\nkind: reconsultation\nassessments:\n  - rec: \"1.1\"\n"
            ),
            "{}",
            m.text
        );
    }
}
