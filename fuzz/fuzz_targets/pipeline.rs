//! Fuzz target: bytes → decode → YAML → case / reply / meeting → check → figures → brief → Markdown.
//! The input holds up to three files separated by a line `---FILE---` (case.yaml, a reply, a meeting).
//! Nothing may panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rexieshang::case::config::Config;
use rexieshang::case::reader::Reader;

fuzz_target!(|data: &[u8]| {
    let cfg = Config::default();
    // The trees borrow their text, so the texts are kept for the whole run.
    let texts: Vec<Option<String>> =
        split(data).into_iter().map(|p| rexieshang::case::decode::decode(p.to_vec()).ok()).collect();
    let node = |i: usize| texts.get(i).and_then(|t| t.as_deref()).and_then(|t| rexieshang::case::yaml::parse(t).ok());
    let Some(case_node) = node(0) else { return };
    let mut r = Reader::new("case.yaml");
    let Some(mut case) = rexieshang::case::records::read_case("fuzz", &case_node, &mut r) else { return };
    if let Some(n) = node(1) {
        let mut rr = Reader::new("reply.yaml");
        case.replies.extend(rexieshang::case::records::read_reply(&n, &mut rr, &cfg));
    }
    if let Some(n) = node(2) {
        let mut rm = Reader::new("meeting.yaml");
        case.meetings.extend(rexieshang::case::records::read_meeting(&n, &mut rm, &cfg));
    }
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 9, 30).unwrap_or_default();
    let _ = rexieshang::check::rules::check_case(&case, &cfg, as_of);
    let figures = rexieshang::figures::figures(&case, &cfg, as_of);
    for f in &figures.recs {
        if let Some(d) = f.now.degree {
            assert!((0.0..=100.0).contains(&d), "degree out of range: {d}");
        }
    }
    if let Some(d) = figures.overall.degree {
        assert!((0.0..=100.0 + 1e-9).contains(&d), "overall out of range: {d}");
    }
    let brief = rexieshang::brief::build(&case, &cfg, &figures, rexieshang::lang::Lang::Zh, None);
    let templates = rexieshang::output::templates::Templates::builtin();
    let _ = rexieshang::output::templates::render_brief(
        &templates,
        std::sync::Arc::new(brief),
        rexieshang::lang::Lang::Zh,
    );
});

fn split(data: &[u8]) -> Vec<&[u8]> {
    let sep = b"\n---FILE---\n";
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        parts.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    parts.push(rest);
    parts
}
