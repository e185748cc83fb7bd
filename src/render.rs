//! Rendering briefs with minijinja templates. The defaults in the repository's `templates/` folder are built into
//! the binary; a `templates/` folder in the user's case repository overrides them file by file. Template errors
//! name the template file and line.

use crate::brief::Brief;
use crate::decode::decode;
use crate::diag::{Diagnostic, Sources, pos_from_line_col};
use crate::lang::Lang;
use crate::tx;
use chrono::{Datelike, NaiveDate};
use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use std::borrow::Cow;
use std::path::Path;

/// The built-in templates: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("brief.zh.md", include_str!("../templates/brief.zh.md")),
    ("brief.en.md", include_str!("../templates/brief.en.md")),
    (
        "overview.zh.md",
        include_str!("../templates/overview.zh.md"),
    ),
    (
        "overview.en.md",
        include_str!("../templates/overview.en.md"),
    ),
    ("new-case.yaml", include_str!("../templates/new-case.yaml")),
    (
        "new-reply.yaml",
        include_str!("../templates/new-reply.yaml"),
    ),
    (
        "new-meeting.yaml",
        include_str!("../templates/new-meeting.yaml"),
    ),
    ("brief.html", include_str!("../templates/brief.html")),
];

/// Files `rexieshang init` writes into a new repository: (path, text).
pub const INIT_FILES: &[(&str, &str)] = &[
    (
        "rexieshang.yaml",
        include_str!("../templates/init/rexieshang.yaml"),
    ),
    ("README.md", include_str!("../templates/init/README.md")),
    (".gitignore", include_str!("../templates/init/gitignore")),
    (
        "hooks/pre-commit",
        include_str!("../templates/init/pre-commit"),
    ),
    (
        "cases/README.md",
        "# 议题\n\n每个议题一个文件夹：`rexieshang new case 编号 --title 议题名称`。\n",
    ),
];

/// The folder in a case repository that overrides built-in templates.
pub const TEMPLATES_DIR: &str = "templates";

/// A template with where it came from.
#[derive(Clone, Debug)]
pub struct Template {
    /// File name, e.g. `brief.zh.md`.
    pub name: String,
    /// Where it came from, as shown to the user (`built-in` or a path).
    pub origin: String,
    /// Its text.
    pub text: String,
}

/// The templates in use.
#[derive(Clone, Debug)]
pub struct Templates {
    list: Vec<Template>,
}

/// A template problem: the diagnostic and the template text it points into.
#[derive(Debug)]
pub struct TemplateError {
    /// What is wrong, where.
    pub diag: Diagnostic,
    /// The template's text, to show the line.
    pub sources: Sources,
}

impl Templates {
    /// The built-in templates overridden by any same-named file in `root/templates/`.
    pub fn load(root: &Path) -> Result<Templates, Box<TemplateError>> {
        let mut list = Vec::new();
        for (name, text) in BUILTIN {
            let path = root.join(TEMPLATES_DIR).join(name);
            let t = if path.is_file() {
                let shown = path.to_string_lossy().replace('\\', "/");
                let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
                let bytes = std::fs::read(&path).map_err(|e| TemplateError {
                    diag: Diagnostic::error(
                        "E601",
                        tx!(
                            "无法读取模板 `{shown}`：{e}",
                            "cannot read template `{shown}`: {e}"
                        ),
                    )
                    .in_file(shown.clone()),
                    sources: Sources::default(),
                })?;
                let text = decode(&bytes).map_err(|d| TemplateError {
                    diag: d.in_file(shown.clone()),
                    sources: Sources::default(),
                })?;
                Template {
                    name: name.to_string(),
                    origin: shown,
                    text,
                }
            } else {
                Template {
                    name: name.to_string(),
                    origin: "built-in".to_string(),
                    text: text.to_string(),
                }
            };
            list.push(t);
        }
        Ok(Templates { list })
    }

    /// The built-in templates only (no repository to override them).
    pub fn builtin() -> Templates {
        let list = BUILTIN
            .iter()
            .map(|(name, text)| Template {
                name: name.to_string(),
                origin: "built-in".to_string(),
                text: text.to_string(),
            })
            .collect();
        Templates { list }
    }

    /// The template `kind` (`brief`, `overview`) in `lang`.
    pub fn get(&self, kind: &str, lang: Lang) -> Option<&Template> {
        let name = format!("{kind}.{}.md", lang.code());
        self.list.iter().find(|t| t.name == name)
    }

    /// A template by file name.
    pub fn named(&self, name: &str) -> Option<&Template> {
        self.list.iter().find(|t| t.name == name)
    }

    /// All templates.
    pub fn all(&self) -> &[Template] {
        &self.list
    }
}

