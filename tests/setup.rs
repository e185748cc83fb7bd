//! Setting up and feeding a repository: each command runs in a temporary folder, then `check` runs on the result.
//! Schemas are validated against the example case with the `jsonschema` crate, a validator independent of the
//! `schemars` generator.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{root, run, stdout};
use std::path::Path;

fn check_clean(dir: &Path, as_of: &str) {
    let o = run(dir, &["check", "--as-of", as_of, "--strict"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "check after the command:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The `$schema` modeline of a written YAML file points at a schema file that exists.
fn modeline_resolves(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{}: no modeline: {first}", file.display()));
    assert!(
        file.parent().unwrap().join(rel).is_file(),
        "{}: {rel} does not exist",
        file.display()
    );
}

#[test]
fn init_creates_a_repository_that_checks_clean_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout(&run(tmp.path(), &["init", "repo"]));
    for f in [
        "repo/rexieshang.yaml",
        "repo/README.md",
        "repo/.gitignore",
        "repo/hooks/pre-commit",
        "repo/schemas/case.schema.json",
        "repo/schemas/export.schema.json",
    ] {
        assert!(
            out.lines().any(|l| l == f),
            "init says it created {f}:\n{out}"
        );
        assert!(tmp.path().join(f).is_file());
    }
    let repo = tmp.path().join("repo");
    assert!(
        std::fs::read_to_string(repo.join(".gitignore"))
            .unwrap()
            .contains("/briefs/")
    );
    assert!(
        std::fs::read_to_string(repo.join("hooks/pre-commit"))
            .unwrap()
            .contains("rexieshang check")
    );
    modeline_resolves(&repo.join("rexieshang.yaml"));
    // The commented config restates the default scale: reading it gives the built-in defaults.
    let text = std::fs::read_to_string(repo.join("rexieshang.yaml")).unwrap();
    let node = rexieshang::case::yaml::parse(&text).unwrap();
    let mut r = rexieshang::case::reader::Reader::new("rexieshang.yaml");
    let cfg = rexieshang::case::config::Config::from_node(&node, &mut r);
    assert!(r.diags.is_empty(), "{:?}", r.diags);
    assert_eq!(cfg, rexieshang::case::config::Config::default());
    let before = std::fs::read(repo.join("README.md")).unwrap();
    std::fs::write(repo.join("README.md"), "我的说明\n").unwrap();
    let again = run(tmp.path(), &["init", "repo"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("错误[E801]"));
    assert_eq!(
        std::fs::read_to_string(repo.join("README.md")).unwrap(),
        "我的说明\n",
        "nothing overwritten"
    );
    assert_ne!(before, "我的说明\n".as_bytes());
}

#[test]
fn init_makes_a_git_repository_with_the_hook_unless_told_not_to_and_explains_the_format() {
    if !common::have("git", "--version") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["init", "with"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{err}");
    let repo = tmp.path().join("with");
    assert!(repo.join(".git").is_dir(), "git init ran: {err}");
    assert!(err.contains("git init"), "{err}");
    let hook = std::fs::read_to_string(repo.join(".git/hooks/pre-commit")).unwrap();
    assert!(hook.contains("rexieshang check"));
    // The configuration's comments point to docs/format.md, and it is there.
    assert!(
        std::fs::read_to_string(repo.join("rexieshang.yaml"))
            .unwrap()
            .contains("docs/format.md")
    );
    assert!(
        std::fs::read_to_string(repo.join("docs/format.md"))
            .unwrap()
            .contains("case.yaml")
    );
    // Inside a git repository already: no second one.
    let inner = run(&repo, &["init", "inner"]);
    assert!(inner.status.success());
    assert!(!repo.join("inner/.git").exists());
    let o = run(tmp.path(), &["init", "without", "--no-git"]);
    assert!(o.status.success());
    assert!(!tmp.path().join("without/.git").exists());
}

#[test]
fn new_case_checks_clean_and_refuses_unsafe_or_existing_ids() {
    let tmp = tempfile::tempdir().unwrap();
    stdout(&run(tmp.path(), &["init", "."]));
    let out = stdout(&run(
        tmp.path(),
        &[
            "new",
            "case",
            "养老-2024",
            "--title",
            "发展社区居家养老服务：补短板",
            "--adopted",
            "2024-03-01",
        ],
    ));
    assert_eq!(
        out,
        "cases/养老-2024/case.yaml\ncases/养老-2024/replies/.gitkeep\ncases/养老-2024/meetings/.gitkeep\n"
    );
    modeline_resolves(&tmp.path().join("cases/养老-2024/case.yaml"));
    check_clean(tmp.path(), "2024-12-31");
    for bad in ["../evil", "/abs", "a/b", ".hidden", "a b", ".."] {
        let o = run(tmp.path(), &["new", "case", bad, "--title", "x"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("错误[E803]"),
            "{bad}"
        );
    }
    assert!(
        !tmp.path().join("evil").exists() && !tmp.path().parent().unwrap().join("evil").exists()
    );
    let o = run(
        tmp.path(),
        &["new", "case", "养老-2024", "--title", "再来一次"],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("错误[E802]"));
}

fn example_copy() -> tempfile::TempDir {
    let tmp = common::example_copy();
    stdout(&run(tmp.path(), &["schema"]));
    tmp
}

#[test]
fn new_reply_is_prefilled_with_the_departments_open_items_and_checks_clean_once_filled() {
    let repo = example_copy();
    let out = stdout(&run(
        repo.path(),
        &[
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "大数据局",
            "--date",
            "2021-10-10",
        ],
    ));
    let file = repo.path().join(out.trim());
    assert!(
        out.trim().ends_with("replies/2021-10-10-大数据局.yaml"),
        "{out}"
    );
    modeline_resolves(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    // Open items the department leads or supports at that date: 1.2 (support), 3.1 (support), 3.2 (support), 4.1 (lead), 5.2, 5.3 (support).
    let recs: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- rec: \""))
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert_eq!(recs, ["1.2", "3.1", "3.2", "4.1", "5.2", "5.3"], "{text}");
    check_clean(repo.path(), "2021-10-10");
    // Fill in the blanks the way a secretary would.
    std::fs::write(
        &file,
        text.replacen("    status:\n", "    status: 已落实\n", 1)
            .replacen("    progress:\n", "    progress: 100\n", 1),
    )
    .unwrap();
    check_clean(repo.path(), "2021-10-10");
    let fig = stdout(&run(
        repo.path(),
        &[
            "explain",
            "shenyang-digital-government",
            "1.2",
            "--as-of",
            "2021-10-10",
        ],
    ));
    assert!(fig.contains("2021-10-10  单位复文 大数据局"), "{fig}");
    let again = run(
        repo.path(),
        &[
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "大数据局",
            "--date",
            "2021-10-10",
        ],
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("错误[E802]"));
    let unknown = run(
        repo.path(),
        &[
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "大数据",
            "--date",
            "2021-10-10",
        ],
    );
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("错误[E804]") && err.contains("你是不是想写 `大数据局`"),
        "{err}"
    );
}

#[test]
fn new_meeting_has_a_blank_assessment_for_every_open_item_and_checks_clean_once_filled() {
    let repo = example_copy();
    let out = stdout(&run(
        repo.path(),
        &[
            "new",
            "meeting",
            "shenyang-digital-government",
            "--date",
            "2021-10-20",
        ],
    ));
    let file = repo.path().join(out.trim());
    modeline_resolves(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("  - rec: ")).count(),
        7,
        "the seven open recommendations:\n{text}"
    );
    assert!(
        !text.contains("planned: true"),
        "a past date is a held meeting"
    );
    check_clean(repo.path(), "2021-10-20");
    let filled = text
        .replacen("    status:\n", "    status: B\n", 1)
        .replacen(
            "satisfaction: {satisfied: , basic: , unsatisfied: }",
            "satisfaction: {satisfied: 10, basic: 2, unsatisfied: 0}",
            1,
        );
    std::fs::write(&file, filled).unwrap();
    check_clean(repo.path(), "2021-10-20");
    // A future date makes a planned meeting; its blank assessments are not a warning.
    let later = stdout(&run(
        repo.path(),
        &[
            "new",
            "meeting",
            "shenyang-digital-government",
            "--date",
            "2099-06-01",
        ],
    ));
    assert!(
        std::fs::read_to_string(repo.path().join(later.trim()))
            .unwrap()
            .contains("planned: true")
    );
}

#[test]
fn schemas_validate_the_example_case_with_an_independent_validator() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout(&run(tmp.path(), &["schema", "s"]));
    assert_eq!(
        out.lines().count(),
        5,
        "four file kinds and the JSON export"
    );
    let example = root().join("cases/shenyang-digital-government");
    let yaml = |dir: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(example.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sets = [
        (
            "config",
            vec![
                root()
                    .join("rexieshang.yaml")
                    .to_string_lossy()
                    .into_owned(),
            ],
        ),
        (
            "case",
            vec![example.join("case.yaml").to_string_lossy().into_owned()],
        ),
        ("reply", yaml("replies")),
        ("meeting", yaml("meetings")),
    ];
    for (kind, files) in sets {
        let schema = tmp.path().join(format!("s/{kind}.schema.json"));
        for file in &files {
            let errors = schema_errors(&schema, Path::new(file));
            assert!(errors.is_empty(), "{kind}: {file}: {errors:?}");
        }
    }
    // A typo is caught by the schema too, as an editor would underline it.
    let bad = tmp.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "department: 甲\ndate: 2020-01-01\nitems:\n  - rec: 1\n    progres: 5\n",
    )
    .unwrap();
    let errors = schema_errors(&tmp.path().join("s/reply.schema.json"), &bad);
    assert!(errors.iter().any(|e| e.contains("progres")), "{errors:?}");
}

/// What the `jsonschema` crate finds wrong with a YAML file, read as an editor would (YAML 1.2 core: dates stay text)
/// by serde-saphyr into plain JSON values — a path apart from rexieshang's own reader.
fn schema_errors(schema: &Path, file: &Path) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    // YAML 1.2 booleans only, as editors read files: `status: N` is the text "N", not false.
    let options = serde_saphyr::options! { strict_booleans: true };
    let doc: serde_json::Value =
        serde_saphyr::from_str_with_options(text.trim_start_matches('\u{feff}'), options).unwrap();
    validator
        .iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    // The script registers the binary as its own completer; the words come from it at completion time.
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout(&run(&root(), &["completions", shell]));
        assert!(
            out.contains("COMPLETE") && out.contains("rexieshang"),
            "{shell}: {out}"
        );
    }
    let complete = |dir: &Path, words: &[&str]| {
        let o = common::bin()
            .current_dir(dir)
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let words = complete(&root(), &["rexieshang", ""]);
    for sub in ["report", "check", "explain", "export", "init", "import"] {
        assert!(
            words.lines().any(|l| l == sub),
            "commands: {sub} in {words}"
        );
    }
    // Case, department and recommendation ids from the repository, not file names.
    let cases = complete(&root(), &["rexieshang", "explain", ""]);
    assert!(
        cases.lines().any(|l| l == "shenyang-digital-government"),
        "{cases}"
    );
    assert!(!cases.contains("Cargo.toml"), "{cases}");
    let recs = complete(
        &root(),
        &["rexieshang", "explain", "shenyang-digital-government", ""],
    );
    assert!(
        recs.lines().any(|l| l == "3.1") && recs.lines().any(|l| l == "8.2"),
        "{recs}"
    );
    let depts = complete(
        &root(),
        &[
            "rexieshang",
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "",
        ],
    );
    assert!(depts.lines().any(|l| l == "司法局"), "{depts}");
    // Outside any repository: nothing to offer, and no error.
    let empty = tempfile::tempdir().unwrap();
    assert!(!complete(empty.path(), &["rexieshang", "explain", ""]).contains("shenyang"));
    let man = stdout(&run(&root(), &["man"]));
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..80]
    );
    assert!(
        man.contains(".TH rexieshang") && man.contains("report"),
        "roff with the commands"
    );
}

