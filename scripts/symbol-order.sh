#!/usr/bin/env bash
# Writes Linking/ocop-watch.order, the functions the demo's commands run, hottest first, which lld
# places side by side in the release binary (docs/0016). Rerun it after large changes to the
# checking path; a stale list only places fewer functions together, it never breaks a build.
#
#   scripts/symbol-order.sh           # needs valgrind (Debian: apt-get install valgrind)
#   scripts/symbol-order.sh --check   # does the release binary follow the list, and how much of it
#                                     # does it still have
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
order=Linking/ocop-watch.order
flags=(${RELEASE_FLAGS:-$(sed -n 's/^RELEASE_FLAGS ?= //p' Makefile)})
swift build "${flags[@]}" --product ocop-watch >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/ocop-watch"

if [ "${1:-}" = "--check" ]; then
  # Whether the list still names the binary's functions, and whether lld followed it: the first
  # function listed must open the code section. One read of the (large) symbol table serves both.
  table=$(mktemp)
  nm "$bin" >"$table"
  listed=$(grep -cv '^#' "$order")
  found=$(grep -v '^#' "$order" | sort -u | comm -12 - <(awk '{ print $NF }' "$table" | sort -u) | wc -l)
  first=$(awk '!/^#/ { print; exit }' "$order")
  text=$(readelf -SW "$bin" | sed -n 's/.* \.text  *PROGBITS  *\([0-9a-f]*\) .*/\1/p')
  at=$(awk -v name="$first" '$3 == name { print $1 }' "$table")
  rm -f "$table"
  placed=no
  [ -n "$at" ] && [ $((16#$at)) -eq $((16#$text)) ] && placed=yes
  echo "symbol order: $found of $listed listed functions are in the binary; the list was followed: $placed"
  [ "$placed" = yes ]
  exit
fi

command -v valgrind >/dev/null || { echo "symbol-order: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
swift build --product mock-marketplace >&2
work=$(mktemp -d)
mock=
trap '[ -n "$mock" ] && kill $mock 2>/dev/null; rm -rf "$work"' EXIT
# Valgrind cannot read the toolchain's DWARF 5; the symbol table is all it needs here.
strip --strip-debug -o "$work/ocop-watch" "$bin"

.build/debug/mock-marketplace --scenario Config/demo/scenario.json --port 0 --port-file "$work/port" >"$work/mock.log" 2>&1 &
mock=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "symbol-order: mock-marketplace did not start" >&2; cat "$work/mock.log" >&2; exit 1; }
# The demo's config, its paths made absolute: state and logs in $work, the catalog and feeds in Config/demo.
sed -e "s|\.\./\.demo/|$work/|g" -e "s|\bdemo/|$repo/Config/demo/|g" -e "s|\[demo\]|[$repo/Config/demo]|g" \
  -e "s|18480|$(cat "$work/port")|g" Config/demo.yaml >"$work/demo.yaml"
chmod o-r "$work/demo.yaml"

# The pass first: its functions lead the list. Then what the reports add.
run=0
for command in "sync --once" "coverage" "coverage --format json" "report" "alerts"; do
  run=$((run + 1))
  echo "symbol-order: callgrind ocop-watch $command" >&2
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/run.$run" \
    "$work/ocop-watch" $command --config "$work/demo.yaml" >/dev/null 2>"$work/valgrind.$run"
done

for i in $(seq 1 $run); do
  callgrind_annotate --threshold=100 --inclusive=no "$work/run.$i" >"$work/annotated.$i"
done
python3 - "$work" "$run" "$order" <<'PY'
import re, sys
work, runs, order = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# callgrind_annotate's lines: "  1,234 ( 0.01%)  ???:NAME [OBJECT]", costliest first.
line_pattern = re.compile(r"^\s*[\d,]+ \([ \d.]+%\)\s+\S*?:(\S+) \[(.*)\]$")
listed, seen = [], set()
for run in range(1, runs + 1):
    for line in open(f"{work}/annotated.{run}", errors="replace"):
        match = line_pattern.match(line.rstrip("\n"))
        if not match or match.group(2) != f"{work}/ocop-watch":
            continue
        name = re.sub(r"'\d+$", "", match.group(1))  # callgrind's recursion levels
        if name.startswith("0x") or name in seen:
            continue
        seen.add(name)
        listed.append(name)
with open(order, "w") as file:
    file.write("# Written by scripts/symbol-order.sh; lld places these functions first, in this order (docs/0016).\n")
    file.write("\n".join(listed) + "\n")
print(f"symbol-order: {len(listed)} functions written to {order}", file=sys.stderr)
PY
# SwiftPM does not know the list is an input of the link: make the next build link again.
rm -f "$bin"
