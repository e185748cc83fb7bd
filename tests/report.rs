//! The brief, end to end: golden files for the example case in both languages at two cut-off dates, determinism,
//! atomic writing, template overrides and errors, and Markdown validity checked by an independent parser (comrak).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use comrak::nodes::NodeValue;
mod common;

use common::{golden, root, run, stdout};

/// Parses with comrak (GFM tables) and checks every table row has the header's cell count and no raw HTML.
fn assert_valid_gfm(md: &str) {
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let doc = comrak::parse_document(&arena, md, &options);
    let mut tables = 0;
    for node in doc.descendants() {
        match &node.data.borrow().value {
            NodeValue::Table(t) => {
                tables += 1;
                for row in node.children() {
                    assert_eq!(
                        row.children().count(),
                        t.num_columns,
                        "a table row has the wrong number of cells"
                    );
                }
            }
            NodeValue::HtmlInline(h) => panic!("raw inline HTML in the brief: {h}"),
            NodeValue::HtmlBlock(h) => panic!("raw HTML block in the brief: {}", h.literal),
            _ => {}
        }
    }
    assert!(tables >= 5, "the brief has its tables ({tables})");
}

fn brief(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "-"]);
    stdout(&run(&root(), &all))
}

#[test]
fn golden_briefs_in_both_languages_before_and_after_the_2020_meeting() {
    for (date, lang) in [
        ("2020-06-01", "zh"),
        ("2020-06-01", "en"),
        ("2020-07-15", "zh"),
        ("2020-07-15", "en"),
        ("2021-09-30", "zh"),
    ] {
        let md = brief(&["--as-of", date, "--lang", lang]);
        assert_valid_gfm(&md);
        golden(&format!("brief-{date}.{lang}.md"), &md);
    }
}

#[test]
fn the_brief_says_what_the_article_says() {
    let md = brief(&["--as-of", "2020-07-15"]);
    for needle in [
        "加快建设数字政府，推进优化营商环境",
        "2019年6月24日",
        "《沈阳市构建行权治理体系 推进数字政府建设实施方案（2020-2022年）》",
        "《政务服务事项标准化实施方案》",
        "通过市人大常委会二审",
        "（供2021年6月25日数字政府建设第二次再协商会议使用）",
        "数据截止日期：2020年7月15日",
    ] {
        assert!(md.contains(needle), "missing {needle}");
    }
    // Each Chinese paragraph is one line: no line of prose is broken in two.
    let para = md
        .lines()
        .find(|l| l.starts_with("2019年6月24日，政协沈阳市"))
        .unwrap();
    assert!(para.ends_with('。'), "{para}");
}

#[test]
fn same_inputs_and_cutoff_give_the_same_bytes() {
    let a = brief(&["--as-of", "2021-09-30"]);
    let b = brief(&["--as-of", "2021-09-30"]);
    assert_eq!(a, b);
    assert_ne!(a, brief(&["--as-of", "2021-06-30"]), "the cut-off matters");
}

fn example_repo() -> tempfile::TempDir {
    common::example_copy()
}

