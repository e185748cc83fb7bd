//! `rexieshang import register FILE.xlsx|FILE.csv --case ID`: an assignment register into a case. Departments and
//! aspects the sheet names are matched to the case's (by id or full name) or created, with a warning; a known
//! recommendation gets only what it lacks; one the case does not have is added. A value that contradicts the case
//! (another lead than the file's) is an error at its cell, and then nothing is written. The edited case.yaml is
//! read back and checked before it replaces the old one.

use crate::case::load::read_bounded;
use crate::case::model::{Case, Priority, Recommendation};
use crate::case::proposal::chinese;
use crate::case::reader::Reader;
use crate::case::records::read_case;
use crate::case::register::{At, Register, Row, read_register};
use crate::check::checked::load_checked;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome, shown};
use crate::cmd::open::{Start, resolve_case, start};
use crate::diag::{Code, Diagnostic, Severity, Sources};
use crate::fmt::date::iso;
use crate::fmt::number::num;
use crate::lang::{Lang, Text};
use crate::output::case_edit::{Edits, edit};
use crate::output::meeting_file::quoted;
use crate::output::writer::write_generated;
use crate::tx;
use std::io::Write;
use std::path::Path;

/// The largest register read.
const MAX_REGISTER_BYTES: u64 = 16 * 1024 * 1024;

/// Runs `import register`.
pub fn run(file: &Path, case_arg: &str, repo_path: &Path, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, repo_path)?;
    let dir = resolve_case(&repo, case_arg).map_err(Failure::fatal)?;
    let checked = load_checked(&dir, &repo.config, env.settings.latest);
    let Some(case) = &checked.case else {
        env.show(&printer, checked.error_list(), &checked.sources);
        return Ok(ExitStatus::Problems);
    };
    let source = shown(file);
    let bytes = read_bounded(file, &source, MAX_REGISTER_BYTES).map_err(Failure::fatal)?;
    let csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
    let register = read_register(bytes, &source, csv)
        .map_err(|d| Failure::problems(d, Sources::default(), lang))?;
    let plan = plan(case, &register, &source);
    if !plan.errors.is_empty() {
        return Err(Failure::problems(plan.errors, Sources::default(), lang));
    }
    env.show(&printer, &plan.warnings, &Sources::default());
    let path = dir.path.join(crate::case::load::CASE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let p = shown(&path);
        Failure::fatal(Diagnostic::error(
            Code::E002,
            tx!("读不了 `{p}`（{e}）", "cannot read `{p}` ({e})"),
        ))
    })?;
    let root =
        crate::case::yaml::parse(&text).map_err(|d| Failure::fatal(d.in_file(shown(&path))))?;
    let edited = edit(&text, &root, &plan.edits).map_err(|f| {
        let (p, l) = (shown(&path), f.line);
        Failure::fatal(
            Diagnostic::error(Code::E824, tx!("`{p}` 第 {l} 行的列表写成了方括号形式，不能逐行补充", "the list at line {l} of `{p}` is written in brackets and cannot be edited line by line"))
                .help(tx!("把它改成每项一行、以“- ”开头的列表，再导入。", "Write it as a list with one `- ` item per line, then import again.")),
        )
    })?;
    let with = (case, &repo.config, env.settings.latest);
    verify_case(&edited, &case.id, &path, Some(with), lang)?;
    write_generated(&path, edited.as_bytes()).map_err(Failure::fatal)?;
    env.wrote(&path);
    let _ = env
        .stderr
        .write_all(plan.summary(&case.id, lang).as_bytes());
    Ok(ExitStatus::Ok)
}

/// What the register changes, or why it cannot.
#[derive(Default)]
struct Plan {
    edits: Edits,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    filled: Vec<String>,
    added: Vec<String>,
    departments: Vec<String>,
    aspects: Vec<String>,
}

