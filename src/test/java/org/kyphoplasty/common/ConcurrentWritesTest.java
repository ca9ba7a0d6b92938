package org.kyphoplasty.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Csv;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Writes that race each other answer exactly as the contract says, never 500 and never a duplicate
 * row: N clients creating the same thing at the same moment get one 201 and N-1 409s pointing at
 * the one that won. Counts are checked over JDBC.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int CLIENTS = 12;
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(100);

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String body) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    @Test
    void twelveSimultaneousCreationsOfOnePatientGiveOne201AndEleven409sWithTheSameExisting() throws Exception {
        String site = Api.uniqueSite();
        String ref = Api.uniqueRef("RACE");
        String body = "{\"site\":\"" + site + "\",\"externalRef\":\"" + ref + "\",\"birthYear\":1950,\"sex\":\"MALE\"}";
        List<Answer> answers = all(CLIENTS, () -> send("POST", "/api/v1/patients", Tokens.admin(), body));

        Map<Integer, Integer> statuses = statuses(answers);
        assertEquals(Map.of(201, 1, 409, CLIENTS - 1), statuses, answers.toString());
        String created = answers.stream().filter(a -> a.status == 201).findFirst().orElseThrow().json().getString("id");
        for (Answer answer : answers) {
            if (answer.status == 409) {
                assertEquals("/api/v1/patients/" + created, answer.json().getString("existing"), answer.body);
            }
        }
        assertEquals(1, count("select count(*) from patient where site = ? and external_ref = ?", site, ref));
        assertEquals(1, count("select count(*) from audit_entry where entity_id = ?::uuid", created));
    }

    @Test
    void twelveSimultaneousCreationsOfOneProcedureGiveOne201AndEleven409sWithTheSameExisting() throws Exception {
        String admin = Tokens.admin();
        String patient = Api.patient(admin, Api.uniqueSite());
        String body = "{\"type\":\"KYPHOPLASTY\",\"performedOn\":\"" + PERFORMED
                + "\",\"indication\":\"OSTEOPOROSIS\",\"levels\":[\"L1\"]}";
        List<Answer> answers = all(CLIENTS, () -> send("POST", "/api/v1/patients/" + patient + "/procedures", admin, body));

        assertEquals(Map.of(201, 1, 409, CLIENTS - 1), statuses(answers), answers.toString());
        String created = answers.stream().filter(a -> a.status == 201).findFirst().orElseThrow().json().getString("id");
        for (Answer answer : answers) {
            if (answer.status == 409) {
                assertEquals("/api/v1/procedures/" + created, answer.json().getString("existing"), answer.body);
            }
        }
        assertEquals(1, count("select count(*) from procedure where patient_id = ?::uuid", patient));
    }

    @Test
    void twelveSimultaneousFirstPutsOfAnAssessmentCreateOneRowAndReplaceItInTurn() throws Exception {
        String admin = Tokens.admin();
        String procedure = Api.procedure(admin, Api.patient(admin, Api.uniqueSite()), PERFORMED);
        String body = "{\"assessedOn\":\"" + PERFORMED.plusDays(30) + "\",\"painNrs\":4,\"mobilityFac\":3}";
        List<Answer> answers = all(CLIENTS,
                () -> send("PUT", "/api/v1/procedures/" + procedure + "/assessments/MONTH_1", admin, body));

        assertEquals(Map.of(201, 1, 200, CLIENTS - 1), statuses(answers), answers.toString());
        assertEquals(1, count("select count(*) from assessment where procedure_id = ?::uuid", procedure));
        assertEquals(CLIENTS, count("select max(version) from assessment where procedure_id = ?::uuid", procedure),
                "every PUT replaced the one before it");
    }

    @Test
    void simultaneousPutsWithTheSameIfMatchGiveOne200AndOnly412sForTheOthers() throws Exception {
        String admin = Tokens.admin();
        String procedure = Api.procedure(admin, Api.patient(admin, Api.uniqueSite()), PERFORMED);
        String path = "/api/v1/procedures/" + procedure + "/assessments/MONTH_1";
        String body = "{\"assessedOn\":\"" + PERFORMED.plusDays(30) + "\",\"painNrs\":4}";
        Api.assessment(admin, procedure, "MONTH_1", PERFORMED.plusDays(30), Map.of("painNrs", 5));
        // all send the version they read: one wins, the others are told their version is stale
        List<Answer> answers = all(CLIENTS, () -> send("PUT", path, admin, body, "\"1\""));

        assertEquals(Map.of(200, 1, 412, CLIENTS - 1), statuses(answers), answers.toString());
        assertEquals(1, count("select count(*) from assessment where procedure_id = ?::uuid", procedure));
    }

    @Test
    void anImportAndSingleWritesOfTheSamePatientAtOnceCreateItOnce() throws Exception {
        String admin = Tokens.admin();
        String site = Api.uniqueSite();
        String ref = Api.uniqueRef("MIX");
        String csv = new Csv().journey(site, ref, PERFORMED.minusDays(100), 2, 5).toString();
        String patient = "{\"site\":\"" + site + "\",\"externalRef\":\"" + ref + "\",\"birthYear\":1950,\"sex\":\"FEMALE\"}";
        List<Callable<Answer>> calls = new ArrayList<>();
        calls.add(() -> send("POST", "/api/v1/imports", admin, csv, null, "text/csv"));
        for (int i = 0; i < 6; i++) {
            calls.add(() -> send("POST", "/api/v1/patients", admin, patient));
        }
        List<Answer> answers = run(calls);

        assertEquals(200, answers.get(0).status, answers.get(0).body);
        assertEquals(1, count("select count(*) from patient where site = ? and external_ref = ?", site, ref));
        String id = Api.as(admin).queryParam("site", site).queryParam("externalRef", ref).get("/api/v1/patients")
                .then().body("total", equalTo(1)).extract().path("items[0].id");
        int created = answers.get(0).json().getInt("patientsCreated");
        for (Answer answer : answers.subList(1, answers.size())) {
            assertTrue(answer.status == 201 || answer.status == 409, answer.toString());
            if (answer.status == 201) {
                created++;
                assertEquals(id, answer.json().getString("id"));
            } else {
                assertEquals("/api/v1/patients/" + id, answer.json().getString("existing"), answer.body);
            }
        }
        assertEquals(1, created, "exactly one of the import and the single writes created the patient");
    }

    @Test
    void aDuplicateThatDoesNotRaceStillGetsTheSame409() {
        String admin = Tokens.admin();
        String site = Api.uniqueSite();
        String patient = Api.patient(admin, site);
        String ref = Api.as(admin).get("/api/v1/patients/" + patient).then().extract().path("externalRef");
        Api.as(admin).body(Map.of("site", site, "externalRef", ref, "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients").then().statusCode(409)
                .body("existing", equalTo("/api/v1/patients/" + patient))
                .body("detail", containsString("exists"));
    }

    private Answer send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, null, "application/json");
    }

    private Answer send(String method, String path, String token, String body, String ifMatch) throws Exception {
        return send(method, path, token, body, ifMatch, "application/json");
    }

    private Answer send(String method, String path, String token, String body, String ifMatch, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static List<Answer> all(int clients, Callable<Answer> call) throws Exception {
        List<Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            calls.add(call);
        }
        return run(calls);
    }

    /** Runs the calls at once: every thread waits at a barrier, then all send. */
    private static List<Answer> run(List<Callable<Answer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Integer> statuses(List<Answer> answers) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status, 1, Integer::sum));
        return statuses;
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
