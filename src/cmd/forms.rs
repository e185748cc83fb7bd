//! `rexieshang forms CASE`: the paper for a meeting — the members' assessment form, the departments' feedback form
//! (Markdown, PDF or Word, through the brief's print path) and the tally workbook staff fill in afterwards.

use crate::brief::forms::{Forms, forms};
use crate::case::model::Case;
use crate::check::checked::load_checked;
use crate::cli::FormsArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, resolve_case, start};
use crate::diag::{Code, Diagnostic};
use crate::figures::cutoff::target_meeting;
use crate::figures::figures;
use crate::lang::Lang;
use crate::output::masthead::Masthead;
use crate::output::publish::{Document, Publisher};
use crate::output::templates::{Renderer, Templates};
use crate::output::writer::{safe_component, write_generated};
use crate::settings::Output;
use crate::tx;
use chrono::NaiveDate;
use std::io::Write;

/// Runs `forms`.
pub fn run(args: &FormsArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    let dir = resolve_case(&repo, &args.case).map_err(Failure::fatal)?;
    let checked = load_checked(&dir, &repo.config, env.settings.latest);
    let Some(case) = &checked.case else {
        env.show(&printer, checked.error_list(), &checked.sources);
        return Ok(ExitStatus::Problems);
    };
    let as_of = env.settings.as_of;
    let meeting = meeting_date(case, as_of, env.settings.meeting).map_err(Failure::fatal)?;
    let model = forms(
        case,
        &repo.config,
        &figures(case, &repo.config, as_of),
        meeting,
        lang,
    );
    let templates = Templates::load(&repo.root).map_err(|e| Failure::located(e, lang))?;
    let publisher =
        Publisher::new(args.format, &templates, lang).map_err(|e| Failure::setup(e, lang))?;
    let mut documents = Vec::new();
    for (kind, name) in [
        ("forms", lang.pick("评议表", "assessment-form")),
        ("feedback", lang.pick("反向评议表", "feedback-form")),
    ] {
        let markdown = Renderer::new(&templates, kind, lang, publisher.mode())
            .and_then(|r| r.render(&model))
            .map_err(|e| Failure::located(e, lang))?;
        documents.push((name, markdown));
    }
    let out_dir = match &env.settings.output {
        Output::Stdout => {
            for (i, (_, markdown)) in documents.iter().enumerate() {
                let gap = if i > 0 { "\n" } else { "" };
                let _ = env.stdout.write_all(format!("{gap}{markdown}").as_bytes());
            }
            return Ok(ExitStatus::Ok);
        }
        Output::Path(p) => p.clone(),
        Output::Default => repo.root.join(&repo.config.output_dir),
    };
    if !safe_component(&case.id) {
        let c = &case.id;
        return Err(Failure::fatal(Diagnostic::error(
            Code::E702,
            tx!(
                "议题文件夹名 `{c}` 不能用作文件名",
                "the case folder name `{c}` cannot name a file"
            ),
        )));
    }
    let stem = format!("{}-{}", case.id, model.meeting.date);
    for (name, markdown) in documents {
        let bytes = publish(&publisher, &model, markdown, as_of, lang)
            .map_err(|e| Failure::located(e, lang))?;
        let path = out_dir.join(format!("{stem}-{name}.{}", args.format.ext()));
        write_generated(&path, &bytes).map_err(Failure::fatal)?;
        env.wrote(&path);
    }
    let workbook = crate::output::tally::workbook(&model, lang).map_err(|e| {
        Failure::fatal(Diagnostic::error(
            Code::E703,
            tx!(
                "生成评议汇总表失败：{e}",
                "could not write the tally workbook: {e}"
            ),
        ))
    })?;
    let path = out_dir.join(format!("{stem}-{}.xlsx", lang.pick("评议汇总", "tally")));
    write_generated(&path, &workbook).map_err(Failure::fatal)?;
    env.wrote(&path);
    Ok(ExitStatus::Ok)
}

/// The meeting the forms are for: `--meeting`, else the next meeting after the cut-off.
fn meeting_date(
    case: &Case,
    as_of: NaiveDate,
    given: Option<NaiveDate>,
) -> Result<NaiveDate, Diagnostic> {
    if let Some(d) = given {
        return Ok(d);
    }
    target_meeting(case, as_of, None).map(|m| m.date.value).ok_or_else(|| {
        let c = &case.id;
        Diagnostic::error(
            Code::E805,
            tx!("议题 {c} 在 {as_of} 之后没有计划中的会议，不知道评议表是给哪次会议的", "case {c} has no meeting after {as_of} to make forms for"),
        )
        .help(tx!(
            "用 --meeting 日期 指定会议，或先用 rexieshang new meeting {c} --date 日期 建立会议文件。",
            "Name the meeting with --meeting DATE, or create it first with rexieshang new meeting {c} --date DATE."
        ))
    })
}

/// One form in the format asked for.
fn publish(
    publisher: &Publisher<'_>,
    model: &Forms,
    markdown: String,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, Box<crate::diag::Located>> {
    let title = markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or(lang.pick("评议表", "Assessment form"))
        .to_string();
    publisher.publish(Document {
        markdown,
        title: &title,
        charts: &[],
        model: publisher.model(model),
        as_of,
        masthead: Masthead::default(),
    })
}
