package org.kyphoplasty.followup;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FollowUpResourceTest {

    private static final LocalDate PERFORMED = LocalDate.of(2025, 1, 10);

    /** The worklist of one fresh site with one procedure, as of PERFORMED + day: timepoint to status. */
    private Map<String, String> worklistOnDay(String site, String token, int day) {
        List<Map<String, Object>> items = as(token).queryParam("site", site)
                .queryParam("asOf", PERFORMED.plusDays(day).toString()).get("/api/v1/followups")
                .then().statusCode(200).extract().path("items");
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        for (Map<String, Object> item : items) {
            statuses.put((String) item.get("timepoint"), (String) item.get("status"));
        }
        return statuses;
    }

    @ParameterizedTest(name = "MONTH_3 on day {0}: {1}")
    @CsvSource({ "69,ABSENT", "70,DUE", "110,DUE", "111,OVERDUE", "200,OVERDUE", "201,ABSENT" })
    void month3VisitOnBothSidesOfEachEdge(int day, String expected) {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        Api.procedure(clinician, Api.patient(clinician, site), PERFORMED);
        assertEquals(expected, worklistOnDay(site, clinician, day).getOrDefault("MONTH_3", "ABSENT"));
    }

    @ParameterizedTest(name = "{0}: due from day {1} to {2}")
    @CsvSource({ "WEEK_1,3,14", "MONTH_1,21,45", "MONTH_6,150,210", "MONTH_12,330,400", "MONTH_24,690,770" })
    void everyFollowUpIsDueExactlyInsideItsWindow(String timepoint, int opens, int closes) {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        Api.procedure(clinician, Api.patient(clinician, site), PERFORMED);
        assertEquals("ABSENT", worklistOnDay(site, clinician, opens - 1).getOrDefault(timepoint, "ABSENT"));
        assertEquals("DUE", worklistOnDay(site, clinician, opens).get(timepoint));
        assertEquals("DUE", worklistOnDay(site, clinician, closes).get(timepoint));
        assertEquals("OVERDUE", worklistOnDay(site, clinician, closes + 1).get(timepoint));
        assertEquals("OVERDUE", worklistOnDay(site, clinician, closes + 90).get(timepoint));
        assertEquals("ABSENT", worklistOnDay(site, clinician, closes + 91).getOrDefault(timepoint, "ABSENT"));
    }

    @Test
    void anAssessedVisitLeavesTheWorklistAndItemsCarryTheirWindow() {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        String procedure = Api.procedure(clinician, Api.patient(clinician, site), PERFORMED);
        as(clinician).queryParam("site", site).queryParam("asOf", PERFORMED.plusDays(80).toString())
                .get("/api/v1/followups").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].timepoint", equalTo("WEEK_1"))
                .body("items[0].status", equalTo("OVERDUE"))
                .body("items[2].timepoint", equalTo("MONTH_3"))
                .body("items[2].procedureId", equalTo(procedure))
                .body("items[2].windowOpens", equalTo(PERFORMED.plusDays(70).toString()))
                .body("items[2].windowCloses", equalTo(PERFORMED.plusDays(110).toString()))
                .body("items[2].type", equalTo("KYPHOPLASTY"));
        Api.assessment(clinician, procedure, "MONTH_3", PERFORMED.plusDays(80), Map.of("painNrs", 3));
        assertEquals("ABSENT", worklistOnDay(site, clinician, 80).getOrDefault("MONTH_3", "ABSENT"));
    }

    @Test
    void cliniciansSeeOnlyTheirSites() {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        Api.procedure(clinician, Api.patient(clinician, site), PERFORMED);
        assertEquals(Map.of(), worklistOnDay(site, Tokens.clinician("ORL"), 80));
        assertEquals(3, worklistOnDay(site, Tokens.admin(), 80).size());
        as(Tokens.analyst()).get("/api/v1/followups").then().statusCode(403);
        as(clinician).queryParam("asOf", "tomorrow").get("/api/v1/followups").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        as(clinician).queryParam("asOf", "-999999999-01-01").get("/api/v1/followups").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        as(clinician).queryParam("asOf", "+9999999-01-01").get("/api/v1/followups").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }
}
