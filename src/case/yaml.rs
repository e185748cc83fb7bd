//! The YAML syntax pass: text → a tree of nodes that remember where they came from.
//! Parsing goes through serde-saphyr with explicit limits; duplicate keys, tabs, bad indentation and limit breaches
//! become diagnostics with a position.

use crate::diag::Code;
use crate::diag::{Diagnostic, Pos, pos_from_line_col};
use crate::lang::Text;
use crate::tx;
use serde_saphyr::granit_parser::{
    self, ErrorKind, Event, Parser, ScalarStyle, ScanError, Span, StrInput,
};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Largest file read, in bytes. Larger files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Deepest nesting of lists and mappings.
pub const MAX_DEPTH: usize = 32;
/// Most nodes (scalars, lists, mappings) in one file, counting alias expansions.
pub const MAX_NODES: usize = 200_000;
/// Most aliases (`*name`) in one file.
pub const MAX_ALIASES: usize = 1_000;
/// Deepest nesting of `[…]` and `{…}` the scanner accepts before the tree builder sees it.
const FLOW_NESTING_LIMIT: usize = 255;

/// A parsed YAML node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'t> {
    /// Where it is.
    pub pos: Pos,
    /// What it is.
    pub kind: Kind<'t>,
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'t> {
    /// Empty or `~` / `null`.
    Null,
    /// A scalar; `text` is the value, `plain` whether it was written in YAML's plain style.
    Scalar {
        /// The value as text (for unquoted scalars: exactly as written), borrowed from the file where it can be.
        text: Cow<'t, str>,
        /// Written without quotes, tag or block indicators: only such a `<<` is a merge key. The readers do not
        /// look at it: `"5"` is the number 5 as `5` is, so a secretary's quotes never change a figure.
        plain: bool,
    },
    /// A list.
    Seq(Vec<Node<'t>>),
    /// A mapping, in file order.
    Map(Vec<(Key<'t>, Node<'t>)>),
}

/// A mapping key.
#[derive(Clone, Debug, PartialEq)]
pub struct Key<'t> {
    /// The key text.
    pub name: Cow<'t, str>,
    /// Where it is.
    pub pos: Pos,
}

impl Node<'_> {
    /// A short name of the node's kind, for messages.
    pub fn kind_name(&self) -> Text {
        match &self.kind {
            Kind::Null => tx!("空值", "an empty value"),
            Kind::Scalar { .. } => tx!("文字或数字", "a scalar"),
            Kind::Seq(_) => tx!("列表", "a list"),
            Kind::Map(_) => tx!("键值映射", "a mapping"),
        }
    }
}

/// Parses one YAML document. On failure returns the diagnostic (without file name; the caller adds it).
///
/// The tree is built straight from serde-saphyr's event parser (`serde_saphyr::granit_parser`): every node keeps
/// the parser's own line, column and byte range, so positions cost nothing extra, and the limits, duplicate keys,
/// aliases and merge keys (`<<`) are handled here in one pass.
pub fn parse(text: &str) -> Result<Node<'_>, Diagnostic> {
    Builder::new(text).run().map_err(|f| failure(text, f))
}

/// Why a file could not be turned into a tree.
enum Failure {
    /// The scanner or parser stopped.
    Scan(ScanError),
    /// A key written twice in one mapping; where the second one is.
    Duplicate(String, Pos),
    /// A parsing limit was exceeded at this position.
    Limit(Limit, Pos),
    /// A second document after `---`.
    MultipleDocuments(Pos),
    /// A merge key `<<` whose value is not a mapping or a list of mappings.
    BadMerge(Pos),
    /// An alias inside the node its anchor is on (`&a [*a]`).
    RecursiveAlias(Pos),
}

/// An anchored node kept for its aliases, with its size and depth for the limits.
struct Anchored<'t> {
    node: Node<'t>,
    nodes: usize,
    depth: usize,
}

/// A collection being built.
enum Frame<'t> {
    Seq {
        pos: Pos,
        anchor: usize,
        first_node: usize,
        items: Vec<Node<'t>>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        first_node: usize,
        entries: Vec<(Key<'t>, Node<'t>)>,
        /// The key waiting for its value; `true` when it is the merge key `<<`.
        key: Option<(Key<'t>, bool)>,
        /// Values of `<<` keys, merged in at the end.
        merges: Vec<Node<'t>>,
        /// Key names, once the mapping is large enough for a linear search to matter.
        seen: Option<HashSet<Cow<'t, str>>>,
    },
}

