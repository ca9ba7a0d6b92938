package org.kyphoplasty.exports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Csv;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExportResourceTest {

    private static final LocalDate PERFORMED = LocalDate.now().minusDays(300);

    private String export(String site, String... query) {
        var request = given().auth().oauth2(Tokens.analyst()).queryParam("site", site);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/exports/outcomes.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
    }

    @Test
    void exportIsDeIdentifiedOneRowPerAssessment() {
        String site = Api.uniqueSite();
        String first = Api.uniqueRef("EXP");
        String second = Api.uniqueRef("EXP");
        Csv csv = new Csv().journey(site, first, PERFORMED, 2, 5).journey(site, second, PERFORMED, 3, 4)
                .row(site, second, 1950, "FEMALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "T12;L1", "MONTH_6",
                        PERFORMED.plusDays(250), "3", "4", "", "", "");
        given().auth().oauth2(Tokens.admin()).contentType("text/csv").body(csv.toString()).post("/api/v1/imports")
                .then().statusCode(200);

        String body = export(site, "includeOutOfWindow", "true");
        List<String> lines = Arrays.asList(body.split("\n"));
        assertEquals("studyId,site,ageBand,sex,procedureType,indication,levelCount,timepoint,dayOffset,withinWindow,"
                + "painNrs,mobilityFac,odi,rmdq,eq5dIndex", lines.get(0));
        assertEquals(7, lines.size() - 1);
        for (String forbidden : List.of(first, second, "1950", PERFORMED.toString(),
                PERFORMED.plusDays(90).toString(), PERFORMED.minusDays(1).toString(), PERFORMED.minusDays(5).toString(),
                String.valueOf(PERFORMED.getYear()))) {
            assertFalse(body.contains(forbidden), "the export contains " + forbidden);
        }
        Set<String> studyIds = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(15, cells.length, line);
            studyIds.add(cells[0]);
            assertEquals(site, cells[1]);
            assertEquals("KYPHOPLASTY", cells[4]);
            assertEquals("2", cells[6]);
        }
        assertEquals(2, studyIds.size(), "one study id per patient");
        assertEquals(body, export(site, "includeOutOfWindow", "true"), "study ids are stable");
        assertTrue(body.contains(",MONTH_6,250,false,"), "out-of-window row with its day offset");
        assertTrue(body.contains(",MONTH_3,90,true,2,5,25,,0.750"), body);
    }

    @Test
    void exportAppliesTheOutcomeFilters() {
        String site = Api.uniqueSite();
        Csv csv = new Csv().journey(site, Api.uniqueRef("F"), PERFORMED, 2, 5)
                .row(site, Api.uniqueRef("F"), 1940, "MALE", "NON_SURGICAL", PERFORMED, "TRAUMA", "L2", "BASELINE",
                        PERFORMED, "7", "3", "", "", "")
                .row(site, Api.uniqueRef("F"), 1950, "FEMALE", "KYPHOPLASTY", PERFORMED, "OSTEOPOROSIS", "L1", "MONTH_3",
                        PERFORMED.plusDays(130), "3", "4", "", "", "");
        given().auth().oauth2(Tokens.admin()).contentType("text/csv").body(csv.toString()).post("/api/v1/imports")
                .then().statusCode(200);
        assertEquals(3, export(site).split("\n").length - 1, "the kyphoplasty rows in window, by default");
        assertEquals(4, export(site, "includeOutOfWindow", "true").split("\n").length - 1);
        String nonSurgical = export(site, "procedureType", "NON_SURGICAL");
        assertEquals(2, nonSurgical.split("\n").length);
        assertTrue(nonSurgical.contains(",80-89,MALE,NON_SURGICAL,TRAUMA,1,BASELINE,0,true,7,3,,,"), nonSurgical);
        assertEquals(1, export(site, "sex", "MALE", "procedureType", "KYPHOPLASTY").split("\n").length);
    }

    @Test
    void exportIsForAnalystsAndAdminsAndValidatesFilters() {
        given().auth().oauth2(Tokens.clinician("ORL")).get("/api/v1/exports/outcomes.csv").then().statusCode(403);
        given().get("/api/v1/exports/outcomes.csv").then().statusCode(401);
        given().auth().oauth2(Tokens.analyst()).queryParam("ageBand", "old").get("/api/v1/exports/outcomes.csv")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
