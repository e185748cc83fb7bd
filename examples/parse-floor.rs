//! The benchmark floor: every YAML file under a folder parsed by serde-saphyr into `IgnoredAny`, single-threaded,
//! and nothing else. `cargo run --release --example parse-floor -- DIR`.

// A benchmark tool, not the product: it fails loudly on a broken setup rather than reporting nicely.
#![allow(
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::too_many_lines
)]

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse-floor DIR");
        std::process::exit(2);
    };
    let mut files = 0usize;
    let mut bytes = 0usize;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let Ok(e) = entry else { continue };
        let p = e.path();
        if p.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        bytes += text.len();
        let parsed: Result<serde::de::IgnoredAny, _> = serde_saphyr::from_str(&text);
        if parsed.is_ok() {
            files += 1;
        }
    }
    println!("{files} files, {bytes} bytes parsed");
}
