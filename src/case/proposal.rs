//! Reading an adopted proposal (建议案) from a Word file: its title, its aspects (一、二、 or Word headings) and their
//! recommendations (（一）（二） or 1. 2.), whether the numbers are typed or come from Word's list numbering, each
//! recommendation's short title (its bold lead-in, else its first sentence when short) and text. The file is opened
//! with docx-rs after its unpacked size is checked; what the parser sees is plain paragraphs.

use crate::case::archive::{unpacked_size, within, word_parts_sound};
use crate::diag::{Code, Diagnostic};
use crate::lang::Text;
use crate::tx;
use chrono::NaiveDate;
use serde_json::Value;

/// A paragraph as the parser sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Para {
    /// Its text, numbering label first when Word numbers it (`（一）建立……`).
    pub text: String,
    /// The text of its leading bold runs, if any.
    pub bold: String,
    /// Its heading level (1 for Heading 1), if its style is a heading or the title.
    pub heading: Option<u8>,
}

/// A recommendation found in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundRec {
    /// `1.1`, `1.2`, … (aspect number, then its place).
    pub id: String,
    /// The short title.
    pub title: Option<String>,
    /// The text, without its number.
    pub text: String,
}

/// An aspect found in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundAspect {
    /// `一`, `二`, …
    pub id: String,
    /// Its title, without number and closing punctuation.
    pub title: String,
    /// Its recommendations.
    pub recs: Vec<FoundRec>,
}

/// What a proposal holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The proposal's title (关于……的建议案).
    pub title: String,
    /// The paragraphs before the first aspect (the introduction).
    pub intro: Vec<String>,
    /// The aspects.
    pub aspects: Vec<FoundAspect>,
    /// The last date written in the document (the adoption date under the signature), if any.
    pub date: Option<NaiveDate>,
}

/// The value at `keys` under `v` (null when any is missing).
fn get<'a>(v: &'a Value, keys: &[&str]) -> &'a Value {
    keys.iter()
        .try_fold(v, |v, k| v.get(*k))
        .unwrap_or(&Value::Null)
}

/// The longest a Word file may take to read (a proposal takes milliseconds).
const READ_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The most paragraphs read (a proposal has a few dozen).
const MAX_PARAGRAPHS: usize = 20_000;

/// Reads a `.docx` file's bytes (`shown`: its path as messages show it).
pub fn read_proposal(bytes: Vec<u8>, shown: &str) -> Result<Found, Diagnostic> {
    let unreadable = |why: Text| {
        let (zh, en) = (why.zh, why.en);
        Diagnostic::error(
            Code::E820,
            tx!("读不出建议案 `{shown}`：{zh}", "cannot read the proposal `{shown}`: {en}"),
        )
        .in_file(shown.to_string())
        .help(tx!(
            "用 Word 或 WPS 打开后另存为“Word 文档（.docx）”再导入；.doc 和 .wps 文件读不了。",
            "Open it in Word or WPS and save it as “Word Document (.docx)”, then import that; .doc and .wps files cannot be read."
        ))
    };
    unpacked_size(&bytes).map_err(unreadable)?;
    word_parts_sound(&bytes).map_err(unreadable)?;
    // docx-rs on a thread with a time limit: some damaged files make it loop (found by fuzzing).
    let json = within(READ_LIMIT, move || {
        docx_rs::read_docx(&bytes).map(|d| d.json())
    })
    .ok_or_else(|| unreadable(tx!("文件已损坏", "the file is damaged")))?
    .map_err(|e| {
        let e = e.to_string();
        unreadable(Text::new(e.clone(), e))
    })?;
    let doc: Value = serde_json::from_str(&json)
        .map_err(|_| unreadable(tx!("文件已损坏", "the file is damaged")))?;
    let paras = paragraphs(&doc);
    if paras.len() > MAX_PARAGRAPHS {
        return Err(unreadable(tx!(
            "段落超过 {MAX_PARAGRAPHS} 个，不像一份建议案",
            "more than {MAX_PARAGRAPHS} paragraphs: not a proposal"
        )));
    }
    let found = structure(&paras);
    if found.aspects.iter().all(|a| a.recs.is_empty()) {
        return Err(Diagnostic::error(
            Code::E821,
            tx!("在建议案 `{shown}` 里没有找到分条的建议", "no numbered recommendations found in the proposal `{shown}`"),
        )
        .in_file(shown.to_string())
        .help(tx!(
            "建议案应按“一、二、”分方面、方面下按“（一）（二）”或“1. 2.”分条（手写的编号或 Word 的自动编号都可以）。检查文件是不是建议案正文。",
            "A proposal numbers its aspects 一、二、 and under each its recommendations （一）（二） or 1. 2. (typed or Word's own numbering). Check that this is the proposal's text."
        )));
    }
    Ok(found)
}

