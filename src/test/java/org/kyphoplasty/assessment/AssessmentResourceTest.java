package org.kyphoplasty.assessment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AssessmentResourceTest {

    private static final String SITE = "ORL";
    /** Long enough ago that every follow-up window, up to MONTH_24 (day 770), is in the past. */
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(800);

    private final String clinician = Tokens.clinician(SITE);
    private String procedure;

    @BeforeEach
    void createProcedure() {
        String patient = Api.patient(clinician, SITE);
        procedure = Api.procedure(clinician, patient, PERFORMED);
    }

    private String url(String timepoint) {
        return "/api/v1/procedures/" + procedure + "/assessments/" + timepoint;
    }

    private Map<String, Object> scores(LocalDate assessedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("assessedOn", assessedOn.toString());
        body.put("painNrs", 3);
        body.put("mobilityFac", 4);
        body.put("odi", 30);
        body.put("rmdq", null);
        body.put("eq5dIndex", 0.71);
        return body;
    }

    @Test
    void firstPutCreatesWith201AndVersion1() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3"))
                .then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("timepoint", equalTo("MONTH_3"))
                .body("withinWindow", equalTo(true))
                .body("version", equalTo(1))
                .body("painNrs", equalTo(3))
                .body("eq5dIndex", equalTo(0.71f))
                .body("rmdq", equalTo(null));
    }

    @Test
    void secondPutReplacesWith200AndVersion2() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        Map<String, Object> corrected = scores(PERFORMED.plusDays(91));
        corrected.put("painNrs", 2);
        as(clinician).body(corrected).put(url("MONTH_3"))
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2)).body("painNrs", equalTo(2));
        as(clinician).get(url("MONTH_3")).then().statusCode(200).header("ETag", "\"2\"")
                .body("painNrs", equalTo(2))
                .body("assessedOn", equalTo(PERFORMED.plusDays(91).toString()));
    }

    @Test
    void procedureShowsAllItsAssessments() {
        as(clinician).body(scores(PERFORMED.minusDays(2))).put(url("BASELINE")).then().statusCode(201);
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        as(clinician).get("/api/v1/procedures/" + procedure).then().statusCode(200)
                .body("assessments", hasSize(2))
                .body("assessments[0].timepoint", equalTo("BASELINE"))
                .body("assessments[1].timepoint", equalTo("MONTH_3"));
    }

    @Test
    void matchingIfMatchWritesAndStaleIfMatchIs412WithNothingChanged() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        Map<String, Object> corrected = scores(PERFORMED.plusDays(90));
        corrected.put("painNrs", 1);
        as(clinician).header("If-Match", "\"1\"").body(corrected).put(url("MONTH_3")).then().statusCode(200)
                .header("ETag", "\"2\"");
        corrected.put("painNrs", 9);
        as(clinician).header("If-Match", "\"1\"").body(corrected).put(url("MONTH_3")).then().statusCode(412)
                .contentType("application/problem+json");
        as(clinician).get(url("MONTH_3")).then().body("painNrs", equalTo(1)).body("version", equalTo(2));
    }

    @Test
    void ifMatchOnAMissingAssessmentIs412() {
        as(clinician).header("If-Match", "\"1\"").body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3"))
                .then().statusCode(412);
    }

    @Test
    void deleteRemovesTheAssessment() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        as(clinician).delete(url("MONTH_3")).then().statusCode(204);
        as(clinician).get(url("MONTH_3")).then().statusCode(404);
        as(clinician).delete(url("MONTH_3")).then().statusCode(404);
    }

    @Test
    void deleteWithStaleIfMatchIs412AndKeepsTheAssessment() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        as(clinician).header("If-Match", "\"7\"").delete(url("MONTH_3")).then().statusCode(412);
        as(clinician).get(url("MONTH_3")).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} on day {1}: withinWindow={2}")
    @CsvSource({
            "WEEK_1,2,false", "WEEK_1,3,true", "WEEK_1,14,true", "WEEK_1,15,false",
            "MONTH_1,20,false", "MONTH_1,21,true", "MONTH_1,45,true", "MONTH_1,46,false",
            "MONTH_3,69,false", "MONTH_3,70,true", "MONTH_3,110,true", "MONTH_3,111,false",
            "MONTH_6,149,false", "MONTH_6,150,true", "MONTH_6,210,true", "MONTH_6,211,false",
            "MONTH_12,329,false", "MONTH_12,330,true", "MONTH_12,400,true", "MONTH_12,401,false",
            "MONTH_24,689,false", "MONTH_24,690,true", "MONTH_24,770,true", "MONTH_24,771,false" })
    void withinWindowIsComputedOnBothSidesOfEachWindowEdge(String timepoint, int day, boolean within) {
        as(clinician).body(scores(PERFORMED.plusDays(day))).put(url(timepoint))
                .then().statusCode(201).body("withinWindow", equalTo(within)).body("dayOffset", equalTo(day));
    }

    @Test
    void baselineOnTheProcedureDayAnd30DaysBeforeIsAccepted() {
        as(clinician).body(scores(PERFORMED)).put(url("BASELINE")).then().statusCode(201);
        as(clinician).body(scores(PERFORMED.minusDays(30))).put(url("BASELINE")).then().statusCode(200);
    }

    @Test
    void baseline31DaysBeforeTheProcedureIsRejected() {
        assertRejected("BASELINE", scores(PERFORMED.minusDays(31)), "assessedOn");
    }

    @Test
    void baselineAfterTheProcedureIsRejected() {
        assertRejected("BASELINE", scores(PERFORMED.plusDays(1)), "assessedOn");
    }

    @Test
    void preFractureAfterTheProcedureIsRejected() {
        assertRejected("PRE_FRACTURE", scores(PERFORMED.plusDays(1)), "assessedOn");
    }

    @Test
    void preFractureLongBeforeTheProcedureIsAccepted() {
        as(clinician).body(scores(PERFORMED.minusDays(200))).put(url("PRE_FRACTURE")).then().statusCode(201);
    }

    @Test
    void preFractureBefore1900IsRejectedNotA500() {
        assertRejected("PRE_FRACTURE", scores(LocalDate.of(1899, 12, 31)), "assessedOn");
        assertRejected("PRE_FRACTURE", scores(LocalDate.of(-9_999_999, 1, 1)), "assessedOn");
    }

    @Test
    void followUpOnTheProcedureDayIsRejected() {
        assertRejected("WEEK_1", scores(PERFORMED), "assessedOn");
    }

    @Test
    void followUpInTheFutureIsRejected() {
        assertRejected("MONTH_24", scores(LocalDate.now().plusDays(2)), "assessedOn");
    }

    @Test
    void missingAssessedOnIsRejected() {
        Map<String, Object> body = scores(PERFORMED);
        body.remove("assessedOn");
        assertRejected("MONTH_3", body, "assessedOn");
    }

    @Test
    void noScoreAtAllIsRejected() {
        Map<String, Object> body = new HashMap<>();
        body.put("assessedOn", PERFORMED.plusDays(90).toString());
        assertRejected("MONTH_3", body, "scores");
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({ "painNrs,-1", "painNrs,11", "mobilityFac,-1", "mobilityFac,6", "odi,-1", "odi,101", "rmdq,-1",
            "rmdq,25" })
    void integerScoreOutOfRangeIsRejected(String field, int value) {
        Map<String, Object> body = scores(PERFORMED.plusDays(90));
        body.put(field, value);
        assertRejected("MONTH_3", body, field);
    }

    @ParameterizedTest(name = "eq5dIndex={0} is rejected")
    @CsvSource({ "-1.001", "1.001", "0.7123" })
    void eq5dOutOfRangeOrTooPreciseIsRejected(String value) {
        Map<String, Object> body = scores(PERFORMED.plusDays(90));
        body.put("eq5dIndex", new java.math.BigDecimal(value));
        assertRejected("MONTH_3", body, "eq5dIndex");
    }

    @Test
    void fractionalPainIsATypeError() {
        Map<String, Object> body = scores(PERFORMED.plusDays(90));
        body.put("painNrs", 3.5);
        assertRejected("MONTH_3", body, "painNrs");
    }

    @Test
    void painAsTextIsATypeError() {
        Map<String, Object> body = scores(PERFORMED.plusDays(90));
        body.put("painNrs", "3");
        assertRejected("MONTH_3", body, "painNrs");
    }

    @Test
    void everyOutOfRangeScoreIsNamed() {
        Map<String, Object> body = scores(PERFORMED.plusDays(90));
        body.put("painNrs", 11);
        body.put("odi", 101);
        as(clinician).body(body).put(url("MONTH_3")).then().statusCode(400)
                .body("errors.field", hasItem("painNrs"))
                .body("errors.field", hasItem("odi"));
    }

    @Test
    void unknownTimepointIs400NamingIt() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_4")).then().statusCode(400)
                .body("errors[0].field", equalTo("timepoint"));
    }

    @Test
    void unknownProcedureIs404() {
        as(clinician).body(scores(PERFORMED.plusDays(90)))
                .put("/api/v1/procedures/" + UUID.randomUUID() + "/assessments/MONTH_3").then().statusCode(404);
    }

    @Test
    void missingAssessmentIs404() {
        as(clinician).get(url("MONTH_6")).then().statusCode(404).body("detail", notNullValue());
    }

    @Test
    void rejectedCorrectionLeavesTheStoredAssessmentUntouched() {
        as(clinician).body(scores(PERFORMED.plusDays(90))).put(url("MONTH_3")).then().statusCode(201);
        Map<String, Object> bad = scores(PERFORMED.plusDays(90));
        bad.put("painNrs", 12);
        as(clinician).body(bad).put(url("MONTH_3")).then().statusCode(400);
        as(clinician).get(url("MONTH_3")).then().statusCode(200).body("painNrs", equalTo(3)).body("version", equalTo(1));
    }

    private void assertRejected(String timepoint, Map<String, Object> body, String field) {
        as(clinician).body(body).put(url(timepoint)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
