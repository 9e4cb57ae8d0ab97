#!/usr/bin/env bash
# OCOP Watch against its peers on the same loopback URLs: `bench/run.sh [N ...]` (default
# 1000 10000 100000). BENCHMARKS.md says what is measured and how to read the tables.
#
# Environment:
#   BENCH_TOOLS="ocop-watch curl aiohttp scrapy"  the tools to run (in this order per N)
#   BENCH_SCRAPY_MAX=N, BENCH_AIOHTTP_MAX=N        skip that peer above N listings (it says so)
#   BENCH_REPEAT=3                                  runs per tool and N, in rounds of one run per tool; the fastest is reported
#   BENCH_WORKERS=1                                 nginx worker processes
#   BENCH_DIR=.build-bench                          venv, corpus and per-run files (gitignored)
#   BENCH_OUT=bench/out                             results.jsonl, results.md, machine.md (gitignored)
#   OCOP_WATCH=path                                 use this binary instead of building one
#   BENCH_PROFILE="1000 10000"                      for these N, profile one extra (untimed) OCOP Watch
#                                                   pass with perf: BENCH_OUT/profile-N.txt
set -euo pipefail
umask 022
# The peers import bench/peers/classify.py; keep the checkout free of __pycache__.
export PYTHONDONTWRITEBYTECODE=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
bench_dir=$(mkdir -p "${BENCH_DIR:-$repo/.build-bench}" && cd "${BENCH_DIR:-$repo/.build-bench}" && pwd)
out=$(mkdir -p "${BENCH_OUT:-$here/out}" && cd "${BENCH_OUT:-$here/out}" && pwd)
venv=$bench_dir/venv
tools=${BENCH_TOOLS:-ocop-watch curl aiohttp scrapy}
repeat=${BENCH_REPEAT:-3}
concurrency=64
batch_size=500
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: '$n' is not a listing count; usage: bench/run.sh [N ...]" >&2; exit 2; }
done
wants() { [[ " $tools " == *" $1 "* ]]; }

say() { printf '\n== %s\n' "$*" >&2; }

# --- what the benchmark needs ----------------------------------------------------------------
say "dependencies"
packages=(curl time procps python3 python3-venv ca-certificates)
command -v nginx >/dev/null 2>&1 || packages+=(nginx-light)
# Building OCOP Watch needs libcurl's headers (`make bench` installs them through `make deps`).
wants ocop-watch && [ -z "${OCOP_WATCH:-}" ] && packages+=(libcurl4-openssl-dev pkgconf)
[ -z "${BENCH_PROFILE:-}" ] || command -v perf >/dev/null 2>&1 || packages+=(linux-perf)
if ! "$repo/scripts/ensure-debian-packages.sh" "${packages[@]}"; then
  # nginx-light is not in every release; plain nginx serves as well.
  packages=("${packages[@]/nginx-light/nginx}")
  "$repo/scripts/ensure-debian-packages.sh" "${packages[@]}"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

if ! "$venv/bin/python" -c 'import scrapy, aiohttp' 2>/dev/null; then
  echo "Creating $venv with Scrapy and aiohttp from PyPI" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi

ocop_watch=""
interpret_bench=""
if wants ocop-watch; then
  if [ -n "${OCOP_WATCH:-}" ]; then
    ocop_watch=$OCOP_WATCH
    interpret_bench=$(dirname "$ocop_watch")/interpret-bench
  else
    say "building ocop-watch and interpret-bench (release)"
    # As `make release` builds it: RELEASE_FLAGS from the Makefile (docs/0012, docs/0016).
    flags=(${RELEASE_FLAGS:-$(sed -n 's/^RELEASE_FLAGS ?= //p' "$repo/Makefile")})
    (cd "$repo" && swift build "${flags[@]}" --product ocop-watch && swift build "${flags[@]}" --product interpret-bench)
    ocop_watch="$(cd "$repo" && swift build "${flags[@]}" --show-bin-path)/ocop-watch"
    interpret_bench="$(cd "$repo" && swift build "${flags[@]}" --show-bin-path)/interpret-bench"
    # Whether lld laid the binary out as Linking/ocop-watch.order says (docs/0016).
    (cd "$repo" && scripts/symbol-order.sh --check 2>/dev/null) || echo "bench: the release binary ignores Linking/ocop-watch.order; its memory figures will be higher" >&2
  fi
  [ -x "$ocop_watch" ] || { echo "bench: no ocop-watch binary at $ocop_watch" >&2; exit 1; }