impl Plan {
    fn summary(&self, case: &str, lang: Lang) -> String {
        let list = |v: &[String]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.join(lang.pick("、", ", "))
            }
        };
        let (f, a, d, s) = (
            list(&self.filled),
            list(&self.added),
            list(&self.departments),
            list(&self.aspects),
        );
        match lang {
            Lang::Zh => format!(
                "补充了建议：{f}\n新增了建议：{a}\n新建了承办单位：{d}\n新建了方面：{s}\n下一步：运行 rexieshang check {case}，再用 rexieshang report 生成简报。\n"
            ),
            Lang::En => format!(
                "Filled in: {f}\nAdded: {a}\nNew departments: {d}\nNew aspects: {s}\nNext: run rexieshang check {case}, then rexieshang report.\n"
            ),
        }
    }

    fn conflict(&mut self, source: &str, at: &str, message: Text) {
        self.errors.push(
            Diagnostic::error(
                Code::E824,
                Text::new(format!("{at}：{}", message.zh), format!("{at}: {}", message.en)),
            )
            .in_file(format!("{source} {at}"))
            .help(tx!(
                "交办表和议题文件说的不一样：改正其中一处（议题文件里已有的值不会被覆盖），再导入。",
                "The register and the case file disagree: correct one of them (values already in the case are never overwritten), then import again."
            )),
        );
    }
}

/// Matches the register against the case.
fn plan(case: &Case, register: &Register, source: &str) -> Plan {
    let mut p = Plan::default();
    let mut names = Names::new(case);
    for row in &register.rows {
        let Some(id) = &row.id else { continue };
        let lead = row
            .lead
            .as_ref()
            .map(|l| names.department(l, source, &mut p));
        let support: Option<Vec<String>> = row.support.as_ref().map(|s| {
            s.value
                .iter()
                .map(|u| {
                    names.department(
                        &At {
                            value: u.clone(),
                            cell: s.cell.clone(),
                        },
                        source,
                        &mut p,
                    )
                })
                .collect()
        });
        let aspect = row.aspect.as_ref().map(|a| names.aspect(a, source, &mut p));
        match case.rec(&id.value) {
            Some(rec) => fill(rec, row, lead, support, aspect, source, &mut p),
            None => add(row, id, lead, support, aspect, source, &mut p),
        }
    }
    p
}

fn fill(
    rec: &Recommendation,
    row: &Row,
    lead: Option<String>,
    support: Option<Vec<String>>,
    aspect: Option<String>,
    source: &str,
    p: &mut Plan,
) {
    let mut fields: Vec<(String, String)> = Vec::new();
    let id = &rec.id.value;
    if let (Some(l), Some(cell)) = (&lead, row.lead.as_ref().map(|c| &c.cell)) {
        if rec.lead.value.is_empty() {
            fields.push(("lead".into(), quoted(l)));
        } else if rec.lead.value != *l {
            let have = &rec.lead.value;
            p.conflict(
                source,
                cell,
                tx!(
                    "建议 {id} 的主办单位是 `{l}`，议题文件里是 `{have}`",
                    "recommendation {id} is led by `{l}` here and by `{have}` in the case file"
                ),
            );
        }
    }
    if let (Some(s), Some(cell)) = (&support, row.support.as_ref().map(|c| &c.cell)) {
        let have: Vec<&str> = rec.support.iter().map(|s| s.value.as_str()).collect();
        if have.is_empty() {
            let list: Vec<String> = s.iter().map(|u| quoted(u)).collect();
            fields.push(("support".into(), format!("[{}]", list.join(", "))));
        } else if have
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            != s.iter().map(String::as_str).collect()
        {
            let (here, there) = (s.join("、"), have.join("、"));
            p.conflict(source, cell, tx!("建议 {id} 的协办单位是 {here}，议题文件里是 {there}", "recommendation {id} is supported by {here} here and by {there} in the case file"));
        }
    }
    fill_values(rec, row, aspect, source, p, &mut fields);
    if !fields.is_empty() {
        p.filled.push(id.clone());
        p.edits.fill.push((id.clone(), fields));
    }
}

