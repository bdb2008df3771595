#!/usr/bin/env bash
# Soak test: concurrent readers and writers against `silkgraph serve` on the
# seed graph for a fixed time, in a dedicated local Neo4j (.neo4j-soak/,
# port 7689 unless NEO4J_LOCAL_PORT says otherwise, reset first), everything
# on loopback. silksoak then checks the database for lost or duplicated
# writes and the server's sampled goroutines and memory for growth, and
# exits 1 if a check fails.
# Usage: bench/soak.sh [DURATION] [READERS] [WRITERS]   (make soak)
#   e.g. bench/soak.sh 5m 8 4 (the default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
duration="${1:-5m}"
readers="${2:-8}"
writers="${3:-4}"
export SILKGRAPH_NEO4J_HOME="$PWD/.neo4j-soak" NEO4J_LOCAL_PORT="${NEO4J_LOCAL_PORT:-7689}"
go build -o bin/silkgraph ./cmd/silkgraph
go build -o bin/silksoak ./cmd/silksoak
trap stop_server_and_neo4j EXIT
fresh_neo4j
port="$(free_port)"
debug="$(free_port)"
bin/silkgraph migrate --log-level warn
SILKSOAK_KEY="$(bin/silkgraph keys create --log-level warn --name soak --role editor | sed -n 's/^key: //p')"
export SILKSOAK_KEY
# No rate limit: the soak measures the server, not the limiter.
bin/silkgraph serve --log-level warn --listen "127.0.0.1:$port" --debug-addr "127.0.0.1:$debug" --rate-limit 0 --load seed/ &
server=$!
wait_for "silkgraph serve" "$server" curl -fsS "http://127.0.0.1:$port/readyz"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); $(go version | cut -d' ' -f3); neo4j ${NEO4J_LOCAL_VERSION:-5.26.30}, heap ${NEO4J_HEAP:-1g}, page cache ${NEO4J_PAGECACHE:-512m}"
bin/silksoak -url "http://127.0.0.1:$port/graphql" -debug "http://127.0.0.1:$debug/debug/vars" \
  -duration "$duration" -readers "$readers" -writers "$writers"
