#!/usr/bin/env bash
# Prints, as Markdown, the machine and the versions a benchmark ran with.
# Usage: machine-info.sh PYTHON NGINX [OCOP_WATCH]
set -uo pipefail
python=$1
nginx=$2
ocop_watch=${3:-}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# shellcheck source=/dev/null
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$repo" status --porcelain 2>/dev/null | head -1)" ] && commit="$commit (with uncommitted changes)"
peers=$("$python" -c 'import sys, scrapy, aiohttp, twisted
print(f"Python {sys.version.split()[0]}, Scrapy {scrapy.__version__} (Twisted {twisted.__version__}), aiohttp {aiohttp.__version__}")' 2>&1)

echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
mhz=$(grep -m1 'cpu MHz' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//; s/\..*//')
echo "- CPU: $cpu${mhz:+ ($mhz MHz)}; nproc: $(nproc); memory: $memory"
echo "- OS: $os; kernel: $(uname -r)"
echo "- $(curl --version | head -1 | awk '{ print $1, $2 ",", $4, $5 }')"
echo "- $("$nginx" -v 2>&1 | sed 's/^nginx version: //')"
echo "- $peers"
echo "- $(swift --version 2>/dev/null | head -1 || echo 'Swift: not installed')"
if [ -n "$ocop_watch" ]; then
  echo "- ocop-watch $("$ocop_watch" --version 2>/dev/null || echo '(version unknown)'), commit $commit"
else
  echo "- ocop-watch: not run; commit $commit"
fi
