#!/usr/bin/env bash
# API latency benchmark: p50/p99 and throughput of each GraphQL operation,
# against the same store method called directly through the Go driver
# ("raw": the same Cypher, no GraphQL, no HTTP) and against the HTTP floor
# (`silkbench -serve-floor`: a bare HTTP handler in a process of its own
# that makes the raw call and writes our API's answer, pre-rendered; the
# least any HTTP API over this store could cost). Runs on the seed graph, then
# on a synthetic 1,000,000-relationship graph, in a dedicated local Neo4j
# (.neo4j-bench/, port 7689 or BENCH_NEO4J_PORT, reset first).
# Usage: bench/api.sh [DURATION] [CONCURRENCY]   (make bench-api)
#   e.g. bench/api.sh 5s 1,8,32; SKIP_SYNTHETIC=1 measures the seed graph only;
#   BENCH_ROUNDS=3 runs each cell three times, API, floor and raw taking
#   turns, and reports the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
duration="${1:-5s}"
levels="${2:-1,8,32}"
export SILKGRAPH_NEO4J_HOME="$PWD/.neo4j-bench" NEO4J_LOCAL_PORT="${BENCH_NEO4J_PORT:-7689}"
export NEO4J_HEAP="${NEO4J_HEAP:-2g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-2g}"
go build -o bin/silkgraph ./cmd/silkgraph
go build -o bin/silkbench ./cmd/silkbench
trap stop_server_and_neo4j EXIT
fresh_neo4j
port="$(free_port)"
url="http://127.0.0.1:$port/graphql"
bin/silkgraph serve --log-level warn --rate-limit 0 --listen "127.0.0.1:$port" --migrate --load seed/ &
server=$!
wait_for "silkgraph serve" "$server" curl -fsS "http://127.0.0.1:$port/readyz"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version | cut -d' ' -f3); neo4j ${NEO4J_LOCAL_VERSION:-5.26.30}, heap $NEO4J_HEAP, page cache $NEO4J_PAGECACHE"
rounds="${BENCH_ROUNDS:-1}"
floor_url="http://127.0.0.1:$(free_port)"
# measure DATASET: starts the floor for the graph as it is now, measures,
# stops the floor.
measure() {
  bin/silkbench -serve-floor "${floor_url#http://}" -url "$url" -dataset "$1" &
  floor=$!
  wait_for "silkbench -serve-floor" "$floor" curl -fsS "$floor_url/readyz"
  bin/silkbench -url "$url" -floor-url "$floor_url" -modes api,floor,raw -dataset "$1" \
    -concurrency "$levels" -duration "$duration" -rounds "$rounds"
  kill "$floor"; wait "$floor" || true
  floor=""
}
echo "== seed graph"
measure seed
[[ -n "${SKIP_SYNTHETIC:-}" ]] && exit 0
echo "== synthetic graph (100,000 entities, 1,000,000 relationships, plus the seed)"
bin/silkgraph gen --entities 100000 --relationships 1000000 --out bench/data/api-1000000
bin/silkgraph load --log-level warn --dataset bench bench/data/api-1000000
measure synthetic