/// Renders a brief to Markdown with the language's template.
pub fn render_brief(
    templates: &Templates,
    brief: &Brief,
    lang: Lang,
) -> Result<String, Box<TemplateError>> {
    render(templates, "brief", brief, lang, false)
}

/// Renders the model `value` with the template `kind` (`brief`, `overview`) in `lang`.
/// With `marks`, the `light` filter leaves markers that the HTML conversion turns into coloured dots.
pub fn render<T: serde::Serialize>(
    templates: &Templates,
    kind: &str,
    value: &T,
    lang: Lang,
    marks: bool,
) -> Result<String, Box<TemplateError>> {
    Renderer::new(templates, kind, lang, marks)?.render(value)
}

/// Renders a new-file template (`new-case.yaml`, …) by name.
pub fn render_file<T: serde::Serialize>(
    templates: &Templates,
    name: &str,
    value: &T,
    lang: Lang,
) -> Result<String, Box<TemplateError>> {
    Renderer::named(templates, name, lang, false)?.render(value)
}

/// One template compiled once, to render many models (a brief per case): compiling is a large share of rendering.
pub struct Renderer<'t> {
    env: Environment<'t>,
    template: &'t Template,
}

impl<'t> Renderer<'t> {
    /// The template `kind` (`brief`, `overview`) in `lang`, compiled.
    pub fn new(
        templates: &'t Templates,
        kind: &str,
        lang: Lang,
        marks: bool,
    ) -> Result<Renderer<'t>, Box<TemplateError>> {
        let t = templates.get(kind, lang).ok_or_else(|| TemplateError {
            diag: Diagnostic::error(
                "E601",
                tx!("没有 {kind}.{lang}.md 模板", "no template {kind}.{lang}.md"),
            ),
            sources: Sources::default(),
        })?;
        Renderer::compile(t, lang, marks)
    }

    /// The template file `name` (`brief.html`, `new-case.yaml`, …), compiled.
    pub fn named(
        templates: &'t Templates,
        name: &str,
        lang: Lang,
        marks: bool,
    ) -> Result<Renderer<'t>, Box<TemplateError>> {
        let t = templates.named(name).ok_or_else(|| TemplateError {
            diag: Diagnostic::error("E601", tx!("没有 {name} 模板", "no template {name}")),
            sources: Sources::default(),
        })?;
        Renderer::compile(t, lang, marks)
    }

    fn compile(
        t: &'t Template,
        lang: Lang,
        marks: bool,
    ) -> Result<Renderer<'t>, Box<TemplateError>> {
        let mut env = environment(lang, marks);
        env.add_template(&t.name, &t.text)
            .map_err(|e| template_error(t, &e))?;
        Ok(Renderer { env, template: t })
    }

    /// Renders `value`. Runs of blank lines are squeezed to one and the text ends with one newline, whatever the
    /// template's spacing.
    pub fn render<T: serde::Serialize>(&self, value: &T) -> Result<String, Box<TemplateError>> {
        let t = self.template;
        let tmpl = self
            .env
            .get_template(&t.name)
            .map_err(|e| template_error(t, &e))?;
        let out = tmpl
            .render(Value::from_serialize(value))
            .map_err(|e| template_error(t, &e))?;
        Ok(squeeze_blank_lines(&out))
    }
}

/// No runs of blank lines, no leading blank lines, one trailing newline.
fn squeeze_blank_lines(s: &str) -> String {
    let mut rest = s.trim_start_matches('\n').trim_end();
    let mut out = String::with_capacity(rest.len() + 1);
    while let Some(i) = rest.find("\n\n\n") {
        out.push_str(rest.get(..i + 2).unwrap_or(rest));
        rest = rest.get(i + 2..).unwrap_or("").trim_start_matches('\n');
    }
    out.push_str(rest);
    out.push('\n');
    out
}

fn template_error(t: &Template, e: &minijinja::Error) -> TemplateError {
    let line = e.line().unwrap_or(1);
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let kind = match e.kind() {
        ErrorKind::SyntaxError => tx!("模板语法错误", "template syntax error"),
        ErrorKind::UndefinedError => tx!(
            "模板用了不存在的数据",
            "the template uses data that does not exist"
        ),
        ErrorKind::UnknownFilter | ErrorKind::UnknownFunction | ErrorKind::UnknownTest => tx!(
            "模板用了不存在的过滤器或函数",
            "the template uses an unknown filter or function"
        ),
        _ => tx!("模板出错", "template error"),
    };
    let mut sources = Sources::default();
    sources.add(&t.origin, t.text.clone());
    let line_text = t.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let indent = line_text.chars().take_while(|c| c.is_whitespace()).count();
    let pos = pos_from_line_col(
        &t.text,
        line,
        indent + 1,
        line_text.chars().count().saturating_sub(indent),
    );
    let name = &t.origin;
    TemplateError {
        diag: Diagnostic::error("E602", tx!("{}：{detail}（{name}）", "{}: {detail} ({name})"; kind.zh, kind.en))
            .in_file(t.origin.clone())
            .at(pos)
            .help(tx!(
                "可用的数据和过滤器见 docs/templates.md；删除 templates/ 里的这个文件即恢复内置模板。",
                "docs/templates.md lists the data and filters; delete this file from templates/ to go back to the built-in template."
            )),
        sources,
    }
}