/// Mappings with more keys than this look duplicates up in a set instead of scanning.
const SCAN_KEYS: usize = 16;

struct Builder<'t> {
    text: &'t str,
    parser: Parser<'t, StrInput<'t>>,
    stack: Vec<Frame<'t>>,
    anchors: HashMap<usize, Anchored<'t>>,
    nodes: usize,
    aliases: usize,
    root: Option<Node<'t>>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        let options = granit_parser::options! {
            flow_nesting_limit: FLOW_NESTING_LIMIT,
            block_nesting_limit: MAX_DEPTH + 1,
        };
        Builder {
            text,
            parser: Parser::new_from_str_with_options(text, options),
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            aliases: 0,
            root: None,
        }
    }

    fn pos(&self, span: &Span) -> Pos {
        let (start, end) = (&span.start, &span.end);
        match (start.byte_offset(), end.byte_offset()) {
            (Some(s), Some(e)) if s <= e && e <= self.text.len() => Pos {
                line: start.line().max(1),
                col: start.col() + 1,
                start: s,
                end: e,
            },
            _ => pos_from_line_col(self.text, start.line().max(1), start.col() + 1, span.len()),
        }
    }

    fn run(mut self) -> Result<Node<'t>, Failure> {
        let mut documents = 0usize;
        while let Some(next) = self.parser.next_event() {
            let (event, span) = next.map_err(Failure::Scan)?;
            match event {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(..) => {
                    documents += 1;
                    if documents > 1 {
                        // Point at the second document's content, or at its `---` when it has none.
                        let at = match self.parser.next_event() {
                            Some(Ok((e, s))) if e.is_node() => s,
                            _ => span,
                        };
                        return Err(Failure::MultipleDocuments(self.pos(&at)));
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let pos = self.pos(&span);
                    self.count(1, &pos)?;
                    let core = tag
                        .as_ref()
                        .and_then(|t| t.core_suffix().map(str::to_string));
                    let kind = scalar(value, style, tag.is_none(), core.as_deref());
                    self.finish(Node { pos, kind }, anchor, 1, 0)?;
                }
                Event::Alias(id) => self.alias(id, &span)?,
                Event::SequenceStart(_, anchor, _) => {
                    let pos = self.open(&span)?;
                    self.stack.push(Frame::Seq {
                        pos,
                        anchor,
                        first_node: self.nodes,
                        items: Vec::new(),
                    });
                }
                Event::MappingStart(_, anchor, _) => {
                    let pos = self.open(&span)?;
                    self.stack.push(Frame::Map {
                        pos,
                        anchor,
                        first_node: self.nodes,
                        entries: Vec::new(),
                        key: None,
                        merges: Vec::new(),
                        seen: None,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => self.close()?,
                // Anchor names, comments and unresolved aliases are only emitted when asked for.
                _ => {}
            }
        }
        Ok(self.root.unwrap_or(Node {
            pos: Pos {
                line: 1,
                col: 1,
                start: 0,
                end: 0,
            },
            kind: Kind::Null,
        }))
    }

    /// An alias: a copy of the anchored node, counted against the limits before it is made.
    fn alias(&mut self, id: usize, span: &Span) -> Result<(), Failure> {
        let pos = self.pos(span);
        self.aliases += 1;
        if self.aliases > MAX_ALIASES {
            return Err(Failure::Limit(Limit::Aliases, pos));
        }
        // The parser knows every anchor before its aliases; one not kept yet is still open: the alias
        // sits inside the node it names.
        let Some(a) = self.anchors.get(&id) else {
            return Err(Failure::RecursiveAlias(pos));
        };
        let (nodes, depth) = (a.nodes, a.depth);
        if self.stack.len() + depth > MAX_DEPTH {
            return Err(Failure::Limit(Limit::Depth, pos));
        }
        // Counted before copying, so an alias bomb stops before it takes memory.
        if self.nodes.saturating_add(nodes) > MAX_NODES {
            return Err(Failure::Limit(Limit::Nodes, pos));
        }
        let mut node = a.node.clone();
        self.nodes += nodes;
        // The copy stands where the alias is written, so messages point there.
        node.pos = pos;
        self.finish(node, 0, nodes, depth)
    }

    fn count(&mut self, n: usize, pos: &Pos) -> Result<(), Failure> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(Failure::Limit(Limit::Nodes, *pos));
        }
        Ok(())
    }

    fn open(&mut self, span: &Span) -> Result<Pos, Failure> {
        let pos = self.pos(span);
        self.count(1, &pos)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Failure::Limit(Limit::Depth, pos));
        }
        Ok(pos)
    }

    fn close(&mut self) -> Result<(), Failure> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor, first_node) = match frame {
            Frame::Seq {
                pos,
                anchor,
                first_node,
                items,
            } => (
                Node {
                    pos,
                    kind: Kind::Seq(items),
                },
                anchor,
                first_node,
            ),
            Frame::Map {
                pos,
                anchor,
                first_node,
                mut entries,
                merges,
                ..
            } => {
                merge(&mut entries, merges)?;
                (
                    Node {
                        pos,
                        kind: Kind::Map(entries),
                    },
                    anchor,
                    first_node,
                )
            }
        };
        let nodes = self.nodes - first_node;
        // Only an anchored node needs its depth (for its aliases); it is measured once, here.
        let depth = if anchor == 0 { 0 } else { depth_of(&node) };
        self.finish(node, anchor, nodes, depth)
    }

    /// A complete node: remember it for aliases if anchored, and put it in its parent.
    fn finish(
        &mut self,
        node: Node<'t>,
        anchor: usize,
        nodes: usize,
        depth: usize,
    ) -> Result<(), Failure> {
        if anchor != 0 {
            if self.anchors.len() >= MAX_ALIASES {
                return Err(Failure::Limit(Limit::Aliases, node.pos));
            }
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    nodes,
                    depth,
                },
            );
        }
        let text = self.text;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merges,
                seen,
                ..
            }) => match key.take() {
                None => {
                    let merge_key =
                        matches!(&node.kind, Kind::Scalar { text, plain: true } if text == "<<");
                    let name = match node.kind {
                        Kind::Scalar { text, .. } => text,
                        Kind::Null => Cow::Borrowed(""),
                        // A list or mapping used as a key: shown as written.
                        _ => Cow::Borrowed(text.get(node.pos.start..node.pos.end).unwrap_or("")),
                    };
                    if !merge_key {
                        let duplicate = match seen {
                            Some(set) => !set.insert(name.clone()),
                            None => entries.iter().any(|(k, _)| k.name == name),
                        };
                        if duplicate {
                            return Err(Failure::Duplicate(name.into_owned(), node.pos));
                        }
                        if seen.is_none() && entries.len() >= SCAN_KEYS {
                            let mut set: HashSet<Cow<'t, str>> =
                                entries.iter().map(|(k, _)| k.name.clone()).collect();
                            set.insert(name.clone());
                            *seen = Some(set);
                        }
                    }
                    *key = Some((
                        Key {
                            name,
                            pos: node.pos,
                        },
                        merge_key,
                    ));
                }
                Some((_, true)) => merges.push(node),
                Some((k, false)) => entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// What a scalar is: null (empty, `~`, `null` unquoted and untagged, or tagged `!!null`), else text, plain when
/// unquoted and untagged.
fn scalar<'t>(
    text: Cow<'t, str>,
    style: ScalarStyle,
    untagged: bool,
    core_tag: Option<&str>,
) -> Kind<'t> {
    let plain = untagged && style == ScalarStyle::Plain;
    if core_tag == Some("null")
        || (plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    {
        Kind::Null
    } else {
        Kind::Scalar { text, plain }
    }
}

