//! Rendering briefs with minijinja templates. The defaults in the repository's `templates/` folder are built into
//! the binary; a `templates/` folder in the user's case repository overrides them file by file. Template errors
//! name the template file and line.

use crate::brief::Brief;
use crate::case::decode::decode;
use crate::diag::Code;
use crate::diag::{Diagnostic, Located, Sources, pos_from_line_col};
use crate::lang::Lang;
use crate::output::markdown::{environment, squeeze_blank_lines};
use crate::tx;
use minijinja::value::Value;
use minijinja::{Environment, ErrorKind};
use std::path::Path;
use std::sync::Arc;

/// The built-in templates: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("brief.zh.md", include_str!("../../templates/brief.zh.md")),
    ("brief.en.md", include_str!("../../templates/brief.en.md")),
    (
        "overview.zh.md",
        include_str!("../../templates/overview.zh.md"),
    ),
    (
        "overview.en.md",
        include_str!("../../templates/overview.en.md"),
    ),
    (
        "new-case.yaml",
        include_str!("../../templates/new-case.yaml"),
    ),
    (
        "new-reply.yaml",
        include_str!("../../templates/new-reply.yaml"),
    ),
    (
        "new-meeting.yaml",
        include_str!("../../templates/new-meeting.yaml"),
    ),
    ("forms.zh.md", include_str!("../../templates/forms.zh.md")),
    ("forms.en.md", include_str!("../../templates/forms.en.md")),
    (
        "feedback.zh.md",
        include_str!("../../templates/feedback.zh.md"),
    ),
    (
        "feedback.en.md",
        include_str!("../../templates/feedback.en.md"),
    ),
    ("notice.zh.md", include_str!("../../templates/notice.zh.md")),
    ("notice.en.md", include_str!("../../templates/notice.en.md")),
    ("brief.html", include_str!("../../templates/brief.html")),
    ("brief.typ", include_str!("../../templates/brief.typ")),
];

/// Files `rexieshang init` writes into a new repository: (path, text).
pub const INIT_FILES: &[(&str, &str)] = &[
    (
        "rexieshang.yaml",
        include_str!("../../templates/init/rexieshang.yaml"),
    ),
    ("README.md", include_str!("../../templates/init/README.md")),
    // The file format, so the repository explains itself (its configuration's comments point here).
    ("docs/format.md", include_str!("../../docs/format.md")),
    (".gitignore", include_str!("../../templates/init/gitignore")),
    (
        "hooks/pre-commit",
        include_str!("../../templates/init/pre-commit"),
    ),
    (
        "cases/README.md",
        "# 议题\n\n每个议题一个文件夹：`rexieshang new case 编号 --title 议题名称`。\n",
    ),
];

/// The origin shown for a template built into the binary.
pub const BUILT_IN: &str = "built-in";

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

