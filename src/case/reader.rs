//! The field reader: walks a parsed YAML tree the way a schema would, and collects every problem it meets —
//! unknown fields (with a "did you mean"), missing or empty required fields, wrong types, impossible dates,
//! values outside a list of choices — instead of stopping at the first.

use crate::case::yaml::{Key, Kind, Node};
use crate::diag::Code;
use crate::diag::{Diagnostic, Pos};
use crate::fmt::date::{DateProblem, parse_date};
use crate::fmt::text::{CELL_LIMIT, over_cell_limit, xml_forbidden};
use crate::fmt::text::{nearest, trim};
use crate::lang::Text;
use crate::tx;
use chrono::NaiveDate;

/// A value with the position it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub pos: Pos,
}

impl<T> At<T> {
    /// Wraps a value with a position.
    pub fn new(value: T, pos: Pos) -> At<T> {
        At { value, pos }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The fields of one mapping, with the names asked for so far (so the rest are unknown).
pub struct Fields<'n> {
    pos: Pos,
    entries: &'n [(Key<'n>, Node<'n>)],
    known: Vec<&'static str>,
    noun: Text,
}

impl<'n> Fields<'n> {
    /// Position of the mapping.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    fn take(&mut self, key: &'static str) -> Option<&'n (Key<'n>, Node<'n>)> {
        self.known.push(key);
        self.entries.iter().find(|(k, _)| k.name == key)
    }
}

/// Whether a field must be present.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Must be present and not empty.
    Required,
    /// May be left out or empty.
    Optional,
}

/// Reads typed values out of nodes and gathers diagnostics for one file.
pub struct Reader {
    file: String,
    /// Problems found so far.
    pub diags: Vec<Diagnostic>,
    /// When recording, the field names asked for in each mapping read (for the schema drift test).
    pub fields_seen: Option<Vec<Vec<&'static str>>>,
}

impl Reader {
    /// A reader for the file shown to the user as `file`.
    pub fn new(file: &str) -> Reader {
        Reader {
            file: file.to_string(),
            diags: Vec::new(),
            fields_seen: None,
        }
    }

    /// A reader that also records which field names each mapping accepts.
    pub fn recording(file: &str) -> Reader {
        Reader {
            fields_seen: Some(Vec::new()),
            ..Reader::new(file)
        }
    }

    /// The file this reader reports on.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// How many problems have been reported so far (to tell whether a section read cleanly).
    pub fn problems(&self) -> usize {
        self.diags.len()
    }

