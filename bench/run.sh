#!/usr/bin/env bash
# Benchmarks (not part of the test suite). Usage: bench/run.sh [RUNS] [SIZES...]
# Builds release binaries, generates deterministic corpora (seed 7) under target/bench/, and times, for each size:
# `check` and `report` over all cases, and the floor (parse-floor: the same files into serde-saphyr's IgnoredAny,
# single-threaded). Prints a Markdown table: median wall time, min–max spread, peak RSS, and ratios to the floor
# measured in the same run. Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; shift || true
sizes=("${@:-1 100 1000 10000}")
read -r -a sizes <<< "${sizes[*]}"
cargo build --release --locked --quiet --bin rexieshang --example gen-corpus --example parse-floor
bin=target/release/rexieshang
floor=target/release/examples/parse-floor
asof=2030-01-01

# measure NAME CMD... → "median min max maxrss_kb" over $runs runs
measure() {
  local times=() rss=0 tmp
  tmp=$(mktemp)
  for _ in $(seq "$runs"); do
    rm -rf target/bench/out
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -o "$tmp" -f "%M" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')")
    local r; r=$(tail -1 "$tmp")
    (( r > rss )) && rss=$r
  done
  rm -f "$tmp"
  printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f %.4f %.4f %d\n", m, a[1], a[NR], rss}'
}

echo "| cases | files | MB | floor s, median (min–max) | check s | check/floor | report s | report/floor | report peak RSS MB |"
echo "|---:|---:|---:|---|---|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  dir=target/bench/c$n
  [ -d "$dir" ] || target/release/examples/gen-corpus --cases "$n" --seed 7 "$dir" >/dev/null
  files=$(find "$dir" -name '*.yaml' | wc -l)
  mb=$(du -sm "$dir" | cut -f1)
  read -r fm fa fb _ < <(measure "$floor" "$dir")
  read -r cm ca cb _ < <(measure "$bin" check "$dir" --as-of "$asof")
  read -r rm ra rb rr < <(measure "$bin" report --repo "$dir" --as-of "$asof" -o target/bench/out)
  awk -v n="$n" -v f="$files" -v mb="$mb" -v fm="$fm" -v fa="$fa" -v fb="$fb" -v cm="$cm" -v ca="$ca" -v cb="$cb" \
      -v rm="$rm" -v ra="$ra" -v rb="$rb" -v rr="$rr" 'BEGIN {
    printf "| %d | %d | %d | %.4f (%.4f–%.4f) | %.4f (%.4f–%.4f) | %.2f | %.4f (%.4f–%.4f) | %.2f | %.1f |\n",
      n, f, mb, fm, fa, fb, cm, ca, cb, (fm > 0 ? cm / fm : 0), rm, ra, rb, (fm > 0 ? rm / fm : 0), rr / 1024 }'
done
