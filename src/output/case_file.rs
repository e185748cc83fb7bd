//! The text of a new `case.yaml` from an imported proposal: the topic, the proposal, the introduction as background,
//! the aspects and the recommendations, with comments saying what the secretary fills in once the recommendations
//! are assigned. Every value is written JSON-quoted (valid YAML), so nothing in the document can change the file's
//! structure.

use crate::case::proposal::Found;
use crate::lang::Lang;
use chrono::NaiveDate;
use std::fmt::Write;

/// What goes into the new case besides the document.
pub struct NewCase<'a> {
    /// The topic (the case's `title`).
    pub topic: &'a str,
    /// The adoption date.
    pub adopted: NaiveDate,
    /// The file it came from, as messages show it.
    pub source: &'a str,
    /// The language of the comments.
    pub lang: Lang,
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The `case.yaml` text.
pub fn case_yaml(found: &Found, new: &NewCase<'_>) -> String {
    let zh = new.lang == Lang::Zh;
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema=../../schemas/case.schema.json"
    );
    let _ = match new.lang {
        Lang::Zh => writeln!(
            out,
            "# 由 rexieshang import proposal 从 {} 导入。",
            new.source
        ),
        Lang::En => writeln!(
            out,
            "# Imported by rexieshang import proposal from {}.",
            new.source
        ),
    };
    let _ = writeln!(
        out,
        "{}",
        t(
            "# 交办后：在 departments 里列出承办单位，给每条建议填上 lead（主办）、support（协办）、due（期限）；改完运行 rexieshang check。",
            "# Once assigned: list the departments, and give each recommendation its lead, support and due; then run rexieshang check."
        )
    );
    let _ = writeln!(out, "title: {}", q(new.topic));
    let _ = writeln!(out, "proposal:");
    let _ = writeln!(out, "  title: {}", q(&found.title));
    let _ = writeln!(out, "  adopted: {}", new.adopted.format("%Y-%m-%d"));
    if !found.intro.is_empty() {
        let _ = writeln!(out, "background: {}", q(&found.intro.join("\n")));
    }
    let _ = writeln!(out, "departments:");
    let _ = writeln!(
        out,
        "  {}",
        t(
            "# - id: 民政局        # 引用时写的简称",
            "# - id: civil-affairs   # the short id used elsewhere"
        )
    );
    let _ = writeln!(
        out,
        "  {}",
        t("#   name: 某市民政局", "#   name: Civil Affairs Bureau")
    );
    let _ = writeln!(out, "aspects:");
    for a in &found.aspects {
        let _ = writeln!(out, "  - id: {}", q(&a.id));
        let _ = writeln!(out, "    title: {}", q(&a.title));
    }
    let _ = writeln!(out, "recommendations:");
    for a in &found.aspects {
        for r in &a.recs {
            let _ = writeln!(out, "  - id: {}", q(&r.id));
            let _ = writeln!(out, "    aspect: {}", q(&a.id));
            if let Some(title) = &r.title {
                let _ = writeln!(out, "    title: {}", q(title));
            }
            let _ = writeln!(out, "    text: {}", q(&r.text));
            let _ = writeln!(
                out,
                "    {}",
                t(
                    "# lead:        # 主办单位（交办后填写）",
                    "# lead:        # lead department, once assigned"
                )
            );
            let _ = writeln!(
                out,
                "    {}",
                t("# due:         # 办理期限", "# due:         # due date")
            );
        }
    }
    out
}
