//! The repository configuration (`rexieshang.yaml`, optional): committee, language, the status scale, the
//! traffic-light bands and how unreported items are counted. Built-in defaults apply to anything left out.

use crate::case::reader::{At, Fields, Need, Reader};
use crate::case::yaml::Node;
use crate::diag::Code;
use crate::diag::{Diagnostic, Pos};
use crate::fmt::text::nearest;
use crate::lang::Lang;
use crate::tx;

/// How unreported items may be counted (`unreported:`).
pub const UNREPORTED: crate::case::reader::Choices =
    &[("zero", &["按0计"]), ("exclude", &["不计入"])];

/// The configuration file's name at the top of a case repository.
pub const CONFIG_FILE: &str = "rexieshang.yaml";

/// One level of the status scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Short key written in files, e.g. `A`.
    pub key: String,
    /// Chinese label, e.g. 已经解决或基本解决.
    pub zh: String,
    /// English label.
    pub en: String,
    /// Implementation degree (0–100) this status stands for when no explicit progress is given.
    pub degree: f64,
    /// Whether the item is finished (no further handling expected).
    pub is_final: bool,
    /// Whether items in this status leave the denominator of every total (not applicable / superseded).
    pub excluded: bool,
    /// Whether the status means "cannot be solved for now" or "kept for reference": the brief lists such items
    /// with their reasons.
    pub blocked: bool,
    /// Other spellings accepted in files, e.g. 已落实.
    pub aliases: Vec<String>,
    /// Lowest explicit progress consistent with this status.
    pub min_progress: f64,
    /// Highest explicit progress consistent with this status.
    pub max_progress: f64,
}

/// How items without any report are counted in the degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreported {
    /// Counted with degree 0 (nothing shown to be done), and shown as 未反馈.
    Zero,
    /// Left out of the denominator, and shown as 未反馈.
    Exclude,
}

/// Traffic-light bands for degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Lights {
    /// At or below this degree: red.
    pub red_max: f64,
    /// Above this degree: green (between: amber).
    pub green_above: f64,
    /// Overdue items below this degree are red whatever the band.
    pub overdue_red_below: f64,
}

/// The whole configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Committee name shown on briefs.
    pub committee: Option<String>,
    /// The issuing office on a brief's masthead (default: the committee).
    pub office: Option<String>,
    /// Language of messages and briefs.
    pub lang: Lang,
    /// The status scale, in order from best to worst.
    pub scale: Vec<Status>,
    /// Traffic-light bands.
    pub lights: Lights,
    /// How items with no report count.
    pub unreported: Unreported,
    /// Where `report` writes briefs, relative to the repository.
    pub output_dir: String,
    /// The formats `report` writes when `--format` is not given (`md`, `html`, `pdf`, `docx`), in order.
    pub formats: Vec<String>,
    /// An assessment this many points or more below the claim it judged is a dispute, even at the same status.
    pub dispute_points: f64,
    /// Members' assessment forms carry no name line (anonymous assessment).
    pub anonymous_forms: bool,
    /// A notice is 重点督办 (red) for an item overdue more than this many days (or overdue and high priority).
    pub notice_red_days: u32,
    /// The configuration file whose status scale could not be read in full (a syntax error, a broken level): status
    /// errors in the cases may only follow from it, and say so.
    pub scale_in_doubt: Option<String>,
}

#[allow(clippy::too_many_arguments)] // a row of the default scale table
fn status(
    key: &str,
    zh: &str,
    en: &str,
    degree: f64,
    is_final: bool,
    excluded: bool,
    aliases: &[&str],
    range: (f64, f64),
) -> Status {
    Status {
        key: key.into(),
        zh: zh.into(),
        en: en.into(),
        degree,
        is_final,
        excluded,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        min_progress: range.0,
        max_progress: range.1,
        blocked: false,
    }
}