#[test]
fn text_in_generated_yaml_cannot_add_a_key_and_reads_back_as_written() {
    // A department name with line breaks of every kind YAML might honour, and a title with quotes and a comment sign.
    let repo = example_copy();
    let case = repo
        .path()
        .join("cases/shenyang-digital-government/case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let hostile =
        "    name: \"沈阳市大数据管理局\\ninjected: 1\\r\\u0085kind: x\\u2028doc_no: y\"\n";
    let text = text.replacen("    name: 沈阳市大数据管理局\n", hostile, 1);
    let text = text.replacen(
        "    title: 建设统一数据共享交换平台\n",
        "    title: \"平台\\n  - rec: 9.9 #\\\"\"\n",
        1,
    );
    std::fs::write(&case, text).unwrap();
    let out = stdout(&run(
        repo.path(),
        &[
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "大数据局",
            "--date",
            "2021-10-10",
        ],
    ));
    let file = repo.path().join(out.trim());
    let reply = std::fs::read_to_string(&file).unwrap();
    // No line of the generated file starts a key or an item the template did not write.
    for bad in ["injected:", "kind: x", "doc_no: y", "- rec: 9.9"] {
        assert!(
            !reply.lines().any(|l| l.trim_start().starts_with(bad)),
            "{bad} became a line:\n{reply}"
        );
    }
    // The generated file reads back clean (an added key would be E201), and `new case` keeps a hostile title.
    let o = run(repo.path(), &["check", "--as-of", "2021-10-10"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("错误["), "{err}");
    let title = "补短板：\"引号\" # 不是注释\nsecond: line";
    let o = run(
        repo.path(),
        &[
            "new",
            "case",
            "t-2024",
            "--title",
            title,
            "--adopted",
            "2024-03-01",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(
        repo.path(),
        &["check", "cases/t-2024", "--as-of", "2024-12-31"],
    );
    assert!(!String::from_utf8_lossy(&o.stderr).contains("错误["));
    let written = std::fs::read_to_string(repo.path().join("cases/t-2024/case.yaml")).unwrap();
    assert!(
        !written.lines().any(|l| l.starts_with("second:")),
        "{written}"
    );
    // Read back by the tool itself: the brief's heading carries the whole title.
    let brief = stdout(&run(
        repo.path(),
        &["report", "t-2024", "--as-of", "2024-12-31", "-o", "-"],
    ));
    let heading = brief.lines().find(|l| l.starts_with("# ")).unwrap();
    assert!(
        heading.contains("不是注释") && heading.contains("second: line"),
        "{heading}"
    );
}

/// Scaffolding never writes where anything is, a link pointing nowhere included (it would write through the link).
#[cfg(unix)]
#[test]
fn scaffolding_never_replaces_a_dangling_link() {
    let repo = example_copy();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("made-through-the-link");
    // `templates`: a dangling link where a template would go.
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    let link = repo.path().join("templates/brief.zh.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = run(repo.path(), &["templates"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("brief.zh.md"));
    // `new reply`: a dangling link at the file it would create.
    let reply = repo
        .path()
        .join("cases/shenyang-digital-government/replies/2021-10-10-大数据局.yaml");
    std::os::unix::fs::symlink(&target, &reply).unwrap();
    let o = run(
        repo.path(),
        &[
            "new",
            "reply",
            "shenyang-digital-government",
            "--department",
            "大数据局",
            "--date",
            "2021-10-10",
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("E802"));
    // `init`: a dangling README.md.
    let fresh = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&target, fresh.path().join("README.md")).unwrap();
    let o = run(fresh.path(), &["init", "."]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("E801"));
    assert!(!target.exists(), "nothing was written through a link");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn case_ids_windows_cannot_hold_are_refused_by_new_and_warned_by_check() {
    let tmp = tempfile::tempdir().unwrap();
    stdout(&run(tmp.path(), &["init", "."]));
    for bad in [
        "CON",
        "nul",
        "nul.txt",
        "Com1",
        "LPT9.case",
        "ends-with-dot.",
        "a:b",
        "a?b",
    ] {
        let o = run(tmp.path(), &["new", "case", bad, "--title", "x"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains("E803") && err.contains("CON、PRN"),
            "{bad}: {err}"
        );
    }
    for fine in ["console", "com10", "lpt", "养老.2024"] {
        let o = run(
            tmp.path(),
            &[
                "new",
                "case",
                fine,
                "--title",
                "x",
                "--adopted",
                "2024-03-01",
            ],
        );
        assert!(
            o.status.success(),
            "{fine}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // A folder made by hand: check warns, with the same rule.
    std::fs::rename(
        tmp.path().join("cases/console"),
        tmp.path().join("cases/COM1"),
    )
    .unwrap();
    let o = run(tmp.path(), &["check", "--as-of", "2024-12-31"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("W305") && err.contains("COM1") && err.contains("CON、PRN"),
        "{err}"
    );
}

/// Outside a case repository, one message says so and how to make one; inside one, any sub-folder finds it.
#[test]
fn outside_a_repository_one_message_inside_any_folder_finds_it() {
    let tmp = tempfile::tempdir().unwrap();
    for sub in ["Desktop", "Documents", "Downloads"] {
        std::fs::create_dir_all(tmp.path().join(sub)).unwrap();
    }
    for cmd in [&["status"][..], &["report"], &["check"]] {
        let o = run(tmp.path(), cmd);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.matches("E302").count(), 1, "{cmd:?}: {err}");
        assert!(
            !err.contains("E301") && err.contains("rexieshang init"),
            "{cmd:?}: {err}"
        );
        assert_ne!(o.status.code(), Some(0));
    }
    let repo = common::example_copy();
    let deep = repo
        .path()
        .join("cases/shenyang-digital-government/replies");
    let out = stdout(&run(&deep, &["status", "--as-of", "2021-09-30"]));
    assert!(out.contains("shenyang-digital-government"), "{out}");
}

/// Help, usage errors and the man page are in Chinese by default, in English with `--lang en` or `lang: en` in the
/// repository's configuration.
#[test]
fn help_and_usage_errors_follow_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = stdout(&run(tmp.path(), &["report", "--help"]));
    assert!(
        zh.contains("用法：") && zh.contains("数据截止日期") && zh.contains("选项"),
        "{zh}"
    );
    assert!(!zh.contains("Data cut-off"), "{zh}");
    let en = stdout(&run(tmp.path(), &["--lang", "en", "report", "--help"]));
    assert!(
        en.contains("Usage:") && en.contains("Data cut-off date"),
        "{en}"
    );
    let o = run(tmp.path(), &["report", "--foramt", "pdf"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("不认识的参数 `--foramt`") && err.contains("`--format`"),
        "{err}"
    );
    let o = run(tmp.path(), &["--lang=en", "reprot"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("unrecognized subcommand"));
    // The repository's configuration decides when the command line does not.
    std::fs::write(tmp.path().join("rexieshang.yaml"), "lang: en\n").unwrap();
    let en = stdout(&run(tmp.path(), &["status", "--help"]));
    assert!(en.contains("Usage:"), "{en}");
    let man = stdout(&run(&root(), &["man"]));
    assert!(
        man.contains("生成下次会议用的简报"),
        "the man page is Chinese by default"
    );
}

#[test]
fn check_given_a_file_checks_its_case_and_shows_that_file_first() {
    let repo = common::example_copy();
    let case = repo.path().join("cases/shenyang-digital-government");
    let reply = case.join("replies/2019-09-20-政府办.yaml");
    let text = std::fs::read_to_string(&reply).unwrap();
    std::fs::write(&reply, text.replacen("status: A", "status: Q", 1)).unwrap();
    let meeting = case.join("meetings/2020-06-23.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, text.replacen("status: ", "status: Q", 1)).unwrap();
    let o = run(
        repo.path(),
        &[
            "check",
            "cases/shenyang-digital-government/replies/2019-09-20-政府办.yaml",
            "--as-of",
            "2021-09-30",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let at = |f: &str| err.find(f).unwrap_or_else(|| panic!("{f} in {err}"));
    // Unasked, the meeting (and the case file) would come first.
    assert!(
        at("replies/2019-09-20-政府办.yaml") < at("meetings/2020-06-23.yaml"),
        "{err}"
    );
    assert!(err.contains("检查了 1 个议题"), "{err}");
}