#[test]
fn briefs_are_written_into_the_output_folder_and_their_paths_printed() {
    let repo = example_repo();
    let out = stdout(&run(repo.path(), &["report", "--as-of", "2021-09-30"]));
    assert_eq!(out, "briefs/shenyang-digital-government-2021-09-30.md\n");
    let first = std::fs::read(
        repo.path()
            .join("briefs/shenyang-digital-government-2021-09-30.md"),
    )
    .unwrap();
    // Running again gives identical bytes, so the file is left as it is (the same file, not a copy renamed over
    // it), its path is still printed, and no temporary file is left behind.
    let path = repo
        .path()
        .join("briefs/shenyang-digital-government-2021-09-30.md");
    let identity = |p: &std::path::Path| {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(p).unwrap();
        (m.dev(), m.ino())
    };
    let before = identity(&path);
    let again = stdout(&run(repo.path(), &["report", "--as-of", "2021-09-30"]));
    assert_eq!(again, out);
    assert_eq!(identity(&path), before);
    let second = std::fs::read(&path).unwrap();
    assert_eq!(first, second);
    // A brief edited by hand is replaced by the generated one.
    std::fs::write(&path, "手改的简报").unwrap();
    stdout(&run(repo.path(), &["report", "--as-of", "2021-09-30"]));
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let files: Vec<_> = std::fs::read_dir(repo.path().join("briefs"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let en = stdout(&run(
        repo.path(),
        &[
            "report",
            "shenyang-digital-government",
            "--as-of",
            "2021-09-30",
            "--lang",
            "en",
            "-o",
            "out",
        ],
    ));
    assert_eq!(en, "out/shenyang-digital-government-2021-09-30.en.md\n");
}

#[test]
fn a_templates_folder_overrides_the_built_in_template_and_errors_name_file_and_line() {
    let repo = example_repo();
    let written = stdout(&run(repo.path(), &["templates"]));
    assert!(written.contains("templates/brief.zh.md"), "{written}");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("templates/brief.zh.md")).unwrap(),
        std::fs::read_to_string(root().join("templates/brief.zh.md")).unwrap()
    );
    // Writing the defaults again never overwrites an edited file.
    std::fs::write(
        repo.path().join("templates/brief.zh.md"),
        "# {{ case.title }}\n落实度 {{ overall.degree | pct }}\n",
    )
    .unwrap();
    let again = run(repo.path(), &["templates"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("未覆盖"));
    let md = stdout(&run(
        repo.path(),
        &["report", "--as-of", "2021-09-30", "-o", "-"],
    ));
    assert_eq!(md, "# 加快建设数字政府，推进优化营商环境\n落实度 77.8%\n");
    std::fs::write(
        repo.path().join("templates/brief.zh.md"),
        "# 标题\n\n{% for x in items %}\n{{ x.no_such_field }}\n{% endfor %}\n",
    )
    .unwrap();
    let bad = run(repo.path(), &["report", "--as-of", "2021-09-30", "-o", "-"]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{err}");
    assert!(err.contains("错误[E602]"), "{err}");
    assert!(err.contains("templates/brief.zh.md:4:1"), "{err}");
    assert!(bad.stdout.is_empty(), "no half brief");
    std::fs::write(repo.path().join("templates/brief.zh.md"), "{% if %}\n").unwrap();
    let err = String::from_utf8_lossy(
        &run(repo.path(), &["report", "--as-of", "2021-09-30", "-o", "-"]).stderr,
    )
    .into_owned();
    assert!(
        err.contains("模板语法错误") && err.contains("templates/brief.zh.md:1"),
        "{err}"
    );
}

#[test]
fn a_runaway_template_from_the_repository_stops_with_an_error() {
    let repo = example_repo();
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    // A trillion steps: without a fuel limit this would not finish.
    std::fs::write(
        repo.path().join("templates/brief.zh.md"),
        "# 标题\n{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}x{% endfor %}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let out = run(repo.path(), &["report", "--as-of", "2021-09-30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("错误[E602]") && err.contains("templates/brief.zh.md"),
        "{err}"
    );
    assert!(!repo.path().join("briefs").exists(), "no brief written");
}

#[test]
fn a_broken_page_template_is_reported_once_before_any_brief_is_written() {
    let repo = example_repo();
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    std::fs::write(
        repo.path().join("templates/brief.html"),
        "<html>\n<body>\n{{ body | safe }\n</body>\n",
    )
    .unwrap();
    let out = run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "html",
            "-o",
            "out",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("错误[E602]").count(), 1, "{err}");
    assert!(err.contains("templates/brief.html:3"), "{err}");
    assert!(!repo.path().join("out").exists(), "nothing written");
    // Markdown does not use the page template, so it is not in the way.
    let md = run(repo.path(), &["report", "--as-of", "2021-09-30", "-o", "-"]);
    assert_eq!(md.status.code(), Some(0));
}

#[test]
fn user_text_cannot_break_tables_or_inject_markup() {
    let repo = example_repo();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let before = stdout(&run(
        repo.path(),
        &["report", "--as-of", "2021-09-30", "-o", "-"],
    ));
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .replace(
            "text: 编制政务服务事项标准化实施方案，统一事项名称、办理条件、申请材料和办理时限。",
            "text: \"| 破坏 | 表格 <script>alert(1)</script> <img src=x onerror=alert(1)> `代码` # 标题 <!-- 注释 -->\"",
        )
        .replace("title: 政务服务事项标准化", "title: \"# 不是标题\"")
        .replace("title: 推进“一网通办”", "title: \"---\"")
        .replace("title: 建设统一政务云", "title: \"1. 不是列表 [链接](http://x) **粗** ~~删~~ &amp;\"");
    std::fs::write(&case, text).unwrap();
    let md = stdout(&run(
        repo.path(),
        &["report", "--as-of", "2021-09-30", "-o", "-"],
    ));
    assert_valid_gfm(&md);
    // No heading, rule or link appeared from user text.
    let count = |doc: &str, prefix: &str| doc.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count(&md, "#"), count(&before, "#"), "no new headings");
    assert_eq!(count(&md, "---"), count(&before, "---"), "no new rules");
    let html = rexieshang::output::html::markdown_to_html(&md);
    // A bare address may be autolinked, but `[text](url)` written by a user is not a link.
    assert!(
        !html.contains(">链接</a>"),
        "no Markdown link from user text"
    );
    assert!(
        !html.contains("<del>") && !html.contains("<!--") && !html.contains("<strong>粗"),
        "no markup from user text"
    );
    assert!(
        html.contains("# 不是标题") && html.contains("&amp;amp;"),
        "shown as written"
    );
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\>"),
        "escaped, still visible"
    );
}