/// The template environment: strict about undefined data, with the brief's filters.
pub fn environment(lang: Lang, marks: bool) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // A runaway user template stops instead of hanging.
    env.set_fuel(Some(50_000_000));
    env.add_filter("md", |v: Value| md(&text_of(&v)));
    env.add_filter("pct", |v: Value| {
        number(&v).map_or("—".to_string(), |x| format!("{}%", num(x)))
    });
    env.add_filter("num", |v: Value| number(&v).map_or("—".to_string(), num));
    env.add_filter("signed", |v: Value| {
        number(&v).map_or("—".to_string(), signed)
    });
    // In HTML the text bar becomes a drawn one; the markers carry the number through comrak.
    env.add_filter("bar", move |v: Value| match number(&v) {
        None => "—".to_string(),
        Some(x) if marks => format!(
            "{}{}{}",
            crate::print::BAR_OPEN,
            num(x),
            crate::print::BAR_CLOSE
        ),
        Some(x) => bar(x),
    });
    // A chart from the figures where the template asks for one (HTML and PDF only).
    env.add_function("chart", move |name: String| {
        if marks {
            format!(
                "{}{name}{}",
                crate::print::CHART_OPEN,
                crate::print::CHART_CLOSE
            )
        } else {
            String::new()
        }
    });
    env.add_filter("date", move |v: Value| date(&text_of(&v), lang));
    env.add_filter("light", move |v: Value| {
        let key = text_of(&v);
        let mark = crate::print::LIGHT_MARKS
            .iter()
            .find(|(_, k)| *k == key)
            .filter(|_| marks)
            .map(|(c, _)| c.to_string());
        mark.unwrap_or_default() + &light(&key, lang)
    });
    // For generated YAML: a double-quoted scalar (JSON escaping is valid YAML), and text safe inside a comment.
    env.add_filter("yaml", |v: Value| {
        serde_json::to_string(&text_of(&v)).unwrap_or_else(|_| "\"\"".to_string())
    });
    env.add_filter("comment", |v: Value| {
        text_of(&v)
            .split(['\n', '\r'])
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    });
    env
}

/// A value as text, without copying when it already is text: empty for none and undefined.
fn text_of(v: &Value) -> Cow<'_, str> {
    if v.is_none() || v.is_undefined() {
        Cow::Borrowed("")
    } else if let Some(s) = v.as_str() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(v.to_string())
    }
}

fn number(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok()
}

/// Bytes where [`md`] has to look closer: the ASCII characters it escapes, and the lead bytes of U+E000–U+F8FF.
// Evaluated at compile time: an index out of range would stop the build, not the program.
#[allow(clippy::indexing_slicing)]
const MD_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let escaped = b"\\`*_[]<>|#~!&";
    let mut k = 0;
    while k < escaped.len() {
        t[escaped[k] as usize] = true;
        k += 1;
    }
    t[0xEE] = true;
    t[0xEF] = true;
    t
};

/// Escapes user text for Markdown: no markup, no table breaks, one line.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let joined;
    let one_line = if s.contains(['\n', '\r']) {
        joined = s
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        joined.as_str()
    } else {
        s.trim()
    };
    // Private-use characters are markers of our own (coloured lights in HTML); user text never carries them.
    // Everything escaped is ASCII, and U+E000–U+F8FF is EE xx xx or EF 80–A3 xx in UTF-8, so the text is scanned as
    // bytes and copied in runs.
    let bytes = one_line.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(skip) = bytes.get(i..).and_then(|rest| {
        rest.iter()
            .position(|&b| MD_STOP.get(usize::from(b)) == Some(&true))
    }) {
        i += skip;
        let b = bytes.get(i).copied().unwrap_or(0);
        if b >= 0x80 {
            // EE xx xx, or EF 80–A3 xx: a private-use character, dropped. Other EF… characters are kept.
            let private = b == 0xEE || bytes.get(i + 1).is_some_and(|&c| c <= 0xA3);
            if private {
                out.push_str(one_line.get(run..i).unwrap_or(""));
                run = i + 3;
            }
            i += if private { 3 } else { 1 };
            continue;
        }
        out.push_str(one_line.get(run..i).unwrap_or(""));
        out.push('\\');
        run = i;
        i += 1;
    }
    out.push_str(one_line.get(run..).unwrap_or(""));
    // A leading "-", "+" or "=" would start a list, a rule or a heading underline; "1. " an ordered list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if (1..=9).contains(&digits) && out.get(digits..).is_some_and(|r| r.starts_with(". ")) {
        out.insert(digits, '\\');
    }
    out
}