fi

# --- the machine -----------------------------------------------------------------------------
"$here/machine-info.sh" "$venv/bin/python" "$nginx_bin" "$ocop_watch" >"$out/machine.md"
# The commit the measured binary was built from, read now: files edited while the run goes on
# do not change what was measured.
built_from=$(sed -n 's/^- ocop-watch .*, commit //p' "$out/machine.md" | head -1)
cat "$out/machine.md" >&2

# --- corpus and server -----------------------------------------------------------------------
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
say "corpus: bodies for $largest listings in $bench_dir/corpus/docroot (kept between runs)"
python3 "$here/make-corpus.py" --root "$bench_dir/corpus" --bodies "$largest"

prefix=$(mktemp -d "${TMPDIR:-/tmp}/ocop-bench-nginx.XXXXXX")
stop_nginx() {
  if [ -s "$prefix/nginx.pid" ]; then
    kill -QUIT "$(cat "$prefix/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -e "$prefix/nginx.pid" ] || break; sleep 0.1; done
  fi
  rm -rf "$prefix"
}
trap stop_nginx EXIT
trap 'exit 130' INT TERM
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# As root nginx drops its workers to nobody, who may not be able to reach a checkout under /root.
user_directive=""
[ "$(id -u)" -eq 0 ] && user_directive="user root;"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@DOCROOT@|$bench_dir/corpus/docroot|g" \
  -e "s|@WORKERS@|${BENCH_WORKERS:-1}|g" -e "s|^daemon on;|&\n$user_directive|" \
  "$here/nginx.conf.template" >"$prefix/nginx.conf"
"$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
base_url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -s -o /dev/null "$base_url/" && break; sleep 0.1; done
echo "nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||') serving $base_url (pid $(cat "$prefix/nginx.pid"))" >&2

# --- one timed run ---------------------------------------------------------------------------
results=$out/results.jsonl
: >"$results"
failures=0

# record N TOOL RUN_DIR COUNTS_JSON|"" [SKIP_REASON]: one line of results.jsonl, checked against truth.
record() {
  python3 "$here/report.py" record --results "$results" --n "$1" --tool "$2" --run-dir "$3" \
    --counts "$4" --round "${round:-1}" ${5:+--skipped "$5"} || failures=$((failures + 1))
}

# CPU seconds nginx's master and workers have used so far.
server_cpu() {
  local master
  master=$(cat "$prefix/nginx.pid")
  # shellcheck disable=SC2046
  awk -v hz="$(getconf CLK_TCK)" '{ ticks += $14 + $15 } END { printf "%.2f", ticks / hz }' \
    "/proc/$master/stat" $(pgrep -P "$master" | sed 's|.*|/proc/&/stat|')
}

# timed RUN_DIR TOOL COMMAND...: runs it under /usr/bin/time into RUN_DIR/TOOL.{time,out,err};
# TOOL.wall holds the wall time in seconds (finer than time's 10 ms), TOOL.server nginx's CPU.
timed() {
  local run_dir=$1 tool=$2 start end server_before
  shift 2
  # Write back what earlier steps left dirty (OCOP Watch's untimed catalog import, the Python
  # peers' SQLite files) so that no timed run pays for another step's writes (docs/0012).
  sync
  server_before=$(server_cpu)
  start=$(date +%s%N)
  /usr/bin/time -f '%e %U %S %M' -o "$run_dir/$tool.time" "$@" >"$run_dir/$tool.out" 2>"$run_dir/$tool.err" || {
    echo "bench: $tool exited with status $? (stderr: $run_dir/$tool.err)" >&2
    tail -5 "$run_dir/$tool.err" >&2
  }
  end=$(date +%s%N)
  if grep -qE '\[(crit|alert|emerg)\]' "$prefix/error.log"; then
    echo "!!!!! nginx reported errors during $tool; its answers are suspect:" >&2
    grep -E '\[(crit|alert|emerg)\]' "$prefix/error.log" | sed 's/^[^[]*//' | sort | uniq -c | sort -rn | awk 'NR <= 3' >&2
    : >"$prefix/error.log"
  fi
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }' >"$run_dir/$tool.wall"
  awk -v before="$server_before" -v after="$(server_cpu)" 'BEGIN { printf "%.2f\n", after - before }' \
    >"$run_dir/$tool.server"
}

