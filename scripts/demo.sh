#!/usr/bin/env bash
# Runs one real sync pass of the demo: the mock marketplace on loopback, then `ocop-watch sync --once`.
set -euo pipefail
bin=${1:-.build/debug}
port=${2:-18480}
cd "$(dirname "$0")/.."
mkdir -p .demo
# A config that other users can read draws a warning (it may hold proxy credentials): keep the demo's private.
chmod o-r Config/demo.yaml
port_file=.demo/mock.port
rm -f "$port_file"
"$bin/mock-marketplace" --scenario Config/demo/scenario.json --port "$port" --port-file "$port_file" >.demo/mock.log 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true; wait $mock 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$port_file" ] && break
  kill -0 $mock 2>/dev/null || { echo "mock-marketplace failed to start:"; cat .demo/mock.log; exit 1; }
  sleep 0.1
done
[ -s "$port_file" ] || { echo "mock-marketplace did not start within 10 s"; exit 1; }
start=$(date +%s.%N)
"$bin/ocop-watch" sync --once --config Config/demo.yaml
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v r="$(pwd)/.demo/state/report.html" 'BEGIN { printf "\nsync --once took %.1f s. Report: %s\n", e - s, r }' 
echo "Explain one product:  $bin/ocop-watch coverage --config Config/demo.yaml --explain DT-P-000001"
