# Helpers of the bench scripts (sourced by them, not run on its own).

# fresh_neo4j resets the local Neo4j of SILKGRAPH_NEO4J_HOME, starts it, and
# exports how to reach it (NEO4J_URI and the rest).
fresh_neo4j() {
  scripts/neo4j-local reset >/dev/null
  scripts/neo4j-local start
  eval "$(scripts/neo4j-local env --export)"
}

# stop_server_and_neo4j is the EXIT trap of the scripts that run one server
# (its pid in $server, and that of the HTTP floor, if any, in $floor) on
# that Neo4j.
server=""
floor=""
stop_server_and_neo4j() {
  local pid
  for pid in "$floor" "$server"; do
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  scripts/neo4j-local stop >/dev/null || true
}

# free_port prints a free loopback TCP port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for NAME PID CMD...: runs CMD until it succeeds (for up to 2 minutes),
# while the process PID lives.
wait_for() {
  local name="$1" pid="$2"
  shift 2
  for _ in $(seq 240); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name exited" >&2; return 1; }
    sleep 0.5
  done
  echo "$name did not become ready" >&2
  return 1
}
