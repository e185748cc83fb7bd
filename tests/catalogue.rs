//! The error catalogue in `docs/errors.md` lists exactly the codes of the program's `Code` enum, product code
//! emits every one of them, and each code has a golden fixture (or, for E103, the dedicated test in `tests/limits.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::Path;

fn codes_in(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        let c = bytes[i];
        if (c == b'E' || c == b'W')
            && text
                .get(i + 1..i + 4)
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            && text.get(..i).is_some_and(|before| before.ends_with(prefix))
        {
            out.insert(text[i..i + 4].to_string());
        }
    }
    out
}

/// The codes of the program's `Code` enum.
fn program_codes() -> BTreeSet<String> {
    rexieshang::diag::Code::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect()
}

/// The codes product code actually emits: `Code::E…` outside tests and outside the enum's own file.
fn source_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        if entry.ends_with("diag/code.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        let body = text.split("#[cfg(test)]").next().unwrap();
        codes.extend(codes_in(body, "Code::"));
    }
    codes
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

#[test]
fn catalogue_lists_exactly_the_codes_in_the_program() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md"))
            .unwrap();
    let documented = codes_in(&docs, "### ");
    let emitted = program_codes();
    assert!(emitted.len() >= 40, "{emitted:?}");
    let used = source_codes();
    let unused: Vec<_> = emitted.difference(&used).collect();
    assert!(unused.is_empty(), "codes no product code emits: {unused:?}");
    let undocumented: Vec<_> = emitted.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&emitted).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/errors.md: {undocumented:?}"
    );
    assert!(
        stale.is_empty(),
        "docs/errors.md lists codes the program never emits: {stale:?}"
    );
}

#[test]
fn every_code_has_a_fixture() {
    let fixtures: BTreeSet<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .split('-')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
    // Codes that need a situation a fixture folder cannot hold, with the test that covers each.
    let tested_elsewhere = [
        "E103", // tests/limits.rs: a 9 MiB file
        "E009", // tests/limits.rs: a FIFO where a record belongs
        "E302", // tests/setup.rs: run in a folder that is no repository (a fixture here would find this repository)
        "E304", // tests/limits.rs: links to a temporary folder outside the repository
        "W305", // tests/setup.rs: a folder named COM1 (a fixture would make this repository unusable on Windows)
        "E008", // tests/report.rs: explain and report with an unknown case or recommendation
        "E601", // not reproducible as root: an unreadable template file (a non-UTF-8 one gives E001)
        "E602", // tests/report.rs: broken templates
        "E701", // tests/report.rs: an output folder that cannot be created
        "E702", // tests/report.rs: a case folder named with a leading dot
        "E507", // tests/report.rs: a cut-off before the proposal was adopted
        "E703", // an internal failure of the CSV/JSON/XLSX writers (e.g. more rows than a worksheet holds)
        "E801", // tests/setup.rs: init over an existing repository
        "E802", // tests/setup.rs: new over existing files
        "E803", // tests/setup.rs: unsafe case ids
        "E804", // tests/setup.rs: an unknown department for new reply
        "E805", // tests/meeting.rs: forms with no meeting after the cut-off
        "E820", // tests/import.rs: bytes that are no Word file
        "E821", // tests/import.rs: a Word file with no numbered recommendations
        "E822", // tests/import.rs: a register without an id column
        "E823", // tests/import.rs and case::register: a date, a weight, a new recommendation without its text
        "E824", // tests/import.rs: a register with another lead and due date than the case
        "W825", // tests/import.rs: departments the register names that the case does not have
        "E810", // tests/meeting.rs and case::tally: bytes that are no workbook
        "E811", // tests/meeting.rs: a workbook for another meeting
        "E812", // tests/meeting.rs: an id the case does not have
        "E813", // tests/meeting.rs: negative, fractional and text counts, progress over 100
        "E814", // tests/meeting.rs: a decided status not in the scale
        "E815", // tests/meeting.rs: a second import without --replace
        "W816", // tests/meeting.rs: a tie between A and B
        "E817", // tests/meeting.rs: the workbook as forms wrote it, unfilled
        "E905", // tests/print.rs: no Chinese font (REXIESHANG_FONTS pointing to an empty folder)
        "E906", // tests/print.rs: a character no installed font has
    ];
    for code in source_codes() {
        assert!(
            fixtures.contains(&code) || tested_elsewhere.contains(&code.as_str()),
            "no fixture under tests/fixtures/check/ for {code}"
        );
    }
}
