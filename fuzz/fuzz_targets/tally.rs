//! Fuzz target: arbitrary bytes as a tally workbook (`.xlsx`) → the reader `import tally` uses. Nothing may panic or
//! hang, whatever the bytes; every problem comes back as a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rexieshang::case::config::Config;

fuzz_target!(|data: &[u8]| {
    let cfg = Config::default();
    if let Ok(tally) = rexieshang::case::tally::read_tally(data.to_vec(), "fuzz.xlsx", &cfg) {
        for row in &tally.rows {
            let v = rexieshang::case::tally::verdict(row, &cfg);
            assert!(v.status.is_none_or(|s| s < cfg.scale.len()));
        }
    }
});
