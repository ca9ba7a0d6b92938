package org.kyphoplasty.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged production jar (after `package`, run by failsafe in `verify`): it refuses to start
 * without a token verification key, and with one it starts, serves, and contains no token minting.
 * It uses its own schema in the test database.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** Its own schema per checkout (TEST_DB_SCHEMA), like the other tests: another branch's migrations never meet this one's. */
    private static final String SCHEMA = System.getenv().containsKey("TEST_DB_SCHEMA")
            ? System.getenv("TEST_DB_SCHEMA") + "_jar"
            : "production_jar_it";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

    /** The production build never cleans: start each run from an empty schema, as a new installation would. */
    @BeforeAll
    static void emptySchema() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists \"" + SCHEMA.replace("\"", "") + "\" cascade");
        }
    }

    private static ProcessBuilder jar(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("MP_JWT") || key.startsWith("QUARKUS_")
                || key.startsWith("OUTCOMES_"));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", URL);
        builder.environment().put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(environment);
        return builder;
    }

    @Test
    void productionJarRefusesToStartWithoutAVerificationKey() throws Exception {
        Process process = jar(Map.of()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), output);
    }

    @Test
    void productionJarStartsWithAKeyAndHasNoTokenMinting() throws Exception {
        Process process = jar(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("dev/jwt/publicKey.pem").toAbsolutePath()
                .toString(), "MP_JWT_VERIFY_ISSUER", "https://dev.kyphoplasty.local")).start();
        try {
            int port = awaitPort(process);
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, status(client, port, "/q/health/ready"));
            assertEquals(401, status(client, port, "/api/v1/patients"));
            assertEquals(404, status(client, port, "/dev/token?role=admin"));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        }
    }

    private static int status(HttpClient client, int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int awaitPort(Process process) throws IOException {
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        StringBuilder seen = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the jar did not start:\n" + seen);
    }
}
