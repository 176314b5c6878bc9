#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for SECONDS seconds each (default 60), at the lowest CPU
# priority, with seed corpora collected from the fixtures at run time (never committed):
#   scripts/fuzz.sh [SECONDS] [target...]      targets: dockerfile yaml toml json nginx promql
#                                                       gotemplate pipeline (default: all)
# Expects build-fuzz built (`make fuzz` does both). Each target's figures (executions,
# coverage, features) are printed; a crash leaves its input in build-fuzz/crashes/ and makes
# the script exit 1 (turn the input into a fixture or a regression test).
set -u
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dockerfile yaml toml json nginx promql gotemplate pipeline)

seeds=$build/seeds
crashes=$build/crashes
mkdir -p "$crashes"

# Seeds: fixture files by format (and, for PromQL and templates, the expressions and annotations
# of the Prometheus rule fixtures, one per file).
collect() {  # collect <target> <find arguments...>
  local dir=$seeds/$1
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  local n=0
  while IFS= read -r -d '' f; do
    cp "$f" "$dir/$n"
    n=$((n + 1))
  done < <(find fixtures "$@" -type f -size -64k -print0)
}
collect dockerfile \( -name 'Dockerfile*' -o -name '*.Dockerfile' -o -name '*.dockerfile' \)
collect yaml \( -name '*.yaml' -o -name '*.yml' \)
collect toml -name '*.toml'
collect json -path '*railway*' -name '*.json' ! -name 'expected*'
collect nginx -name '*.conf'
collect pipeline \( -name 'bad*' -o -name 'good*' -o -name 'fixed*' \) ! -name '*.json'
mkdir -p "$seeds/promql" "$seeds/gotemplate"
rm -f "$seeds"/promql/* "$seeds"/gotemplate/*
python3 - "$seeds" <<'PY'
import os, re, sys
seeds = sys.argv[1]
n = m = 0
for root, _, files in os.walk("fixtures/prometheus"):
    for name in files:
        if not name.endswith((".yml", ".yaml")):
            continue
        for line in open(os.path.join(root, name), encoding="utf-8", errors="replace"):
            e = re.match(r"\s*(?:-\s*)?expr:\s*(.+)", line)
            if e:
                open(os.path.join(seeds, "promql", str(n)), "w").write(e.group(1).strip().strip("'\""))
                n += 1
            t = re.match(r"\s*(?:summary|description):\s*(.+)", line)
            if t and "{{" in t.group(1):
                open(os.path.join(seeds, "gotemplate", str(m)), "w").write(t.group(1).strip().strip("'\""))
                m += 1
PY
# The pipeline's first byte picks the kind (see fuzz/pipeline.cpp): prefix each seed with the
# byte of its kind.
python3 - "$seeds/pipeline" <<'PY'
import os, sys
d = sys.argv[1]
kinds = {"dockerfile": 0, "compose": 1, "kubernetes": 2, "nginx": 3, "railway": 4, "prometheus": 6}
for name in os.listdir(d):
    p = os.path.join(d, name)
    data = open(p, "rb").read()
    # The fixture's domain is unknown here; guess from the content.
    t = data.decode("utf-8", "replace")
    if "FROM " in t or "from " in t[:200]:
        k = 0
    elif "apiVersion:" in t:
        k = 2
    elif "services:" in t:
        k = 1
    elif "groups:" in t:
        k = 6
    elif "scrape_configs" in t or "global:" in t:
        k = 7
    elif "[build]" in t or "[deploy]" in t:
        k = 4
    elif t.lstrip().startswith("{"):
        k = 5
    elif "{" in t and ";" in t:
        k = 3
    else:
        k = 0
    open(p, "wb").write(bytes([k]) + data)
PY

# -timeout=30: at nice 19 beside a build, a normal input once took 14 s of wall time; a stopped
# (SIGSTOP) fuzzer also reports its current input as a timeout. Never pause a running fuzzer.
status=0
printf '%-11s %8s %10s %8s %8s %s\n' target seeds execs cov ft result
for t in "${targets[@]}"; do
  bin=$build/fuzz/fuzz_$t
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is missing (make fuzz builds it)" >&2
    status=2
    continue
  fi
  work=$build/corpus/$t
  mkdir -p "$work"
  log=$build/fuzz-$t.log
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    nice -n 19 "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$crashes/$t-" "$work" "$seeds/$t" >"$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  result=ok
  if [ $rc -ne 0 ]; then
    result="CRASH (rc $rc): $(ls -t "$crashes"/"$t"-* 2>/dev/null | head -1), log $log"
    status=1
  fi
  printf '%-11s %8s %10s %8s %8s %s\n' "$t" "$(ls "$seeds/$t" | wc -l)" "${execs:-?}" \
    "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
