//! The command line in Chinese: the same clap definition with every about and help text, the headings and the usage
//! line in Chinese, chosen at run time (`lang: zh`, the default), and usage errors as Chinese messages.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Chinese about texts by command path (`report`, `new case`, …); `""` is the program itself.
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "再协商 rexieshang：政协协商议题的建议落实跟踪——议题文件、检查与简报",
    ),
    (
        "check",
        "检查议题文件，列出每一处问题（退出码：0 没有问题，1 有问题，2 用法或读写错误）",
    ),
    ("report", "生成下次会议用的简报：每个议题一份"),
    (
        "status",
        "每个议题一行：落实度、按状态计数、逾期／停滞／争议、下次会议",
    ),
    ("explain", "说明一条建议的数字是怎么算出来的"),
    (
        "templates",
        "把内置模板写进仓库的 templates/ 文件夹，以便修改",
    ),
    ("export", "导出每条建议一行：CSV、JSON 或 XLSX"),
    (
        "forms",
        "生成会议用表：委员评议表、承办单位反向评议表、评议汇总表",
    ),
    (
        "notices",
        "生成给承办单位的督办通知：逾期、即将到期、评议低于自评、未反馈、停滞",
    ),
    (
        "import",
        "把已有的文件读进议题：建议案、交办表、会议的评议汇总表",
    ),
    (
        "import tally",
        "把填好的评议汇总表（forms 生成）写进会议文件的评议",
    ),
    (
        "import proposal",
        "从 Word 建议案（.docx）新建议题：方面、各条建议和它们的简称",
    ),
    (
        "import register",
        "把交办表（.xlsx 或 .csv）读进议题：主办、协办单位，交办日期，办理期限，权重，重点",
    ),
    (
        "init",
        "新建议题仓库：配置、cases/、说明、.gitignore、pre-commit 钩子示例、schema",
    ),
    ("new", "新建议题、复文或会议文件，预先填好结构"),
    ("new case", "新建议题文件夹和 case.yaml"),
    ("new reply", "新建复文文件，预先列出该单位未办结的建议"),
    (
        "new meeting",
        "新建会议文件，为每条未办结或待核实的建议预留评议",
    ),
    ("schema", "为编辑器写出各类文件的 JSON Schema"),
    ("completions", "输出命令行补全脚本"),
    ("man", "输出 man 手册（roff 格式）"),
];

/// Chinese help texts by argument id, for every command that has the argument.
const ARG: &[(&str, &str)] = &[
    ("lang", "提示和简报的语言：zh（默认，或配置中的 lang）或 en"),
    ("color", "终端输出是否着色"),
    ("repo", "议题仓库"),
    ("as_of", "数据截止日期（YYYY-MM-DD，默认今天）"),
    ("case", "议题（cases/ 下的文件夹名，或议题文件夹）"),
    ("cases", "要处理的议题（默认：所有未办结的议题）"),
    ("format", "格式"),
    (
        "output",
        "输出文件夹，`-` 表示输出到屏幕（默认：配置的 output_dir，否则 briefs/）",
    ),
    ("meeting", "会议日期（YYYY-MM-DD）"),
    (
        "path",
        "议题仓库、它的 cases/ 文件夹或某个议题文件夹（默认：当前文件夹）",
    ),
    ("year", "只要建议案在这一年通过的议题"),
    (
        "committee",
        "只要这个委员会的议题（议题的 committee，否则仓库的）",
    ),
    ("tag", "只要有这个标签的议题"),
    ("strict", "警告也算问题（退出码 1）"),
    ("overview", "生成所有议题的总览，而不是每个议题一份简报"),
    ("issue", "简报期号，印在 PDF 和 Word 简报的版头（第N期）"),
    ("within", "同时列出这么多天内到期的未办结建议"),
    ("rec", "建议编号"),
    ("department", "承办单位编号（同 case.yaml）"),
    ("date", "日期（YYYY-MM-DD）"),
    ("file", "评议汇总表文件"),
    ("replace", "覆盖已经填写的评议"),
    ("dir", "文件夹（没有时新建）"),
    (
        "id",
        "议题编号：cases/ 下的文件夹名（字母、数字、汉字、- 和 _）",
    ),
    (
        "title",
        "议题（如 推进老旧小区改造），或建议案全称（如 关于推进老旧小区改造的建议案）",
    ),
    ("adopted", "建议案通过日期（默认今天）"),
    ("initial", "初次协商，而不是再协商"),
    ("shell", "哪种 shell"),
];

