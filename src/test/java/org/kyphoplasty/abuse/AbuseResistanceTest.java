package org.kyphoplasty.abuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Csv;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** One user must not take the service down: bounded bodies, cells, rows, locks and exports. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseResistanceTest {

    private static final LocalDate PERFORMED = LocalDate.now().minusDays(200);
    private static final String ROW = ",1950,FEMALE,KYPHOPLASTY," + PERFORMED + ",OSTEOPOROSIS,L1,MONTH_3,"
            + PERFORMED.plusDays(90) + ",2,,,,";

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    private final String admin = Tokens.admin();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A body of unknown length (Transfer-Encoding: chunked): a prefix, then filler until {@code total} bytes. */
    private static InputStream generated(String prefix, long total, byte filler, String every) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] separator = every == null ? new byte[0] : every.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - position);
                for (int i = 0; i < n; i++, position++) {
                    if (position < head.length) {
                        buffer[offset + i] = head[(int) position];
                    } else if (separator.length > 0 && (position - head.length) % 1000 == 999) {
                        buffer[offset + i] = separator[0];
                    } else {
                        buffer[offset + i] = filler;
                    }
                }
                return n;
            }
        };
    }

    private HttpResponse<String> chunked(String path, String contentType, Supplier<InputStream> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the server may answer and close before the whole body is sent; ask for the answer again
            throw new IOException("no answer to the oversized request", e);
        }
    }

    private static void assertStillServing(String token) {
        given().get("/api/v1/patients").then().statusCode(401);
        Api.patient(token, "ABU");
    }

    @Test
    @Order(1)
    void aCellLongerThanTheLimitIs400NamingTheLineAndTheField() {
        String cell = "\"" + "x".repeat(5000) + "\"";
        String csv = new Csv().raw("ABU," + Api.uniqueRef("C") + ROW).raw("ABU," + cell + ROW).toString();
        given().auth().oauth2(admin).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(400)
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("externalRef"))
                .body("errors[0].message", containsString("4096"));
    }

    @Test
    @Order(1)
    void aRowLongerThanTheLimitIs400() {
        String row = String.join(",", java.util.Collections.nCopies(20, "y".repeat(4000)));
        given().auth().oauth2(admin).contentType("text/csv").body((Csv.HEADER + "\n" + row + "\n").getBytes())
                .post("/api/v1/imports").then().statusCode(400)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("row"));
    }

    @Test
    @Order(1)
    void oneHugeQuotedCellIsRefusedWhileItStreamsNotAfterItIsBuffered() throws Exception {
        // 200 MB in one quoted cell: without the streaming limit the parser would hold it whole
        String prefix = Csv.HEADER + "\nABU,\"";
        long started = System.nanoTime();
        HttpResponse<String> response = chunked("api/v1/imports", "text/csv",
                () -> generated(prefix, 200L << 20, (byte) 'z', null));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"field\":\"externalRef\""), response.body());
        assertTrue(System.nanoTime() - started < 30_000_000_000L);
        assertStillServing(admin);
    }

    @Test
    @Order(1)
    void aChunkedImportBodyOverTheLimitIs413() throws Exception {
        // rows of 999 characters and a newline, up to one byte over the limit (32 MB in the test profile)
        long limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("outcomes.import.max-body-bytes", Long.class);
        HttpResponse<String> response = chunked("api/v1/imports", "text/csv",
                () -> generated(Csv.HEADER + "\n", limit + 1, (byte) 'w', "\n"));
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("body-too-large"), response.body());
        assertStillServing(admin);
    }

    @Test
    @Order(1)
    void aDeclaredImportLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + (1L << 40) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", answer);
        }
    }

    @Test
    @Order(1)
    void aChunkedJsonBodyOf100MegabytesIs413AndTheServiceStaysHealthy() throws Exception {
        String prefix = "{\"site\":\"ABU\",\"externalRef\":\"";
        HttpResponse<String> response = chunked("api/v1/patients", "application/json",
                () -> generated(prefix, 100L << 20, (byte) 'j', null));
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("body-too-large"), response.body());
        assertStillServing(admin);
    }

    @Test
    @Order(2)
    void aLongImportOfOneSiteNeverMakesAnotherSiteWait() throws Exception {
        String siteA = Api.uniqueSite();
        String siteB = Api.uniqueSite();
        Csv csv = new Csv();
        for (int i = 0; i < 30_000; i++) {
            csv.journey(siteA, "L-" + i, PERFORMED, 2, 5);
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String clinicianB = Tokens.clinician(siteB);
        String patientB = Api.patient(clinicianB, siteB);
        CompletableFuture<Integer> importing = CompletableFuture.supplyAsync(() -> given().auth().oauth2(admin)
                .contentType("text/csv").body(file).post("/api/v1/imports").then().extract().statusCode());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!siteLocked(siteA)) {
            assertTrue(System.nanoTime() < deadline && !importing.isDone(), "the import never locked its site");
            Thread.sleep(10);
        }
        int writesWhileLocked = 0;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            String procedure = Api.procedure(clinicianB, Api.patient(clinicianB, siteB), PERFORMED);
            Api.assessment(clinicianB, procedure, "BASELINE", PERFORMED.minusDays(1), Map.of("painNrs", 7));
            Api.procedure(clinicianB, patientB, PERFORMED.minusDays(i + 1));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 2000, "site B's writes took " + millis + " ms during site A's import");
            if (siteLocked(siteA)) {
                writesWhileLocked++;
            }
        }
        assertTrue(writesWhileLocked > 0, "the import was over before site B wrote: the test proved nothing");
        assertEquals(200, importing.get());
    }

    @Test
    @Order(2)
    void whileASiteIsLockedForAnImportItsWritesGetA503AndOtherSitesAreUntouched() throws Exception {
        String locked = Api.uniqueSite();
        String free = Api.uniqueSite();
        String clinician = Tokens.clinician(locked, free);
        String patient = Api.patient(clinician, locked);
        try (Connection importing = dataSource.getConnection()) {
            importing.setAutoCommit(false);
            try (PreparedStatement lock = importing.prepareStatement("select pg_advisory_xact_lock(19289, hashtext(?))")) {
                lock.setString(1, locked);
                lock.execute(); // what an import of the site holds from its checks to its last insert
            }
            long started = System.nanoTime();
            Api.as(clinician).body(Map.of("site", locked, "externalRef", Api.uniqueRef("L"), "birthYear", 1950,
                    "sex", "MALE")).post("/api/v1/patients").then().statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("https://kyphoplasty.org/problems/site-busy"));
            Api.as(clinician).body(Map.of("type", "KYPHOPLASTY", "performedOn", PERFORMED.toString(),
                    "indication", "OSTEOPOROSIS", "levels", List.of("L1"))).post("/api/v1/patients/" + patient
                            + "/procedures").then().statusCode(503);
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "the waits are bounded");
            long other = System.nanoTime();
            Api.procedure(clinician, Api.patient(clinician, free), PERFORMED);
            assertTrue(System.nanoTime() - other < 2_000_000_000L, "another site's writes do not wait");
            importing.rollback();
        }
        Api.procedure(clinician, patient, PERFORMED);
    }

    @Test
    @Order(3)
    void slowExportsDoNotStarveClinicians() throws Exception {
        String analyst = Tokens.analyst();
        String clinician = Tokens.clinician("ABU");
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.setReceiveBufferSize(4096);
                socket.getOutputStream().write(("GET /api/v1/exports/outcomes.csv?includeOutOfWindow=true HTTP/1.1\r\n"
                        + "Host: localhost\r\nAuthorization: Bearer " + analyst + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket); // never read
            }
            Thread.sleep(500);
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                String patient = Api.patient(clinician, "ABU");
                Api.procedure(clinician, patient, PERFORMED);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(millis < 2000, "a clinician's write took " + millis + " ms during 20 stalled exports");
            }
            int busy = 0;
            for (Socket socket : stalled) {
                socket.setSoTimeout(10_000);
                byte[] buffer = new byte[512];
                int read = socket.getInputStream().read(buffer);
                String head = new String(buffer, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
                assertTrue(head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.1 503"), head);
                if (head.startsWith("HTTP/1.1 503")) {
                    busy++;
                    assertTrue(head.toLowerCase().contains("retry-after: "), head);
                }
            }
            assertTrue(busy <= 20 - 1, "at least one export ran");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // the slots are given back when the stalled clients go away
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = given().auth().oauth2(analyst).get("/api/v1/exports/outcomes.csv?site=ABU").then().extract()
                    .statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    private boolean siteLocked(String site) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select count(*) from pg_locks "
                        + "where locktype = 'advisory' and granted and mode = 'ExclusiveLock' and classid = 19289 "
                        + "and objid::text::bigint = (hashtext(?)::bigint & 4294967295)")) {
            statement.setString(1, site);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }
}
