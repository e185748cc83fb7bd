//! The shape of `src/`: stages import only the stages below them, modules never import each other in a circle,
//! and no product function is longer than a screen. Read from the source text (the `crate::` paths each module
//! names outside its tests), so a change that breaks the layering fails here with the files named.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules from the bottom up: each may import those before it, never those after it.
const LAYERS: &[&str] = &[
    "lang", "fmt", "diag", "case", "check", "figures", "brief", "output", "cli", "settings", "cmd",
    "app",
];

/// Longest product function, in lines.
const FN_LIMIT: usize = 80;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` as (module path, product text before any `#[cfg(test)]` module).
fn modules() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src()).unwrap().with_extension("");
            let mut path: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                path.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                path.pop();
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let product = text.split("#[cfg(test)]\nmod ").next().unwrap().to_string();
            (path, product)
        })
        .collect()
}

/// The `crate::` paths a text names in code (comments left out), expanding `use crate::{a, b::c}` groups.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let preceded_by_dollar = rest[..i].ends_with('$');
        if !preceded_by_dollar {
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    out.push(segments(item.trim()));
                }
            } else {
                out.push(segments(after));
            }
        }
        rest = after;
    }
    out
}

/// The lower-case segments of a path at the start of `s`: `case::model::Case;` → `case`, `model`.
fn segments(mut s: &str) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let word: String = s
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() || word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        s = &s[word.len()..];
        out.push(word);
        match s.strip_prefix("::") {
            Some(rest) => s = rest,
            None => break,
        }
    }
    out
}

/// The module a path points into: its longest prefix that is a module.
fn resolve<'m>(
    path: &[String],
    mods: &'m BTreeMap<Vec<String>, String>,
) -> Option<&'m Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| mods.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Which module imports which, leaving out a module's imports of its own ancestors (its `mod.rs` declares it).
fn edges(mods: &BTreeMap<Vec<String>, String>) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    mods.iter()
        .map(|(m, text)| {
            let targets = crate_paths(text)
                .iter()
                .filter_map(|p| resolve(p, mods))
                .filter(|t| *t != m && !m.starts_with(t))
                .cloned()
                .collect();
            (m.clone(), targets)
        })
        .collect()
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn stages_import_only_the_stages_below_them() {
    let mods = modules();
    let mut wrong = Vec::new();
    for (m, targets) in edges(&mods) {
        let Some(top) = m.first() else { continue };
        let Some(level) = LAYERS.iter().position(|l| l == top) else {
            wrong.push(format!("{} is in no layer of LAYERS", name(&m)));
            continue;
        };
        for t in targets {
            let above = t
                .first()
                .and_then(|x| LAYERS.iter().position(|l| l == x))
                .is_some_and(|tl| tl > level);
            if above {
                wrong.push(format!("{} imports {}, a later stage", name(&m), name(&t)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let graph = edges(&modules());
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(
        m: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            return Some(path[at..].iter().map(|p| name(p)).collect());
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.clone());
        for t in graph.get(m).into_iter().flatten() {
            if let Some(circle) = visit(t, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(m.clone());
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        if let Some(circle) = visit(m, &graph, &mut Vec::new(), &mut done) {
            panic!(
                "modules import each other in a circle: {}",
                circle.join(" → ")
            );
        }
    }
}

#[test]
fn no_product_function_is_longer_than_a_screen() {
    let mut long = Vec::new();
    for (m, text) in modules() {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i].trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|p| l.starts_with(p));
            if !is_fn {
                i += 1;
                continue;
            }
            let (mut depth, mut opened, mut j) = (0i64, false, i);
            while j < lines.len() {
                let code = lines[j].split("//").next().unwrap_or("");
                // Braces inside string and character literals do not count.
                let code = strip_literals(code);
                if !opened && code.contains(';') && !code.contains('{') {
                    break;
                }
                depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
                opened |= code.contains('{');
                if opened && depth <= 0 {
                    break;
                }
                j += 1;
            }
            let n = j - i + 1;
            if opened && n > FN_LIMIT {
                long.push(format!("{}:{} is {n} lines", name(&m), i + 1));
            }
            i = if opened { j + 1 } else { i + 1 };
        }
    }
    assert!(
        long.is_empty(),
        "over {FN_LIMIT} lines:\n{}",
        long.join("\n")
    );
}

fn strip_literals(code: &str) -> String {
    let mut out = String::new();
    let mut in_str = false;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_str, c) {
            (true, '\\') => {
                chars.next();
            }
            (_, '"') => in_str = !in_str,
            (false, '\'') => {
                // A character literal such as '{' or '}' (lifetimes have no closing quote nearby).
                let rest: String = chars.clone().take(3).collect();
                if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                } else {
                    out.push(c);
                }
            }
            (false, _) => out.push(c),
            (true, _) => {}
        }
    }
    out
}
