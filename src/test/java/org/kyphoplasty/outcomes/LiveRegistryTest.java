package org.kyphoplasty.outcomes;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * A registry that is still recruiting, read as of today and as of 100 days ago. Every patient of the kyphoplasty
 * cohort lost mobility (FAC 5 before the fracture, 2 at baseline); MONTH_3's window is days 70-110.
 *
 * <pre>
 * patient          procedures (days before today)   MONTH_3 (day after procedure)  as of today
 * P10              K 10                             -                              pending
 * P50              K 50                             -                              pending
 * P100             K 100                            -                              pending (closes in 10 days)
 * P100-early       K 100                            FAC 5, pain 2 on day 75        followed up, regained (early)
 * P110             K 110                            -                              pending (closes today)
 * P111             K 111                            -                              lost (closed yesterday)
 * P400             K 400                            -                              lost
 * P400-followed    K 400                            FAC 2, pain 7 on day 90        followed up, not regained
 * TWICE            K 400, K 50                      FAC 5, pain 3 on day 90 of 400 counted once, by K 400: regained
 * CROSSOVER        N 400, K 340 (day 60)            N: FAC 5 on day 90             control: crossed over
 * LATE-SURGERY     N 400, K 200 (day 200)           N: FAC 5 on day 90             control: regained
 * CONTROL          N 400                            N: FAC 2 on day 90             control: not regained
 * </pre>
 * Kyphoplasty only: the kyphoplasties of CROSSOVER and LATE-SURGERY become those patients' index procedures and have
 * no baseline (incomplete baseline 2).
 */
@QuarkusTest
class LiveRegistryTest {

    private static final String SITE = Api.uniqueSite();
    private static final LocalDate TODAY = LocalDate.now();
    private static final double TOLERANCE = 1e-9;
    private static boolean built;

    private final String admin = Tokens.admin();

    @BeforeEach
    void buildCohort() {
        if (built) {
            return;
        }
        lostMobility("KYPHOPLASTY", 10, null, null);
        lostMobility("KYPHOPLASTY", 50, null, null);
        lostMobility("KYPHOPLASTY", 100, null, null);
        lostMobility("KYPHOPLASTY", 100, 75, new int[] { 5, 2 });
        lostMobility("KYPHOPLASTY", 110, null, null);
        lostMobility("KYPHOPLASTY", 111, null, null);
        lostMobility("KYPHOPLASTY", 400, null, null);
        lostMobility("KYPHOPLASTY", 400, 90, new int[] { 2, 7 });
        String twice = lostMobility("KYPHOPLASTY", 400, 90, new int[] { 5, 3 });
        Api.procedure(admin, twice, "KYPHOPLASTY", TODAY.minusDays(50), "OSTEOPOROSIS");
        String crossover = lostMobility("NON_SURGICAL", 400, 90, new int[] { 5, 8 });
        Api.procedure(admin, crossover, "KYPHOPLASTY", TODAY.minusDays(340), "OSTEOPOROSIS");
        String lateSurgery = lostMobility("NON_SURGICAL", 400, 90, new int[] { 5, 8 });
        Api.procedure(admin, lateSurgery, "KYPHOPLASTY", TODAY.minusDays(200), "OSTEOPOROSIS");
        lostMobility("NON_SURGICAL", 400, 90, new int[] { 2, 8 });
        built = true;
    }

    /** A patient who went from FAC 5 to 2 (pain 8 at baseline), with an optional MONTH_3 of {FAC, pain}; the patient. */
    private String lostMobility(String type, int daysAgo, Integer month3Day, int[] month3) {
        String patient = Api.patient(admin, SITE, 1948, "FEMALE");
        LocalDate performed = TODAY.minusDays(daysAgo);
        String procedure = Api.procedure(admin, patient, type, performed, "OSTEOPOROSIS");
        Api.assessment(admin, procedure, "PRE_FRACTURE", performed.minusDays(5), Map.of("mobilityFac", 5));
        Api.assessment(admin, procedure, "BASELINE", performed.minusDays(1), Map.of("mobilityFac", 2, "painNrs", 8));
        if (month3Day != null) {
            Map<String, Object> scores = new HashMap<>();
            scores.put("mobilityFac", month3[0]);
            scores.put("painNrs", month3[1]);
            Api.assessment(admin, procedure, "MONTH_3", performed.plusDays(month3Day), scores);
        }
        return patient;
    }