/// Help texts that differ by command: (command path, argument id, text).
const ARG_IN: &[(&str, &str, &str)] = &[
    (
        "report",
        "meeting",
        "简报为哪次会议准备（YYYY-MM-DD，默认：截止日期后的下一次会议）",
    ),
    (
        "report",
        "format",
        "输出格式：Markdown、独立的 HTML 网页、PDF（程序内排版）或 Word",
    ),
    (
        "report",
        "cases",
        "要生成简报的议题（cases/ 下的文件夹名或议题文件夹）；默认：所有未办结的议题",
    ),
    ("export", "cases", "要导出的议题（默认：全部）"),
    (
        "export",
        "output",
        "输出文件，`-` 表示输出到屏幕（默认：输出文件夹下的 export-日期.扩展名）",
    ),
    (
        "forms",
        "meeting",
        "表格为哪次会议准备（YYYY-MM-DD，默认：截止日期后的下一次会议）",
    ),
    ("forms", "format", "两份表的格式（评议汇总表总是 XLSX）"),
    (
        "forms",
        "output",
        "输出文件夹，`-` 表示在屏幕上输出两份表的 Markdown（默认：配置的 output_dir）",
    ),
    (
        "forms",
        "as_of",
        "数据截止日期（YYYY-MM-DD，默认今天）：表上列出的单位自评截至这一天",
    ),
    (
        "notices",
        "department",
        "只生成给这个承办单位的通知（case.yaml 里的编号或全称）",
    ),
    ("notices", "within", "提醒这么多天内到期的事项"),
    (
        "notices",
        "output",
        "输出文件夹，`-` 表示在屏幕上输出通知的 Markdown（默认：配置的 output_dir）",
    ),
    (
        "check",
        "as_of",
        "截止日期（YYYY-MM-DD）：晚于它的记录会被报出（默认今天）",
    ),
    (
        "templates",
        "repo",
        "接收模板文件的议题仓库（写进它的 templates/ 文件夹）",
    ),
    ("import tally", "meeting", "会议日期（YYYY-MM-DD）"),
    ("import proposal", "file", "建议案（.docx）"),
    (
        "import proposal",
        "case",
        "新议题的编号：cases/ 下的文件夹名",
    ),
    (
        "import proposal",
        "title",
        "议题名称（默认取建议案标题“关于……的建议案”中间的部分）",
    ),
    (
        "import proposal",
        "adopted",
        "建议案通过日期（默认取落款下的日期）",
    ),
    ("import register", "file", "交办表（.xlsx 或 .csv）"),
    ("import register", "case", "议题"),
    ("import tally", "case", "议题"),
    ("new reply", "date", "复文日期"),
    (
        "new meeting",
        "date",
        "会议日期（晚于今天的为计划中的会议）",
    ),
    (
        "check",
        "path",
        "议题仓库、它的 cases/ 文件夹、某个议题文件夹，或议题里的一个文件（检查它所在的议题，先列这个文件的问题；默认：当前文件夹）",
    ),
    ("init", "dir", "在哪个文件夹建仓库（没有时新建）"),
    (
        "init",
        "no_git",
        "不运行 git init（默认在装了 git、文件夹又不在 git 仓库里时运行）",
    ),
    ("schema", "dir", "写到哪个文件夹"),
];

/// Chinese words for the values of choice arguments.
const VALUES: &[(&str, &str)] = &[
    ("auto", "在终端上着色，设置了 NO_COLOR 时不着色"),
    ("always", "总是着色"),
    ("never", "从不着色"),
    ("md", "Markdown"),
    ("html", "独立的 HTML 网页"),
    ("pdf", "PDF"),
    ("docx", "Word"),
    ("csv", "CSV（带 BOM，Excel 直接打开）"),
    ("json", "JSON"),
    ("xlsx", "Excel 工作簿"),
];

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `cmd` with Chinese texts throughout (`path`: its place among the subcommands, `""` for the program).
pub fn chinese(cmd: Command) -> Command {
    translate(cmd, "")
}

fn translate(mut cmd: Command, path: &str) -> Command {
    if let Some((_, about)) = ABOUT.iter().find(|(p, _)| *p == path) {
        cmd = cmd.about(*about);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助"),
        );
    if path.is_empty() {
        cmd = cmd.disable_help_subcommand(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本"),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = ARG_IN
            .iter()
            .find(|(p, a, _)| *p == path && *a == id)
            .map(|(_, _, h)| *h)
            .or_else(|| ARG.iter().find(|(a, _)| *a == id).map(|(_, h)| *h));
        cmd = cmd.mut_arg(&id, |a| argument(a, help));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| translate(s, &sub_path));
    }
    cmd
}

/// One argument in Chinese: its help, its heading, and its choices and default written into the help.
fn argument(a: clap::Arg, help: Option<&'static str>) -> clap::Arg {
    let heading = if a.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let a = a.help_heading(heading);
    if !a.get_action().takes_values() {
        return match help {
            Some(h) => a.help(h),
            None => a,
        };
    }
    let mut text = help.map(str::to_string);
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name();
            match VALUES.iter().find(|(n, _)| *n == name) {
                Some((_, w)) => format!("{name}（{w}）"),
                None => name.to_string(),
            }
        })
        .collect();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if let Some(t) = text.as_mut() {
        if !values.is_empty() {
            t.push_str(&format!("。可选：{}", values.join("、")));
        }
        if !default.is_empty() && !a.is_positional() {
            t.push_str(&format!("；默认 {}", default.join(" ")));
        }
    }
    let a = a.hide_possible_values(true).hide_default_value(true);
    match text {
        Some(t) => a.help(t),
        None => a,
    }
}

/// A usage error in Chinese: what is wrong, and how to get the usage.
pub fn error_message(e: &clap::Error) -> String {
    let ctx = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        _ => None,
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有 `{}` 这个命令",
                ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::InvalidValue => match ctx(ContextKind::ValidValue) {
            Some(valid) => format!("{arg} 不能是 `{value}`，可选：{valid}"),
            None => format!("{arg} 需要一个值"),
        },
        ErrorKind::ValueValidation => format!("{arg} 的值 `{value}` 不对"),
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能和 {} 同时用",
            ctx(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!("参数 {arg} 给了太多的值"),
        _ => "命令行用法不对".to_string(),
    };
    let mut out = format!("错误[E007]: {what}\n");
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .iter()
        .find_map(|k| match e.get(*k) {
            Some(ContextValue::String(s)) => Some(vec![s.clone()]),
            Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.clone()),
            _ => None,
        });
    if let Some(s) = suggested {
        out.push_str(&format!(" = 你是不是想写 `{}`？\n", s.join("` 或 `")));
    }
    out.push_str(" = 怎么改: 运行 rexieshang --help（或 rexieshang 命令 --help）查看用法。\n");
    out
}