    /// Records a diagnostic in this file.
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d.in_file(self.file.clone()));
    }

    /// Opens the top mapping of a file; an empty file (or one of comments only) gets its own message.
    pub fn document<'n>(&mut self, node: &'n Node<'n>, noun: Text) -> Option<Fields<'n>> {
        if node.kind == Kind::Null {
            self.report(
                Diagnostic::error(Code::E203, tx!("{}是空的：文件里没有内容（或只有注释）", "{} is empty: the file has no content (or only comments)"; noun.zh, noun.en))
                    .at(Pos { line: 1, col: 1, start: 0, end: 0 })
                    .help(tx!("填上内容，或删除这个文件；rexieshang new 可以生成带格式的新文件。", "Fill it in or delete the file; rexieshang new writes a pre-filled one.")),
            );
            return None;
        }
        self.fields(node, noun)
    }

    /// Opens a mapping; reports and returns `None` when the node is something else.
    pub fn fields<'n>(&mut self, node: &'n Node<'n>, noun: Text) -> Option<Fields<'n>> {
        match &node.kind {
            Kind::Map(entries) => Some(Fields {
                pos: node.pos,
                entries,
                known: Vec::new(),
                noun,
            }),
            _ => {
                let found = node.kind_name();
                self.report(
                    Diagnostic::error(
                        Code::E203,
                        Text::new(
                            format!("{}应写成“字段: 值”的键值映射，这里是{}", noun.zh, found.zh),
                            String::new(),
                        ),
                    )
                    .fix_en(&noun, &found)
                    .at(node.pos)
                    .help(tx!(
                        "每个字段单独一行，写成 `字段: 值`；列表项以 `- ` 开头后接字段。",
                        "Write one `key: value` per line; list items start with `- ` followed by their keys."
                    )),
                );
                None
            }
        }
    }

    /// Reports fields that were never asked for, suggesting the nearest known name.
    pub fn finish(&mut self, f: Fields<'_>) {
        if let Some(seen) = self.fields_seen.as_mut() {
            seen.push(f.known.clone());
        }
        for (key, _) in f.entries {
            if f.known.contains(&key.name.as_ref()) {
                continue;
            }
            let suggestion = nearest(&key.name, f.known.iter().copied());
            let listed = f.known.join("、");
            let listed_en = f.known.join(", ");
            let help = match suggestion {
                Some(s) => tx!(
                    "你是不是想写 `{s}`？{}里可以用的字段：{listed}。",
                    "did you mean `{s}`? Fields allowed in {}: {listed_en}.";
                    f.noun.zh, f.noun.en
                ),
                None => tx!(
                    "{}里可以用的字段：{listed}。不需要的内容可以写成以 # 开头的注释。",
                    "fields allowed in {}: {listed_en}. Notes can be kept as comments starting with #.";
                    f.noun.zh, f.noun.en
                ),
            };
            let name = &key.name;
            self.report(
                Diagnostic::error(
                    Code::E201,
                    tx!("{}里没有 `{name}` 这个字段", "{} has no field `{name}`"; f.noun.zh, f.noun.en),
                )
                .at(key.pos)
                .label(tx!("未知字段", "unknown field"))
                .help(help),
            );
        }
    }

    fn missing(&mut self, f: &Fields<'_>, key: &str) {
        self.report(
            Diagnostic::error(
                Code::E202,
                tx!("{}缺少必填字段 `{key}`", "{} is missing the required field `{key}`"; f.noun.zh, f.noun.en),
            )
            .at(f.pos)
            .label(tx!("这一项缺少 `{key}`", "`{key}` missing here"))
            .help(tx!("在这一项里加上一行 `{key}: …`。", "Add a line `{key}: …` to this item.")),
        );
    }

    /// A scalar as text. Empty or missing required fields are reported.
    pub fn text(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        need: Need,
    ) -> Option<At<String>> {
        let t = self.text_value(f, key, need)?;
        self.check_xml(&t);
        Some(t)
    }

    /// A text value as written, without the check for characters XML forbids (ids get a stricter one).
    fn text_value(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        need: Need,
    ) -> Option<At<String>> {
        let Some((k, node)) = f.take(key) else {
            if need == Need::Required {
                self.missing(f, key);
            }
            return None;
        };
        self.scalar_text(node, k, need, &f.noun)
    }

    fn scalar_text(&mut self, node: &Node, k: &Key, need: Need, noun: &Text) -> Option<At<String>> {
        let key = &k.name;
        match &node.kind {
            Kind::Scalar { text, .. } if !trim(text).is_empty() => {
                Some(At::new(trim(text).to_string(), node.pos))
            }
            Kind::Null | Kind::Scalar { .. } => {
                if need == Need::Required {
                    self.report(
                        Diagnostic::error(
                            Code::E204,
                            tx!("{}的 `{key}` 不能为空", "`{key}` in {} must not be empty"; noun.zh, noun.en),
                        )
                        .at(k.pos)
                        .help(tx!("在 `{key}:` 后面填上内容。", "Fill in a value after `{key}:`.")),
                    );
                }
                None
            }
            _ => {
                let found = node.kind_name();
                self.report(
                    Diagnostic::error(
                        Code::E203,
                        tx!("`{key}` 应为一段文字，这里是{}", "`{key}` should be a single value; found {}"; found.zh, found.en),
                    )
                    .at(node.pos)
                    .help(tx!(
                        "把内容写在 `{key}:` 同一行；多行文字可写成 `{key}: |` 再换行缩进。",
                        "Write the value on the same line as `{key}:`; for several lines use `{key}: |` and indent the text below."
                    )),
                );
                None
            }
        }
    }

    /// An id or a reference to one: text without invisible characters (zero-width, bidi controls, control codes),
    /// which would make two ids that look the same differ.
    pub fn id(&mut self, f: &mut Fields<'_>, key: &'static str, need: Need) -> Option<At<String>> {
        let t = self.text_value(f, key, need)?;
        self.check_invisible(&t);
        Some(t)
    }

    /// A list of ids or references.
    pub fn id_list(&mut self, f: &mut Fields<'_>, key: &'static str) -> Vec<At<String>> {
        let list = self.list_value(f, key);
        for t in &list {
            self.check_invisible(t);
        }
        list
    }

    fn check_invisible(&mut self, t: &At<String>) {
        let Some(c) = t.value.chars().find(|c| invisible(*c)) else {
            return;
        };
        let (code, v) = (
            format!("U+{:04X}", u32::from(c)),
            t.value
                .chars()
                .filter(|c| !invisible(*c))
                .collect::<String>(),
        );
        self.report(
            Diagnostic::error(Code::E214, tx!("编号里有看不见的字符 {code}", "the id contains an invisible character {code}"))
                .at(t.pos)
                .help(tx!(
                    "这类字符常随网页或 Word 复制进来，会让看起来相同的编号对不上。删掉后重新输入，写成 `{v}`。",
                    "Such characters come in with text copied from web pages or Word and make ids that look alike differ. Retype it as `{v}`."
                )),
        );
    }

    /// Text with a character XML 1.0 forbids (C0 controls other than tab and line breaks, U+FFFE, U+FFFF): Word and
    /// Excel files cannot hold it, so it is replaced there; say so, with the place.
    fn check_xml(&mut self, t: &At<String>) {
        if over_cell_limit(&t.value) {
            let n = t.value.chars().count();
            self.report(
                Diagnostic::warning(Code::W216, tx!("这段文字有 {n} 个字符，超过 Excel 单元格能容纳的 {CELL_LIMIT} 个", "this text has {n} characters, more than the {CELL_LIMIT} an Excel cell holds"))
                    .at(t.pos)
                    .help(tx!(
                        "简报照常生成，但 XLSX 导出会失败。把它缩短，详细内容放进附件（attachments/）。",
                        "Briefs are fine, but an XLSX export will fail. Shorten it and move the details to an attachment (attachments/)."
                    )),
            );
        }
        let Some(c) = t.value.chars().find(|c| xml_forbidden(*c)) else {
            return;
        };
        let code = format!("U+{:04X}", u32::from(c));
        self.report(
            Diagnostic::warning(Code::W215, tx!("文字里有控制字符 {code}", "the text contains a control character {code}"))
                .at(t.pos)
                .help(tx!(
                    "这类字符看不见，多半是从别处复制进来的；Word 和 Excel 文件里会换成可见的符号（如 ␛）。删掉它。",
                    "Such characters are invisible and usually come in with copied text; Word and Excel files show them as visible symbols (such as ␛). Delete it."
                )),
        );
    }

    /// A list of scalars; a single scalar counts as a list of one.
    pub fn text_list(&mut self, f: &mut Fields<'_>, key: &'static str) -> Vec<At<String>> {
        let list = self.list_value(f, key);
        for t in &list {
            self.check_xml(t);
        }
        list
    }

    /// A list of scalars as written.
    fn list_value(&mut self, f: &mut Fields<'_>, key: &'static str) -> Vec<At<String>> {
        let Some((k, node)) = f.take(key) else {
            return Vec::new();
        };
        match &node.kind {
            Kind::Null => Vec::new(),
            Kind::Scalar { .. } => self
                .scalar_text(node, k, Need::Optional, &f.noun.clone())
                .into_iter()
                .collect(),
            Kind::Seq(items) => {
                let noun = f.noun.clone();
                items
                    .iter()
                    .filter_map(|n| self.scalar_text(n, k, Need::Required, &noun))
                    .collect()
            }
            Kind::Map(_) => {
                let found = node.kind_name();
                self.report(
                    Diagnostic::error(
                        Code::E203,
                        tx!("`{key}` 应为列表，这里是{}", "`{key}` should be a list; found {}"; found.zh, found.en),
                    )
                    .at(node.pos)
                    .help(tx!("每项一行，以 `- ` 开头。", "Put one item per line, each starting with `- `.")),
                );
                Vec::new()
            }
        }
    }

    /// The items of a list field (empty when missing). Reports a non-list.
    pub fn list<'n>(
        &mut self,
        f: &mut Fields<'n>,
        key: &'static str,
        need: Need,
    ) -> Vec<&'n Node<'n>> {
        let Some((k, node)) = f.take(key) else {
            if need == Need::Required {
                self.missing(f, key);
            }
            return Vec::new();
        };
        match &node.kind {
            Kind::Seq(items) => items.iter().collect(),
            Kind::Null => Vec::new(),
            _ => {
                let found = node.kind_name();
                let name = &k.name;
                self.report(
                    Diagnostic::error(
                        Code::E203,
                        tx!("`{name}` 应为列表，这里是{}", "`{name}` should be a list; found {}"; found.zh, found.en),
                    )
                    .at(node.pos)
                    .help(tx!(
                        "在 `{name}:` 下面每项一行，以 `- ` 开头并缩进。",
                        "Under `{name}:` put one item per line, indented and starting with `- `."
                    )),
                );
                Vec::new()
            }
        }
    }

    /// A nested mapping field, if present.
    pub fn node<'n>(
        &mut self,
        f: &mut Fields<'n>,
        key: &'static str,
        need: Need,
    ) -> Option<&'n Node<'n>> {
        match f.take(key) {
            Some((_, n)) if n.kind == Kind::Null && need == Need::Optional => None,
            Some((_, n)) => Some(n),
            None => {
                if need == Need::Required {
                    self.missing(f, key);
                }
                None
            }
        }
    }

    /// A date written as `2020-06-23`.
    pub fn date(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        need: Need,
    ) -> Option<At<NaiveDate>> {
        let t = self.text(f, key, need)?;
        self.parse_date(&t)
    }

    /// Parses a date value already read as text.
    pub fn parse_date(&mut self, t: &At<String>) -> Option<At<NaiveDate>> {
        match parse_date(&t.value) {
            Ok(d) => Some(At::new(d, t.pos)),
            Err(DateProblem::Format) => {
                let v = &t.value;
                self.report(
                    Diagnostic::error(Code::E205, tx!("日期格式不对：`{v}`", "not a date: `{v}`"))
                        .at(t.pos)
                        .help(tx!(
                            "日期写成“年-月-日”，例如 2020-06-23。",
                            "Write dates as year-month-day, for example 2020-06-23."
                        )),
                );
                None
            }
            Err(DateProblem::Impossible { y, m, d }) => {
                let v = &t.value;
                self.report(
                    Diagnostic::error(
                        Code::E206,
                        tx!("日期不存在：{y}年{m}月没有 {d} 日（`{v}`）", "no such date: `{v}` ({y}-{m:02} has no day {d})"),
                    )
                    .at(t.pos)
                    .help(tx!(
                        "核对原始文件上的日期；每月天数：2 月 28 或 29 天，4、6、9、11 月 30 天。",
                        "Check the date against the source document; February has 28 or 29 days, April, June, September and November 30."
                    )),
                );
                None
            }
        }
    }

    /// A number in `lo..=hi`.
    pub fn number(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        lo: f64,
        hi: f64,
    ) -> Option<At<f64>> {
        let t = self.text(f, key, Need::Optional)?;
        let v = &t.value;
        let parsed = trim(v.trim_end_matches('%'))
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite());
        match parsed {
            Some(x) if x >= lo && x <= hi => Some(At::new(x, t.pos)),
            Some(x) => {
                self.report(out_of_range(key, x, lo, hi).at(t.pos));
                None
            }
            None => {
                self.report(
                    Diagnostic::error(
                        Code::E209,
                        tx!(
                            "`{key}` 应为数字，这里是 `{}`",
                            "`{key}` should be a number; found `{}`";
                            quoted(v), quoted(v)
                        ),
                    )
                    .at(t.pos)
                    .help(tx!(
                        "只填阿拉伯数字，例如 `{key}: 60`。",
                        "Write digits only, for example `{key}: 60`."
                    )),
                );
                None
            }
        }
    }

    /// A whole number from 0 to [`MAX_COUNT`].
    pub fn count(&mut self, f: &mut Fields<'_>, key: &'static str) -> Option<At<u32>> {
        let t = self.text(f, key, Need::Optional)?;
        let v = t.value.as_str();
        let digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
        match v.parse::<u32>() {
            Ok(n) if n <= MAX_COUNT => return Some(At::new(n, t.pos)),
            _ if digits => {
                let shown = shown_digits(v);
                self.report(
                    Diagnostic::error(
                        Code::E207,
                        tx!(
                            "`{key}` 太大：最多 {MAX_COUNT}，这里是 {shown}",
                            "`{key}` is too large: at most {MAX_COUNT}; found {shown}"
                        ),
                    )
                    .at(t.pos)
                    .help(tx!(
                        "填写实际人数（0 到 {MAX_COUNT}）。",
                        "Write the actual count (0 to {MAX_COUNT})."
                    )),
                );
            }
            _ => {
                let q = quoted(v);
                self.report(
                    Diagnostic::error(
                        Code::E209,
                        tx!(
                            "`{key}` 应为不小于 0 的整数，这里是 `{q}`",
                            "`{key}` should be a whole number ≥ 0; found `{q}`"
                        ),
                    )
                    .at(t.pos)
                    .help(tx!(
                        "填写人数，例如 `{key}: 12`。",
                        "Write a count, for example `{key}: 12`."
                    )),
                );
            }
        }
        None
    }

    /// `true`/`false` (also 是/否).
    pub fn flag(&mut self, f: &mut Fields<'_>, key: &'static str) -> Option<At<bool>> {
        let t = self.text(f, key, Need::Optional)?;
        match t.value.to_ascii_lowercase().as_str() {
            "true" | "yes" | "是" => Some(At::new(true, t.pos)),
            "false" | "no" | "否" => Some(At::new(false, t.pos)),
            _ => {
                let v = &t.value;
                self.report(
                    Diagnostic::error(
                        Code::E209,
                        tx!(
                            "`{key}` 应为 true 或 false，这里是 `{v}`",
                            "`{key}` should be true or false; found `{v}`"
                        ),
                    )
                    .at(t.pos)
                    .help(tx!(
                        "写 `{key}: true`（是）或 `{key}: false`（否）。",
                        "Write `{key}: true` or `{key}: false`."
                    )),
                );
                None
            }
        }
    }

    /// One of a fixed set of choices, each with its accepted spellings; returns the index of the choice.
    pub fn choice(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        need: Need,
        choices: &[(&str, &[&str])],
    ) -> Option<At<usize>> {
        let t = self.text(f, key, need)?;
        // `text` hands values over trimmed.
        let v = t.value.as_str();
        for (i, (name, aliases)) in choices.iter().enumerate() {
            if v.eq_ignore_ascii_case(name) || aliases.contains(&v) {
                return Some(At::new(i, t.pos));
            }
        }
        let all: Vec<String> = choices
            .iter()
            .map(|(n, a)| match a.first() {
                Some(zh) => format!("{n}（{zh}）"),
                None => n.to_string(),
            })
            .collect();
        let spellings = choices
            .iter()
            .flat_map(|(n, a)| std::iter::once(*n).chain(a.iter().copied()));
        let hint = match nearest(v, spellings) {
            Some(s) => tx!("你是不是想写 `{s}`？", "did you mean `{s}`? "),
            None => tx!("", ""),
        };
        let listed = all.join("、");
        self.report(
            Diagnostic::error(
                Code::E210,
                tx!("`{key}` 不能是 `{v}`", "`{key}` cannot be `{v}`"),
            )
            .at(t.pos)
            .help(tx!("{}可选：{listed}。", "{}Choose one of: {listed}."; hint.zh, hint.en)),
        );
        None
    }
}