run_curl() {
  local run_dir=$1
  awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$run_dir/urls.txt" >"$run_dir/curl.config"
  timed "$run_dir" curl curl --parallel --parallel-max "$concurrency" --no-progress-meter -K "$run_dir/curl.config" \
    -w '%{http_code}\n'
  sort "$run_dir/curl.out" | uniq -c | awk '
    { counts[$2] = $1 }
    END { printf "{\"http_200\": %d, \"not_found\": %d}", counts["200"], counts["404"] }'
}

run_ocop_watch() {
  local run_dir=$1
  rm -rf "$run_dir/state" "$run_dir/logs"
  timed "$run_dir" ocop-watch-import "$ocop_watch" catalog import --config "$run_dir/ocop-watch.yaml" \
    "$run_dir/catalog/producers.csv" "$run_dir/catalog/products.csv" "$run_dir/catalog/listings.csv"
  timed "$run_dir" ocop-watch "$ocop_watch" sync --once --config "$run_dir/ocop-watch.yaml"
  python3 "$here/report.py" store-counts "$run_dir/state/ocop-watch.sqlite"
}

run_python_peer() {
  local run_dir=$1 tool=$2 script=$3
  rm -f "$run_dir/$tool.sqlite"*
  timed "$run_dir" "$tool" "$venv/bin/python" "$here/peers/$script" "$run_dir/urls.txt" "$run_dir/$tool.sqlite" \
    --concurrency "$concurrency" --batch-size "$batch_size"
  tail -1 "$run_dir/$tool.out"
}

# profile_ocop_watch RUN_DIR N: one more pass under `perf record`, summarised in BENCH_OUT/profile-N.txt.
profile_ocop_watch() {
  local run_dir=$1 n=$2 report=$out/profile-$2.txt
  rm -rf "$run_dir/state" "$run_dir/logs"
  "$ocop_watch" catalog import --config "$run_dir/ocop-watch.yaml" "$run_dir/catalog/producers.csv" \
    "$run_dir/catalog/products.csv" "$run_dir/catalog/listings.csv" >/dev/null 2>&1
  perf record -F 499 -g -o "$run_dir/perf.data" "$ocop_watch" sync --once --config "$run_dir/ocop-watch.yaml" \
    >/dev/null 2>"$run_dir/perf.err"
  {
    echo "# perf profile of ocop-watch sync --once, $n listings (sampled at 499 Hz, call graphs by frame pointer)"
    echo
    echo "## Inclusive (children), top 60"
    perf report -i "$run_dir/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
      grep -E '^ +[0-9.]+%' | awk 'NR <= 60' | swift demangle --simplified
    echo
    echo "## Self, top 30"
    perf report -i "$run_dir/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
      grep -E '^ +[0-9.]+%' | awk 'NR <= 30' | swift demangle --simplified
  } >"$report"
  echo "profile: $report" >&2
}

