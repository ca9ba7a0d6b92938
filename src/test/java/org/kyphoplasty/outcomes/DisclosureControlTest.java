package org.kyphoplasty.outcomes;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Disclosure control played as an attacker with an analyst's token. The cohort (one site of its own, every patient
 * FAC 5 before the fracture and 2 at baseline, pain 8 at baseline, MONTH_3 on day 90 unless said):
 *
 * <pre>
 * month M1  20 FEMALE regained (FAC 5, pain 2)      15 FEMALE not regained (FAC 2, pain 7)
 *            4 MALE   regained                       5 FEMALE regained on day 120 (outside the window)
 *           15 FEMALE lost (no MONTH_3)              3 FEMALE improved only (FAC 3, pain 6: 2 points)
 * month M2   3 FEMALE regained
 * </pre>
 * Each attack asks two questions whose answers differ by a few patients (3 to 5); neither may be answered exactly.
 */
@QuarkusTest
class DisclosureControlTest {

    private static final String SITE = Api.uniqueSite();
    private static final LocalDate M1 = LocalDate.now().minusDays(260).withDayOfMonth(10);
    private static final LocalDate M2 = M1.plusMonths(1);
    private static boolean built;

    private final String analyst = Tokens.analyst();
    private final String admin = Tokens.admin();

    @BeforeEach
    void buildCohort() {
        if (built) {
            return;
        }
        patients(20, M1, "FEMALE", 90, 5, 2);
        patients(15, M1, "FEMALE", 90, 2, 7);
        patients(4, M1, "MALE", 90, 5, 2);
        patients(5, M1, "FEMALE", 120, 5, 2);
        patients(15, M1, "FEMALE", null, null, null);
        patients(3, M1, "FEMALE", 90, 3, 6);
        patients(3, M2, "FEMALE", 90, 5, 2);
        built = true;
    }

    private void patients(int times, LocalDate performed, String sex, Integer day, Integer fac, Integer pain) {
        for (int i = 0; i < times; i++) {
            String patient = Api.patient(admin, SITE, 1948, sex);
            String procedure = Api.procedure(admin, patient, "KYPHOPLASTY", performed, "OSTEOPOROSIS");
            Api.assessment(admin, procedure, "PRE_FRACTURE", performed.minusDays(5), Map.of("mobilityFac", 5));
            Api.assessment(admin, procedure, "BASELINE", performed.minusDays(1), Map.of("mobilityFac", 2, "painNrs", 8));
            if (day != null) {
                Api.assessment(admin, procedure, "MONTH_3", performed.plusDays(day),
                        Map.of("mobilityFac", fac, "painNrs", pain));
            }
        }
    }

    private static String first(LocalDate month) {
        return month.withDayOfMonth(1).toString();
    }

    private static String last(LocalDate month) {
        return month.withDayOfMonth(month.lengthOfMonth()).toString();
    }

    private JsonPath get(String token, String path, Map<String, String> query) {
        Map<String, String> all = new HashMap<>(query);
        all.put("site", SITE);
        return as(token).queryParams(all).get("/api/v1/outcomes/" + path).then().statusCode(200).extract().jsonPath();
    }