/// The largest weight accepted: weights are relative shares (usually 1–3); a billion leaves room and keeps sums exact.
pub const MAX_WEIGHT: f64 = 1.0e9;

/// The largest count accepted (members voting in one assessment); far above any committee, far below overflow.
pub const MAX_COUNT: u32 = 1_000_000;

/// Numbers from this size on are written in scientific form in messages, never digit by digit.
const LONG_NUMBER: f64 = 1.0e15;

/// A number as a message shows it: as written up to 10^15, then like `1.00e300`.
fn shown(x: f64) -> String {
    if x.abs() < LONG_NUMBER {
        crate::fmt::number::num(x)
    } else {
        format!("{x:.2e}")
    }
}

/// A run of ASCII digits as a message shows it: itself up to 15 digits, then like `1.80e42`.
fn shown_digits(v: &str) -> String {
    let v = v.trim_start_matches('0');
    if v.len() <= 15 {
        v.to_string()
    } else {
        format!("{}.{}e{}", &v[..1], &v[1..3], v.len() - 1)
    }
}

/// A value quoted in a message: at most 40 characters.
fn quoted(v: &str) -> String {
    crate::fmt::text::truncate(v, 40)
}

/// The message for a number outside `lo..=hi`: "too large" with the limit, "below" or "between".
fn out_of_range(key: &str, x: f64, lo: f64, hi: f64) -> Diagnostic {
    let (found, lo_s, hi_s) = (shown(x), shown(lo), shown(hi));
    let code = if key == "weight" {
        Code::E208
    } else {
        Code::E207
    };
    let message = if x > hi {
        tx!(
            "`{key}` 太大：最大为 {hi_s}，这里是 {found}",
            "`{key}` is too large: at most {hi_s}; found {found}"
        )
    } else if hi >= MAX_WEIGHT {
        tx!(
            "`{key}` 不能小于 {lo_s}，这里是 {found}",
            "`{key}` must not be below {lo_s}; found {found}"
        )
    } else {
        tx!(
            "`{key}` 应在 {lo_s} 到 {hi_s} 之间，这里是 {found}",
            "`{key}` must be between {lo_s} and {hi_s}; found {found}"
        )
    };
    let help = match key {
        "weight" if x > hi => tx!(
            "权重是各项建议之间的相对分量，常用 1、2、3；填写不超过 {hi_s} 的数。",
            "A weight is a share relative to the other recommendations, usually 1, 2 or 3; use a number up to {hi_s}."
        ),
        "weight" => tx!(
            "权重表示这一项在汇总中的分量，不能为负数；不计入汇总请把状态改为“不再适用”。",
            "A weight is a share in the totals and cannot be negative; to leave an item out of totals, give it the status for “no longer applicable”."
        ),
        _ => tx!(
            "填写 {lo_s} 到 {hi_s} 之间的数。",
            "Use a number from {lo_s} to {hi_s}."
        ),
    };
    Diagnostic::error(code, message).help(help)
}

