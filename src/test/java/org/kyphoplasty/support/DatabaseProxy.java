package org.kyphoplasty.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    @Override
    public Map<String, String> start() {
        open(0);
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + SCHEMA,
                "quarkus.flyway.schemas", SCHEMA);
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
