#!/usr/bin/env bash
# Export benchmark: the whole graph of the database NEO4J_URI names (e.g. the
# 1M-relationship set of bench/load.sh), in every format, each from a freshly
# started server: wall time, size, and the server's peak memory (VmHWM).
# Usage: bench/export.sh [PORT]   (NEO4J_* in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18091}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "format | wall s | MB written | server peak RSS MB (idle)"
for f in graphml gexf cytoscape csv ftm; do
  bin/silkgraph serve --log-level warn --rate-limit 0 --listen "127.0.0.1:$port" &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
  idle=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
  start=$(date +%s.%N)
  curl -sf -o "$out/export" "http://127.0.0.1:$port/export/$f"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" || true
  printf '%s | %.1f | %d | %d (%d)\n' "$f" "$wall" "$(($(stat -c %s "$out/export") / 1000000))" "$peak" "$idle"
done
