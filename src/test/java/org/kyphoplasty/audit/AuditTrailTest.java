package org.kyphoplasty.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kyphoplasty.support.Api.as;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AuditTrailTest {

    private static final String SITE = "AUD";
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(100);

    @Inject
    DataSource dataSource;

    private final String clinician = Tokens.clinicianNamed("dr.martin", SITE);
    private final String admin = Tokens.admin();

    @Test
    void creatingAPatientWritesOneCreateEntryWithItsState() {
        String id = Api.patient(clinician, SITE);
        as(admin).queryParam("entityId", id).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("CREATE"))
                .body("items[0].entityType", equalTo("PATIENT"))
                .body("items[0].entityId", equalTo(id))
                .body("items[0].user", equalTo("dr.martin"))
                .body("items[0].before", nullValue())
                .body("items[0].after.site", equalTo(SITE))
                .body("items[0].after.birthYear", equalTo(1948));
    }

    @Test
    void creatingAProcedureWritesOneCreateEntry() {
        String procedure = Api.procedure(clinician, Api.patient(clinician, SITE), PERFORMED);
        as(admin).queryParam("entityId", procedure).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].entityType", equalTo("PROCEDURE"))
                .body("items[0].after.type", equalTo("KYPHOPLASTY"));
    }

    @Test
    void assessmentCreateUpdateDeleteEachWriteOneEntryWithBeforeAndAfter() {
        String procedure = Api.procedure(clinician, Api.patient(clinician, SITE), PERFORMED);
        String url = "/api/v1/procedures/" + procedure + "/assessments/MONTH_3";
        String id = as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 5))
                .put(url).then().statusCode(201).extract().path("id");
        as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 3))
                .put(url).then().statusCode(200);
        as(clinician).delete(url).then().statusCode(204);

        as(admin).queryParam("entityId", id).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].action", equalTo("DELETE"))
                .body("items[0].before.painNrs", equalTo(3))
                .body("items[0].after", nullValue())
                .body("items[1].action", equalTo("UPDATE"))
                .body("items[1].before.painNrs", equalTo(5))
                .body("items[1].after.painNrs", equalTo(3))
                .body("items[1].after.version", equalTo(2))
                .body("items[2].action", equalTo("CREATE"))
                .body("items[2].before", nullValue())
                .body("items[2].after.painNrs", equalTo(5));
    }

    @Test
    void rejectedWritesLeaveNoEntry() {
        String procedure = Api.procedure(clinician, Api.patient(clinician, SITE), PERFORMED);
        as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 11))
                .put("/api/v1/procedures/" + procedure + "/assessments/MONTH_3").then().statusCode(400);
        as(admin).queryParam("entityId", procedure).get("/api/v1/audit").then().body("total", equalTo(1));
    }

    @Test
    void auditIsFilteredByTimeAndPaged() {
        Instant before = Instant.now().minusSeconds(1);
        String patient = Api.patient(clinician, SITE);
        as(admin).queryParam("entityId", patient).queryParam("from", before.toString())
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1));
        as(admin).queryParam("entityId", patient).queryParam("to", before.toString())
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(0));
        as(admin).queryParam("size", 1).get("/api/v1/audit").then().statusCode(200)
                .body("size", equalTo(1)).body("items.size()", equalTo(1));
        as(admin).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        as(admin).queryParam("entityId", "nope").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("entityId"));
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAuditRowsEvenForTheApplicationUser() throws SQLException {
        String patient = Api.patient(clinician, SITE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update audit_entry set user_name = 'someone else' where entity_id = '" + patient + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "delete from audit_entry where entity_id = '" + patient + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("truncate audit_entry"));
        }
        as(admin).queryParam("entityId", patient).get("/api/v1/audit").then()
                .body("total", equalTo(1)).body("items[0].user", equalTo("dr.martin"));
    }

    @Test
    void twoConcurrentUpdatesWithTheSameIfMatchGiveOne200AndOne412AndLoseNothing() throws Exception {
        String procedure = Api.procedure(clinician, Api.patient(clinician, SITE), PERFORMED);
        String url = "/api/v1/procedures/" + procedure + "/assessments/MONTH_3";
        String id = as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 5))
                .put(url).then().statusCode(201).extract().path("id");

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Response>> results = new ArrayList<>();
        for (int pain : new int[] { 1, 2 }) {
            Callable<Response> write = () -> {
                start.await();
                return as(clinician).header("If-Match", "\"1\"")
                        .body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", pain)).put(url);
            };
            results.add(pool.submit(write));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        Integer winner = null;
        for (Future<Response> result : results) {
            Response response = result.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                winner = response.path("painNrs");
            }
        }
        pool.shutdown();
        statuses.sort(Integer::compare);
        assertEquals(List.of(200, 412), statuses);
        as(clinician).get(url).then().statusCode(200).body("painNrs", equalTo(winner)).body("version", equalTo(2));
        as(admin).queryParam("entityId", id).get("/api/v1/audit").then().body("total", equalTo(2));
    }

    @Test
    void lastWriteWinsWithoutIfMatchAndBothWritesAreAudited() {
        String procedure = Api.procedure(clinician, Api.patient(clinician, SITE), PERFORMED);
        String url = "/api/v1/procedures/" + procedure + "/assessments/MONTH_3";
        String id = as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 5))
                .put(url).then().statusCode(201).extract().path("id");
        String other = Tokens.clinicianNamed("dr.other", SITE);
        as(clinician).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 4)).put(url)
                .then().statusCode(200);
        as(other).body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 6)).put(url)
                .then().statusCode(200);
        as(clinician).get(url).then().body("painNrs", equalTo(6)).body("version", equalTo(3));
        as(admin).queryParam("entityId", id).get("/api/v1/audit").then().body("total", equalTo(3))
                .body("items[0].user", equalTo("dr.other"))
                .body("items[0].before.painNrs", equalTo(4))
                .body("items[1].user", equalTo("dr.martin"));
    }
}