    /** Every integer anywhere in a response (counts, k of the tipping point, ...), with its path. */
    private static void collectCounts(Object node, String path, Map<String, Long> counts) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectCounts(value, path + "." + key, counts));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectCounts(list.get(i), path + "[" + i + "]", counts);
            }
        } else if (node instanceof Integer || node instanceof Long) {
            counts.put(path, ((Number) node).longValue());
        }
    }

    private static final List<String> COUNT_FIELDS = List.of("incompleteBaseline", "noLoss", "eligible", "followedUp",
            "pending", "lostToFollowUp", "regained", "responders");

    /** Asserts the attacker's pair: no count from 1 to 10 and no count equal to the exact (admin) figure. */
    private void neitherExact(String path, Map<String, String> first, Map<String, String> second) {
        for (Map<String, String> query : List.of(first, second)) {
            JsonPath shown = get(analyst, path, query);
            JsonPath exact = get(admin, path, query);
            assertFalse(shown.getBoolean("suppressed"), "the test cohort is large enough to be shown: " + query);
            for (String field : COUNT_FIELDS) {
                Object value = shown.get(field);
                if (value == null) {
                    continue;
                }
                long published = ((Number) value).longValue();
                long truth = ((Number) exact.get(field)).longValue();
                assertFalse(published >= 1 && published <= 10, field + " = " + published);
                if (truth > 0) {
                    assertNotEquals(truth, published, field + " answered exactly for " + query);
                }
            }
            assertEquals(shown.prettify(), get(analyst, path, query).prettify(), "the same question, the same answer");
        }
    }

    @Test
    void adjacentMonthsAreNotBothAnsweredExactly() {
        neitherExact("mobility-recovery", Map.of("performedFrom", first(M1), "performedTo", last(M1)),
                Map.of("performedFrom", first(M1), "performedTo", last(M2)));
    }

    @Test
    void aFilterAndItsComplementAreNotBothAnsweredExactly() {
        neitherExact("mobility-recovery", Map.of(), Map.of("sex", "FEMALE"));
    }

    @Test
    void includeOutOfWindowOnAndOffAreNotBothAnsweredExactly() {
        neitherExact("mobility-recovery", Map.of("includeOutOfWindow", "true"), Map.of("includeOutOfWindow", "false"));
    }

    @Test
    void twoDefinitionsAreNotBothAnsweredExactly() {
        neitherExact("mobility-recovery", Map.of("definition", "RETURN_TO_PRE_FRACTURE"),
                Map.of("definition", "ANY_IMPROVEMENT"));
    }

    @Test
    void twoResponderThresholdsAreNotBothAnsweredExactly() {
        neitherExact("responders", Map.of("minPoints", "2"), Map.of("minPoints", "3"));
    }

    @Test
    void aResponseIsAdditiveSoNoSmallCountCanBeDerivedFromIt() {
        JsonPath body = get(analyst, "mobility-recovery", Map.of("groupBy", "sex"));
        long eligible = body.getLong("eligible");
        assertEquals(eligible, body.getLong("followedUp") + body.getLong("pending") + body.getLong("lostToFollowUp"));
        long notRegained = body.getLong("followedUp") - body.getLong("regained");
        assertFalse(notRegained >= 1 && notRegained <= 10, "followed up - regained = " + notRegained);
        // MALE has 4 patients: suppressed, and FEMALE with it, since the total minus FEMALE would give MALE
        List<Map<String, Object>> groups = body.getList("groups");
        assertEquals(List.of(true, true), groups.stream().map(g -> g.get("suppressed")).toList());
        Map<String, Long> counts = new HashMap<>();
        collectCounts(body.get(""), "", counts);
        counts.forEach((path, value) -> assertFalse(value >= 1 && value <= 10, path + " = " + value));
    }

    @Test
    void aGroupWithOnePatientShowsNothingOfThatPatient() {
        // one patient regained in a month of its own, and responders judged where one patient was followed up
        LocalDate lone = M2.plusMonths(1);
        patients(1, lone, "FEMALE", 90, 5, 2);
        Map<String, String> month = Map.of("performedFrom", first(lone), "performedTo", last(lone));
        JsonPath recovery = get(analyst, "mobility-recovery", month);
        assertEquals(true, recovery.getBoolean("suppressed"));
        for (String field : List.of("eligible", "followedUp", "lostToFollowUp", "pending", "regained", "share")) {
            assertNull((Object) recovery.get(field), field);
        }
        JsonPath responders = get(analyst, "responders", month);
        assertEquals(true, responders.getBoolean("suppressed"));
        assertNull((Object) responders.get("meanBaseline"));
        assertNull((Object) responders.get("medianChange"));
        JsonPath tipping = get(analyst, "tipping-point", month);
        assertEquals(true, tipping.getBoolean("suppressed"));
    }

    @Test
    void aSmallArmHidesBothArmsOfTheComparison() {
        JsonPath before = get(analyst, "comparison", Map.of());
        assertFalse(before.getBoolean("suppressed"), "no control patient at all is 0, not a small cell");
        assertEquals(0, before.getInt("control.followedUp"));
        for (int i = 0; i < 4; i++) {
            String patient = Api.patient(admin, SITE, 1950, "FEMALE");
            String procedure = Api.procedure(admin, patient, "NON_SURGICAL", M1, "OSTEOPOROSIS");
            Api.assessment(admin, procedure, "PRE_FRACTURE", M1.minusDays(5), Map.of("mobilityFac", 5));
            Api.assessment(admin, procedure, "BASELINE", M1.minusDays(1), Map.of("mobilityFac", 2));
            Api.assessment(admin, procedure, "MONTH_3", M1.plusDays(90), Map.of("mobilityFac", 5));
        }
        // shown, the large arm with mobility-recovery over both types would give the small one by subtraction
        JsonPath after = get(analyst, "comparison", Map.of());
        assertEquals(true, after.getBoolean("suppressed"));
        assertNull((Object) after.get("treatment.followedUp"));
        assertNull((Object) after.get("control.followedUp"));
        assertNull((Object) after.get("difference.estimate"));
    }

    @ParameterizedTest(name = "analyst outcomes {0}={1} is refused")
    @CsvSource({ "performedFrom,2026-03-02", "performedTo,2026-03-30", "performedTo,2026-02-27" })
    void analystsDateFiltersCoverWholeMonths(String parameter, String value) {
        as(analyst).queryParam(parameter, value).get("/api/v1/outcomes/mobility-recovery").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(parameter));
    }

    @Test
    void monthAlignedFiltersAreAnsweredAndAdminsMayUseDays() {
        as(analyst).queryParam("performedFrom", "2024-02-01").queryParam("performedTo", "2024-02-29")
                .get("/api/v1/outcomes/mobility-recovery").then().statusCode(200);
        as(admin).queryParam("performedFrom", "2024-02-03").queryParam("performedTo", "2024-02-03")
                .get("/api/v1/outcomes/mobility-recovery").then().statusCode(200);
    }

    @Test
    void theDayByDayExportIsRefusedAndAYearIsAnswered() {
        String day = M1.toString();
        as(analyst).queryParam("site", SITE).queryParam("performedFrom", day).queryParam("performedTo", day)
                .get("/api/v1/exports/outcomes.csv").then().statusCode(400)
                .body("errors.field", hasItem("performedFrom")).body("errors.field", hasItem("performedTo"));
        as(analyst).queryParam("site", SITE).queryParam("performedFrom", first(M1)).queryParam("performedTo", last(M1))
                .get("/api/v1/exports/outcomes.csv").then().statusCode(400);
        String year = String.valueOf(M1.getYear());
        as(analyst).queryParam("site", SITE).queryParam("performedFrom", year + "-01-01")
                .queryParam("performedTo", year + "-12-31").get("/api/v1/exports/outcomes.csv").then()
                .statusCode(200);
        as(admin).queryParam("site", SITE).queryParam("performedFrom", day).queryParam("performedTo", day)
                .get("/api/v1/exports/outcomes.csv").then().statusCode(200);
    }

    @Test
    void everyAggregateQueryAndExportIsAuditedWithItsPatients() {
        String user = "analyst-" + Api.uniqueRef("audit");
        String token = Tokens.analystNamed(user);
        as(token).queryParam("site", SITE).queryParam("definition", "ANY_IMPROVEMENT")
                .get("/api/v1/outcomes/mobility-recovery").then().statusCode(200);
        as(token).queryParam("site", SITE).get("/api/v1/exports/outcomes.csv").then().statusCode(200);
        JsonPath audit = as(admin).queryParam("action", "READ").queryParam("size", "500").get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> entry : audit.<Map<String, Object>>getList("items")) {
            if (user.equals(entry.get("user"))) {
                mine.add(entry);
            }
        }
        assertEquals(2, mine.size(), "one entry per read");
        Map<?, ?> export = (Map<?, ?>) mine.get(0).get("after");
        assertEquals("/api/v1/exports/outcomes.csv", export.get("endpoint"));
        Map<?, ?> query = (Map<?, ?>) mine.get(1).get("after");
        assertEquals("READ", mine.get(1).get("action"));
        assertEquals("/api/v1/outcomes/mobility-recovery", query.get("endpoint"));
        assertEquals(List.of("ANY_IMPROVEMENT"), ((Map<?, ?>) query.get("parameters")).get("definition"));
        assertEquals(List.of(SITE), ((Map<?, ?>) query.get("parameters")).get("site"));
        assertTrue(((Number) query.get("patients")).intValue() >= 65, "every kyphoplasty patient of the site");
        as(admin).queryParam("action", "LOOK").get("/api/v1/audit").then().statusCode(400)
                .body("errors.field", hasItem("action"));
    }
}
