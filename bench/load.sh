#!/usr/bin/env bash
# Load benchmark: a synthetic set of 1,000,000 relationships (100,000
# entities, Zipf-shaped hubs) loaded into an empty local Neo4j, twice: the
# first load creates everything, the second updates everything in place.
# Usage: bench/load.sh [RELATIONSHIPS] [ENTITIES]   (make bench-load)
# The bench Neo4j (.neo4j-bench/) listens on port 7689, or BENCH_NEO4J_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
rels="${1:-1000000}"
ents="${2:-100000}"
export SILKGRAPH_NEO4J_HOME="$PWD/.neo4j-bench" NEO4J_LOCAL_PORT="${BENCH_NEO4J_PORT:-7689}"
export NEO4J_HEAP="${NEO4J_HEAP:-2g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-2g}"
trap 'scripts/neo4j-local stop >/dev/null' EXIT
fresh_neo4j
bin/silkgraph migrate --log-level warn
# A directory per size: the loader reads every bulk file under the path it
# is given, and bench/compare.sh keeps its graphs beside this one.
data="bench/data/load-$rels"
bin/silkgraph gen --entities "$ents" --relationships "$rels" --out "$data"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; neo4j heap $NEO4J_HEAP, page cache $NEO4J_PAGECACHE"
for run in create update; do
  echo "== $run"
  /usr/bin/time -f "wall %e s, loader max RSS %M KB" bin/silkgraph load --log-level warn --dataset bench "$data"
done
