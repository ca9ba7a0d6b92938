package org.kyphoplasty.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PatientResourceTest {

    private static final String SITE = "ORL";
    private final String clinician = Tokens.clinician(SITE);

    private Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("site", SITE);
        body.put("externalRef", Api.uniqueRef("ORL"));
        body.put("birthYear", 1948);
        body.put("sex", "FEMALE");
        return body;
    }

    @Test
    void createdPatientIsReturnedWithLocationAndCanBeRead() {
        Map<String, Object> body = valid();
        String location = as(clinician).body(body).post("/api/v1/patients")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("site", equalTo(SITE))
                .body("externalRef", equalTo(body.get("externalRef")))
                .body("birthYear", equalTo(1948))
                .body("sex", equalTo("FEMALE"))
                .body("createdAt", notNullValue())
                .extract().header("Location");
        as(clinician).get(location).then().statusCode(200)
                .body("externalRef", equalTo(body.get("externalRef")))
                .body("procedures", empty());
    }

    @Test
    void readPatientListsItsProcedures() {
        String patient = Api.patient(clinician, SITE);
        String procedure = Api.procedure(clinician, patient, LocalDate.now().minusDays(10));
        as(clinician).get("/api/v1/patients/" + patient).then().statusCode(200)
                .body("procedures", hasSize(1))
                .body("procedures[0].id", equalTo(procedure))
                .body("procedures[0].type", equalTo("KYPHOPLASTY"))
                .body("procedures[0].performedOn", equalTo(LocalDate.now().minusDays(10).toString()));
    }

    @Test
    void duplicateSiteAndExternalRefIsConflictPointingAtTheExistingPatient() {
        Map<String, Object> body = valid();
        String id = as(clinician).body(body).post("/api/v1/patients").then().statusCode(201).extract().path("id");
        as(clinician).body(body).post("/api/v1/patients")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("existing", equalTo("/api/v1/patients/" + id));
    }

    @Test
    void listFindsByExternalRefAndPages() {
        Map<String, Object> body = valid();
        as(clinician).body(body).post("/api/v1/patients").then().statusCode(201);
        as(clinician).queryParam("site", SITE).queryParam("externalRef", body.get("externalRef"))
                .get("/api/v1/patients").then().statusCode(200)
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items[0].externalRef", equalTo(body.get("externalRef")));
    }

    @Test
    void listRejectsPageSizeAbove500() {
        as(clinician).queryParam("size", 501).get("/api/v1/patients").then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void siteNotMatchingThePatternIsRejected() {
        Map<String, Object> body = valid();
        body.put("site", "orl lower");
        assertRejected(body, "site");
    }

    @Test
    void siteOfOneCharacterIsRejected() {
        Map<String, Object> body = valid();
        body.put("site", "O");
        assertRejected(body, "site");
    }

    @Test
    void missingSiteIsRejected() {
        Map<String, Object> body = valid();
        body.remove("site");
        assertRejected(body, "site");
    }

    @Test
    void emptyExternalRefIsRejected() {
        Map<String, Object> body = valid();
        body.put("externalRef", "");
        assertRejected(body, "externalRef");
    }

    @Test
    void externalRefLongerThan64IsRejected() {
        Map<String, Object> body = valid();
        body.put("externalRef", "x".repeat(65));
        assertRejected(body, "externalRef");
    }

    @Test
    void externalRefWithControlCharacterIsRejected() {
        Map<String, Object> body = valid();
        body.put("externalRef", "ORL\u0007BELL");
        assertRejected(body, "externalRef");
    }

    @Test
    void birthYearBefore1900IsRejected() {
        Map<String, Object> body = valid();
        body.put("birthYear", 1899);
        assertRejected(body, "birthYear");
    }

    @Test
    void birthYearAfterTheCurrentYearIsRejected() {
        Map<String, Object> body = valid();
        body.put("birthYear", LocalDate.now().getYear() + 1);
        assertRejected(body, "birthYear");
    }

    @Test
    void birthYearAsStringIsATypeError() {
        Map<String, Object> body = valid();
        body.put("birthYear", "1948");
        assertRejected(body, "birthYear");
    }

    @Test
    void unknownSexIsRejectedWithTheAllowedValues() {
        Map<String, Object> body = valid();
        body.put("sex", "F");
        as(clinician).body(body).post("/api/v1/patients").then().statusCode(400)
                .body("errors[0].field", equalTo("sex"))
                .body("errors[0].message", containsString("FEMALE"));
    }

    @Test
    void unknownFieldIsRejected() {
        Map<String, Object> body = valid();
        body.put("name", "Jane Doe");
        assertRejected(body, "name");
    }

    @Test
    void everyOffendingFieldIsNamed() {
        Map<String, Object> body = new HashMap<>();
        body.put("site", "x");
        body.put("externalRef", "");
        body.put("birthYear", 1800);
        as(clinician).body(body).post("/api/v1/patients").then().statusCode(400)
                .body("errors.field", hasItem("site"))
                .body("errors.field", hasItem("externalRef"))
                .body("errors.field", hasItem("birthYear"))
                .body("errors.field", hasItem("sex"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        as(clinician).body("{\"site\": \"ORL\",").post("/api/v1/patients").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", notNullValue())
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void jsonArrayInsteadOfObjectIsA400Problem() {
        as(clinician).body("[1,2]").post("/api/v1/patients").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void emptyBodyIsA400Problem() {
        as(clinician).body("").post("/api/v1/patients").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415Problem() {
        given().auth().oauth2(clinician).contentType("text/plain").body("site=ORL").post("/api/v1/patients")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413Problem() {
        Map<String, Object> body = valid();
        body.put("externalRef", "x".repeat(70_000));
        as(clinician).body(body).post("/api/v1/patients").then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void malformedIdIs400NamingThePathParameter() {
        as(clinician).get("/api/v1/patients/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownIdIs404Problem() {
        as(clinician).get("/api/v1/patients/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void problemsCarryNoStackTraceOrClassName() {
        as(clinician).body("{\"birthYear\": {\"nested\": true}}").post("/api/v1/patients").then().statusCode(400)
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception")))
                .body(not(containsString("org.kyphoplasty")));
    }

    @Test
    void nothingIsStoredWhenCreationIsRejected() {
        Map<String, Object> body = valid();
        body.put("birthYear", 1800);
        as(clinician).body(body).post("/api/v1/patients").then().statusCode(400);
        as(clinician).queryParam("externalRef", body.get("externalRef")).get("/api/v1/patients")
                .then().statusCode(200).body("total", equalTo(0)).body("items", empty());
    }

    private void assertRejected(Map<String, Object> body, String field) {
        as(clinician).body(body).post("/api/v1/patients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", notNullValue())
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", notNullValue())
                .body("existing", nullValue());
    }
}
