package org.kyphoplasty.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP relay between the service under test and the local PostgreSQL, so a test can cut the
 * database off (as a network outage or a crashed server would) and bring it back, without stopping
 * the PostgreSQL cluster that other tests and developers use. Applies to every test class: one boot.
 */
public class DatabaseProxy implements QuarkusTestResourceLifecycleManager {

    private static final String TARGET_HOST = System.getProperty("test.db.host", "127.0.0.1");
    private static final int TARGET_PORT = Integer.getInteger("test.db.port", 5432);

    private static volatile ServerSocket server;
    private static volatile int port;
    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();

    /** Schema of this test run; set TEST_DB_SCHEMA so two checkouts can run their suites side by side. */
    private static final String SCHEMA = System.getenv().getOrDefault("TEST_DB_SCHEMA", "outcomes_test");

    /** Superuser that prepares the schema (trusted locally, or POSTGRES_PASSWORD). */
    private static final String ADMIN_USER = System.getProperty("test.db.admin-user", "postgres");
    static final String OWNER = "kyphoplasty_owner";
    static final String APP = "kyphoplasty_app";

    @Override
    public Map<String, String> start() {
        prepareSchema();
        open(0);
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + SCHEMA,
                "quarkus.flyway.schemas", SCHEMA);
    }

    /**
     * Migrations run as the owner role and clean the schema at start, which only its owner may do:
     * a schema left by an older run (owned by postgres) is dropped and recreated for the owner.
     */
    private static void prepareSchema() {
        String url = "jdbc:postgresql://" + TARGET_HOST + ":" + TARGET_PORT + "/test";
        try (Connection connection = DriverManager.getConnection(url, ADMIN_USER,
                System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
                Statement statement = connection.createStatement()) {
            try (ResultSet roles = statement.executeQuery("select count(*) from pg_roles where rolname in ('"
                    + OWNER + "', '" + APP + "')")) {
                roles.next();
                if (roles.getInt(1) != 2) {
                    throw new IllegalStateException("the database roles are missing: run "
                            + "psql -h 127.0.0.1 -U postgres -d postgres -f dev/db/roles.sql (bash .ci/run does)");
                }
            }
            String owner = null;
            try (ResultSet schema = statement.executeQuery("select pg_get_userbyid(nspowner) from pg_namespace "
                    + "where nspname = '" + SCHEMA + "'")) {
                if (schema.next()) {
                    owner = schema.getString(1);
                }
            }
            if (owner != null && !owner.equals(OWNER)) {
                statement.execute("drop schema \"" + SCHEMA + "\" cascade");
            }
            if (!OWNER.equals(owner)) {
                statement.execute("create schema \"" + SCHEMA + "\" authorization " + OWNER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test schema " + SCHEMA, e);
        }
    }

    /** The test database, directly (not through the relay), as the given role. */
    public static Connection connectAs(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + TARGET_HOST + ":" + TARGET_PORT
                + "/test?currentSchema=" + SCHEMA, user, password);
    }

    @Override
    public void stop() {
        cut();
    }

    /** Refuses new connections and breaks every open one. */
    public static synchronized void cut() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        server = null;
        for (Socket socket : OPEN) {
            closeQuietly(socket);
        }
        OPEN.clear();
    }

    /** Accepts connections again, on the same port. */
    public static synchronized void restore() {
        if (server == null) {
            open(port);
        }
    }

    private static void open(int requestedPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort));
            server = socket;
            port = socket.getLocalPort();
            Thread acceptor = new Thread(() -> accept(socket), "db-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the database proxy", e);
        }
    }

    private static void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(TARGET_HOST, TARGET_PORT);
                OPEN.add(client);
                OPEN.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // the listener was closed by cut(), or PostgreSQL refused: the client sees a reset
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                OPEN.remove(from);
                OPEN.remove(to);
            }
        }, "db-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Marker that registers the proxy for the whole suite (one Quarkus boot for all test classes). */
    @QuarkusTestResource(DatabaseProxy.class)
    public static class Registration {
    }
}
