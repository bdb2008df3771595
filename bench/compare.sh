#!/usr/bin/env bash
# Side-by-side benchmark (make bench): our GraphQL API, the Neo4j GraphQL
# Library (@neo4j/graphql on Apollo Server, bench/neo4j-graphql) serving the
# same database, and raw Cypher through the Go driver as the floor. For each
# graph size: generate a synthetic graph (silkgraph gen, 1 entity per 10
# relationships), reset the dedicated bench Neo4j (.neo4j-bench/), migrate,
# load, start both servers on loopback, and run the same workload against
# each at every concurrency level for a fixed time (cmd/silkbench: the
# queries of both sides are in one table, cmd/silkbench/workload.go).
#
# Usage: bench/compare.sh   (make bench)
# Environment (all optional):
#   BENCH_SIZES        relationships per graph, comma-separated (default 10000,100000,1000000)
#   BENCH_DURATION     measuring time of each cell (default 10s)
#   BENCH_CONCURRENCY  clients, comma-separated (default 1,8,32)
#   BENCH_ROUNDS       runs of each cell, the three sides taking turns; figures are medians (default 1)
#   BENCH_OPS          operations (default entity,search,neighborhood,supplyChains,paths)
#   BENCH_NOTE         a sentence printed under the report's heading (e.g. "Smoke run: ...")
#   BENCH_DOCS         1 (default): also write the report into docs/benchmarks.md, between
#                      the compare:begin and compare:end markers; 0: print only
#   BENCH_NEO4J_PORT   Bolt port of the bench Neo4j (default 7689); NEO4J_HEAP, NEO4J_PAGECACHE (default 2g each)
# A quick run: BENCH_SIZES=10000 BENCH_DURATION=2s BENCH_CONCURRENCY=1,8 make bench
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
sizes="${BENCH_SIZES:-10000,100000,1000000}"
duration="${BENCH_DURATION:-10s}"
levels="${BENCH_CONCURRENCY:-1,8,32}"
ops="${BENCH_OPS:-entity,search,neighborhood,supplyChains,paths}"
export SILKGRAPH_NEO4J_HOME="$PWD/.neo4j-bench" NEO4J_LOCAL_PORT="${BENCH_NEO4J_PORT:-7689}"
export NEO4J_HEAP="${NEO4J_HEAP:-2g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-2g}"
lib_dir=bench/neo4j-graphql

go build -o bin/silkgraph ./cmd/silkgraph
go build -o bin/silkbench ./cmd/silkbench
(cd "$lib_dir" && npm ci --no-audit --no-fund --loglevel=error)

ours="" lib=""
stop_servers() {
  for pid in $ours $lib; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  ours="" lib=""
}
report="$(mktemp)"
cleanup() {
  stop_servers
  scripts/neo4j-local stop >/dev/null 2>&1 || true
  rm -f "$report"
}
trap cleanup EXIT

version() { node -p "JSON.parse(require('fs').readFileSync('$lib_dir/node_modules/$1/package.json', 'utf8')).version"; }

{
  echo "Run of $(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version | cut -d' ' -f3),"
  echo "neo4j-go-driver $(go list -m -f '{{.Version}}' github.com/neo4j/neo4j-go-driver/v5); Node $(node --version),"
  echo "@neo4j/graphql $(version @neo4j/graphql), @apollo/server $(version @apollo/server), neo4j-driver $(version neo4j-driver),"
  echo "graphql $(version graphql); Neo4j ${NEO4J_LOCAL_VERSION:-5.26.30} Community (\`scripts/neo4j-local\`), heap $NEO4J_HEAP,"
  rounds="${BENCH_ROUNDS:-1}"
  if [[ "$rounds" == 1 ]]; then
    echo "page cache $NEO4J_PAGECACHE; $duration per cell after a 1 s warm-up, clients $levels."
  else
    echo "page cache $NEO4J_PAGECACHE; each cell the median of $rounds runs of $duration, the sides taking turns, after a 1 s warm-up; clients $levels."
  fi
  echo "Command: \`BENCH_SIZES=$sizes BENCH_DURATION=$duration BENCH_CONCURRENCY=$levels BENCH_ROUNDS=$rounds make bench\`."
  if [[ -n "${BENCH_NOTE:-}" ]]; then echo; echo "$BENCH_NOTE"; fi
} | tee -a "$report"

for rels in ${sizes//,/ }; do
  ents=$((rels / 10))
  data="bench/data/compare-$rels"
  [[ -s "$data/synthetic.jsonl" ]] || bin/silkgraph gen --entities "$ents" --relationships "$rels" --out "$data" >/dev/null
  fresh_neo4j
  bin/silkgraph migrate --log-level warn
  bin/silkgraph load --log-level warn --dataset bench "$data" >/dev/null

  ours_port="$(free_port)"
  bin/silkgraph serve --log-level warn --rate-limit 0 --listen "127.0.0.1:$ours_port" &
  ours=$!
  lib_port="$(free_port)"
  NODE_ENV=production node "$lib_dir/server.mjs" --listen "127.0.0.1:$lib_port" &
  lib=$!
  wait_for "silkgraph serve" "$ours" curl -fsS "http://127.0.0.1:$ours_port/readyz"
  wait_for "@neo4j/graphql server" "$lib" curl -fsS -H 'Content-Type: application/json' \
    --data '{"query":"{ __typename }"}' "http://127.0.0.1:$lib_port/"

  printf '\n#### %s relationships, %s entities\n\n' "$rels" "$ents" | tee -a "$report"
  bin/silkbench -modes api,lib,raw -dataset scaled -ops "$ops" -concurrency "$levels" -duration "$duration" -rounds "${BENCH_ROUNDS:-1}" \
    -url "http://127.0.0.1:$ours_port/graphql" -lib-url "http://127.0.0.1:$lib_port/" \
    -api-pid "$ours" -lib-pid "$lib" | tee -a "$report"
  stop_servers
done

if [[ "${BENCH_DOCS:-1}" == 1 ]]; then
  python3 - "$report" docs/benchmarks.md <<'EOF'
import sys
report, doc = open(sys.argv[1]).read().strip(), sys.argv[2]
text = open(doc).read()
begin, end = "<!-- compare:begin -->", "<!-- compare:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + "\n" + report + "\n" + end + tail)
EOF
  echo "wrote the report into docs/benchmarks.md" >&2
fi