/// A number with at most one decimal, without a trailing `.0`.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn signed(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r > 0.0 {
        format!("+{}", num(r))
    } else if r < 0.0 {
        format!("−{}", num(-r))
    } else {
        "0".to_string()
    }
}

/// A ten-cell text bar.
pub fn bar(x: f64) -> String {
    let filled = ((x / 10.0).round().clamp(0.0, 10.0)) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// `2020-06-23` → `2020年6月23日` or `23 June 2020`.
pub fn date(iso: &str, lang: Lang) -> String {
    match crate::read::parse_date(iso) {
        Ok(d) => long_date(d, lang),
        Err(_) => md(iso),
    }
}

/// A date written out: `2020年6月23日` or `23 June 2020`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, m, day) = (d.year(), d.month(), d.day());
    match lang {
        Lang::Zh => format!("{y}年{m}月{day}日"),
        Lang::En => {
            let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
            format!("{day} {month} {y}")
        }
    }
}

fn light(key: &str, lang: Lang) -> String {
    match (key, lang) {
        ("red", Lang::Zh) => "红灯",
        ("amber", Lang::Zh) => "黄灯",
        ("green", Lang::Zh) => "绿灯",
        ("red", Lang::En) => "red",
        ("amber", Lang::En) => "amber",
        ("green", Lang::En) => "green",
        _ => "—",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_a_table_or_inject_markup() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("# 标题"), "\\# 标题");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("第一行\n第二行"), "第一行 第二行");
        assert_eq!(md("1. 条"), "1\\. 条");
        assert_eq!(md("`code`"), "\\`code\\`");
    }

    /// The escaping as first written, character by character: the byte scanner must agree with it.
    fn md_by_chars(s: &str) -> String {
        let one_line = s
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut out = String::new();
        for c in one_line
            .chars()
            .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
        {
            if "\\`*_[]<>|#~!&".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        if out.starts_with(['-', '+', '=']) {
            out.insert(0, '\\');
        } else if let Some((n, _)) = out.split_once(". ")
            && !n.is_empty()
            && n.len() <= 9
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            out.insert(n.len(), '\\');
        }
        out
    }

    #[test]
    fn markers_are_dropped_and_everything_else_kept() {
        assert_eq!(
            md("红\u{E001}灯，好\u{F8FF}！豈\u{F900}"),
            "红灯，好！豈\u{F900}"
        );
        let pieces = [
            "a", "1", "12", ". ", "-", "+", "=", "|", "*", "\\", "&", "\n", "\r\n", " ", "议题",
            "，", "！", "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{F8FF}", "\u{F900}", "\u{FF01}",
            "😀", "é",
        ];
        let mut seed: u64 = 7;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(md(&s), md_by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn numbers_dates_and_bars() {
        assert_eq!(num(62.5), "62.5");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(33.333), "33.3");
        assert_eq!(signed(-3.04), "−3");
        assert_eq!(bar(62.5), "██████░░░░");
        assert_eq!(bar(100.0), "██████████");
        assert_eq!(date("2020-06-23", Lang::Zh), "2020年6月23日");
        assert_eq!(date("2020-06-23", Lang::En), "23 June 2020");
    }

    #[test]
    fn written_out_dates_agree_with_chrono_every_day() {
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while d.year() < 2041 {
            assert_eq!(
                long_date(d, Lang::Zh),
                d.format("%Y年%-m月%-d日").to_string()
            );
            assert_eq!(long_date(d, Lang::En), d.format("%-d %B %Y").to_string());
            assert_eq!(crate::read::iso(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn blank_line_runs_are_squeezed() {
        assert_eq!(
            squeeze_blank_lines("\n\na\n\n\n\nb\n\n\nc \n\n"),
            "a\n\nb\n\nc\n"
        );
        assert_eq!(squeeze_blank_lines("a\n \n\n\nb"), "a\n \n\nb\n");
        assert_eq!(squeeze_blank_lines("表\n\n甲"), "表\n\n甲\n");
        assert_eq!(squeeze_blank_lines(""), "\n");
    }
}