/// Dates, aspect, weight, priority and title: blanks filled, contradictions reported.
/// Assignment and due dates: blanks filled, contradictions reported.
fn fill_dates(
    rec: &Recommendation,
    row: &Row,
    source: &str,
    p: &mut Plan,
    fields: &mut Vec<(String, String)>,
) {
    let id = &rec.id.value;
    for (key, new, old) in [
        ("assigned", &row.assigned, &rec.assigned),
        ("due", &row.due, &rec.due),
    ] {
        let Some(new) = new else { continue };
        match old {
            None => fields.push((key.into(), iso(new.value))),
            Some(o) if o.value != new.value => {
                let (a, b) = (iso(new.value), iso(o.value));
                let (zh, en) = if key == "due" {
                    ("办理期限", "due date")
                } else {
                    ("交办日期", "assignment date")
                };
                p.conflict(
                    source,
                    &new.cell,
                    tx!(
                        "建议 {id} 的{zh}是 {a}，议题文件里是 {b}",
                        "recommendation {id} has the {en} {a} here and {b} in the case file"
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

fn fill_values(
    rec: &Recommendation,
    row: &Row,
    aspect: Option<String>,
    source: &str,
    p: &mut Plan,
    fields: &mut Vec<(String, String)>,
) {
    let id = &rec.id.value;
    fill_dates(rec, row, source, p, fields);
    if let (Some(a), Some(cell)) = (&aspect, row.aspect.as_ref().map(|c| &c.cell))
        && *a != rec.aspect.value
    {
        let have = &rec.aspect.value;
        p.conflict(
            source,
            cell,
            tx!(
                "建议 {id} 属于方面 `{a}`，议题文件里是 `{have}`",
                "recommendation {id} is under aspect `{a}` here and `{have}` in the case file"
            ),
        );
    }
    if let Some(w) = &row.weight {
        if rec.weight.value == 1.0 && w.value != 1.0 {
            fields.push(("weight".into(), num(w.value)));
        } else if rec.weight.value != w.value {
            let (a, b) = (num(w.value), num(rec.weight.value));
            p.conflict(
                source,
                &w.cell,
                tx!(
                    "建议 {id} 的权重是 {a}，议题文件里是 {b}",
                    "recommendation {id} has weight {a} here and {b} in the case file"
                ),
            );
        }
    }
    if let Some(h) = &row.priority {
        match (rec.priority, h.value) {
            (Priority::Normal, true) => fields.push(("priority".into(), "high".into())),
            (Priority::High, false) => p.conflict(
                source,
                &h.cell,
                tx!(
                    "建议 {id} 在这里不是重点，议题文件里是重点",
                    "recommendation {id} is not high priority here but is in the case file"
                ),
            ),
            _ => {}
        }
    }
    if rec.title.is_none()
        && let Some(t) = &row.title
    {
        fields.push(("title".into(), quoted(&t.value)));
    }
}

fn add(
    row: &Row,
    id: &At<String>,
    lead: Option<String>,
    support: Option<Vec<String>>,
    aspect: Option<String>,
    source: &str,
    p: &mut Plan,
) {
    let (Some(aspect), Some(text)) = (aspect, &row.text) else {
        let (cell, rec) = (&id.cell, &id.value);
        p.errors.push(
            Diagnostic::error(Code::E823, tx!("{cell}：议题里没有建议 {rec}，要新增它需要“方面”和“建议内容”两栏", "{cell}: the case has no recommendation {rec}; adding it needs its aspect and its text"))
                .in_file(format!("{source} {cell}"))
                .help(tx!("检查编号是否与议题文件一致；是新建议的，在这一行填上方面和建议内容。", "Check the id against the case file; for a new recommendation, fill in its aspect and text on this row.")),
        );
        return;
    };
    let mut fields = vec![
        ("id".to_string(), quoted(&id.value)),
        ("aspect".to_string(), quoted(&aspect)),
    ];
    if let Some(t) = &row.title {
        fields.push(("title".into(), quoted(&t.value)));
    }
    fields.push(("text".into(), quoted(&text.value)));
    if let Some(l) = lead {
        fields.push(("lead".into(), quoted(&l)));
    }
    if let Some(s) = support {
        let list: Vec<String> = s.iter().map(|u| quoted(u)).collect();
        fields.push(("support".into(), format!("[{}]", list.join(", "))));
    }
    for (key, d) in [("assigned", &row.assigned), ("due", &row.due)] {
        if let Some(d) = d {
            fields.push((key.into(), iso(d.value)));
        }
    }
    if let Some(w) = &row.weight {
        fields.push(("weight".into(), num(w.value)));
    }
    if row.priority.as_ref().is_some_and(|h| h.value) {
        fields.push(("priority".into(), "high".into()));
    }
    p.added.push(id.value.clone());
    p.edits.recommendations.push(fields);
}

/// Departments and aspects by id or name, with those the register creates.
struct Names {
    /// (id, name).
    departments: Vec<(String, String)>,
    /// (id, title).
    aspects: Vec<(String, String)>,
}

impl Names {
    fn new(case: &Case) -> Names {
        Names {
            departments: case
                .departments
                .iter()
                .map(|d| (d.id.value.clone(), d.name.clone()))
                .collect(),
            aspects: case
                .aspects
                .iter()
                .map(|a| (a.id.value.clone(), a.title.value.clone()))
                .collect(),
        }
    }

    /// The id of the department named `v` (by id or full name), created if the case has none.
    fn department(&mut self, v: &At<String>, source: &str, p: &mut Plan) -> String {
        if let Some((id, _)) = self
            .departments
            .iter()
            .find(|(id, name)| *id == v.value || *name == v.value)
        {
            return id.clone();
        }
        let (name, cell) = (&v.value, &v.cell);
        self.departments.push((name.clone(), name.clone()));
        p.departments.push(name.clone());
        p.edits.departments.push(vec![
            ("id".into(), quoted(name)),
            ("name".into(), quoted(name)),
        ]);
        p.warnings.push(
            Diagnostic::warning(Code::W825, tx!("{cell}：议题里没有承办单位“{name}”，已新建", "{cell}: the case has no department “{name}”; it is added"))
                .in_file(format!("{source} {cell}"))
                .help(tx!("新单位的 id 就是它的全称；可以在 case.yaml 里改成简称（同时改掉引用它的地方），或在交办表里写成已有单位的简称或全称。", "The new department's id is its full name; shorten it in case.yaml (and where it is used), or write a known department's id or name in the register.")),
        );
        name.clone()
    }

    /// The id of the aspect named `v` (id, title, or `一、title`), created if the case has none.
    fn aspect(&mut self, v: &At<String>, source: &str, p: &mut Plan) -> String {
        let value = v.value.trim();
        let (head, title) = value.split_once('、').unwrap_or((value, value));
        if let Some((id, _)) = self
            .aspects
            .iter()
            .find(|(id, t)| id == value || t == value || id == head || t == title)
        {
            return id.clone();
        }
        let numeral = head != value && head.chars().all(|c| "一二三四五六七八九十".contains(c));
        let id = if numeral {
            head.to_string()
        } else {
            chinese(self.aspects.len() as u64 + 1)
        };
        let cell = &v.cell;
        self.aspects.push((id.clone(), title.to_string()));
        p.aspects.push(format!("{id} {title}"));
        p.edits.aspects.push(vec![
            ("id".into(), quoted(&id)),
            ("title".into(), quoted(title)),
        ]);
        p.warnings.push(
            Diagnostic::warning(Code::W825, tx!("{cell}：议题里没有方面“{title}”，已新建为方面 {id}", "{cell}: the case has no aspect “{title}”; it is added as aspect {id}"))
                .in_file(format!("{source} {cell}"))
                .help(tx!("核对方面的编号和名称；写成已有方面的编号或名称就不会新建。", "Check the new aspect's id and title; a known aspect's id or title would not create one.")),
        );
        id
    }
}

/// A case.yaml text (new or edited) must read, and check against the case's other files (`with`: the case as it
/// was, its configuration and the latest date), without an error in it.
pub fn verify_case(
    text: &str,
    id: &str,
    path: &Path,
    with: Option<(&Case, &crate::case::config::Config, chrono::NaiveDate)>,
    lang: Lang,
) -> Result<(), Failure> {
    let p = shown(path);
    let mut r = Reader::new(&p);
    let read = crate::case::yaml::parse(text).map(|n| read_case(id, &n, &mut r));
    let mut diags = r.diags;
    match (read, with) {
        (Err(d), _) => diags.push(d.in_file(p.clone())),
        (Ok(Some(mut edited)), Some((case, cfg, latest)))
            if diags.iter().all(|d| d.severity != Severity::Error) =>
        {
            edited.replies = case.replies.clone();
            edited.meetings = case.meetings.clone();
            let mine = crate::check::rules::check_case(&edited, cfg, latest);
            diags.extend(
                mine.into_iter()
                    .filter(|d| d.file.as_deref() == Some(p.as_str())),
            );
        }
        _ => {}
    }
    diags.retain(|d| d.severity == Severity::Error);
    if diags.is_empty() {
        return Ok(());
    }
    let mut sources = Sources::default();
    sources.add(&p, text.to_string());
    Err(Failure::problems(diags, sources, lang))
}