impl Status {
    /// The same level, marked as "cannot be solved for now / kept for reference".
    fn blocking(self) -> Status {
        Status {
            blocked: true,
            ..self
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            committee: None,
            office: None,
            lang: Lang::Zh,
            scale: default_scale(),
            lights: Lights {
                red_max: 25.0,
                green_above: 75.0,
                overdue_red_below: 50.0,
            },
            unreported: Unreported::Zero,
            output_dir: "briefs".into(),
            formats: vec!["md".into()],
            dispute_points: 10.0,
            scale_in_doubt: None,
            anonymous_forms: false,
            notice_red_days: 30,
        }
    }
}

/// The default four-level scale (A/B/C/D) plus “no longer applicable”.
pub fn default_scale() -> Vec<Status> {
    vec![
        status(
            "A",
            "已经解决或基本解决",
            "Solved or basically solved",
            100.0,
            true,
            false,
            &["已解决", "基本解决", "已落实", "已办结", "已完成"],
            (80.0, 100.0),
        ),
        status(
            "B",
            "正在解决或已列入计划逐步解决",
            "Being solved or planned",
            50.0,
            false,
            false,
            &["正在解决", "正在落实", "列入计划", "部分落实", "推进中"],
            (0.0, 99.0),
        ),
        status(
            "C",
            "因条件限制或其他原因暂时不能解决",
            "Cannot be solved for now",
            0.0,
            false,
            false,
            &["暂时不能解决", "暂不能解决", "暂缓"],
            (0.0, 99.0),
        )
        .blocking(),
        status(
            "D",
            "留作参考",
            "Kept for reference",
            0.0,
            true,
            false,
            &["参考"],
            (0.0, 100.0),
        )
        .blocking(),
        status(
            "N",
            "不再适用",
            "No longer applicable or superseded",
            0.0,
            true,
            true,
            &["不适用", "已被替代", "已撤销", "已合并"],
            (0.0, 100.0),
        ),
    ]
}

impl Config {
    /// Finds a status by key, label or alias.
    pub fn status_index(&self, written: &str) -> Option<usize> {
        let w = written.trim();
        self.scale.iter().position(|s| {
            s.key.eq_ignore_ascii_case(w)
                || s.zh == w
                || s.en.eq_ignore_ascii_case(w)
                || s.aliases.iter().any(|a| a == w)
        })
    }

    /// Resolves a written status, reporting an unknown one with the nearest spelling.
    pub fn read_status(
        &self,
        r: &mut Reader,
        f: &mut Fields<'_>,
        key: &'static str,
    ) -> Option<At<usize>> {
        let t = r.text(f, key, Need::Optional)?;
        if let Some(i) = self.status_index(&t.value) {
            return Some(At::new(i, t.pos));
        }
        let spellings = self.scale.iter().flat_map(|s| {
            std::iter::once(s.key.as_str())
                .chain(std::iter::once(s.zh.as_str()))
                .chain(s.aliases.iter().map(String::as_str))
        });
        let near = nearest(&t.value, spellings).map(str::to_string);
        let listed: Vec<String> = self
            .scale
            .iter()
            .map(|s| format!("{}（{}）", s.key, s.zh))
            .collect();
        let listed = listed.join("、");
        let v = &t.value;
        if let Some(file) = &self.scale_in_doubt {
            // The scale listed here would be the fallback, not the one the secretary wrote: point at the cause.
            let v = &t.value;
            r.report(
                Diagnostic::error(Code::E211, tx!("状态 `{v}` 不在状态等级表中", "status `{v}` is not in the status scale"))
                    .at(t.pos)
                    .help(tx!(
                        "{file} 有错误，状态等级表没能完整读出，这里可能只是它的后果：先改 {file}。",
                        "{file} has errors and its status scale could not be read in full; this may only follow from them: fix {file} first."
                    )),
            );
            return None;
        }
        let hint = match near {
            Some(s) => tx!("你是不是想写 `{s}`？", "did you mean `{s}`? "),
            None => tx!("", ""),
        };
        r.report(
            Diagnostic::error(Code::E211, tx!("状态 `{v}` 不在状态等级表中", "status `{v}` is not in the status scale"))
                .at(t.pos)
                .help(tx!(
                    "{}可用：{listed}；也可在 rexieshang.yaml 的 status_scale 里为它加一个 aliases 写法。",
                    "{}Use one of: {listed}; or add this spelling to `aliases` in rexieshang.yaml's status_scale.";
                    hint.zh, hint.en
                )),
        );
        None
    }

