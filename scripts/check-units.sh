#!/usr/bin/env bash
# Checks the systemd units in systemd/ the way CI does:
#   1. `systemd-analyze verify` must print NOTHING (it exits 0 on unknown keys and unparsable
#      values, so any output is a failure);
#   2. `systemd-analyze security --offline` must rate both services at 2.0 or better.
# verify insists that ExecStart= exists and is executable, so the units are checked from a
# temporary copy whose ExecStart= points at BINARY (a freshly built ocop-watch, or /bin/true).
#
# Usage: scripts/check-units.sh BINARY
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BINARY   (the ocop-watch executable to put in ExecStart=, e.g. .build/debug/ocop-watch)" >&2
    exit 2
fi
binary=$(realpath -- "$1" 2>/dev/null || true)
if [[ -z "$binary" || ! -x "$binary" || -d "$binary" ]]; then
    echo "check-units: $1 is not an executable file" >&2
    exit 2
fi
if ! command -v systemd-analyze >/dev/null; then
    echo "check-units: systemd-analyze not found; install the systemd package (apt-get install systemd)" >&2
    exit 2
fi

units_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../systemd" && pwd)
services=(ocop-watch.service ocop-watch-sync.service)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

for unit in "${services[@]}" ocop-watch-sync.timer; do
    cp -- "$units_dir/$unit" "$work/$unit"
done
for service in "${services[@]}"; do
    # Replace the program, keep its arguments.
    sed -i -E "s|^ExecStart=[^ ]+|ExecStart=${binary//|/\\|}|" "$work/$service"
    if ! grep -q "^ExecStart=$binary" "$work/$service"; then
        echo "check-units: $service has no ExecStart= line to rewrite" >&2
        exit 1
    fi
done

failed=0
echo "== systemd-analyze verify"
verify_output=$(systemd-analyze verify --man=no "${services[@]/#/$work/}" "$work/ocop-watch-sync.timer" 2>&1) \
    || verify_status=$?
if [[ -n "$verify_output" || ${verify_status:-0} -ne 0 ]]; then
    printf '%s\n' "$verify_output" | sed "s|$work/||g"
    echo "FAIL: verify printed the above (exit ${verify_status:-0}); every line is a problem to fix" >&2
    failed=1
else
    echo "ok: no output"
fi

echo "== systemd-analyze security (threshold 2.0)"
for service in "${services[@]}"; do
    security_status=0
    security_output=$(systemd-analyze security --offline=true --man=no --threshold=20 "$work/$service" 2>&1) \
        || security_status=$?
    exposure=$(printf '%s\n' "$security_output" | grep -E 'Overall exposure level' | sed -E 's/.*Overall exposure level for [^:]*: *//' || true)
    if [[ $security_status -ne 0 || -z "$exposure" ]]; then
        printf '%s\n' "$security_output" | sed "s|$work/||g"
        echo "FAIL: $service exposure ${exposure:-unknown} (exit $security_status); the ✗ lines above say what to harden" >&2
        failed=1
    else
        echo "ok: $service exposure $exposure"
    fi
done

exit $failed
