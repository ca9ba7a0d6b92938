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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged production jar (after `package`, run by failsafe in `verify`): it refuses to start
 * without a token verification key, or with the committed dev key unless OUTCOMES_ALLOW_DEV_KEY=true;
 * with a key it starts, serves the API on its port and health on the management port only, and
 * contains no token minting. It uses its own schema in the test database.
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
    static void emptySchema() throws SQLException {
        // as the superuser that prepares the test schemas (support/DatabaseProxy), not as the service's role
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
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
        String output = outputUntilExit(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), output);
    }

    private static final Map<String, String> DEV_KEY = Map.of(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("dev/jwt/publicKey.pem").toAbsolutePath().toString(),
            "MP_JWT_VERIFY_ISSUER", "https://dev.kyphoplasty.local",
            "MP_JWT_VERIFY_AUDIENCES", "kyphoplasty-outcomes");

    @Test
    void productionJarRefusesToStartWithTheCommittedDevKey() throws Exception {
        Process process = jar(DEV_KEY).start();
        String output = outputUntilExit(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("public DEV key") && output.contains("OUTCOMES_ALLOW_DEV_KEY"), output);
    }

    @Test
    void productionJarRefusesToStartWithoutAnAudience() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(DEV_KEY);
        environment.remove("MP_JWT_VERIFY_AUDIENCES");
        environment.put("OUTCOMES_ALLOW_DEV_KEY", "true");
        Process process = jar(environment).start();
        String output = outputUntilExit(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("MP_JWT_VERIFY_AUDIENCES"), output);
    }

    @Test
    void productionJarStartsWithTheDevKeyOnlyWhenAllowedAndHasNoTokenMinting() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(DEV_KEY);
        environment.put("OUTCOMES_ALLOW_DEV_KEY", "true");
        // random ports for both (an explicit management port with a random HTTP port hangs Quarkus' start)
        environment.put("QUARKUS_MANAGEMENT_PORT", "0");
        Process process = jar(environment).start();
        try {
            StringBuilder log = new StringBuilder();
            int[] ports = awaitPorts(process, log);
            int port = ports[0];
            int management = ports[1];
            assertTrue(log.toString().contains("OUTCOMES_ALLOW_DEV_KEY=true"), "a loud warning at start:\n" + log);
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, status(client, management, "/q/health/ready"));
            assertEquals(404, status(client, port, "/q/health/ready"), "health is not on the API port");
            assertEquals(404, status(client, management, "/q/swagger-ui/"), "Swagger UI is off in production");
            assertEquals(200, status(client, management, "/q/openapi"));
            assertEquals(401, status(client, port, "/api/v1/patients"));
            assertEquals(404, status(client, port, "/dev/token?role=admin"));
            assertEquals(404, postStatus(client, port, "/dev/demo-cohort"), "no demo loader in production");
            try (java.util.zip.ZipFile application = new java.util.zip.ZipFile(
                    Path.of("target", "quarkus-app", "app").toFile().listFiles()[0])) {
                assertEquals(null, application.getEntry("org/kyphoplasty/demo/DemoCohort.class"),
                        "the synthetic cohort generator is not in the production jar");
                assertTrue(application.getEntry("org/kyphoplasty/outcomes/OutcomesService.class") != null);
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        }
    }

    private static int postStatus(HttpClient client, int port, String path) throws IOException,
            InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int status(HttpClient client, int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Everything the jar prints until it exits; a jar that does not refuse to start is killed after 90 s. */
    private static String outputUntilExit(Process process) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The API port and the management port, from the start-up line. */
    private static int[] awaitPorts(Process process, StringBuilder seen) throws IOException {
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)\\. Management interface listening on "
                + "http://[^:]+:(\\d+)");
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
            }
        }
        throw new IllegalStateException("the jar did not start:\n" + seen);
    }
}