    /// Reads the configuration from a parsed file, starting from the defaults.
    pub fn from_node(node: &Node, r: &mut Reader) -> Config {
        let mut cfg = Config::default();
        // An empty configuration file means “all defaults”.
        if node.kind == crate::case::yaml::Kind::Null {
            return cfg;
        }
        let Some(mut f) = r.fields(node, tx!("配置文件", "the configuration")) else {
            cfg.scale_in_doubt = Some(r.file().to_string());
            return cfg;
        };
        cfg.committee = r.text(&mut f, "committee", Need::Optional).map(|t| t.value);
        cfg.office = r.text(&mut f, "office", Need::Optional).map(|t| t.value);
        if let Some(t) = r.text(&mut f, "lang", Need::Optional) {
            match Lang::parse(&t.value) {
                Some(l) => cfg.lang = l,
                None => {
                    let v = &t.value;
                    r.report(
                        Diagnostic::error(
                            Code::E210,
                            tx!("`lang` 不能是 `{v}`", "`lang` cannot be `{v}`"),
                        )
                        .at(t.pos)
                        .help(tx!(
                            "可选：zh（中文）、en（英文）。",
                            "Choose one of: zh, en."
                        )),
                    );
                }
            }
        }
        if let Some(t) = r.text(&mut f, "output_dir", Need::Optional) {
            cfg.output_dir = t.value;
        }
        let formats = read_formats(r, &mut f);
        if !formats.is_empty() {
            cfg.formats = formats;
        }
        if let Some(i) = r.choice(&mut f, "unreported", Need::Optional, UNREPORTED) {
            cfg.unreported = if i.value == 0 {
                Unreported::Zero
            } else {
                Unreported::Exclude
            };
        }
        if let Some(v) = r.flag(&mut f, "anonymous_forms") {
            cfg.anonymous_forms = v.value;
        }
        if let Some(v) = r.number(&mut f, "notice_red_days", 0.0, 3650.0) {
            cfg.notice_red_days = v.value as u32;
        }
        if let Some(v) = r.number(&mut f, "dispute_points", 0.0, 100.0) {
            cfg.dispute_points = v.value;
        }
        if let Some(n) = r.node(&mut f, "traffic_lights", Need::Optional) {
            read_lights(n, r, &mut cfg.lights);
        }
        let before = r.problems();
        let items = r.list(&mut f, "status_scale", Need::Optional);
        if !items.is_empty() {
            let levels: Vec<(Status, Pos)> = items
                .iter()
                .filter_map(|n| read_status_level(n, r))
                .collect();
            check_scale(&levels, r);
            let scale: Vec<Status> = levels.into_iter().map(|(s, _)| s).collect();
            if !scale.is_empty() {
                cfg.scale = scale;
            }
        }
        if r.problems() > before {
            cfg.scale_in_doubt = Some(r.file().to_string());
        }
        r.finish(f);
        cfg
    }
}