#[test]
fn cases_with_errors_get_no_brief_and_exit_one() {
    let repo = example_repo();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .replace("lead: 人社局", "lead: 人设局");
    std::fs::write(&case, text).unwrap();
    let o = run(repo.path(), &["report", "--as-of", "2021-09-30"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("你是不是想写 `人社局`"));
    assert!(!repo.path().join("briefs").exists(), "nothing written");
}

/// The display-width column where each cell of `line` ends (cells are separated by two or more spaces).
fn cell_ends(line: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut width = 0;
    let mut run = 0;
    let mut in_cell = false;
    for ch in line.chars() {
        if ch == ' ' {
            run += 1;
            if in_cell && run >= 2 {
                ends.push(width - 1);
                in_cell = false;
            }
        } else {
            run = 0;
            in_cell = true;
        }
        width += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
    }
    if in_cell {
        ends.push(width);
    }
    ends
}

#[test]
fn status_lines_up_chinese_by_display_width() {
    let out = stdout(&run(&root(), &["status", "--as-of", "2021-09-30"]));
    golden("status-2021-09-30.txt", &out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].contains("加快建设数字政府"), "{out}");
    // Header and row have the same cells, and right-aligned numbers end exactly under their Chinese headers.
    let (head, row) = (cell_ends(lines[0]), cell_ends(lines[1]));
    assert_eq!(
        head.len(),
        row.len() - 1,
        "the bar column has no header:\n{out}"
    );
    let overdue_col = lines[0]
        .split("  ")
        .filter(|c| !c.trim().is_empty())
        .position(|c| c.trim() == "逾期")
        .unwrap();
    assert_eq!(
        head[overdue_col],
        row[overdue_col + 1],
        "overdue count under its header:\n{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn explain_shows_every_record_and_the_arithmetic() {
    let out = stdout(&run(
        &root(),
        &[
            "explain",
            "shenyang-digital-government",
            "3.1",
            "--as-of",
            "2021-03-01",
        ],
    ));
    golden("explain-3.1-2021-03-01.txt", &out);
    assert!(out.contains("(1×100 + 1×100 + 1×50) ÷ 3 = 83.3%"), "{out}");
    let en = stdout(&run(
        &root(),
        &[
            "explain",
            "shenyang-digital-government",
            "5.1",
            "--as-of",
            "2020-07-15",
            "--lang",
            "en",
        ],
    ));
    golden("explain-5.1-2020-07-15.en.txt", &en);
    assert!(en.contains("disputed: yes"), "{en}");
    let missing = run(
        &root(),
        &[
            "explain",
            "shenyang-digital-government",
            "9.9",
            "--as-of",
            "2021-03-01",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("错误[E008]"));
    let no_case = run(
        &root(),
        &[
            "explain",
            "shenyang-digital-govt",
            "3.1",
            "--as-of",
            "2021-03-01",
        ],
    );
    assert_eq!(no_case.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&no_case.stderr)
            .contains("你是不是想写 `shenyang-digital-government`")
    );
}

#[test]
fn an_output_folder_that_cannot_be_made_is_reported_and_nothing_else_changes() {
    let repo = example_repo();
    std::fs::write(repo.path().join("not-a-folder"), "x").unwrap();
    let o = run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "-o",
            "not-a-folder/briefs",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("错误[E701]"));
    assert_eq!(
        std::fs::read_to_string(repo.path().join("not-a-folder")).unwrap(),
        "x"
    );
}