    private JsonPath get(String token, String path, Map<String, ?> query) {
        String json = as(token).queryParam("site", SITE).queryParams(query).get("/api/v1/outcomes/" + path).then()
                .statusCode(200).extract().asString();
        return JsonPath.from(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void openWindowsArePendingNotLost() {
        JsonPath body = get(admin, "mobility-recovery", Map.of());
        assertEquals(TODAY.toString(), body.getString("asOf"));
        assertEquals(2, body.getInt("incompleteBaseline"));
        assertEquals(0, body.getInt("noLoss"));
        assertEquals(9, body.getInt("eligible"), "TWICE counts once");
        assertEquals(3, body.getInt("followedUp"), "P100-early, P400-followed, TWICE");
        assertEquals(4, body.getInt("pending"), "P10, P50, P100, P110 (its window closes today)");
        assertEquals(2, body.getInt("lostToFollowUp"), "P111, P400");
        assertEquals(2, body.getInt("regained"));
        assertEquals(2.0 / 3, body.getDouble("share"), TOLERANCE);
        // the bounds leave the pending out: 3 followed up + 2 lost
        assertEquals(2.0 / 5, body.getDouble("bounds.worstCase"), TOLERANCE);
        assertEquals(4.0 / 5, body.getDouble("bounds.bestCase"), TOLERANCE);
        double[] wilson = Reference.wilson(2, 3, 0.95);
        assertEquals(wilson[0], body.getDouble("ci.lower"), TOLERANCE);
        assertEquals(Reference.binomialPValue(2, 3, 0.75), body.getDouble("claim.pValue"), TOLERANCE);
    }

    /** Days since the procedure of the nine kyphoplasty index patients, and whether each has a MONTH_3 value. */
    private static final int[] DAYS_AGO = { 10, 50, 100, 100, 110, 111, 400, 400, 400 };
    private static final boolean[] HAS_MONTH_3 = { false, false, false, true, false, false, false, true, true };

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = org.kyphoplasty.clinical.TimePoint.class,
            names = { "WEEK_1", "MONTH_1", "MONTH_3", "MONTH_6", "MONTH_12", "MONTH_24" })
    void everyTimePointSplitsPendingFromLostAtItsWindowEnd(org.kyphoplasty.clinical.TimePoint point) {
        int pending = 0;
        int lost = 0;
        for (int i = 0; i < DAYS_AGO.length; i++) {
            if (point == org.kyphoplasty.clinical.TimePoint.MONTH_3 && HAS_MONTH_3[i]) {
                continue;
            }
            // the window's last day is performedOn + windowClosesDay: still open on that day
            if (DAYS_AGO[i] <= point.windowClosesDay()) {
                pending++;
            } else {
                lost++;
            }
        }
        JsonPath body = get(admin, "mobility-recovery", Map.of("timepoint", point.name()));
        assertEquals(pending, body.getInt("pending"), point + " pending");
        assertEquals(lost, body.getInt("lostToFollowUp"), point + " lost");
        assertEquals(9, body.getInt("eligible"));
    }

    @Test
    void anEarlierAsOfShowsTheRegistryAsItStoodThen() {
        // 100 days ago: P10 and P50 not yet treated, P100-early's visit not yet made, P111 and P110 just treated
        JsonPath body = get(admin, "mobility-recovery", Map.of("asOf", TODAY.minusDays(100).toString()));
        assertEquals(7, body.getInt("eligible"));
        assertEquals(2, body.getInt("followedUp"), "P400-followed, TWICE");
        assertEquals(1, body.getInt("regained"));
        assertEquals(4, body.getInt("pending"), "P111, P110, P100, P100-early");
        assertEquals(1, body.getInt("lostToFollowUp"), "P400");
    }

    @Test
    void respondersArePendingByTheSameRule() {
        JsonPath body = get(admin, "responders", Map.of());
        assertEquals(9, body.getInt("eligible"));
        assertEquals(3, body.getInt("followedUp"));
        assertEquals(4, body.getInt("pending"));
        assertEquals(2, body.getInt("lostToFollowUp"));
        assertEquals(2, body.getInt("responders"), "pain 8 to 2 and 8 to 3; 8 to 7 is below the MCID");
    }

    @Test
    void comparisonCountsEachPatientOnceAndReportsCrossovers() {
        JsonPath body = get(admin, "comparison", Map.of());
        assertEquals(9, body.getInt("treatment.eligible"));
        assertEquals(3, body.getInt("treatment.followedUp"));
        assertEquals(2, body.getInt("treatment.regained"));
        assertEquals(4, body.getInt("treatment.pending"));
        assertEquals(3, body.getInt("control.eligible"));
        assertEquals(1, body.getInt("control.crossedOver"), "surgery on day 60, inside the window");
        assertEquals(2, body.getInt("control.followedUp"), "the crossover is left out of the share");
        assertEquals(1, body.getInt("control.regained"));
        assertEquals(0, body.getInt("control.lostToFollowUp"));
        assertEquals(2.0 / 3 - 1.0 / 2, body.getDouble("difference.estimate"), TOLERANCE);
        double[] newcombe = Reference.newcombe(2, 3, 1, 2, 0.95);
        assertEquals(newcombe[0], body.getDouble("difference.lower"), TOLERANCE);
        assertEquals(newcombe[1], body.getDouble("difference.upper"), TOLERANCE);
        assertEquals(Reference.fisherPValue(2, 3, 1, 2), body.getDouble("fisherPValue"), TOLERANCE);
    }

    @Test
    void summaryCompletenessSeparatesPendingFromLost() {
        JsonPath body = get(admin, "summary", Map.of());
        assertEquals(12, body.getInt("patients"));
        Map<String, Object> month3 = body.getMap("followUpCompleteness.find { it.timepoint == 'MONTH_3' }");
        // index procedures of any type: 9 kyphoplasty patients + 3 non-surgical ones
        assertEquals(6, month3.get("followedUp"));
        assertEquals(4, month3.get("pending"));
        assertEquals(2, month3.get("lost"));
        assertEquals(8, month3.get("due"));
        assertEquals(6.0 / 8, (Double) month3.get("share"), TOLERANCE);
    }

    @Test
    void tippingPointGoesThroughEveryOutcomeOfTheLost() {
        JsonPath body = get(admin, "tipping-point", Map.of());
        assertEquals(3, body.getInt("followedUp"));
        assertEquals(2, body.getInt("lost"));
        assertEquals(2, body.getInt("regained"));
        String completeCase = verdict(Reference.wilson(2, 3, 0.95), 0.75);
        assertEquals(completeCase, body.getString("completeCaseVerdict"));
        List<Map<String, Object>> points = body.getList("points");
        assertEquals(3, points.size());
        Integer tipping = null;
        for (int k = 0; k <= 2; k++) {
            double[] wilson = Reference.wilson(2 + k, 5, 0.95);
            Map<String, Object> point = points.get(k);
            assertEquals(k, ((Number) point.get("k")).intValue());
            assertEquals((2.0 + k) / 5, (Double) point.get("share"), TOLERANCE);
            assertEquals(wilson[0], (Double) ((Map<?, ?>) point.get("ci")).get("lower"), TOLERANCE);
            assertEquals(wilson[1], (Double) ((Map<?, ?>) point.get("ci")).get("upper"), TOLERANCE);
            assertEquals(Reference.binomialPValue(2 + k, 5, 0.75), (Double) point.get("pValue"), TOLERANCE);
            assertEquals(verdict(wilson, 0.75), point.get("verdict"));
            if (tipping == null && !verdict(wilson, 0.75).equals(completeCase)) {
                tipping = k;
            }
        }
        assertEquals(tipping, body.get("tippingPoint") == null ? null : body.getInt("tippingPoint"));
        assertTrue(body.getString("statement").contains("2 lost patients") || tipping == null,
                body.getString("statement"));
    }

    @Test
    void twoArmTippingPointGivesTheGridOfDifferences() {
        JsonPath body = get(admin, "tipping-point", Map.of("control", "NON_SURGICAL"));
        assertEquals(3, body.getInt("treatment.followedUp"));
        assertEquals(2, body.getInt("treatment.lost"));
        assertEquals(2, body.getInt("control.followedUp"));
        assertEquals(0, body.getInt("control.lost"));
        // the treatment arm's one-arm answer comes with the grid
        assertEquals(3, body.getInt("followedUp"));
        assertEquals(2, body.getInt("lost"));
        assertEquals(3, body.getList("points").size());
        assertTrue(body.getString("statement").startsWith("The complete-case verdict"));
        List<Map<String, Object>> grid = body.getList("grid");
        assertEquals(3, grid.size(), "k treatment 0..2 by k control 0..0");
        for (Map<String, Object> cell : grid) {
            int kTreatment = ((Number) cell.get("kTreatment")).intValue();
            double[] newcombe = Reference.newcombe(2 + kTreatment, 5, 1, 2, 0.95);
            Map<?, ?> difference = (Map<?, ?>) cell.get("difference");
            assertEquals((2.0 + kTreatment) / 5 - 0.5, (Double) difference.get("estimate"), TOLERANCE);
            assertEquals(newcombe[0], (Double) difference.get("lower"), TOLERANCE);
            assertEquals(newcombe[1], (Double) difference.get("upper"), TOLERANCE);
            assertEquals(Reference.fisherPValue(2 + kTreatment, 5, 1, 2), (Double) cell.get("fisherPValue"),
                    TOLERANCE);
        }
    }

    @Test
    void analystsSeeThisSmallCohortSuppressed() {
        String analyst = Tokens.analyst();
        assertEquals(true, get(analyst, "mobility-recovery", Map.of()).getBoolean("suppressed"));
        JsonPath tipping = get(analyst, "tipping-point", Map.of());
        assertEquals(true, tipping.getBoolean("suppressed"));
        assertNull((Object) tipping.get("points"));
        assertNull((Object) tipping.get("lost"));
    }

    @Test
    void asOfInTheFutureIsRejected() {
        as(admin).queryParam("asOf", TODAY.plusDays(1).toString()).get("/api/v1/outcomes/mobility-recovery").then()
                .statusCode(400).body("errors.field", hasItem("asOf"));
        as(admin).queryParam("asOf", "yesterday").get("/api/v1/outcomes/summary").then().statusCode(400)
                .body("errors.field", hasItem("asOf"));
    }

    private static String verdict(double[] interval, double claim) {
        if (interval[1] < claim) {
            return "BELOW";
        }
        return interval[0] > claim ? "ABOVE" : "CONSISTENT";
    }
}