/// The traffic-light bands, into `lights` (the defaults stay for what is not given).
fn read_lights(n: &Node, r: &mut Reader, lights: &mut Lights) {
    let Some(mut lf) = r.fields(n, tx!("红黄绿灯设置", "traffic_lights")) else {
        return;
    };
    if let Some(v) = r.number(&mut lf, "red_max", 0.0, 100.0) {
        lights.red_max = v.value;
    }
    if let Some(v) = r.number(&mut lf, "green_above", 0.0, 100.0) {
        lights.green_above = v.value;
    }
    if let Some(v) = r.number(&mut lf, "overdue_red_below", 0.0, 100.0) {
        lights.overdue_red_below = v.value;
    }
    let pos = lf.pos();
    r.finish(lf);
    if lights.red_max > lights.green_above {
        r.report(
            Diagnostic::error(
                Code::E212,
                tx!("红灯上限大于绿灯下限", "red_max is above green_above"),
            )
            .at(pos)
            .help(tx!(
                "red_max 应不大于 green_above，例如 25 和 75。",
                "red_max must not exceed green_above, e.g. 25 and 75."
            )),
        );
    }
}

fn read_status_level(n: &Node, r: &mut Reader) -> Option<(Status, Pos)> {
    let mut f = r.fields(n, tx!("状态等级", "a status level"))?;
    let key = r.id(&mut f, "key", Need::Required);
    let zh = r.text(&mut f, "zh", Need::Required);
    let en = r.text(&mut f, "en", Need::Optional);
    let degree = r.number(&mut f, "degree", 0.0, 100.0);
    let is_final = r.flag(&mut f, "final");
    let excluded = r.flag(&mut f, "excluded");
    let blocked = r.flag(&mut f, "blocked");
    let aliases = r.text_list(&mut f, "aliases");
    let min = r.number(&mut f, "min_progress", 0.0, 100.0);
    let max = r.number(&mut f, "max_progress", 0.0, 100.0);
    let pos = f.pos();
    r.finish(f);
    let (key, zh) = (key?, zh?);
    let degree = match degree {
        Some(d) => d.value,
        None => {
            r.report(
                Diagnostic::error(Code::E202, tx!("状态等级 `{}` 缺少必填字段 `degree`", "status level `{}` is missing the required field `degree`"; key.value, key.value))
                    .at(pos)
                    .help(tx!("加上 `degree: 0` 到 `degree: 100`，表示这一状态对应的落实度。", "Add `degree:` from 0 to 100: the implementation degree this status stands for.")),
            );
            return None;
        }
    };
    let key_pos = key.pos;
    let status = Status {
        en: en.map_or_else(|| key.value.clone(), |e| e.value),
        key: key.value,
        zh: zh.value,
        degree,
        is_final: is_final.is_some_and(|b| b.value),
        excluded: excluded.is_some_and(|b| b.value),
        blocked: blocked.is_some_and(|b| b.value),
        aliases: aliases.into_iter().map(|a| a.value).collect(),
        min_progress: min.map_or(0.0, |m| m.value),
        max_progress: max.map_or(100.0, |m| m.value),
    };
    Some((status, key_pos))
}

fn check_scale(scale: &[(Status, Pos)], r: &mut Reader) {
    // A level may repeat its own spelling (`{key: 已落实, zh: 已落实}`); two levels may not share one, in any case.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (level, (s, pos)) in scale.iter().enumerate() {
        for spelling in std::iter::once(&s.key)
            .chain(std::iter::once(&s.zh))
            .chain(s.aliases.iter())
        {
            let lower = spelling.to_lowercase();
            if seen.iter().any(|(w, l)| *w == lower && *l != level) {
                r.report(
                    Diagnostic::error(
                        Code::E213,
                        tx!(
                            "状态写法 `{spelling}` 在状态等级表中出现了不止一次",
                            "the status spelling `{spelling}` is used by more than one level"
                        ),
                    )
                    .at(*pos)
                    .help(tx!(
                        "每个 key、中文名和别名只能属于一个等级。",
                        "Each key, label and alias may belong to one level only."
                    )),
                );
            }
            seen.push((lower, level));
        }
    }
}

/// The formats `report` writes by default (`format: pdf` or `format: [md, pdf]`), each one of `FORMATS`.
const FORMATS: [&str; 4] = ["md", "html", "pdf", "docx"];