/// The document's paragraphs, with Word's list numbers written out as they print.
pub fn paragraphs(doc: &Value) -> Vec<Para> {
    let styles = heading_styles(doc);
    let mut numbers = Numbers::new(&doc["numberings"]);
    let mut out = Vec::new();
    for child in get(doc, &["document", "children"])
        .as_array()
        .into_iter()
        .flatten()
    {
        if child["type"] != "paragraph" {
            continue;
        }
        let data = &child["data"];
        let (text, bold) = runs(&data["children"]);
        let property = &data["property"];
        let label = property["numberingProperty"]
            .as_object()
            .and_then(|n| numbers.next(n.get("id")?.as_u64()?, n.get("level")?.as_u64()?));
        let style = property["style"].as_str().unwrap_or_default();
        let heading = styles
            .iter()
            .find(|(id, _)| id == style)
            .map(|(_, level)| *level);
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        out.push(Para {
            text: format!("{}{text}", label.unwrap_or_default()),
            bold: bold.trim().to_string(),
            heading,
        });
    }
    out
}

/// A paragraph's text and the text of its leading bold runs.
fn runs(children: &Value) -> (String, String) {
    let (mut text, mut bold, mut leading) = (String::new(), String::new(), true);
    for run in children.as_array().into_iter().flatten() {
        // Runs sit in the paragraph, or inside an insertion or a hyperlink.
        let runs: Vec<&Value> = match run["type"].as_str() {
            Some("run") => vec![&run["data"]],
            _ => get(run, &["data", "children"])
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["type"] == "run")
                .map(|r| &r["data"])
                .collect(),
        };
        for r in runs {
            let piece: String = r["children"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| c["type"] == "text")
                .filter_map(|c| get(c, &["data", "text"]).as_str())
                .collect();
            let is_bold = get(r, &["runProperty", "bold"]) == true;
            // A typed number before a bold lead-in (（一）**建立……。**) does not end the lead-in.
            let number_only = label(&piece).is_some_and(|(_, rest)| rest.trim().is_empty());
            if leading && is_bold {
                bold.push_str(&piece);
            } else if !piece.trim().is_empty() && !number_only {
                leading = false;
            }
            text.push_str(&piece);
        }
    }
    (text, bold)
}

/// Paragraph styles that are headings: (style id, level). The title style counts as level 0.
fn heading_styles(doc: &Value) -> Vec<(String, u8)> {
    get(doc, &["styles", "styles"])
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let id = s["styleId"].as_str()?;
            let name = s["name"].as_str().unwrap_or(id).to_lowercase();
            let level = if name == "title" || name == "标题" {
                0
            } else {
                let n = ["heading ", "heading", "标题 ", "标题"]
                    .iter()
                    .find_map(|p| name.strip_prefix(p))?;
                n.trim().parse().ok()?
            };
            Some((id.to_string(), level))
        })
        .collect()
}

/// A list level: its start, number format and label text (`%1、`).
type ListLevel = (u64, String, String);

/// Word's list numbering, counted as the document goes.
struct Numbers {
    /// num id → (abstract id, its levels).
    lists: Vec<(u64, u64, Vec<ListLevel>)>,
    /// (abstract id, counters per level).
    counters: Vec<(u64, Vec<u64>)>,
}

impl Numbers {
    fn new(numberings: &Value) -> Numbers {
        let abstracts = numberings["abstractNums"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let levels = |abs: u64| -> Vec<ListLevel> {
            abstracts
                .iter()
                .find(|a| a["id"].as_u64() == Some(abs))
                .and_then(|a| a["levels"].as_array())
                .into_iter()
                .flatten()
                .map(|l| {
                    let s = |k: &str| l[k].as_str().unwrap_or_default().to_string();
                    (l["start"].as_u64().unwrap_or(1), s("format"), s("text"))
                })
                .collect()
        };
        let lists = numberings["numberings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| {
                let abs = n["abstractNumId"].as_u64()?;
                Some((n["id"].as_u64()?, abs, levels(abs)))
            })
            .collect();
        Numbers {
            lists,
            counters: Vec::new(),
        }
    }