/// YAML merge keys: entries of the merged mappings that the mapping does not set itself, first merge first.
fn merge<'t>(entries: &mut Vec<(Key<'t>, Node<'t>)>, merges: Vec<Node<'t>>) -> Result<(), Failure> {
    if merges.is_empty() {
        return Ok(());
    }
    let mut names: HashSet<Cow<'t, str>> = entries.iter().map(|(k, _)| k.name.clone()).collect();
    for m in merges {
        let maps = match m.kind {
            Kind::Map(e) => vec![e],
            Kind::Seq(items) => {
                let mut maps = Vec::new();
                for item in items {
                    match item.kind {
                        Kind::Map(e) => maps.push(e),
                        _ => return Err(Failure::BadMerge(item.pos)),
                    }
                }
                maps
            }
            _ => return Err(Failure::BadMerge(m.pos)),
        };
        for (k, v) in maps.into_iter().flatten() {
            if names.insert(k.name.clone()) {
                entries.push((k, v));
            }
        }
    }
    Ok(())
}

/// How many levels of lists and mappings a node holds (0 for a scalar).
fn depth_of(node: &Node) -> usize {
    match &node.kind {
        Kind::Seq(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        Kind::Map(entries) => 1 + entries.iter().map(|(_, v)| depth_of(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fn failure(text: &str, f: Failure) -> Diagnostic {
    let (pos, (code, message, help)) = match f {
        Failure::Scan(e) => {
            let m = e.marker();
            let mut pos = pos_from_line_col(text, m.line().max(1), m.col() + 1, 1);
            if pos.end == pos.start {
                // Mark at least one character so the caret is visible.
                pos.end = text
                    .get(pos.start..)
                    .and_then(|s| s.chars().next())
                    .map_or(pos.start, |c| pos.start + c.len_utf8());
            }
            let explained = explain_scan(&e);
            if is_tab(&e)
                && let Some(at) = tab_near(text, pos.start)
            {
                pos = crate::diag::pos_from_offsets(text, at, at + 1);
            }
            (pos, explained)
        }
        Failure::Limit(limit, pos) => (pos, limit_error(limit)),
        Failure::Duplicate(ref key, pos) => (pos, duplicate(key)),
        Failure::MultipleDocuments(pos) | Failure::RecursiveAlias(pos) | Failure::BadMerge(pos) => {
            (pos, structure(&f))
        }
    };
    let mut pos = pos;
    if pos.end == pos.start {
        pos.end = text
            .get(pos.start..)
            .and_then(|s| s.chars().next())
            .filter(|c| *c != '\n')
            .map_or(pos.start, |c| pos.start + c.len_utf8());
    }
    Diagnostic::error(code, message).help(help).at(pos)
}

/// Code, message and advice for a key written twice.
fn duplicate(key: &str) -> (Code, Text, Text) {
    (
        Code::E102,
        tx!(
            "字段 `{key}` 在同一层写了两次",
            "the key `{key}` appears twice in the same mapping"
        ),
        tx!(
            "删掉其中一个，或把两处内容合并；同一层里每个字段只能出现一次。",
            "Delete one of them or merge the two; each key may appear only once at the same level."
        ),
    )
}

/// Code, message and advice for a second document, an alias inside its own anchor, or a bad merge key.
fn structure(f: &Failure) -> (Code, Text, Text) {
    match f {
        Failure::MultipleDocuments(_) => (
            Code::E105,
            tx!(
                "一个文件里只能有一份内容，这里出现了 `---` 分隔的第二份",
                "a file may hold one document; this is a second one after `---`"
            ),
            tx!(
                "删掉 `---` 及其后的内容，或把它移到单独的文件。",
                "Remove the `---` and what follows, or move it to its own file."
            ),
        ),
        Failure::RecursiveAlias(_) => (
            Code::E101,
            tx!(
                "YAML 语法错误：别名引用了包含它自己的内容",
                "YAML syntax error: an alias refers to the node that contains it"
            ),
            tx!(
                "`*名字` 不能写在 `&名字` 标记的那一项里面；把它移到外面，或直接写出内容。",
                "An alias `*name` cannot sit inside the node marked `&name`; move it out or write the content out."
            ),
        ),
        _ => (
            Code::E101,
            tx!(
                "YAML 语法错误：合并键 `<<` 的值必须是键值映射（或映射的列表）",
                "YAML syntax error: the value of a merge key `<<` must be a mapping or a list of mappings"
            ),
            tx!(
                "`<<: *名字` 只能引用用 `&名字` 标记的一组字段；不需要合并时直接写出字段。",
                "`<<: *name` may only refer to a mapping marked `&name`; otherwise write the keys out."
            ),
        ),
    }
}

/// Whether the parser stopped at a Tab.
fn is_tab(e: &ScanError) -> bool {
    e.info().to_ascii_lowercase().contains("tab")
}

/// The Tab the parser tripped over: the scanner stops where the Tab breaks the structure, which may be the end of
/// the line before. The first Tab in a line's indentation from the marker's line on; else the nearest Tab after the
/// marker, then before it.
fn tab_near(text: &str, at: usize) -> Option<usize> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut offset = line_start;
    for line in text[line_start..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some(offset + i);
        }
        offset += line.len();
    }
    text[at..]
        .find('\t')
        .map(|i| at + i)
        .or_else(|| text[..at].rfind('\t'))
}

/// Chinese and English wording for the parser's errors.
fn explain_scan(e: &ScanError) -> (Code, Text, Text) {
    let raw = match e.kind() {
        ErrorKind::UnknownAnchor => "alias references unknown anchor".to_string(),
        _ => e.info().lines().next().unwrap_or("").trim().to_string(),
    };
    if raw.contains("recursion limit") || raw.contains("nesting limit") {
        return limit_error(Limit::Depth);
    }
    let lower = raw.to_ascii_lowercase();
    let (zh, en_help) = if lower.contains("tab") {
        (
            "用了 Tab 键缩进".to_string(),
            "YAML 只能用空格缩进。把这一行开头的 Tab 换成空格（通常每层两个空格）。|Use spaces, not tabs, to indent YAML (two spaces per level).",
        )
    } else if lower.contains("did not find expected")
        || lower.contains("mapping values are not allowed")
        || lower.contains("indent")
        || lower.contains("block collection")
        || lower.contains("block sequence")
    {
        (
            "缩进不对齐，或列表项和字段混在同一层".to_string(),
            "同一层的字段必须左对齐，下一层比上一层多缩进（建议两个空格）；同一层要么都是以 `- ` 开头的列表项，要么都是 `字段: 值`。对照上一行检查这一行的缩进。|Keys at the same level must line up and a nested level is indented further (two spaces); a level holds either list items (`- `) or `key: value` lines, not both. Compare this line's indentation with the line above.",
        )
    } else if lower.contains("escape") {
        (
            "双引号里的反斜杠后面跟了不认识的字符".to_string(),
            "在双引号 \"…\" 里，反斜杠 \\ 有特殊含义；要写反斜杠本身请写两个 \\\\，或者把整个值改用单引号 '…'。|Inside double quotes a backslash starts an escape; write \\\\ for a backslash, or use single quotes.",
        )
    } else if lower.contains("quote") || lower.contains("quoted") {
        (
            "引号没有成对".to_string(),
            "检查这一行的引号：开头有 \" 或 ' 的，结尾也要有同样的引号。中文引号“”不算 YAML 引号。|Check the quotes on this line: a value that starts with \" or ' must end with the same quote.",
        )
    } else if lower.contains("bracket")
        || lower.contains("':'")
        || lower.contains("flow")
        || lower.contains("']'")
        || lower.contains("'}'")
    {
        (
            "方括号或花括号没有闭合，或冒号位置不对".to_string(),
            "检查 [ ] 和 { } 是否成对；值里含有“: ”时请给整个值加引号。|Check that [ ] and { } are balanced; quote values that contain “: ”.",
        )
    } else if lower.contains("control")
        || lower.contains("invalid character")
        || lower.contains("unexpected character")
    {
        (
            "有不可见的控制字符或不允许的字符".to_string(),
            "删除这一位置的不可见字符（常见于从网页或 Word 粘贴的内容）。|Delete the invisible character at this position (often pasted from a web page or Word).",
        )
    } else if lower.contains("alias") || lower.contains("anchor") {
        (
            "别名引用了不存在的锚点".to_string(),
            "`*名字` 必须引用前面用 `&名字` 定义过的内容。|An alias `*name` must refer to an anchor `&name` defined earlier.",
        )
    } else {
        (
            "YAML 语法错误".to_string(),
            "检查这一行及上一行：缩进、冒号后的空格、引号和括号是否成对。|Check this line and the one before: indentation, a space after each colon, balanced quotes and brackets.",
        )
    };
    let (help_zh, help_en) = en_help.split_once('|').unwrap_or((en_help, en_help));
    (
        Code::E101,
        Text::new(
            format!("YAML 语法错误：{zh}（{raw}）"),
            format!("YAML syntax error: {raw}"),
        ),
        Text::new(help_zh, help_en),
    )
}

/// Which parsing limit a file broke.
enum Limit {
    Depth,
    Nodes,
    Aliases,
}

fn limit_error(limit: Limit) -> (Code, Text, Text) {
    let what = match limit {
        Limit::Depth => tx!(
            "嵌套超过 {MAX_DEPTH} 层",
            "nesting deeper than {MAX_DEPTH} levels"
        ),
        Limit::Nodes => tx!(
            "节点超过 {MAX_NODES} 个（含别名展开）",
            "more than {MAX_NODES} nodes (counting alias expansion)"
        ),
        Limit::Aliases => tx!(
            "锚点/别名超过 {MAX_ALIASES} 个或展开过多",
            "more than {MAX_ALIASES} anchors/aliases, or too much alias expansion"
        ),
    };
    (
        Code::E104,
        tx!("文件超出解析限制：{}", "the file exceeds a parsing limit: {}"; what.zh, what.en),
        tx!(
            "议题文件不需要这么深或这么多的结构。检查是否误粘贴了大段内容，或把内容拆到多个文件。",
            "Case files never need this much structure. Check for pasted content, or split the file."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map<'a, 't>(n: &'a Node<'t>) -> &'a Vec<(Key<'t>, Node<'t>)> {
        match &n.kind {
            Kind::Map(m) => m,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn plain_scalars_keep_their_spelling_and_positions() {
        let text = "id: 1.10\n标题: \"中文\"\nn: 01\nok: yes\nempty:\n";
        let root = parse(text).unwrap();
        let m = map(&root);
        assert_eq!(
            m[0].1.kind,
            Kind::Scalar {
                text: "1.10".into(),
                plain: true
            }
        );
        assert_eq!(m[1].0.name, "标题");
        assert_eq!((m[1].1.pos.line, m[1].1.pos.col), (2, 5));
        assert_eq!(
            m[1].1.kind,
            Kind::Scalar {
                text: "中文".into(),
                plain: false
            }
        );
        assert_eq!(
            m[2].1.kind,
            Kind::Scalar {
                text: "01".into(),
                plain: true
            }
        );
        assert_eq!(
            m[3].1.kind,
            Kind::Scalar {
                text: "yes".into(),
                plain: true
            }
        );
        assert_eq!(m[4].1.kind, Kind::Null);
    }

    #[test]
    fn duplicate_keys_are_errors_with_position() {
        let d = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(d.code, Code::E102);
        assert_eq!(d.pos.unwrap().line, 3);
    }

    #[test]
    fn duplicates_are_found_in_large_mappings_too() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k7: again\n");
        let d = parse(&text).unwrap_err();
        assert_eq!(d.code, Code::E102);
        assert!(d.message.en.contains("`k7`"), "{}", d.message.en);
        assert_eq!(d.pos.unwrap().line, 41);
        text.truncate(text.len() - "k7: again\n".len());
        assert_eq!(map(&parse(&text).unwrap()).len(), 40);
    }

    #[test]
    fn aliases_merge_keys_tags_and_blocks() {
        let text = "base: &b {lead: 甲局, n: 5}\nx:\n  <<: *b\n  n: 6\ny: *b\nz: !!str 01\nw: |\n  两行\n  文字\nv: ~\n";
        let root = parse(text).unwrap();
        let m = map(&root);
        // Explicit keys win over merged ones; merged keys follow in the anchor's order.
        let x = map(&m[1].1);
        let names: Vec<_> = x.iter().map(|(k, _)| k.name.as_ref()).collect();
        assert_eq!(names, ["n", "lead"]);
        assert_eq!(
            x[0].1.kind,
            Kind::Scalar {
                text: "6".into(),
                plain: true
            }
        );
        // An alias is a copy placed where the alias is written.
        assert_eq!(m[2].1.pos.line, 5);
        assert_eq!(map(&m[2].1).len(), 2);
        // A tag makes text of a plain scalar; blocks keep their lines.
        assert_eq!(
            m[3].1.kind,
            Kind::Scalar {
                text: "01".into(),
                plain: false
            }
        );
        assert_eq!(
            m[4].1.kind,
            Kind::Scalar {
                text: "两行\n文字\n".into(),
                plain: false
            }
        );
        assert_eq!(m[5].1.kind, Kind::Null);
        // An aliased plain scalar is still plain: `*n` is the number 5, as `&n 5` is.
        let m2 = parse("n: &n 5\nm: *n\n").unwrap();
        assert_eq!(
            map(&m2)[1].1.kind,
            Kind::Scalar {
                text: "5".into(),
                plain: true
            }
        );
        assert_eq!(parse("").unwrap().kind, Kind::Null);
        assert_eq!(parse("# 只有注释\n").unwrap().kind, Kind::Null);
    }

    /// Only an unquoted, untagged `<<` merges; written as `"<<"` or `!!str <<` it is an ordinary key.
    #[test]
    fn only_a_plain_merge_key_merges() {
        let root = parse("a:\n  \"<<\": x\n  b: 1\nc:\n  !!str <<: y\n").unwrap();
        let m = map(&root);
        for (i, value) in [(0, "x"), (1, "y")] {
            let entries = map(&m[i].1);
            assert_eq!(entries[0].0.name, "<<");
            assert_eq!(
                entries[0].1.kind,
                Kind::Scalar {
                    text: value.into(),
                    plain: true
                }
            );
        }
    }

    #[test]
    fn second_documents_bad_merges_and_unknown_aliases_are_errors() {
        let d = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!((d.code, d.pos.unwrap().line), (Code::E105, 3));
        let d = parse("a: 1\nb:\n  <<: 5\n").unwrap_err();
        assert_eq!((d.code, d.pos.unwrap().line), (Code::E101, 3));
        assert!(d.message.en.contains("merge key"), "{}", d.message.en);
        let d = parse("a: &a [1, *a]\n").unwrap_err();
        assert_eq!((d.code, d.pos.unwrap().col), (Code::E101, 11));
        assert!(d.message.en.contains("contains it"), "{}", d.message.en);
        let d = parse("a: *nope\n").unwrap_err();
        assert_eq!((d.code, d.pos.unwrap().line), (Code::E101, 1));
        assert!(d.message.zh.contains("锚点"), "{}", d.message.zh);
    }

    #[test]
    fn an_alias_cannot_nest_deeper_than_the_limit() {
        let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        // 20 levels under the anchor, used 15 levels down: 35 in all.
        let text = format!(
            "a: &d {}\nb: {}*d{}\n",
            deep(20),
            "[".repeat(14),
            "]".repeat(14)
        );
        let d = parse(&text).unwrap_err();
        assert_eq!((d.code, d.pos.unwrap().line), (Code::E104, 2), "{d:?}");
        assert!(d.message.en.contains("nesting"), "{}", d.message.en);
        // The same alias higher up fits.
        let text = format!("a: &d {}\nb: [[*d]]\n", deep(20));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn tabs_are_explained() {
        let d = parse("a:\n\t- x\n").unwrap_err();
        assert_eq!(d.code, Code::E101);
        assert!(d.message.zh.contains("Tab"), "{}", d.message.zh);
        assert_eq!(d.pos.unwrap().line, 2);
        // The parser stops at the end of the line before; the caret goes to the Tab itself.
        let d = parse("a:\n  b: 甲乙丙\n \t c: x\n").unwrap_err();
        assert_eq!(d.code, Code::E101);
        let pos = d.pos.unwrap();
        assert_eq!((pos.line, pos.col), (3, 2), "{d:?}");
        // A Tab inside a value is not taken for the culprit when one sits in an indentation.
        assert_eq!(tab_near("a: x\ty\n\tb: 1\n", 0), Some(7));
        assert_eq!(tab_near("a: x\ty\n", 0), Some(4));
    }

    #[test]
    fn billion_laughs_and_deep_nesting_fail_fast() {
        let mut lol = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            lol.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        assert_eq!(parse(&lol).unwrap_err().code, Code::E104);
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse(&deep).unwrap_err();
        assert!(d.code == Code::E104 || d.code == Code::E101, "{d:?}");
        assert!(
            d.message.en.contains("nesting") || d.message.en.contains("limit"),
            "{}",
            d.message.en
        );
    }
}
