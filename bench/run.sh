#!/usr/bin/env bash
# Benchmarks (not part of the test suite). Usage: bench/run.sh [RUNS] [SIZE[:RUNS]...], e.g. bench/run.sh 5 1:15 100:15
# 1000 10000 (15 runs of the short sizes, 5 of the others).
# Builds release binaries, generates deterministic corpora (seed 7) under target/bench/, and times, for each size:
# the floor (parse-floor: the same files into serde-saphyr's IgnoredAny, single-threaded), `check`, `report` into an
# empty folder (one new brief per case), `report` again into the folder of the previous run (the briefs are unchanged,
# so no file is rewritten), and `report -o -` into /dev/null (the same work without any file). The commands take turns within each run, so a
# slow moment of the machine hits all of them alike. Prints a Markdown table (median wall time, min–max, median of the
# per-run ratios to the floor, peak RSS) and the growth from one size to the next. Needs GNU time (/usr/bin/time).
# Output folders are deleted only when the script ends: ext4 without a journal skips inodes freed in the last five
# minutes when it creates files, so creating briefs soon after deleting thousands is several times slower. For the
# same reason, leave five minutes between a run of this script (or any large deletion) and the next.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; shift || true
sizes=("${@:-1 100 1000 10000}")
read -r -a sizes <<< "${sizes[*]}"
default_runs=$runs
cargo build --release --locked --quiet --bin rexieshang --example gen-corpus --example parse-floor
bin=target/release/rexieshang
floor=target/release/examples/parse-floor
asof=2030-01-01
tmp=$(mktemp -d)
outputs=()
trap 'rm -rf "$tmp" "${outputs[@]}"' EXIT

# timed NAME CMD... → appends "seconds maxrss_kb" to $tmp/NAME
timed() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -o "$tmp/rss" -f "%M" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}') $(tail -1 "$tmp/rss")" >> "$tmp/$name"
}

# stats NAME → "median min max max_rss"
stats() {
  sort -n "$tmp/$1" | awk '{t[NR]=$1; if ($2 > r) r=$2} END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%.4f %.4f %.4f %d\n", m, t[1], t[NR], r }'
}

# ratio NAME → median over runs of NAME_i / floor_i
ratio() {
  paste "$tmp/$1" "$tmp/floor" | awk '{print $1 / $3}' | sort -n | awk '{a[NR]=$1} END {
    printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo "| cases | files | MB | floor s, median (min–max) | check s | check/floor | report, new briefs s | /floor | report, unchanged briefs s | /floor | report to /dev/null s | /floor | report peak RSS MB |"
echo "|---:|---:|---:|---|---|---:|---|---:|---|---:|---|---:|---:|"
growth=()
prev=""
for size in "${sizes[@]}"; do
  n=${size%%:*}
  runs=$default_runs
  [ "$size" = "$n" ] || runs=${size#*:}
  dir=target/bench/c$n
  out=target/bench/out-c$n
  fresh=target/bench/fresh-$$-c$n
  [ -d "$dir" ] || target/release/examples/gen-corpus --cases "$n" --seed 7 "$dir" >/dev/null
  files=$(find "$dir" -name '*.yaml' | wc -l)
  mb=$(du -sm "$dir" | cut -f1)
  rm -f "$tmp"/floor "$tmp"/check "$tmp"/report "$tmp"/rerun "$tmp"/stdout
  # Warm-up: the page cache holds the corpus, and the output folder holds the briefs of an earlier run.
  "$floor" "$dir" >/dev/null
  "$bin" report --repo "$dir" --as-of "$asof" -o "$out" >/dev/null 2>&1 || true
  for i in $(seq "$runs"); do
    timed floor "$floor" "$dir"
    timed check "$bin" check "$dir" --as-of "$asof"
    # A new folder each run, all deleted at the end: creating files just after deleting as many is slower on ext4
    # (new inodes skip recently freed ones), which a secretary's briefs folder does not see.
    timed report "$bin" report --repo "$dir" --as-of "$asof" -o "$fresh-$i"
    timed rerun "$bin" report --repo "$dir" --as-of "$asof" -o "$out"
    timed stdout "$bin" report --repo "$dir" --as-of "$asof" -o -
  done
  read -r fm fa fb _ < <(stats floor)
  read -r cm ca cb _ < <(stats check)
  read -r rm ra rb rr < <(stats report)
  read -r um ua ub _ < <(stats rerun)
  read -r sm sa sb _ < <(stats stdout)
  printf "| %d | %d | %d | %.4f (%.4f–%.4f) | %.4f (%.4f–%.4f) | %s | %.4f (%.4f–%.4f) | %s | %.4f (%.4f–%.4f) | %s | %.4f (%.4f–%.4f) | %s | %.1f |\n" \
    "$n" "$files" "$mb" "$fm" "$fa" "$fb" "$cm" "$ca" "$cb" "$(ratio check)" "$rm" "$ra" "$rb" "$(ratio report)" \
    "$um" "$ua" "$ub" "$(ratio rerun)" "$sm" "$sa" "$sb" "$(ratio stdout)" "$(awk -v r="$rr" 'BEGIN {print r / 1024}')"
  if [ -n "$prev" ]; then
    read -r pn pf pc pr ps <<< "$prev"
    growth+=("$(awk -v pn="$pn" -v n="$n" -v pf="$pf" -v f="$fm" -v pc="$pc" -v c="$cm" -v pr="$pr" -v r="$rm" -v ps="$ps" -v s="$sm" \
      'BEGIN {printf "| %d → %d | %.1f× | %.1f× | %.1f× | %.1f× | %.1f× |", pn, n, n / pn, f / pf, c / pc, r / pr, s / ps}')")
  fi
  prev="$n $fm $cm $rm $sm"
  outputs+=("$out" "$fresh"-*)
done
if [ "${#growth[@]}" -gt 0 ]; then
  echo
  echo "| cases | growth | floor | check | report, new briefs | report to /dev/null |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${growth[@]}"
fi