fn read_formats(r: &mut Reader, f: &mut Fields<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in r.text_list(f, "format") {
        let v = t.value.trim().to_ascii_lowercase();
        if FORMATS.contains(&v.as_str()) {
            if !out.contains(&v) {
                out.push(v);
            }
            continue;
        }
        let listed = FORMATS.join("、");
        let shown = &t.value;
        r.report(
            Diagnostic::error(
                Code::E210,
                tx!(
                    "`format` 不认识 `{shown}`",
                    "`format` does not know `{shown}`"
                ),
            )
            .at(t.pos)
            .help(tx!(
                "可选：{listed}；可以写一个，也可以写成列表，如 [md, pdf]。",
                "Choose from: {listed}; one, or a list such as [md, pdf]."
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_resolve_by_key_label_and_alias() {
        let c = Config::default();
        assert_eq!(c.status_index("A"), Some(0));
        assert_eq!(c.status_index("a"), Some(0));
        assert_eq!(c.status_index("已落实"), Some(0));
        assert_eq!(c.status_index("正在解决或已列入计划逐步解决"), Some(1));
        assert_eq!(c.status_index("不再适用"), Some(4));
        assert_eq!(c.status_index("X"), None);
    }

    #[test]
    fn a_custom_scale_replaces_the_default() {
        let node = crate::case::yaml::parse(
            "lang: en\nstatus_scale:\n  - {key: done, zh: 已完成, degree: 100, final: true}\n  - {key: open, zh: 未完成, degree: 0}\n",
        )
        .unwrap();
        let mut r = Reader::new("rexieshang.yaml");
        let c = Config::from_node(&node, &mut r);
        assert!(r.diags.is_empty(), "{:?}", r.diags);
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.scale.len(), 2);
        assert_eq!(c.status_index("已完成"), Some(0));
        assert_eq!(c.scale_in_doubt, None);
    }

    /// The example scale in `docs/format.md` reads without a complaint (a level may repeat its key as its label);
    /// two levels sharing a spelling, in any letter case, are E213.
    #[test]
    fn the_documented_scale_reads_and_shared_spellings_do_not() {
        let docs = include_str!("../../docs/format.md");
        let start = docs.find("```yaml\nstatus_scale:").unwrap() + "```yaml\n".len();
        let example = &docs[start..start + docs[start..].find("```").unwrap()];
        let node = crate::case::yaml::parse(example).unwrap();
        let mut r = Reader::new("rexieshang.yaml");
        let c = Config::from_node(&node, &mut r);
        assert!(r.diags.is_empty(), "{:?}", r.diags);
        assert_eq!(c.scale.len(), 4);
        let node = crate::case::yaml::parse(
            "status_scale:\n  - {key: A, zh: 已完成, degree: 100}\n  - {key: B, zh: 未完成, degree: 0, aliases: [a]}\n",
        )
        .unwrap();
        let mut r = Reader::new("rexieshang.yaml");
        let c = Config::from_node(&node, &mut r);
        let codes: Vec<Code> = r.diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E213]);
        assert_eq!(c.scale_in_doubt.as_deref(), Some("rexieshang.yaml"));
    }

    /// With a configuration whose scale could not be read, an unknown status says where the root cause is.
    #[test]
    fn status_errors_point_at_a_broken_scale_first() {
        let cfg = Config {
            scale_in_doubt: Some("rexieshang.yaml".into()),
            ..Config::default()
        };
        let node = crate::case::yaml::parse("status: 部分完成\n").unwrap();
        let mut r = Reader::new("r.yaml");
        let mut f = r.fields(&node, tx!("复文", "the reply")).unwrap();
        assert_eq!(cfg.read_status(&mut r, &mut f, "status"), None);
        let help = r.diags[0].help.as_ref().unwrap();
        assert!(help.zh.contains("先改 rexieshang.yaml"), "{}", help.zh);
        assert!(help.en.contains("fix rexieshang.yaml first"), "{}", help.en);
    }
}
