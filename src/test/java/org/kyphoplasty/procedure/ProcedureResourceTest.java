package org.kyphoplasty.procedure;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProcedureResourceTest {

    private static final String SITE = "ORL";
    private final String clinician = Tokens.clinician(SITE);
    private String patient;

    @BeforeEach
    void createPatient() {
        patient = Api.patient(clinician, SITE, 1948, "FEMALE");
    }

    private Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "KYPHOPLASTY");
        body.put("performedOn", LocalDate.now().minusDays(40).toString());
        body.put("indication", "OSTEOPOROSIS");
        body.put("levels", List.of("T12", "L1"));
        body.put("fractureOnset", LocalDate.now().minusDays(60).toString());
        body.put("cementVolumeMl", 4.5);
        return body;
    }

    private String post(Map<String, Object> body, int status) {
        return as(clinician).body(body).post("/api/v1/patients/" + patient + "/procedures")
                .then().statusCode(status).extract().asString();
    }

    @Test
    void createdProcedureIsReturnedWithLocationAndReadWithItsAssessments() {
        String location = as(clinician).body(valid()).post("/api/v1/patients/" + patient + "/procedures")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("patientId", equalTo(patient))
                .body("type", equalTo("KYPHOPLASTY"))
                .body("levels", equalTo(List.of("T12", "L1")))
                .body("cementVolumeMl", equalTo(4.5f))
                .extract().header("Location");
        as(clinician).get(location).then().statusCode(200)
                .body("patientId", equalTo(patient))
                .body("indication", equalTo("OSTEOPOROSIS"))
                .body("fractureOnset", equalTo(LocalDate.now().minusDays(60).toString()))
                .body("assessments", hasSize(0));
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        Map<String, Object> body = valid();
        body.remove("fractureOnset");
        body.remove("cementVolumeMl");
        as(clinician).body(body).post("/api/v1/patients/" + patient + "/procedures").then().statusCode(201)
                .body("fractureOnset", nullValue())
                .body("cementVolumeMl", nullValue());
    }

    @Test
    void nonSurgicalCareWithoutCementIsAccepted() {
        Map<String, Object> body = valid();
        body.put("type", "NON_SURGICAL");
        body.remove("cementVolumeMl");
        post(body, 201);
    }

    @Test
    void sameTypeAndDateTwiceIsConflictPointingAtTheExistingProcedure() {
        String id = as(clinician).body(valid()).post("/api/v1/patients/" + patient + "/procedures")
                .then().statusCode(201).extract().path("id");
        as(clinician).body(valid()).post("/api/v1/patients/" + patient + "/procedures")
                .then().statusCode(409).body("existing", equalTo("/api/v1/procedures/" + id));
    }

    @Test
    void unknownPatientIs404() {
        as(clinician).body(valid()).post("/api/v1/patients/" + UUID.randomUUID() + "/procedures")
                .then().statusCode(404);
    }

    @Test
    void unknownProcedureIs404() {
        as(clinician).get("/api/v1/procedures/" + UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo(404));
    }

    @Test
    void malformedProcedureIdIs400() {
        as(clinician).get("/api/v1/procedures/12345").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownTypeIsRejected() {
        assertRejected(with("type", "SURGERY"), "type");
    }

    @Test
    void missingTypeIsRejected() {
        assertRejected(without("type"), "type");
    }

    @Test
    void unknownIndicationIsRejected() {
        assertRejected(with("indication", "FALL"), "indication");
    }

    @Test
    void missingIndicationIsRejected() {
        assertRejected(without("indication"), "indication");
    }

    @Test
    void missingPerformedOnIsRejected() {
        assertRejected(without("performedOn"), "performedOn");
    }

    @Test
    void performedOnNotADateIsRejected() {
        assertRejected(with("performedOn", "15/01/2026"), "performedOn");
    }

    @Test
    void performedOnInTheFutureIsRejected() {
        Map<String, Object> body = with("performedOn", LocalDate.now().plusDays(2).toString());
        body.remove("fractureOnset");
        assertRejected(body, "performedOn");
    }

    @Test
    void performedOnBeforeTheBirthYearIsRejected() {
        Map<String, Object> body = with("performedOn", "1947-12-31");
        body.remove("fractureOnset");
        assertRejected(body, "performedOn");
    }

    @Test
    void fractureOnsetAfterPerformedOnIsRejected() {
        assertRejected(with("fractureOnset", LocalDate.now().minusDays(39).toString()), "fractureOnset");
    }

    @Test
    void emptyLevelsAreRejected() {
        assertRejected(with("levels", List.of()), "levels");
    }

    @Test
    void missingLevelsAreRejected() {
        assertRejected(without("levels"), "levels");
    }

    @Test
    void moreThanTenLevelsAreRejected() {
        assertRejected(with("levels", List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11")),
                "levels");
    }

    @Test
    void repeatedLevelIsRejected() {
        assertRejected(with("levels", List.of("L1", "L1")), "levels");
    }

    @Test
    void invalidLevelIsRejected() {
        assertRejected(with("levels", List.of("L1", "L6")), "levels[1]");
    }

    @Test
    void negativeCementVolumeIsRejected() {
        assertRejected(with("cementVolumeMl", -0.5), "cementVolumeMl");
    }

    @Test
    void cementVolumeAbove50IsRejected() {
        assertRejected(with("cementVolumeMl", 50.5), "cementVolumeMl");
    }

    @Test
    void cementVolumeForNonSurgicalCareIsRejected() {
        assertRejected(with("type", "NON_SURGICAL"), "cementVolumeMl");
    }

    @Test
    void unknownFieldIsRejected() {
        assertRejected(with("surgeon", "Dr X"), "surgeon");
    }

    @Test
    void nothingIsStoredWhenCreationIsRejected() {
        post(with("levels", List.of("L1", "L1")), 400);
        as(clinician).get("/api/v1/patients/" + patient).then().statusCode(200).body("procedures", hasSize(0));
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return body;
    }

    private Map<String, Object> without(String field) {
        Map<String, Object> body = valid();
        body.remove(field);
        return body;
    }

    private void assertRejected(Map<String, Object> body, String field) {
        as(clinician).body(body).post("/api/v1/patients/" + patient + "/procedures")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