    /// The label of the next item of list `id` at `level` (`（二）`), or none for a bullet or an unknown list.
    fn next(&mut self, id: u64, level: u64) -> Option<String> {
        let (_, abs, levels) = self.lists.iter().find(|(n, _, _)| *n == id)?;
        let level = usize::try_from(level).ok().filter(|l| *l < 9)?;
        let entry = match self.counters.iter().position(|(a, _)| a == abs) {
            Some(i) => self.counters.get_mut(i)?,
            None => {
                self.counters.push((*abs, vec![0; 9]));
                self.counters.last_mut()?
            }
        };
        let counts = &mut entry.1;
        *counts.get_mut(level)? += 1;
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let (_, format, text) = levels.get(level)?;
        if format == "bullet" || format == "none" {
            return None;
        }
        let mut label = text.clone();
        for (l, count) in counts.iter().enumerate().take(level + 1) {
            let (s, f, _) = levels.get(l)?;
            let n = (*count).max(1) + s.saturating_sub(1);
            label = label.replace(&format!("%{}", l + 1), &number(n, f));
        }
        Some(label)
    }
}

/// A number as a list format writes it.
fn number(n: u64, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "chineseLegalSimplified" => chinese(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
            .collect(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers in digits.
pub fn chinese(n: u64) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |i: u64| {
        DIGITS
            .get(usize::try_from(i).unwrap_or(0))
            .copied()
            .unwrap_or("")
    };
    match n {
        0..=9 => d(n).to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { d(n - 10) }),
        20..=99 => format!(
            "{}十{}",
            d(n / 10),
            if n.is_multiple_of(10) { "" } else { d(n % 10) }
        ),
        _ => n.to_string(),
    }
}

/// The value of a Chinese numeral up to 99 (一 → 1, 十二 → 12).
fn chinese_value(s: &str) -> Option<u64> {
    (1..100).find(|n| chinese(*n) == s)
}

/// How a paragraph starts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Label {
    /// 一、
    Aspect(u64),
    /// （一）
    Paren(u64),
    /// 1. or 1、
    Digit(u64),
}

/// The label a paragraph starts with and the rest of its text.
fn label(text: &str) -> Option<(Label, &str)> {
    let t = text.trim_start();
    let numeral = |s: &str| -> Option<(u64, usize)> {
        let end = s
            .char_indices()
            .find(|(_, c)| !"〇一二三四五六七八九十".contains(*c))
            .map_or(s.len(), |(i, _)| i);
        Some((chinese_value(s.get(..end)?)?, end))
    };
    if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) {
        let (n, end) = numeral(rest)?;
        let after = rest.get(end..)?;
        let after = after
            .strip_prefix('）')
            .or_else(|| after.strip_prefix(')'))?;
        return Some((Label::Paren(n), after));
    }
    if let Some((n, end)) = numeral(t) {
        let after = t.get(end..)?.strip_prefix('、')?;
        return Some((Label::Aspect(n), after));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let n: u64 = t.get(..digits)?.parse().ok()?;
        let after = t.get(digits..)?;
        let after = ['.', '．', '、']
            .iter()
            .find_map(|p| after.strip_prefix(*p))
            .filter(|a| !a.starts_with(|c: char| c.is_ascii_digit()))?;
        return Some((Label::Digit(n), after));
    }
    None
}

