// The Neo4j GraphQL Library (@neo4j/graphql) on Apollo Server, serving
// Silkgraph's database for the side-by-side benchmark (bench/compare.sh,
// make bench; docs/benchmarks.md). The type definitions, typedefs.graphql,
// are generated from Silkgraph's ontology by `go run ./cmd/silkbench -typedefs`.
//
//   NEO4J_URI=bolt://127.0.0.1:7689 NEO4J_PASSWORD=... NODE_ENV=production \
//     node server.mjs --listen 127.0.0.1:4000
//
// Reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE as
// silkgraph does. NODE_ENV=production is what a deployment runs: no
// introspection, no stack traces in errors; the library's debug logging is
// off unless DEBUG names it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const { values: args } = parseArgs({
  options: {
    listen: { type: "string", default: "127.0.0.1:4000" },
    typedefs: { type: "string", default: new URL("typedefs.graphql", import.meta.url).pathname },
  },
});
const [host, port] = args.listen.split(/:(?=\d+$)/);
const env = (key, def) => process.env[key] || def;
const database = env("NEO4J_DATABASE", "neo4j");

// The same pool size and timeouts as silkgraph's store (internal/store).
const driver = neo4j.driver(
  env("NEO4J_URI", "bolt://127.0.0.1:7687"),
  neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD", "")),
  { maxConnectionPoolSize: 100, connectionAcquisitionTimeout: 5000, connectionTimeout: 5000, maxTransactionRetryTime: 3000 },
);
await driver.verifyConnectivity({ database });

const neoSchema = new Neo4jGraphQL({ typeDefs: readFileSync(args.typedefs, "utf8"), driver });
// Stopped below, with the driver, rather than by Apollo's own signal handlers.
const server = new ApolloServer({ schema: await neoSchema.getSchema(), stopOnTerminationSignals: false });
const { url } = await startStandaloneServer(server, {
  listen: { host, port: Number(port) },
  // Every transaction times out like silkgraph's (NEO4J_QUERY_TIMEOUT, 15 s).
  context: async () => ({ sessionConfig: { database }, transaction: { timeout: 15000 } }),
});
console.log(`@neo4j/graphql serving ${url} (NODE_ENV=${process.env.NODE_ENV ?? "unset"})`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
