//! The YAML syntax pass: text → a tree of nodes that remember where they came from.
//! Parsing goes through serde-saphyr with explicit limits; duplicate keys, tabs, bad indentation and limit breaches
//! become diagnostics with a position.

use crate::diag::{Diagnostic, Pos, pos_from_line_col, pos_from_offsets};
use crate::lang::Text;
use crate::tx;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error as YamlError, Location, Spanned};
use std::fmt;

/// Largest file read, in bytes. Larger files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Deepest nesting of lists and mappings.
pub const MAX_DEPTH: usize = 32;
/// Most nodes (scalars, lists, mappings) in one file, counting alias expansions.
pub const MAX_NODES: usize = 200_000;
/// Most aliases (`*name`) in one file.
pub const MAX_ALIASES: usize = 1_000;

/// A parsed YAML node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where it is.
    pub pos: Pos,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Empty or `~` / `null`.
    Null,
    /// A scalar; `text` is the value, `plain` whether it was written unquoted (and so may be a number or boolean).
    Scalar {
        /// The value as text (for unquoted scalars: exactly as written).
        text: String,
        /// Written without quotes or block indicators.
        plain: bool,
    },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where it is.
    pub pos: Pos,
}

impl Node {
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
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_documents = 2;
    let options = serde_saphyr::options! {
        budget: Some(budget),
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
        legacy_octal_numbers: false,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(raw) => Ok(build(text, raw)),
        Err(e) => Err(syntax_error(text, &e)),
    }
}

/// What serde-saphyr hands us: a value with its location, before positions are resolved against the text.
enum RawKind {
    Null,
    Scalar(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

struct Raw(RawKind);

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw(RawKind::Null))
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw(RawKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw(RawKind::Scalar(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Raw(RawKind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = a.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw(RawKind::Map(entries)))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

fn position(text: &str, loc: &Location) -> Pos {
    let span = loc.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) if start < u64::from(u32::MAX) => {
            // The parser already counted lines and characters; rescanning the text per node would be quadratic.
            let start = usize::try_from(start).unwrap_or(text.len()).min(text.len());
            let end = start
                .saturating_add(usize::try_from(len).unwrap_or(0))
                .min(text.len());
            match (usize::try_from(loc.line()), usize::try_from(loc.column())) {
                (Ok(line), Ok(col)) if line > 0 && col > 0 => Pos {
                    line,
                    col,
                    start,
                    end,
                },
                _ => pos_from_offsets(text, start, end),
            }
        }
        _ => pos_from_line_col(
            text,
            usize::try_from(loc.line()).unwrap_or(1).max(1),
            usize::try_from(loc.column()).unwrap_or(1).max(1),
            1,
        ),
    }
}

fn build(text: &str, raw: Spanned<Raw>) -> Node {
    let pos = position(text, &raw.referenced);
    let kind = match raw.value.0 {
        RawKind::Null => Kind::Null,
        RawKind::Scalar(value) => {
            // The written text tells quoted from plain; plain scalars keep their spelling (`1.10`, `01`, `yes`).
            let written = text.get(pos.start..pos.end).unwrap_or("");
            let plain = !written.is_empty()
                && !written.starts_with(['"', '\'', '|', '>'])
                && !written.contains('\n')
                && raw.referenced == raw.defined;
            let text = if plain {
                written.trim_end().to_string()
            } else {
                value
            };
            Kind::Scalar { text, plain }
        }
        RawKind::Seq(items) => Kind::Seq(items.into_iter().map(|n| build(text, n)).collect()),
        RawKind::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key_pos = position(text, &k.referenced);
                    let key = build(text, k);
                    let name = match key.kind {
                        Kind::Scalar { text, .. } => text,
                        Kind::Null => String::new(),
                        _ => text
                            .get(key_pos.start..key_pos.end)
                            .unwrap_or("")
                            .to_string(),
                    };
                    (Key { name, pos: key_pos }, build(text, v))
                })
                .collect(),
        ),
    };
    Node { pos, kind }
}