/// The document's structure: title, introduction, aspects and their recommendations.
pub fn structure(paras: &[Para]) -> Found {
    // The signature and the date close the document (at most three short lines); a date in a recommendation is a
    // deadline, not the adoption date, and stays in its text.
    let closing = paras
        .iter()
        .rev()
        .take(3)
        .take_while(|p| is_closing(&p.text))
        .count();
    let (body, tail) = paras.split_at(paras.len() - closing);
    let mut found = Found {
        title: String::new(),
        intro: Vec::new(),
        aspects: Vec::new(),
        date: tail.iter().rev().find_map(|p| last_date(&p.text)),
    };
    // The level recommendations are numbered at, fixed by the first one in each aspect.
    let mut rec_kind: Option<std::mem::Discriminant<Label>> = None;
    let mut pending: Vec<String> = Vec::new();
    for p in body {
        let labelled = label(&p.text);
        match labelled {
            _ if found.title.is_empty() && is_title(p, labelled.is_some()) => {
                found.title = p.text.clone();
            }
            Some((Label::Aspect(n), rest)) => {
                close_aspect(&mut found, &mut pending);
                found.aspects.push(aspect(n, rest));
                rec_kind = None;
            }
            None if p.heading.is_some_and(|h| (1..=2).contains(&h)) && !found.title.is_empty() => {
                close_aspect(&mut found, &mut pending);
                let n = found.aspects.len() as u64 + 1;
                found.aspects.push(aspect(n, &p.text));
                rec_kind = None;
            }
            Some((kind @ (Label::Paren(_) | Label::Digit(_)), rest))
                if !found.aspects.is_empty()
                    && rec_kind.is_none_or(|k| k == std::mem::discriminant(&kind)) =>
            {
                rec_kind = Some(std::mem::discriminant(&kind));
                pending.clear();
                push_rec(&mut found, rest, &p.bold);
            }
            _ => continue_text(&mut found, &mut pending, p),
        }
    }
    close_aspect(&mut found, &mut pending);
    // No paragraph looked like a title: the first of the introduction, when short, is it.
    if found.title.is_empty() && found.intro.first().is_some_and(|t| t.chars().count() <= 60) {
        found.title = found.intro.remove(0);
    }
    found
}

fn is_title(p: &Para, labelled: bool) -> bool {
    !labelled && (p.heading.is_some() || p.text.starts_with("关于") || p.text.ends_with("建议案"))
}

fn aspect(n: u64, title: &str) -> FoundAspect {
    FoundAspect {
        id: chinese(n),
        title: title
            .trim()
            .trim_end_matches(['。', '；', '：', ';', ':', '.'])
            .to_string(),
        recs: Vec::new(),
    }
}

fn push_rec(found: &mut Found, text: &str, bold: &str) {
    let at = found.aspects.len();
    let Some(a) = found.aspects.last_mut() else {
        return;
    };
    let text = text.trim().to_string();
    a.recs.push(FoundRec {
        id: format!("{at}.{}", a.recs.len() + 1),
        title: short_title(&text, bold),
        text,
    });
}

/// A paragraph that is neither an aspect nor a recommendation: more of the recommendation before it, the
/// introduction before the first aspect, or (kept aside) the opening of an aspect.
fn continue_text(found: &mut Found, pending: &mut Vec<String>, p: &Para) {
    match found.aspects.last_mut() {
        None => found.intro.push(p.text.clone()),
        Some(a) => match a.recs.last_mut() {
            Some(r) => {
                r.text.push('\n');
                r.text.push_str(p.text.trim());
            }
            None => pending.push(p.text.clone()),
        },
    }
}

/// A line of the signature and date that close a proposal: short, and a date or the issuing body.
fn is_closing(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['。', '.']);
    // A date alone (2019年6月24日), or the issuing body (政协某市委员会).
    let date_alone = last_date(t).is_some()
        && t.chars()
            .all(|c| c.is_ascii_digit() || "年月日 ".contains(c));
    let body = ["委员会", "政协", "办公厅", "办公室"]
        .iter()
        .any(|e| t.ends_with(e))
        && !t.contains(['，', '。', '；']);
    t.chars().count() < 30 && (date_alone || body)
}

/// An aspect with no numbered recommendation under it holds one: its own text.
fn close_aspect(found: &mut Found, pending: &mut Vec<String>) {
    let at = found.aspects.len();
    if let Some(a) = found.aspects.last_mut()
        && a.recs.is_empty()
    {
        let text = pending.join("\n");
        if !text.is_empty() {
            a.recs.push(FoundRec {
                id: format!("{at}.1"),
                title: Some(a.title.clone()),
                text,
            });
        }
    }
    pending.clear();
}

/// The bold lead-in, else the first sentence when it is short (30 characters or fewer).
fn short_title(text: &str, bold: &str) -> Option<String> {
    let clean = |s: &str| {
        s.trim()
            .trim_end_matches(['。', '；', '：', '，', ';', ':', ',', '.'])
            .trim()
            .to_string()
    };
    let bold = clean(bold);
    if !bold.is_empty() && text.starts_with(&bold) {
        return Some(bold);
    }
    let first = text.split(['。', '；', '：', ';', ':']).next().map(clean)?;
    (!first.is_empty()
        && first.chars().count() <= 30
        && first.chars().count() < text.chars().count())
    .then_some(first)
}

