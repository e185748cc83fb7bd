#!/usr/bin/env bash
# Runs the pipeline fuzz target for the given number of seconds (default 1800) and keeps the log.
# Needs cargo-fuzz (cargo install cargo-fuzz); works on stable Rust with the sanitizer off.
# Crashes land in fuzz/artifacts/pipeline/; each one found becomes a regression test in tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1800}"
mkdir -p fuzz/corpus/pipeline
cargo fuzz run -s none pipeline fuzz/corpus/pipeline -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 | tee fuzz/last-run.log
