#!/usr/bin/env bash
# PDF benchmark (not part of the test suite). Usage: bench/pdf.sh [RUNS]
# Times, with a release binary, `report --format pdf` for the example case alone (a one-case process) and for ten
# generated cases in one run, against the Markdown brief of the same runs; prints the median wall time of RUNS runs
# (default 7), the time per brief, and the peak RSS. Needs GNU time (/usr/bin/time) and a Chinese font.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
cargo build --release --locked --quiet --bin rexieshang --example gen-corpus
bin=$PWD/target/release/rexieshang
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/examples/gen-corpus --cases 10 --seed 7 "$tmp/ten" >/dev/null

# median_of NAME DIR ARGS... → "median_seconds max_rss_kb" over $runs runs, each into a new output folder
median_of() {
  local dir=$1; shift
  for i in $(seq "$runs"); do
    local out="$tmp/out-$RANDOM-$i"
    local t0 t1
    t0=$(date +%s%N)
    (cd "$dir" && /usr/bin/time -o "$tmp/rss" -f "%M" "$bin" "$@" -o "$out" >/dev/null 2>&1)
    t1=$(date +%s%N)
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}') $(tail -1 "$tmp/rss")"
    rm -rf "$out"
  done | sort -n | awk '{t[NR]=$1; if ($2 > r) r=$2} END {m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f %d\n", m, r}'
}

echo "| run | briefs | Markdown | PDF | PDF per brief | PDF peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
read -r md1 _ <<< "$(median_of . report --as-of 2021-09-30)"
read -r pdf1 rss1 <<< "$(median_of . report --as-of 2021-09-30 --format pdf)"
echo "| the example case | 1 | ${md1} s | ${pdf1} s | ${pdf1} s | $((rss1 / 1024)) MB |"
read -r md10 _ <<< "$(median_of "$tmp/ten" report --as-of 2030-01-01)"
read -r pdf10 rss10 <<< "$(median_of "$tmp/ten" report --as-of 2030-01-01 --format pdf)"
per=$(awk -v a="$pdf10" 'BEGIN {printf "%.3f", a / 10}')
echo "| ten generated cases | 10 | ${md10} s | ${pdf10} s | ${per} s | $((rss10 / 1024)) MB |"
