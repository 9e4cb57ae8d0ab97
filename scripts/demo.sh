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
  kill -0 $mock 2>/dev/null || {
    echo "mock-marketplace failed to start on port $port:"
    cat .demo/mock.log
    echo "If the port is taken, run \`make demo DEMO_PORT=0\` to use any free port."
    exit 1
  }
  sleep 0.1
done
[ -s "$port_file" ] || { echo "mock-marketplace did not start within 10 s"; exit 1; }
# Config/demo.yaml names port 18480. On another port (DEMO_PORT=0 takes any free one) the demo
# runs on a copy in .demo/ that names the mock's port, its paths made relative to .demo/.
config=Config/demo.yaml
listening=$(cat "$port_file")
if [ "$listening" != 18480 ]; then
  config=.demo/demo.yaml
  sed -e "s|\.\./\.demo/||g" -e "s|\bdemo/|../Config/demo/|g" -e "s|\[demo\]|[../Config/demo]|g" \
    -e "s|127\.0\.0\.1:18480|127.0.0.1:$listening|g" Config/demo.yaml >"$config"
  chmod o-r "$config"
fi
start=$(date +%s.%N)
"$bin/ocop-watch" sync --once --config "$config"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v r="$(pwd)/.demo/state/report.html" 'BEGIN { printf "\nsync --once took %.1f s. Report: %s\n", e - s, r }' 
echo "Explain one product:  $bin/ocop-watch coverage --config $config --explain DT-P-000001"
