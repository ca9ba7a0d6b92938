package org.kyphoplasty.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Builds data through the real HTTP API, as a client would; each call returns the new id. */
public final class Api {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A reference never used before in this database, so tests never collide with earlier runs. */
    public static String uniqueRef(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQUENCE.incrementAndGet();
    }

    /** A site code never used before, for tests that count everything of one site. */
    public static String uniqueSite() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    public static String patient(String token, String site, int birthYear, String sex) {
        return as(token).body(Map.of("site", site, "externalRef", uniqueRef(site), "birthYear", birthYear, "sex", sex))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
    }

    public static String patient(String token, String site) {
        return patient(token, site, 1948, "FEMALE");
    }

    public static String procedure(String token, String patientId, String type, LocalDate performedOn,
            String indication) {
        return as(token).body(Map.of("type", type, "performedOn", performedOn.toString(), "indication", indication,
                "levels", java.util.List.of("L1")))
                .post("/api/v1/patients/" + patientId + "/procedures").then().statusCode(201).extract().path("id");
    }

    public static String procedure(String token, String patientId, LocalDate performedOn) {
        return procedure(token, patientId, "KYPHOPLASTY", performedOn, "OSTEOPOROSIS");
    }

    public static void assessment(String token, String procedureId, String timepoint, LocalDate assessedOn,
            Map<String, Object> scores) {
        Map<String, Object> body = new java.util.HashMap<>(scores);
        body.put("assessedOn", assessedOn.toString());
        as(token).body(body).put("/api/v1/procedures/" + procedureId + "/assessments/" + timepoint)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                        org.hamcrest.Matchers.is(201)));
    }
}
