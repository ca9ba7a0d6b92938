package org.kyphoplasty.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Csv;
import org.kyphoplasty.support.Tokens;
import org.postgresql.util.PSQLException;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Text the database would refuse (or silently change) is refused by the service with a 400 naming
 * the field, nothing is stored, and nothing of it reaches the log; the Java rule (TextRule) and the
 * SQL rule (is_valid_text of migration V3) agree.
 */
@QuarkusTest
class TextRuleTest {

    private static final LocalDate PERFORMED = LocalDate.now().minusDays(100);

    /** Bad values as JSON string escapes; {@code \ud800} is decoded by Jackson into an unpaired surrogate. */
    private static final Map<String, String> BAD_JSON = new LinkedHashMap<>();
    static {
        BAD_JSON.put("C0 control", "\\u0001");
        BAD_JSON.put("C1 control NEXT LINE", "\\u0085");
        BAD_JSON.put("noncharacter U+FFFF", "\\uffff");
        BAD_JSON.put("unpaired surrogate", "\\ud800");
        BAD_JSON.put("10,000 characters", "x".repeat(10_000));
    }

    @Inject
    DataSource dataSource;

    private final String admin = Tokens.admin();
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter out = new StringWriter();
            out.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                out.append(' ').append(ext.getFormattedMessage());
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(out));
            }
            synchronized (logged) {
                logged.add(out.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void everyTextFieldOfEveryBodyRefusesBadTextWith400NamingItStoresNothingAndLogsNothingOfIt() throws Exception {
        String site = Api.uniqueSite();
        String procedure = Api.procedure(admin, Api.patient(admin, site), PERFORMED);
        String patient = Api.patient(admin, site);
        for (Map.Entry<String, String> bad : BAD_JSON.entrySet()) {
            String marker = "LEAK" + UUID.randomUUID().toString().substring(0, 8);
            String value = marker + bad.getValue();
            String ref = Api.uniqueRef("TXT");
            Map<String, String> patientFields = Map.of("site", "\"" + site + "\"", "externalRef", "\"" + ref + "\"",
                    "birthYear", "1950", "sex", "\"MALE\"");
            for (String field : List.of("site", "externalRef", "sex")) {
                refused("/api/v1/patients", "POST", body(patientFields, field, value), field, bad.getKey());
            }
            assertEquals(0, count("select count(*) from patient where external_ref like ? or external_ref = ?",
                    marker + "%", ref), bad.getKey());

            Map<String, String> procedureFields = Map.of("type", "\"KYPHOPLASTY\"", "performedOn", "\"" + PERFORMED
                    + "\"", "indication", "\"OSTEOPOROSIS\"", "levels", "[\"L1\"]", "fractureOnset",
                    "\"" + PERFORMED.minusDays(3) + "\"");
            for (String field : List.of("type", "performedOn", "indication", "fractureOnset")) {
                refused("/api/v1/patients/" + patient + "/procedures", "POST", body(procedureFields, field, value),
                        field, bad.getKey());
            }
            refused("/api/v1/patients/" + patient + "/procedures", "POST",
                    body(procedureFields, "levels", null).replace("\"levels\":null", "\"levels\":[\"" + value + "\"]"),
                    "levels[0]", bad.getKey());

            Map<String, String> assessmentFields = Map.of("assessedOn", "\"" + PERFORMED.plusDays(30) + "\"",
                    "painNrs", "3");
            refused("/api/v1/procedures/" + procedure + "/assessments/MONTH_1", "PUT",
                    body(assessmentFields, "assessedOn", value), "assessedOn", bad.getKey());

            assertNothingLogged(marker);
        }
        assertEquals(0, count("select count(*) from procedure where patient_id = ?::uuid", patient),
                "no procedure was stored");
        assertEquals(0, count("select count(*) from assessment where procedure_id = ?::uuid", procedure));
    }

    @Test
    void importRowsWithBadTextAreRefusedNamingColumnAndLineAndNothingIsImported() throws Exception {
        String site = Api.uniqueSite();
        String marker = "LEAK" + UUID.randomUUID().toString().substring(0, 8);
        Csv csv = new Csv();
        // (a value of 10,000 characters is refused too, by the import's cell limit, which stops reading there: below)
        String[] bad = { "\u0001", "\u0085", "\uffff", "\u2028" };
        for (String value : bad) {
            csv.row(site, marker + value, 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1", "MONTH_1",
                    PERFORMED.plusDays(30), "3", "", "", "", "");
        }
        csv.row(site + "\u0085", Api.uniqueRef("OK"), 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1",
                "MONTH_1", PERFORMED.plusDays(30), "3", "", "", "", "");
        given().auth().oauth2(admin).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(400)
                .body("errors.find { it.line == 2 }.field", equalTo("externalRef"))
                .body("errors.find { it.line == 3 }.field", equalTo("externalRef"))
                .body("errors.find { it.line == 4 }.field", equalTo("externalRef"))
                .body("errors.find { it.line == 6 }.field", equalTo("site"))
                // U+2028 (LINE SEPARATOR) is printable text for the rule, in Java and in SQL alike
                .body("errors.findAll { it.line == 5 }", org.hamcrest.Matchers.empty());
        Csv tooLong = new Csv().row(site, Api.uniqueRef("OK"), 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS",
                "L1", "MONTH_1", PERFORMED.plusDays(30), "3", "", "", "", "")
                .row(site, marker + "y".repeat(10_000), 1950, "MALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1",
                        "MONTH_1", PERFORMED.plusDays(30), "3", "", "", "", "");
        given().auth().oauth2(admin).contentType("text/csv").body(tooLong.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(400)
                .body("errors.size()", equalTo(1))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("externalRef"));

        // an unpaired surrogate cannot even be written in UTF-8: its CESU-8 bytes are refused as such
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((Csv.HEADER + "\n" + site + "," + marker).getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
        file.writeBytes((",1950,MALE,KYPHOPLASTY," + PERFORMED + ",OSTEOPOROSIS,L1,MONTH_1," + PERFORMED.plusDays(30)
                + ",3,,,,\n").getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(admin).contentType("text/csv").body(file.toByteArray())
                .post("/api/v1/imports").then().statusCode(400).body("errors.field", hasItem("file"));

        assertEquals(0, count("select count(*) from patient where site = ?", site));
        assertNothingLogged(marker);
    }

    @Test
    void searchParametersWithBadTextAre400NamingTheParameter() {
        for (String value : List.of("\u0000", "\u0001", "\u0085", "\uffff", "x".repeat(65))) {
            Api.as(admin).queryParam("externalRef", value).get("/api/v1/patients").then().statusCode(400)
                    .body("errors.field", hasItem("externalRef"));
        }
        Api.as(admin).queryParam("site", "OR\u0085L").get("/api/v1/patients").then().statusCode(400)
                .body("errors.field", hasItem("site"));
    }

    @Test
    void referencesAreStoredInNfcSoBothSpellingsOfAnAccentFindTheSamePatient() throws Exception {
        String site = Api.uniqueSite();
        String suffix = Api.uniqueRef("");
        String decomposed = "Cafe\u0301" + suffix;
        String composed = "Caf\u00e9" + suffix;
        String id = Api.as(admin).body(Map.of("site", site, "externalRef", decomposed, "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients").then().statusCode(201)
                .body("externalRef", equalTo(composed)).extract().path("id");
        Api.as(admin).body(Map.of("site", site, "externalRef", composed, "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients").then().statusCode(409)
                .body("existing", equalTo("/api/v1/patients/" + id));
        Api.as(admin).queryParam("site", site).queryParam("externalRef", decomposed).get("/api/v1/patients").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        assertEquals(1, count("select count(*) from patient where external_ref = ?", composed));
    }

    @Test
    void theJavaRuleAndTheSqlRuleAgreeOnEverySample() throws SQLException {
        List<String> samples = new ArrayList<>(List.of("ORL-0001", "", "a".repeat(64), "a".repeat(65),
                "\u00e9".repeat(64), "\uD83D\uDE00".repeat(64), "\uD83D\uDE00".repeat(65), "\u0001", "\u001f",
                "a\tb", "a\nb", "a\rb", "\u007f", "\u0080", "\u0085", "\u009f", "\u00a0", "\u2028", "\u200b",
                "\u202e", "\ufdcf", "\ufdd0", "\ufdef", "\ufdf0", "\ufffd", "\ufffe", "\uffff", "\uD83F\uDFFE",
                "\uD83F\uDFFF", "\uDBFF\uDFFD", "\uDBFF\uDFFE", "\uDBFF\uDFFF", "Caf\u00e9", "Cafe\u0301",
                "\u212b", "\u1100\u1161", "\uD55C", "O'Brien \"x\" ; -- \\", "  spaced  "));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement check = connection.prepareStatement("select is_valid_text(?, 64)")) {
            for (String sample : samples) {
                check.setString(1, sample);
                boolean sql;
                try (ResultSet result = check.executeQuery()) {
                    result.next();
                    sql = result.getBoolean(1);
                }
                assertEquals(sql, TextRule.isValid(sample, 64), "sample " + codePoints(sample));
            }
            // U+0000 cannot be sent in text at all: PostgreSQL refuses the parameter itself
            check.setString(1, "a\u0000b");
            PSQLException nul = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class, check::executeQuery);
            assertEquals("22021", nul.getSQLState());
            assertFalse(TextRule.isValid("a\u0000b", 64));
        }
        // unpaired surrogates never reach the database unchanged (the driver writes "?"), so Java must refuse them
        for (String unpaired : List.of("\ud800", "a\udc00b", "\udbff", "x\ud800")) {
            assertFalse(TextRule.isValid(unpaired, 64), codePoints(unpaired));
        }
        assertEquals("CHECK (is_valid_text((external_ref)::text, 64))",
                single("select pg_get_constraintdef(oid) from pg_constraint where conname = 'patient_external_ref_text' "
                        + "and conrelid = 'patient'::regclass and convalidated"));
    }

    @Test
    void aRowTheDatabaseRefusesIsA400NamingTheFieldAndItsValuesStayOutOfMessagesAndLogs() throws Exception {
        String marker = "LEAK" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into patient (id, site, external_ref, "
                        + "birth_year, sex, created_at) values (gen_random_uuid(), 'ORL', ?, 1950, 'MALE', now())")) {
            insert.setString(1, marker + "\u0085");
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, insert::executeUpdate);
            DatabaseFailure failure = DatabaseFailure.of(new RuntimeException(refused)).orElseThrow();
            assertEquals(DatabaseFailure.Kind.INVALID, failure.kind());
            assertEquals("externalRef", failure.field());
            assertFalse(refused.getMessage().contains(marker), "logServerErrorDetail=false: " + refused.getMessage());
            StringWriter trace = new StringWriter();
            SafeFailure.of(new IllegalStateException("wrapped: " + refused.getMessage(), refused))
                    .printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(marker));
            assertTrue(trace.toString().contains("23514"), trace.toString());
            assertEquals(400, ProblemMappers.database(failure).getStatus());
        }
        assertNothingLogged(marker);
    }

    private void refused(String path, String method, String body, String field, String what) {
        Api.as(admin).contentType(ContentType.JSON).body(body).request(method, path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("LEAK")))
                .body("detail", startsWith("1 field"));
    }

    private static String body(Map<String, String> fields, String replaced, String value) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, literal) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":")
                    .append(name.equals(replaced) ? (value == null ? "null" : "\"" + value + "\"") : literal);
        });
        return json.append('}').toString();
    }

    private void assertNothingLogged(String marker) {
        synchronized (logged) {
            for (String line : logged) {
                assertFalse(line.contains(marker), "the log repeats the input: " + line);
                assertFalse(line.contains("Failing row contains"), "the log carries row values: " + line);
            }
        }
    }

    private static String codePoints(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(8).forEach(c -> out.append(String.format("U+%04X ", c)));
        return out.toString();
    }

    private long count(String sql, Object... parameters) throws SQLException {
        return Long.parseLong(single(sql, parameters));
    }

    private String single(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next(), sql);
                return result.getString(1);
            }
        }
    }
}
