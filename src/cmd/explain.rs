//! `rexieshang explain CASE REC`: how one recommendation's figures were derived — every record in date order,
//! which one the figure follows and why, the weights and the rule — so anyone can recompute it by hand.

use crate::brief::explanation::explain;
use crate::check::checked::load_checked;
use crate::cli::ExplainArgs;
use crate::cmd::env::{Env, ExitStatus, Failure, Outcome};
use crate::cmd::open::{Start, resolve_case, start};
use crate::diag::{Code, Diagnostic};
use crate::figures::figures;
use crate::fmt::date::iso;
use crate::fmt::text::visible;
use crate::tx;
use std::io::Write;

/// Runs `explain`.
pub fn run(args: &ExplainArgs, env: &mut Env) -> Outcome {
    let Start {
        repo,
        lang,
        printer,
    } = start(env, &args.repo)?;
    let as_of = env.settings.as_of;
    let dir = resolve_case(&repo, &args.case).map_err(Failure::fatal)?;
    let checked = load_checked(&dir, &repo.config, env.settings.latest);
    let Some(case) = &checked.case else {
        env.show(&printer, checked.error_list(), &checked.sources);
        return Ok(ExitStatus::Problems);
    };
    let figs = figures(case, &repo.config, as_of);
    let (Some(rec), Some(fig)) = (
        case.rec(&args.rec),
        figs.recs.iter().find(|f| f.id == args.rec),
    ) else {
        let (r, c) = (&args.rec, &case.id);
        let known: Vec<&str> = figs.recs.iter().map(|f| f.id.as_str()).collect();
        let listed = known.join("、");
        let d = Diagnostic::error(
            Code::E008,
            tx!(
                "议题 {c} 在 {as_of} 时没有建议 `{r}`",
                "case {c} has no recommendation `{r}` as of {as_of}"
            ),
        )
        .help(if known.is_empty() {
            let adopted = iso(case.proposal.adopted.value);
            tx!(
                "这时还没有任何建议：建议案 {adopted} 才通过。把 --as-of 设在这一天或之后。",
                "There are no recommendations yet: the proposal was adopted on {adopted}. Give --as-of on or after it."
            )
        } else {
            tx!("现有建议：{listed}。", "Recommendations: {listed}.")
        });
        return Err(Failure::fatal(d));
    };
    let text = explain(case, &repo.config, rec, fig, &figs, lang);
    // The records' texts come from the files: shown, never passed to the terminal as controls.
    let _ = env.stdout.write_all(visible(&text).as_bytes());
    Ok(ExitStatus::Ok)
}
