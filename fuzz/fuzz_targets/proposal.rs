//! Fuzz target: arbitrary bytes as a Word proposal (`.docx`) → the reader `import proposal` uses, and what it finds
//! → the case.yaml it would write, read back by the case reader. Nothing may panic or hang; every problem comes
//! back as a diagnostic, and the written file always reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rexieshang::case::proposal::read_proposal;
use rexieshang::output::case_file::{NewCase, case_yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(found) = read_proposal(data.to_vec(), "fuzz.docx") else {
        return;
    };
    let new = NewCase {
        topic: "议题",
        adopted: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        source: "fuzz.docx",
        lang: rexieshang::lang::Lang::Zh,
    };
    let text = case_yaml(&found, &new);
    let node = rexieshang::case::yaml::parse(&text).expect("the written case.yaml parses");
    let mut r = rexieshang::case::reader::Reader::new("case.yaml");
    let _ = rexieshang::case::records::read_case("c", &node, &mut r);
});