# --- the runs --------------------------------------------------------------------------------
for n in "${sizes[@]}"; do
  run_dir=$bench_dir/run-$n
  rm -rf "$run_dir"
  mkdir -p "$run_dir"
  say "N = $n"
  python3 "$here/make-corpus.py" --root "$bench_dir/corpus" --count "$n" --run-dir "$run_dir" \
    --base-url "$base_url" --batch-size "$batch_size" >"$run_dir/truth.line"
  # One untimed pass so that no tool pays for reading the corpus from disk.
  awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$run_dir/urls.txt" >"$run_dir/warm.config"
  curl --parallel --parallel-max "$concurrency" --no-progress-meter -K "$run_dir/warm.config" || true
  # Round by round, each tool once per round: a spell in which this shared machine runs slower
  # then falls on every tool alike instead of on one tool's runs (docs/0012, sixth round).
  for round in $(seq "$repeat"); do
    for tool in $tools; do
      case $tool in
        curl)
          echo "curl --parallel --parallel-max $concurrency ($n URLs)" >&2
          record "$n" curl "$run_dir" "$(run_curl "$run_dir")"
          ;;
        ocop-watch)
          echo "ocop-watch sync --once ($n listings)" >&2
          record "$n" ocop-watch "$run_dir" "$(run_ocop_watch "$run_dir")"
          ;;
        aiohttp | scrapy)
          limit_var="BENCH_$(echo "$tool" | tr '[:lower:]' '[:upper:]')_MAX"
          limit=${!limit_var:-}
          if [ -n "$limit" ] && [ "$n" -gt "$limit" ]; then
            if [ "$round" -eq 1 ]; then
              echo "$tool: SKIPPED at N = $n ($limit_var=$limit)" >&2
              record "$n" "$tool" "$run_dir" "" "$limit_var=$limit"
            fi
            continue
          fi
          echo "$tool ($n URLs)" >&2
          record "$n" "$tool" "$run_dir" "$(run_python_peer "$run_dir" "$tool" "${tool}_check.py")"
          ;;
        *)
          echo "bench: unknown tool '$tool' in BENCH_TOOLS (ocop-watch, curl, aiohttp, scrapy)" >&2
          exit 2
          ;;
      esac
    done
  done
  if wants ocop-watch && [ "$n" -eq "$largest" ]; then
    # `coverage` as an operator types it (the table), and the JSON document a program would read.
    for run in $(seq "$repeat"); do
      echo "ocop-watch coverage (after the $n-listing pass)" >&2
      timed "$run_dir" coverage "$ocop_watch" coverage --config "$run_dir/ocop-watch.yaml"
      python3 "$here/report.py" record --results "$results" --n "$n" --tool coverage --run-dir "$run_dir" --counts "" \
        || failures=$((failures + 1))
      echo "ocop-watch coverage --format json (after the $n-listing pass)" >&2
      timed "$run_dir" coverage-json "$ocop_watch" coverage --config "$run_dir/ocop-watch.yaml" --format json
      python3 "$here/report.py" record --results "$results" --n "$n" --tool coverage-json --run-dir "$run_dir" \
        --counts "" || failures=$((failures + 1))
    done
  fi
  if wants ocop-watch && [[ " ${BENCH_PROFILE:-} " == *" $n "* ]]; then
    profile_ocop_watch "$run_dir" "$n"
  fi
done

# --- one page, no network: what interpreting a 300 KB product page costs ---------------------
if [ -n "$interpret_bench" ]; then
  if [ -x "$interpret_bench" ]; then
    say "interpreting 300 KB pages (interpret-bench)"
    "$interpret_bench" >"$out/interpret.md"
  else
    echo "bench: no interpret-bench beside $ocop_watch; build it with swift build -c release --static-swift-stdlib --product interpret-bench" >&2
    : >"$out/interpret.md"
  fi
fi

say "results"
{
  python3 "$here/report.py" tables --results "$results" --machine "$out/machine.md"
  if [ -s "$out/interpret.md" ]; then
    printf '\n### Interpreting one page (no network)\n\n'
    cat "$out/interpret.md"
  fi
} | tee "$out/results.md"
echo "(also in $out/results.md; raw runs in $results)" >&2
if [ "${BENCH_RECORD:-1}" != 0 ]; then
  python3 "$here/report.py" publish --benchmarks "$repo/BENCHMARKS.md" --tables "$out/results.md" \
    --commit "$built_from" \
    --command "BENCH_REPEAT=$repeat bench/run.sh ${sizes[*]}" --when "$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "(and in BENCHMARKS.md, section \"Latest run\"; BENCH_RECORD=0 leaves it alone)" >&2
fi
if [ "$failures" -gt 0 ]; then
  echo "bench: $failures run(s) failed or gave WRONG COUNTS; see above" >&2
  exit 1
fi
