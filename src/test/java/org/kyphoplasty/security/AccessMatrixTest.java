package org.kyphoplasty.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every patient-level endpoint x every kind of caller. A clinician of another site gets the same
 * 404 as for an unknown id: existence is never revealed.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String SITE = "MTX";
    private static final String OTHER_SITE = "OTH";
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(100);

    /** The ids an endpoint call needs, created fresh (by an admin) for each call. */
    record Fixture(String patient, String procedure) {
    }

    record Endpoint(String name, int success, Function<Fixture, Function<RequestSpecification, Response>> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum CallerKind {
        NO_TOKEN, EXPIRED, WRONG_SIGNATURE, WRONG_ISSUER, CLINICIAN_OF_SITE, CLINICIAN_OF_OTHER_SITE, ANALYST, ADMIN
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("POST /patients", 201, f -> spec -> spec.contentType(ContentType.JSON)
                .body(Map.of("site", SITE, "externalRef", Api.uniqueRef("MTX"), "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients")));
        endpoints.add(new Endpoint("GET /patients/{id}", 200, f -> spec -> spec.get("/api/v1/patients/" + f.patient())));
        endpoints.add(new Endpoint("GET /patients", 200, f -> spec -> spec.get("/api/v1/patients")));
        endpoints.add(new Endpoint("POST /patients/{id}/procedures", 201, f -> spec -> spec.contentType(ContentType.JSON)
                .body(Map.of("type", "VERTEBROPLASTY", "performedOn", PERFORMED.toString(), "indication", "TRAUMA",
                        "levels", List.of("T8")))
                .post("/api/v1/patients/" + f.patient() + "/procedures")));
        endpoints.add(new Endpoint("GET /procedures/{id}", 200, f -> spec -> spec.get("/api/v1/procedures/" + f.procedure())));
        endpoints.add(new Endpoint("PUT assessment", 200, f -> spec -> spec.contentType(ContentType.JSON)
                .body(Map.of("assessedOn", PERFORMED.plusDays(90).toString(), "painNrs", 2))
                .put("/api/v1/procedures/" + f.procedure() + "/assessments/MONTH_3")));
        endpoints.add(new Endpoint("GET assessment", 200, f -> spec -> spec.get("/api/v1/procedures/" + f.procedure()
                + "/assessments/MONTH_3")));
        endpoints.add(new Endpoint("DELETE assessment", 204, f -> spec -> spec.delete("/api/v1/procedures/"
                + f.procedure() + "/assessments/MONTH_3")));
        return endpoints;
    }

    static Stream<Arguments> matrix() {
        return endpoints().stream().flatMap(endpoint -> Stream.of(CallerKind.values())
                .map(kind -> Arguments.of(endpoint, kind)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void patientLevelEndpointAnswersEachKindOfCallerAsTheContractSays(Endpoint endpoint, CallerKind kind) {
        Fixture fixture = fixture();
        RequestSpecification spec = given();
        String token = token(kind);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        Response response = endpoint.call().apply(fixture).apply(spec);
        int expected = expectedStatus(endpoint, kind);
        assertEquals(expected, response.statusCode(), endpoint + " as " + kind + ": " + response.asString());
        if (expected >= 400) {
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
        }
    }

    @Test
    void clinicianCreatingAPatientForAnotherSiteIsForbidden() {
        Api.as(Tokens.clinician(SITE)).body(Map.of("site", OTHER_SITE, "externalRef", Api.uniqueRef("X"),
                "birthYear", 1950, "sex", "MALE")).post("/api/v1/patients").then().statusCode(403);
    }

    @Test
    void clinicianListSeesOnlyOwnSites() {
        String ref = Api.uniqueRef("OTH");
        Api.as(Tokens.admin()).body(Map.of("site", OTHER_SITE, "externalRef", ref, "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients").then().statusCode(201);
        Api.as(Tokens.clinician(SITE)).queryParam("externalRef", ref).get("/api/v1/patients")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        Api.as(Tokens.clinician(SITE)).queryParam("site", OTHER_SITE).get("/api/v1/patients")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        Api.as(Tokens.admin()).queryParam("externalRef", ref).get("/api/v1/patients")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void auditIsForAdminsOnly() {
        given().get("/api/v1/audit").then().statusCode(401);
        Api.as(Tokens.clinician(SITE)).get("/api/v1/audit").then().statusCode(403);
        Api.as(Tokens.analyst()).get("/api/v1/audit").then().statusCode(403);
        Api.as(Tokens.admin()).get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void unauthenticatedAnswerCarriesBearerChallenge() {
        given().get("/api/v1/patients").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.jwt").get("/api/v1/patients").then().statusCode(401);
    }

    @Test
    void devTokenEndpointDoesNotExistOutsideDevMode() {
        given().get("/dev/token?role=admin").then().statusCode(404);
    }

    @Test
    void patientDataIsNeverCachedAndNotSniffed() {
        Api.as(Tokens.admin()).get("/api/v1/patients").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static int expectedStatus(Endpoint endpoint, CallerKind kind) {
        return switch (kind) {
            case NO_TOKEN, EXPIRED, WRONG_SIGNATURE, WRONG_ISSUER -> 401;
            case ANALYST -> 403;
            case CLINICIAN_OF_SITE, ADMIN -> endpoint.success();
            case CLINICIAN_OF_OTHER_SITE -> switch (endpoint.name()) {
                case "POST /patients" -> 403;
                case "GET /patients" -> 200;
                default -> 404;
            };
        };
    }

    private static String token(CallerKind kind) {
        return switch (kind) {
            case NO_TOKEN -> null;
            case EXPIRED -> Tokens.expired(SITE);
            case WRONG_SIGNATURE -> Tokens.wrongSignature(SITE);
            case WRONG_ISSUER -> Tokens.wrongIssuer(SITE);
            case CLINICIAN_OF_SITE -> Tokens.clinician(SITE);
            case CLINICIAN_OF_OTHER_SITE -> Tokens.clinician(OTHER_SITE);
            case ANALYST -> Tokens.analyst();
            case ADMIN -> Tokens.admin();
        };
    }

    private static Fixture fixture() {
        String admin = Tokens.admin();
        String patient = Api.patient(admin, SITE);
        String procedure = Api.procedure(admin, patient, PERFORMED);
        Api.assessment(admin, procedure, "MONTH_3", PERFORMED.plusDays(88), Map.of("painNrs", 4));
        return new Fixture(patient, procedure);
    }
}
