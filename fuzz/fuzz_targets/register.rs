//! Fuzz target: arbitrary bytes as an assignment register, both as `.xlsx` and as `.csv` → the reader
//! `import register` uses. Nothing may panic or hang, whatever the bytes; every problem comes back as a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rexieshang::case::register::read_register;

fuzz_target!(|data: &[u8]| {
    for csv in [false, true] {
        if let Ok(reg) = read_register(data.to_vec(), "fuzz", csv) {
            assert!(reg.rows.iter().all(|r| r.id.is_some()));
        }
    }
});
