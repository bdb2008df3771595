// Local Neo4j for Silkgraph development and tests: the real Neo4j engine
// (org.neo4j:neo4j, Community) run embedded, with its Bolt server on
// 127.0.0.1 and authentication on. Started and stopped by scripts/neo4j-local.
//
// Usage: java -Xmx.. -cp <classes>:<lib>/* Launcher <home-dir> <bolt-port>
// Environment:
//   NEO4J_PASSWORD   password of user neo4j (required, >= 8 characters)
//   NEO4J_PAGECACHE  page cache size, e.g. 512m (default 512m)
//
// Prints "SILKGRAPH_NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts
// connections; shuts the DBMS down cleanly on SIGTERM/SIGINT.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            die("usage: Launcher <home-dir> <bolt-port>");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            die("NEO4J_PASSWORD must be set to at least 8 characters");
        }
        String pageCache = envOr("NEO4J_PAGECACHE", "512m");
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        log("starting Neo4j (embedded) home=" + home + " bolt=" + HOST + ":" + port + " pagecache=" + pageCache);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parse(GraphDatabaseSettings.pagecache_memory, pageCache))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                .setConfig(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // db.relationship_grouping_threshold: see store.GroupingThreshold.
                .setConfig(GraphDatabaseSettings.dense_node_threshold, Integer.parseInt(envOr("NEO4J_GROUPING_THRESHOLD", "10")))
                // Small dev store: don't preallocate 256 MiB per transaction log.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Bolt's Netty groups otherwise idle 5 s each before exiting on stop.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                dbms.shutdown();
                log("stopped");
            } catch (Throwable t) {
                log("shutdown failed: " + t);
            } finally {
                stopped.countDown();
            }
        }, "silkgraph-neo4j-shutdown"));

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(120_000)) {
                throw new IllegalStateException("database 'neo4j' did not become available");
            }
            ensurePassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            waitForPort(port, 60_000);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            log("startup failed: " + t);
            System.exit(1); // runs the shutdown hook
        }

        log(String.format("started in %.1fs", (System.nanoTime() - t0) / 1e9));
        System.out.println("SILKGRAPH_NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();
        stopped.await();
    }

    // Sets the password of user neo4j to pw, writing to the system database
    // only when it differs from the current one (Neo4j refuses an ALTER to the
    // same password, which is how "already set" is detected).
    private static void ensurePassword(GraphDatabaseService system, String pw) {
        String alter = "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED";
        try {
            run(system, alter, Map.of("pw", pw));
            log("password of user neo4j set from NEO4J_PASSWORD");
            return;
        } catch (RuntimeException e) {
            String msg = String.valueOf(messages(e));
            if (msg.contains("does not exist")) {
                run(system, "CREATE USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", pw));
                log("user neo4j created");
                return;
            }
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
        }
        // Same password already stored; make sure no change is pending.
        boolean changeRequired;
        try (Transaction tx = system.beginTx();
             Result r = tx.execute("SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired")) {
            changeRequired = r.hasNext() && Boolean.TRUE.equals(r.next().get("passwordChangeRequired"));
            tx.commit();
        }
        if (changeRequired) {
            run(system, alter, Map.of("pw", pw + "~tmp~" + System.nanoTime()));
            run(system, alter, Map.of("pw", pw));
            log("password of user neo4j set from NEO4J_PASSWORD (cleared pending change)");
        } else {
            log("password of user neo4j already matches NEO4J_PASSWORD");
        }
    }

    private static void run(GraphDatabaseService db, String query, Map<String, Object> params) {
        try (Transaction tx = db.beginTx()) {
            tx.execute(query, params).close();
            tx.commit();
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("bolt port " + port + " not accepting connections", e);
                }
                Thread.sleep(100);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T parse(org.neo4j.graphdb.config.Setting<T> setting, String value) {
        return ((SettingImpl<T>) setting).parse(value);
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static void log(String msg) {
        System.out.println("[silkgraph-neo4j] " + msg);
        System.out.flush();
    }

    private static void die(String msg) {
        System.err.println("[silkgraph-neo4j] " + msg);
        System.exit(2);
    }
}