#[test]
fn a_case_folder_with_a_leading_dot_cannot_name_a_brief() {
    let repo = example_repo();
    std::fs::rename(
        repo.path().join("cases/shenyang-digital-government"),
        repo.path().join("cases/.hidden"),
    )
    .unwrap();
    let o = run(
        repo.path(),
        &["report", "cases/.hidden", "--as-of", "2021-09-30"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("错误[E702]"));
}

/// Every field a template can use is documented in docs/templates.md, so the documented model cannot drift.
#[test]
fn the_template_model_is_documented() {
    let (case, cfg) = common::example();
    let as_of = rexieshang::fmt::date::parse_date("2020-07-15").unwrap();
    let figs = rexieshang::figures::figures(&case, &cfg, as_of);
    let brief = rexieshang::brief::build(&case, &cfg, &figs, rexieshang::lang::Lang::Zh, None);
    let missing = common::undocumented(&brief);
    assert!(
        missing.is_empty(),
        "fields missing from docs/templates.md: {missing:?}"
    );
}

/// Templates read the brief through minijinja objects (a field becomes a value only when read); they must see
/// exactly what a copy of the whole model into template values (`Value::from_serialize`) gives: the same fields in
/// the same order, and the same values of the same kinds, all the way down.
#[test]
fn templates_see_the_same_brief_as_a_full_copy_of_the_model() {
    use minijinja::value::{Value, ValueKind};
    fn same(copy: &Value, object: &Value, path: &str) {
        assert_eq!(copy.kind(), object.kind(), "{path}");
        // As a template prints it, `{{ case }}` included.
        assert_eq!(copy.to_string(), object.to_string(), "{path}");
        match copy.kind() {
            ValueKind::Map => {
                let keys = |v: &Value| v.try_iter().unwrap().collect::<Vec<_>>();
                let names = keys(copy);
                assert_eq!(names, keys(object), "{path}");
                assert!(!names.is_empty(), "{path}");
                for k in names {
                    let (a, b) = (copy.get_item(&k).unwrap(), object.get_item(&k).unwrap());
                    same(&a, &b, &format!("{path}.{k}"));
                }
            }
            ValueKind::Seq => {
                assert_eq!(copy.len(), object.len(), "{path}");
                let pairs = copy.try_iter().unwrap().zip(object.try_iter().unwrap());
                for (i, (a, b)) in pairs.enumerate() {
                    same(&a, &b, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(format!("{copy:?}"), format!("{object:?}"), "{path}"),
        }
    }
    let (case, cfg) = common::example();
    for (date, lang) in [
        ("2020-07-15", rexieshang::lang::Lang::Zh),
        ("2021-09-30", rexieshang::lang::Lang::Zh),
        ("2021-09-30", rexieshang::lang::Lang::En),
    ] {
        let as_of = rexieshang::fmt::date::parse_date(date).unwrap();
        let figs = rexieshang::figures::figures(&case, &cfg, as_of);
        let brief = std::sync::Arc::new(rexieshang::brief::build(&case, &cfg, &figs, lang, None));
        assert!(
            brief
                .items
                .iter()
                .any(|i| !i.measures.is_empty() && !i.actions.is_empty())
        );
        same(
            &Value::from_serialize(&*brief),
            &Value::from_dyn_object(brief.clone()),
            date,
        );
    }
}

#[test]
fn only_statuses_marked_blocked_are_listed_as_cannot_be_solved() {
    // 7.1 stands at C (0 %, not final) in the example; which scale marks decide whether it is listed.
    let listed = |scale: &str| {
        let repo = example_repo();
        let cfg = repo.path().join("rexieshang.yaml");
        let mut text = std::fs::read_to_string(&cfg).unwrap();
        text.push_str(scale);
        std::fs::write(&cfg, text).unwrap();
        let md = stdout(&run(
            repo.path(),
            &["report", "--as-of", "2021-09-30", "-o", "-"],
        ));
        assert!(
            md.contains("## 五、存在的问题"),
            "a brief, not an error: {md}"
        );
        let section = md
            .split("### ")
            .find(|s| s.contains("暂不能解决或留作参考\n"))
            .unwrap_or_default()
            .to_string();
        section.contains("7.1")
    };
    let scale = |c_marks: &str, d_marks: &str| {
        format!(
            "status_scale:\n  - {{key: A, zh: 已解决, degree: 100, final: true}}\n  - {{key: B, zh: 正在解决, degree: 50, max_progress: 99}}\n  - {{key: C, zh: 暂时不能解决, degree: 0, max_progress: 99{c_marks}}}\n  - {{key: D, zh: 留作参考, degree: 0, final: true{d_marks}}}\n  - {{key: N, zh: 不再适用, degree: 0, final: true, excluded: true}}\n"
        )
    };
    assert!(listed(""), "the default scale marks C");
    assert!(listed(&scale(", blocked: true", ", blocked: true")));
    // A 0 % status that is not marked is not “cannot be solved”, whatever its degree.
    assert!(!listed(&scale("", ", blocked: true")));
    // With no marks at all, only what is final without being done is listed (D), not C.
    assert!(!listed(&scale("", "")));
}

#[test]
fn a_cut_off_before_the_proposal_was_adopted_gets_a_message_not_an_empty_brief() {
    let o = run(&root(), &["report", "--as-of", "2019-01-01", "-o", "-"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no brief");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E507") && err.contains("case.yaml:21:12") && err.contains("2019-06-24"),
        "{err}"
    );
    // The day of adoption is fine.
    let o = run(&root(), &["report", "--as-of", "2019-06-24", "-o", "-"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // explain says why there is no recommendation, not "现有建议：。".
    let o = run(
        &root(),
        &[
            "explain",
            "shenyang-digital-government",
            "1.1",
            "--as-of",
            "2019-01-01",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2019-06-24") && !err.contains("现有建议：。"),
        "{err}"
    );
}

/// Whether text would steer a terminal: controls other than line breaks and tabs, or bidi overrides.
fn steering(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

/// Runs each command in `repo` and checks that nothing steering reaches stdout or stderr, and that ESC shows as ␛.
fn shown_not_obeyed(repo: &std::path::Path, commands: &[Vec<&str>]) {
    for args in commands {
        let o = run(repo, args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
        );
        assert!(
            !steering(&stdout) && !steering(&stderr),
            "{args:?}:\n{stdout}\n{stderr}"
        );
        assert!(
            format!("{stdout}{stderr}").contains('\u{241b}'),
            "{args:?} shows ESC as ␛:\n{stdout}\n{stderr}"
        );
    }
}

#[test]
fn control_characters_from_the_files_never_reach_the_terminal() {
    // A title with an OSC sequence, BEL, a bidi override and a C1 CSI: status and explain print it.
    let repo = example_repo();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let hostile = "title: \"加快\\e]0;pwned\\a建设\\u202e数字政府\\u009b2J\"";
    let text = text.replacen("title: 加快建设数字政府，推进优化营商环境", hostile, 1);
    // And in 1.1's text, which explain prints.
    let text = text.replacen(
        "text: 建立由市委、市政府主要领导牵头的数字政府建设领导机制，统筹协调全市数字政府建设重大事项。",
        "text: \"\\e[8m建立\\u202e领导机制\\u009b2J\\a\"",
        1,
    );
    std::fs::write(&case, text).unwrap();
    shown_not_obeyed(
        repo.path(),
        &[
            vec!["status", "--as-of", "2021-09-30"],
            vec![
                "explain",
                "shenyang-digital-government",
                "1.1",
                "--as-of",
                "2021-09-30",
            ],
        ],
    );
    // A case folder and a department id with controls: check's and report's diagnostics quote both.
    let repo = example_repo();
    let cases = repo.path().join("cases");
    let odd = cases.join("sy\u{1b}[2J");
    std::fs::rename(cases.join("shenyang-digital-government"), &odd).unwrap();
    let case = odd.join("case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replacen("    lead: 政府办\n", "    lead: \"政府办\\e[2J\"\n", 1),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    shown_not_obeyed(
        repo.path(),
        &[
            vec!["check", "--as-of", "2021-09-30"],
            vec![
                "report",
                "--as-of",
                "2021-09-30",
                "-o",
                out.path().to_str().unwrap(),
            ],
        ],
    );
}

#[test]
fn the_configured_formats_are_written_when_none_is_given_and_a_wrong_one_is_named() {
    let repo = common::example_copy();
    let cfg = repo.path().join("rexieshang.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{text}\nformat: [md, html]\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = common::run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for ext in ["md", "html"] {
        let f = out
            .path()
            .join(format!("shenyang-digital-government-2021-09-30.{ext}"));
        assert!(f.is_file(), "{ext}");
    }
    // --format wins over the configuration.
    let only = tempfile::tempdir().unwrap();
    let o = common::run(
        repo.path(),
        &[
            "report",
            "--as-of",
            "2021-09-30",
            "--format",
            "md",
            "-o",
            only.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    assert_eq!(std::fs::read_dir(only.path()).unwrap().count(), 1);
    std::fs::write(&cfg, format!("{text}\nformat: pfd\n")).unwrap();
    let o = common::run(repo.path(), &["check", "--as-of", "2021-09-30"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("E210") && err.contains("pfd"), "{err}");
}