/// The last date written `2019年6月24日` in a text.
fn last_date(text: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        let number = |i: &mut usize| -> Option<u32> {
            let start = *i;
            while chars.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
            chars
                .get(start..*i)?
                .iter()
                .collect::<String>()
                .parse()
                .ok()
        };
        let start = i;
        if let Some(y) = number(&mut i)
            && chars.get(i) == Some(&'年')
        {
            i += 1;
            if let Some(m) = number(&mut i)
                && chars.get(i) == Some(&'月')
            {
                i += 1;
                if let Some(d) = number(&mut i)
                    && chars.get(i) == Some(&'日')
                {
                    found = i32::try_from(y)
                        .ok()
                        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                        .or(found);
                }
            }
        }
        i = i.max(start + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para {
            text: text.to_string(),
            ..Para::default()
        }
    }

    #[test]
    fn labels_of_official_writing() {
        assert_eq!(label("一、完善网络"), Some((Label::Aspect(1), "完善网络")));
        assert_eq!(label("十二、其他"), Some((Label::Aspect(12), "其他")));
        assert_eq!(label("（三）建立机制"), Some((Label::Paren(3), "建立机制")));
        assert_eq!(label("2．推进"), Some((Label::Digit(2), "推进")));
        assert_eq!(label("2020年以来"), None);
        assert_eq!(label("3.5亿元"), None);
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(21), "二十一");
    }

    #[test]
    fn typed_numbering_gives_aspects_and_recommendations() {
        let paras: Vec<Para> = [
            "关于加快建设数字政府的建议案",
            "为推进数字政府建设，提出如下建议：",
            "一、理顺管理体制",
            "（一）建立高规格领导机制。建立由市委牵头的领导机制。",
            "（二）厘清数据管理职责。明确统筹部门。",
            "二、健全法规标准",
            "1. 加快制定地方性法规，保障数据共享。",
            "政协某市委员会",
            "2019年6月24日",
        ]
        .map(para)
        .to_vec();
        let f = structure(&paras);
        assert_eq!(f.title, "关于加快建设数字政府的建议案");
        assert_eq!(f.intro, ["为推进数字政府建设，提出如下建议："]);
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2019, 6, 24));
        let ids: Vec<(&str, &str)> = f
            .aspects
            .iter()
            .flat_map(|a| a.recs.iter().map(move |r| (a.id.as_str(), r.id.as_str())))
            .collect();
        assert_eq!(ids, [("一", "1.1"), ("一", "1.2"), ("二", "2.1")]);
        let r = &f.aspects[0].recs[0];
        assert_eq!(r.title.as_deref(), Some("建立高规格领导机制"));
        assert_eq!(r.text, "建立高规格领导机制。建立由市委牵头的领导机制。");
        assert_eq!(
            f.aspects[1].recs[0].text,
            "加快制定地方性法规，保障数据共享。"
        );
    }

    #[test]
    fn a_deadline_in_the_last_recommendation_is_not_the_adoption_date() {
        let paras: Vec<Para> = [
            "关于某事的建议案",
            "一、完善机制",
            "（一）建立制度。",
            "2021年12月31日前完成。",
        ]
        .map(para)
        .to_vec();
        let f = structure(&paras);
        assert_eq!(f.date, None);
        assert!(
            f.aspects[0].recs[0]
                .text
                .ends_with("2021年12月31日前完成。")
        );
    }

    #[test]
    fn a_bold_lead_in_is_the_title_and_sub_points_stay_in_their_recommendation() {
        let mut rec = para("（一）推进一网通办，让群众少跑腿。全面梳理事项。");
        rec.bold = "推进一网通办，让群众少跑腿。".into();
        let paras = vec![
            para("关于某事的建议案"),
            para("一、优化服务"),
            rec,
            para("1. 梳理事项清单"),
            para("2. 建设统一平台"),
        ];
        let f = structure(&paras);
        let r = &f.aspects[0].recs;
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title.as_deref(), Some("推进一网通办，让群众少跑腿"));
        assert!(r[0].text.ends_with("2. 建设统一平台"));
    }
}