trait FixEn {
    fn fix_en(self, noun: &Text, found: &Text) -> Self;
}

impl FixEn for Diagnostic {
    /// English nouns start lower-case inside a sentence; keep the English message grammatical.
    fn fix_en(mut self, noun: &Text, found: &Text) -> Self {
        let mut chars = noun.en.chars();
        let capital = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        self.message.en = format!(
            "{capital} should be a mapping of `key: value` lines; found {}",
            found.en
        );
        self
    }
}

/// Characters that cannot be seen but change an id: zero-width, byte-order mark, bidi controls, control codes.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && c != '\t')
}

/// A fixed set of choices: each canonical name with its other accepted spellings (Chinese first).
/// The same tables feed the reader and the JSON Schema, so the two cannot disagree.
pub type Choices = &'static [(&'static str, &'static [&'static str])];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::yaml::parse;

    /// The quick trim against `str::trim` with every character of Unicode at the start, at the end, and doubled at
    /// the start and once at the end, around nothing, Chinese text and ASCII text after a space.
    #[test]
    fn trim_is_str_trim() {
        let mut checked = 0;
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            for inner in ["", "协商。", " a"] {
                for s in [
                    format!("{c}{inner}"),
                    format!("{inner}{c}"),
                    format!("{c}{c}{inner}{c}"),
                ] {
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 9_000_000);
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{3000}落实\u{3000}"), "落实");
        assert_eq!(trim("落实。"), "落实。");
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2020-06-23"),
            Ok(NaiveDate::from_ymd_opt(2020, 6, 23).unwrap())
        );
        assert_eq!(
            parse_date("2020-6-3"),
            Ok(NaiveDate::from_ymd_opt(2020, 6, 3).unwrap())
        );
        assert_eq!(
            parse_date("2020-02-30"),
            Err(DateProblem::Impossible {
                y: 2020,
                m: 2,
                d: 30
            })
        );
        assert_eq!(
            parse_date("2020-13-01"),
            Err(DateProblem::Impossible {
                y: 2020,
                m: 13,
                d: 1
            })
        );
        assert_eq!(parse_date("2020年6月23日"), Err(DateProblem::Format));
        assert_eq!(parse_date("20-06-23"), Err(DateProblem::Format));
    }

    /// The date reader against the plain definition (split on `-`, check each part, parse), on every string made of
    /// up to five pieces from a set that covers digits, signs, separators, spaces and non-ASCII text, and every
    /// year-month-day of a few years with months 0–13 and days 0–32.
    #[test]
    fn dates_read_byte_by_byte_as_by_the_plain_definition() {
        fn plain(s: &str) -> Result<NaiveDate, DateProblem> {
            let mut parts = s.trim().split('-');
            let (Some(y), Some(m), Some(d), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(DateProblem::Format);
            };
            let digits = |p: &str, max_len: usize| {
                !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
            };
            if !(y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2)) {
                return Err(DateProblem::Format);
            }
            let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            else {
                return Err(DateProblem::Format);
            };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return Err(DateProblem::Impossible { y, m, d });
            }
            NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Impossible { y, m, d })
        }
        let pieces = [
            "2020", "0", "1", "2", "9", "29", "31", "12", "-", " ", "+", "日", "x", "00", "123",
        ];
        let mut texts = vec![String::new()];
        let mut level = vec![String::new()];
        for _ in 0..5 {
            level = level
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(level.iter().cloned());
        }
        for y in ["2019", "2020", "2100", "0000", "9999"] {
            for m in 0..=13 {
                for d in 0..=32 {
                    texts.push(format!("{y}-{m}-{d}"));
                    texts.push(format!(" {y}-{m:02}-{d:02}\n"));
                }
            }
        }
        assert!(texts.len() > 800_000);
        for t in &texts {
            assert_eq!(parse_date(t), plain(t), "{t:?}");
        }
    }

    #[test]
    fn every_problem_in_a_mapping_is_reported() {
        let root = parse("titel: x\ndate: 2020-02-30\nweight: -1\n").unwrap();
        let mut r = Reader::new("f.yaml");
        let mut f = r.fields(&root, tx!("议题", "the case")).unwrap();
        let _ = r.text(&mut f, "title", Need::Required);
        let _ = r.date(&mut f, "date", Need::Required);
        let _ = r.number(&mut f, "weight", 0.0, f64::MAX);
        r.finish(f);
        let codes: Vec<Code> = r.diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E202, Code::E206, Code::E208, Code::E201]);
        assert!(
            r.diags[3]
                .help
                .as_ref()
                .unwrap()
                .en
                .contains("did you mean `title`")
        );
    }

    /// Quotes around a number, date or flag change nothing: a secretary who writes `"2"` means 2.
    #[test]
    fn quoted_values_read_as_unquoted_ones() {
        let read = |text: &str| {
            let root = parse(text).unwrap();
            let mut r = Reader::new("f.yaml");
            let mut f = r.fields(&root, tx!("议题", "the case")).unwrap();
            let w = r.number(&mut f, "weight", 0.0, f64::MAX).map(|a| a.value);
            let d = r.date(&mut f, "date", Need::Required).map(|a| a.value);
            let k = r.flag(&mut f, "key").map(|a| a.value);
            r.finish(f);
            assert!(r.diags.is_empty(), "{text}");
            (w, d, k)
        };
        let plain = read("weight: 2.5\ndate: 2020-06-23\nkey: yes\n");
        assert_eq!(plain.0, Some(2.5));
        assert_eq!(plain.2, Some(true));
        assert_eq!(
            read("weight: \"2.5\"\ndate: '2020-06-23'\nkey: \"yes\"\n"),
            plain
        );
    }

    /// Numbers far out of range say "too large" with the limit and are never written out digit by digit.
    #[test]
    fn huge_numbers_are_too_large_with_the_limit() {
        let messages = |text: &str| {
            let root = parse(text).unwrap();
            let mut r = Reader::new("f.yaml");
            let mut f = r.fields(&root, tx!("议题", "the case")).unwrap();
            let _ = r.number(&mut f, "weight", 0.0, 1.0e9);
            let _ = r.number(&mut f, "progress", 0.0, 100.0);
            let _ = r.count(&mut f, "satisfied");
            r.finish(f);
            r.diags
                .iter()
                .map(|d| (d.code, d.message.zh.clone(), d.message.en.clone()))
                .collect::<Vec<_>>()
        };
        let nines = "9".repeat(300);
        let found = messages(&format!(
            "weight: 1e300\nprogress: {nines}\nsatisfied: {nines}\n"
        ));
        assert_eq!(found.len(), 3, "{found:?}");
        for (code, zh, en) in &found {
            assert!(
                zh.contains("太大") && en.contains("too large"),
                "{zh} / {en}"
            );
            assert!(zh.len() < 120 && !en.contains("99999"), "{zh} / {en}");
            assert_ne!(*code, Code::E209);
        }
        assert!(found[0].2.contains("at most 1000000000"), "{}", found[0].2);
        assert!(found[1].2.contains("at most 100;"), "{}", found[1].2);
        assert!(
            found[2].2.contains(&format!("at most {MAX_COUNT}")),
            "{}",
            found[2].2
        );
        assert!(
            found[2].2.contains("1.00e300") || found[2].2.contains("9.99e299"),
            "{}",
            found[2].2
        );
        // In range and at the limit: fine; below: the old wording.
        assert!(messages(&format!("weight: 1000000000\nsatisfied: {MAX_COUNT}\n")).is_empty());
        let below = messages("weight: -1\n");
        assert!(below[0].2.contains("must not be below 0"), "{below:?}");
        // A long non-number is quoted short.
        let long = messages(&format!("progress: {}\n", "x".repeat(500)));
        assert!(long[0].2.len() < 100 && long[0].0 == Code::E209, "{long:?}");
    }

    #[test]
    fn nearest_suggests_typos_only() {
        assert_eq!(
            nearest("recomendations", ["recommendations", "replies"]),
            Some("recommendations")
        );
        assert_eq!(nearest("zzz", ["title", "date"]), None);
    }
}