fn syntax_error(text: &str, e: &YamlError) -> Diagnostic {
    let pos = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| position(text, &l))
        .map(|mut p| {
            if p.end == p.start {
                // Mark at least one character so the caret is visible.
                p.end = text
                    .get(p.start..)
                    .and_then(|s| s.chars().next())
                    .map_or(p.start, |c| p.start + c.len_utf8());
            }
            p
        });
    let (code, message, help) = explain(e);
    let mut d = Diagnostic::error(code, message).help(help);
    if let Some(pos) = pos {
        d = d.at(pos);
    }
    d
}

/// Chinese and English wording for the parser's errors.
fn explain(e: &YamlError) -> (&'static str, Text, Text) {
    use serde_saphyr::budget::BudgetBreach as B;
    match e {
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            (
                "E102",
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
        YamlError::Budget { breach, .. } => limit_error(match breach {
            B::Depth { .. } => Limit::Depth,
            B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } => Limit::Aliases,
            _ => Limit::Nodes,
        }),
        YamlError::MultipleDocuments { .. } => (
            "E105",
            tx!(
                "一个文件里只能有一份内容，这里出现了 `---` 分隔的第二份",
                "a file may hold one document; this is a second one after `---`"
            ),
            tx!(
                "删掉 `---` 及其后的内容，或把它移到单独的文件。",
                "Remove the `---` and what follows, or move it to its own file."
            ),
        ),
        // Limits breached while replaying an alias, and the parser's own nesting limit, arrive as text.
        other
            if raw_message(other).contains("budget breached")
                || raw_message(other).contains("recursion limit") =>
        {
            let raw = raw_message(other);
            limit_error(if raw.contains("Depth") || raw.contains("recursion") {
                Limit::Depth
            } else if raw.contains("Alias") || raw.contains("Anchor") {
                Limit::Aliases
            } else {
                Limit::Nodes
            })
        }
        other => {
            let raw = raw_message(other);
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
                "E101",
                Text::new(
                    format!("YAML 语法错误：{zh}（{raw}）"),
                    format!("YAML syntax error: {raw}"),
                ),
                Text::new(help_zh, help_en),
            )
        }
    }
}

/// Which parsing limit a file broke.
enum Limit {
    Depth,
    Nodes,
    Aliases,
}

fn limit_error(limit: Limit) -> (&'static str, Text, Text) {
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
        "E104",
        tx!("文件超出解析限制：{}", "the file exceeds a parsing limit: {}"; what.zh, what.en),
        tx!(
            "议题文件不需要这么深或这么多的结构。检查是否误粘贴了大段内容，或把内容拆到多个文件。",
            "Case files never need this much structure. Check for pasted content, or split the file."
        ),
    )
}

/// The parser's own message, without its location suffix.
fn raw_message(e: &YamlError) -> String {
    let s = e.to_string();
    let s = s.strip_prefix("error: ").unwrap_or(&s);
    // "line 3 column 2: message" → "message"
    let s = match s.split_once(": ") {
        Some((head, tail)) if head.starts_with("line ") => tail,
        _ => s,
    };
    let s = s.lines().next().unwrap_or("").trim();
    // The position is shown separately; drop the parser's own " at line N, column M".
    match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(s).to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(n: &Node) -> &Vec<(Key, Node)> {
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
        assert_eq!(d.code, "E102");
        assert_eq!(d.pos.unwrap().line, 3);
    }

    #[test]
    fn tabs_are_explained() {
        let d = parse("a:\n\t- x\n").unwrap_err();
        assert_eq!(d.code, "E101");
        assert!(d.message.zh.contains("Tab"), "{}", d.message.zh);
        assert_eq!(d.pos.unwrap().line, 2);
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
        assert_eq!(parse(&lol).unwrap_err().code, "E104");
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let d = parse(&deep).unwrap_err();
        assert!(d.code == "E104" || d.code == "E101", "{d:?}");
        assert!(
            d.message.en.contains("nesting") || d.message.en.contains("limit"),
            "{}",
            d.message.en
        );
    }
}