impl Templates {
    /// The built-in templates overridden by any same-named file in `root/templates/`.
    pub fn load(root: &Path) -> Result<Templates, Box<Located>> {
        let mut list = Vec::new();
        for (name, text) in BUILTIN {
            let path = root.join(TEMPLATES_DIR).join(name);
            let t = if path.is_file() {
                let shown = path.to_string_lossy().replace('\\', "/");
                let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
                let bytes = std::fs::read(&path).map_err(|e| Located {
                    diag: Diagnostic::error(
                        Code::E601,
                        tx!(
                            "无法读取模板 `{shown}`：{e}",
                            "cannot read template `{shown}`: {e}"
                        ),
                    )
                    .in_file(shown.clone()),
                    sources: Sources::default(),
                })?;
                let text = decode(bytes).map_err(|d| Located {
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
                    origin: BUILT_IN.to_string(),
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
                origin: BUILT_IN.to_string(),
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
    brief: Arc<Brief>,
    lang: Lang,
) -> Result<String, Box<Located>> {
    Renderer::new(templates, "brief", lang, Mode::Plain)?
        .render_value(Value::from_dyn_object(brief))
}

/// What rendered Markdown is for: a Markdown file as it is, a web page, or a printed form (PDF, Word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The Markdown file itself.
    Plain,
    /// A web page: drawn lights, bars and charts (markers the HTML conversion turns into them).
    Screen,
    /// PDF or Word: drawn marks too, and templates see `print` true, to leave out what only helps on screen.
    Print,
}

impl Mode {
    /// Whether the Markdown carries the markers of drawn lights, bars and charts.
    pub fn marks(self) -> bool {
        self != Mode::Plain
    }
}

/// Renders the model `value` with the template `kind` (`brief`, `overview`) in `lang`, for `mode`.
pub fn render<T: serde::Serialize>(
    templates: &Templates,
    kind: &str,
    value: &T,
    lang: Lang,
    mode: Mode,
) -> Result<String, Box<Located>> {
    Renderer::new(templates, kind, lang, mode)?.render(value)
}

/// Renders a new-file template (`new-case.yaml`, …) by name.
pub fn render_file<T: serde::Serialize>(
    templates: &Templates,
    name: &str,
    value: &T,
    lang: Lang,
) -> Result<String, Box<Located>> {
    Renderer::named(templates, name, lang, Mode::Plain)?.render(value)
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
        mode: Mode,
    ) -> Result<Renderer<'t>, Box<Located>> {
        let t = templates.get(kind, lang).ok_or_else(|| Located {
            diag: Diagnostic::error(
                Code::E601,
                tx!("没有 {kind}.{lang}.md 模板", "no template {kind}.{lang}.md"),
            ),
            sources: Sources::default(),
        })?;
        Renderer::compile(t, lang, mode)
    }

    /// The template file `name` (`brief.html`, `new-case.yaml`, …), compiled.
    pub fn named(
        templates: &'t Templates,
        name: &str,
        lang: Lang,
        mode: Mode,
    ) -> Result<Renderer<'t>, Box<Located>> {
        let t = templates.named(name).ok_or_else(|| Located {
            diag: Diagnostic::error(Code::E601, tx!("没有 {name} 模板", "no template {name}")),
            sources: Sources::default(),
        })?;
        Renderer::compile(t, lang, mode)
    }

    fn compile(t: &'t Template, lang: Lang, mode: Mode) -> Result<Renderer<'t>, Box<Located>> {
        let mut env = environment(lang, mode.marks());
        env.add_global("print", mode == Mode::Print);
        // A runaway template from the repository stops instead of hanging; the built-in ones cannot run away, and
        // counting fuel costs every instruction.
        if t.origin != BUILT_IN {
            env.set_fuel(Some(50_000_000));
        }
        env.add_template(&t.name, &t.text)
            .map_err(|e| template_error(t, &e))?;
        Ok(Renderer { env, template: t })
    }

    /// Renders `value`. Runs of blank lines are squeezed to one and the text ends with one newline, whatever the
    /// template's spacing.
    pub fn render<T: serde::Serialize>(&self, value: &T) -> Result<String, Box<Located>> {
        self.render_value(Value::from_serialize(value))
    }

    /// Renders a model that is already a template value, such as the brief (whose views are minijinja objects).
    pub fn render_value(&self, value: Value) -> Result<String, Box<Located>> {
        let t = self.template;
        let tmpl = self
            .env
            .get_template(&t.name)
            .map_err(|e| template_error(t, &e))?;
        let out = tmpl.render(value).map_err(|e| template_error(t, &e))?;
        Ok(squeeze_blank_lines(&out))
    }
}

fn template_error(t: &Template, e: &minijinja::Error) -> Located {
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
    Located {
        diag: Diagnostic::error(Code::E602, tx!("{}：{detail}（{name}）", "{}: {detail} ({name})"; kind.zh, kind.en))
            .in_file(t.origin.clone())
            .at(pos)
            .help(tx!(
                "可用的数据和过滤器见 docs/templates.md；删除 templates/ 里的这个文件即恢复内置模板。",
                "docs/templates.md lists the data and filters; delete this file from templates/ to go back to the built-in template."
            )),
        sources,
    }
}
