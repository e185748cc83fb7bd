//! Rendering briefs with minijinja templates. The defaults in the repository's `templates/` folder are built into
//! the binary; a `templates/` folder in the user's case repository overrides them file by file. Template errors
//! name the template file and line.

use crate::brief::Brief;
use crate::decode::decode;
use crate::diag::{Diagnostic, Sources, pos_from_line_col};
use crate::lang::Lang;
use crate::tx;
use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
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
    let t = templates.get(kind, lang).ok_or_else(|| TemplateError {
        diag: Diagnostic::error(
            "E601",
            tx!("没有 {kind}.{lang}.md 模板", "no template {kind}.{lang}.md"),
        ),
        sources: Sources::default(),
    })?;
    render_template(t, value, lang, marks)
}

/// Renders a new-file template (`new-case.yaml`, …) by name.
pub fn render_file<T: serde::Serialize>(
    templates: &Templates,
    name: &str,
    value: &T,
    lang: Lang,
) -> Result<String, Box<TemplateError>> {
    let t = templates.named(name).ok_or_else(|| TemplateError {
        diag: Diagnostic::error("E601", tx!("没有 {name} 模板", "no template {name}")),
        sources: Sources::default(),
    })?;
    render_template(t, value, lang, false)
}

fn render_template<T: serde::Serialize>(
    t: &Template,
    value: &T,
    lang: Lang,
    marks: bool,
) -> Result<String, Box<TemplateError>> {
    let env = environment(lang, marks);
    let tmpl = env
        .template_from_named_str(&t.name, &t.text)
        .map_err(|e| template_error(t, &e))?;
    let mut out = tmpl
        .render(Value::from_serialize(value))
        .map_err(|e| template_error(t, &e))?;
    // No runs of blank lines and one trailing newline, whatever the template's spacing.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    Ok(out.trim_start_matches('\n').trim_end().to_string() + "\n")
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

fn text_of(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        String::new()
    } else if let Some(s) = v.as_str() {
        s.to_string()
    } else {
        v.to_string()
    }
}

fn number(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok()
}

/// Escapes user text for Markdown: no markup, no table breaks, one line.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let one_line = s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // Private-use characters are markers of our own (coloured lights in HTML); user text never carries them.
    for c in one_line
        .chars()
        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
    {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A leading "-", "+" or "=" would start a list, a rule or a heading underline; "1. " an ordered list.
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
        Ok(d) => match lang {
            Lang::Zh => d.format("%Y年%-m月%-d日").to_string(),
            Lang::En => d.format("%-d %B %Y").to_string(),
        },
        Err(_) => md(iso),
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
}
