package org.kyphoplasty.outcomes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kyphoplasty.support.Api.as;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * A cohort small enough to count by hand, built through the HTTP API at a site of its own. Every
 * expected count below follows from {@link #buildCohort()}; every expected statistic is computed
 * here from the textbook formulas in {@link Reference}.
 *
 * <pre>
 * KYPHOPLASTY, performed 200 days ago (MONTH_3 window: days 70-110)
 *  group  n  indication    FAC pre/base/M3    pain base/M3   category
 *  A      1  OTHER         -/2/-              -              incomplete baseline (no PRE_FRACTURE)
 *  A'     1  OTHER         (no assessment)                   incomplete baseline
 *  B      3  OTHER         4/4/4              -              no loss
 *  C      9  OSTEOPOROSIS  5/2/5              8/2            regained (both definitions)
 *  D      4  OSTEOPOROSIS  5/2/3              7/6            improved, not back to pre-fracture
 *  E      2  MALIGNANCY    4/2/2              1/1            not improved; pain below threshold
 *  F      3  TRAUMA        4/1/-              8/-            lost to follow-up
 *  G      2  OSTEOPOROSIS  5/2/5 on day 120   8/3 (day 120)  out of window: lost unless included
 * NON_SURGICAL, same site and dates
 *  H      6  OSTEOPOROSIS  5/2/5              -              regained
 *  I      6  OSTEOPOROSIS  5/2/2              -              not regained
 * </pre>
 * The counts are read as an admin, who sees them exactly; analysts see this small cohort suppressed (tested here and
 * in {@link DisclosureControlTest}).
 */
@QuarkusTest
class OutcomesResourceTest {

    private static final String SITE = Api.uniqueSite();
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(200);
    private static final double TOLERANCE = 1e-9;
    private static boolean built;

    private final String analyst = Tokens.analyst();
    private final String admin = Tokens.admin();

    /** Once per class; in @BeforeEach because the HTTP port of the test app is set per test. */
    @BeforeEach
    void buildCohort() {
        if (built) {
            return;
        }
        String admin = Tokens.admin();
        for (int i = 0; i < 1; i++) {
            String p = procedure(admin, "KYPHOPLASTY", "OTHER");
            Api.assessment(admin, p, "BASELINE", PERFORMED.minusDays(2), Map.of("mobilityFac", 2));
            procedure(admin, "KYPHOPLASTY", "OTHER");
        }
        for (int i = 0; i < 3; i++) {
            cohortMember(admin, "KYPHOPLASTY", "OTHER", 4, 4, 4, 90, null, null);
        }
        for (int i = 0; i < 9; i++) {
            cohortMember(admin, "KYPHOPLASTY", "OSTEOPOROSIS", 5, 2, 5, 90, 8, 2);
        }
        for (int i = 0; i < 4; i++) {
            cohortMember(admin, "KYPHOPLASTY", "OSTEOPOROSIS", 5, 2, 3, 90, 7, 6);
        }
        for (int i = 0; i < 2; i++) {
            cohortMember(admin, "KYPHOPLASTY", "MALIGNANCY", 4, 2, 2, 90, 1, 1);
        }
        for (int i = 0; i < 3; i++) {
            cohortMember(admin, "KYPHOPLASTY", "TRAUMA", 4, 1, null, 90, 8, null);
        }
        for (int i = 0; i < 2; i++) {
            cohortMember(admin, "KYPHOPLASTY", "OSTEOPOROSIS", 5, 2, 5, 120, 8, 3);
        }
        for (int i = 0; i < 6; i++) {
            cohortMember(admin, "NON_SURGICAL", "OSTEOPOROSIS", 5, 2, 5, 90, null, null);
            cohortMember(admin, "NON_SURGICAL", "OSTEOPOROSIS", 5, 2, 2, 90, null, null);
        }
        built = true;
    }

    private static String procedure(String token, String type, String indication) {
        String patient = Api.patient(token, SITE, 1948, "FEMALE");
        return Api.procedure(token, patient, type, PERFORMED, indication);
    }

    private static void cohortMember(String token, String type, String indication, Integer pre, Integer base,
            Integer month3, int month3Day, Integer painBase, Integer painMonth3) {
        String procedure = procedure(token, type, indication);
        Api.assessment(token, procedure, "PRE_FRACTURE", PERFORMED.minusDays(10), Map.of("mobilityFac", pre));
        Map<String, Object> baseline = new HashMap<>();
        baseline.put("mobilityFac", base);
        if (painBase != null) {
            baseline.put("painNrs", painBase);
        }
        Api.assessment(token, procedure, "BASELINE", PERFORMED.minusDays(2), baseline);
        if (month3 != null) {
            Map<String, Object> followUp = new HashMap<>();
            followUp.put("mobilityFac", month3);
            if (painMonth3 != null) {
                followUp.put("painNrs", painMonth3);
            }
            Api.assessment(token, procedure, "MONTH_3", PERFORMED.plusDays(month3Day), followUp);
        }
    }

    private JsonPath get(String path, Map<String, ?> query) {
        return get(admin, path, query);
    }

    private JsonPath get(String token, String path, Map<String, ?> query) {
        String json = as(token).queryParam("site", SITE).queryParams(query).get("/api/v1/outcomes/" + path)
                .then().statusCode(200).extract().asString();
        return JsonPath.from(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void mobilityRecoveryCountsEveryCategoryAsConstructed() {
        JsonPath body = get("mobility-recovery", Map.of());
        assertEquals("MONTH_3", body.getString("timepoint"));
        assertEquals("RETURN_TO_PRE_FRACTURE", body.getString("definition"));
        assertEquals(2, body.getInt("incompleteBaseline"));
        assertEquals(3, body.getInt("noLoss"));
        assertEquals(20, body.getInt("eligible"));
        assertEquals(15, body.getInt("followedUp"));
        assertEquals(5, body.getInt("lostToFollowUp"));
        assertEquals(0, body.getInt("pending"), "every window closed 90 days ago");
        assertEquals(9, body.getInt("regained"));
        assertEquals(false, body.getBoolean("suppressed"));
        assertEquals(9.0 / 15, body.getDouble("share"), TOLERANCE);
        assertEquals(9.0 / 20, body.getDouble("bounds.worstCase"), TOLERANCE);
        assertEquals(14.0 / 20, body.getDouble("bounds.bestCase"), TOLERANCE);
        double[] wilson = Reference.wilson(9, 15, 0.95);
        assertEquals("WILSON", body.getString("ci.method"));
        assertEquals(0.95, body.getDouble("ci.level"), TOLERANCE);
        assertEquals(wilson[0], body.getDouble("ci.lower"), TOLERANCE);
        assertEquals(wilson[1], body.getDouble("ci.upper"), TOLERANCE);
        assertEquals(0.75, body.getDouble("claim.value"), TOLERANCE);
        assertEquals(Reference.binomialPValue(9, 15, 0.75), body.getDouble("claim.pValue"), TOLERANCE);
        assertEquals(verdict(wilson, 0.75), body.getString("claim.verdict"));
        assertNull((Object) body.get("groups"));
    }

    @Test
    void anyImprovementCountsEveryoneAboveTheirBaseline() {
        JsonPath body = get("mobility-recovery", Map.of("definition", "ANY_IMPROVEMENT"));
        assertEquals(15, body.getInt("followedUp"));
        assertEquals(13, body.getInt("regained"));
        assertEquals(13.0 / 15, body.getDouble("share"), TOLERANCE);
        assertEquals(Reference.binomialPValue(13, 15, 0.75), body.getDouble("claim.pValue"), TOLERANCE);
    }

    @Test
    void outOfWindowFollowUpsCountOnlyWhenAskedFor() {
        JsonPath body = get("mobility-recovery", Map.of("includeOutOfWindow", "true"));
        assertEquals(20, body.getInt("eligible"));
        assertEquals(17, body.getInt("followedUp"));
        assertEquals(3, body.getInt("lostToFollowUp"));
        assertEquals(11, body.getInt("regained"));
    }

    @Test
    void clopperPearsonIntervalAndAnotherLevelAndClaim() {
        JsonPath body = get("mobility-recovery", Map.of("interval", "CLOPPER_PEARSON", "confidence", "0.9",
                "claim", "0.95"));
        double[] exact = Reference.clopperPearson(9, 15, 0.9);
        assertEquals("CLOPPER_PEARSON", body.getString("ci.method"));
        assertEquals(exact[0], body.getDouble("ci.lower"), TOLERANCE);
        assertEquals(exact[1], body.getDouble("ci.upper"), TOLERANCE);
        assertEquals(Reference.binomialPValue(9, 15, 0.95), body.getDouble("claim.pValue"), TOLERANCE);
        assertEquals(verdict(exact, 0.95), body.getString("claim.verdict"));
        assertEquals("BELOW", body.getString("claim.verdict"));
    }

    @ParameterizedTest
    @CsvSource({ "JEFFREYS", "AGRESTI_COULL" })
    void otherIntervalMethodsAreOffered(String method) {
        JsonPath body = get("mobility-recovery", Map.of("interval", method));
        assertEquals(method, body.getString("ci.method"));
        double lower = body.getDouble("ci.lower");
        double upper = body.getDouble("ci.upper");
        assertEquals(true, lower < 0.6 && 0.6 < upper, lower + " .. " + upper);
    }

    @Test
    void groupByIndicationGivesEachGroupExactlyToAnAdmin() {
        JsonPath body = get("mobility-recovery", Map.of("groupBy", "indication"));
        List<Map<String, Object>> groups = body.getList("groups");
        assertEquals(List.of("MALIGNANCY", "OSTEOPOROSIS", "OTHER", "TRAUMA"),
                groups.stream().map(g -> g.get("key")).toList());
        assertEquals(2, groups.get(0).get("followedUp"));
        assertEquals(0, groups.get(0).get("regained"));
        assertEquals(13, groups.get(1).get("followedUp"));
        assertEquals(2, groups.get(1).get("lostToFollowUp"));
        Map<String, Object> other = groups.get(2);
        assertEquals(false, other.get("suppressed"));
        assertEquals(2, other.get("incompleteBaseline"));
        assertEquals(3, other.get("noLoss"));
        assertEquals(0, other.get("eligible"));
        Map<String, Object> trauma = groups.get(3);
        assertEquals(3, trauma.get("eligible"));
        assertEquals(0, trauma.get("followedUp"));
        assertEquals(3, trauma.get("lostToFollowUp"));
        assertNull((Object) trauma.get("share"));
        assertEquals("INSUFFICIENT_DATA", ((Map<?, ?>) trauma.get("claim")).get("verdict"));
        assertEquals(15, body.getInt("followedUp"), "the overall figure stays");
    }

    @Test
    void analystSeesThisSmallCohortOnlyAsSuppressedGroups() {
        // every group has a category of 1 to 10 patients (MALIGNANCY 2 not regained, OSTEOPOROSIS 4 not regained,
        // OTHER 2 incomplete, TRAUMA 3 lost), and so has the overall figure (2 incomplete baselines)
        JsonPath body = get(analyst, "mobility-recovery", Map.of("groupBy", "indication"));
        assertEquals(true, body.getBoolean("suppressed"));
        List<Map<String, Object>> groups = body.getList("groups");
        assertEquals(4, groups.size());
        for (Map<String, Object> group : groups) {
            assertEquals(true, group.get("suppressed"), String.valueOf(group.get("key")));
            for (String field : List.of("incompleteBaseline", "noLoss", "eligible", "followedUp", "pending",
                    "lostToFollowUp", "regained", "share", "ci", "bounds", "claim")) {
                assertNull(group.get(field), field);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "site,OWN_SITE", "procedureType,KYPHOPLASTY", "sex,FEMALE", "ageBand,70-79" })
    void eachGroupByGivesOneGroupPerValue(String groupBy, String expectedKey) {
        JsonPath body = get("mobility-recovery", Map.of("groupBy", groupBy));
        List<Map<String, Object>> groups = body.getList("groups");
        assertEquals(1, groups.size());
        assertEquals("OWN_SITE".equals(expectedKey) ? SITE : expectedKey, groups.get(0).get("key"));
        assertEquals(15, groups.get(0).get("followedUp"));
        assertEquals(9, groups.get(0).get("regained"));
    }

    @Test
    void smallOverallFigureIsSuppressed() {
        JsonPath body = get(analyst, "mobility-recovery", Map.of("indication", "MALIGNANCY"));
        assertEquals(true, body.getBoolean("suppressed"));
        assertNull((Object) body.get("followedUp"));
        assertNull((Object) body.get("eligible"));
        assertNull((Object) body.get("share"));
        assertNull((Object) body.get("claim"));
    }

    @Test
    void emptySelectionGivesInsufficientDataWithoutDividingByZero() {
        JsonPath body = as(analyst).queryParam("site", "NOBODY-HERE").get("/api/v1/outcomes/mobility-recovery")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, body.getInt("eligible"));
        assertEquals(0, body.getInt("followedUp"));
        assertNull((Object) body.get("share"));
        assertNull((Object) body.get("ci"));
        assertNull((Object) body.get("bounds"));
        assertNull((Object) body.get("claim.pValue"));
        assertEquals("INSUFFICIENT_DATA", body.getString("claim.verdict"));
        assertEquals(false, body.getBoolean("suppressed"));
    }

    @Test
    void painRespondersFollowTheMcidAndBaselineThreshold() {
        JsonPath body = get("responders", Map.of());
        assertEquals("PAIN_NRS", body.getString("score"));
        assertEquals(18, body.getInt("eligible"));
        assertEquals(13, body.getInt("followedUp"));
        assertEquals(5, body.getInt("lostToFollowUp"));
        assertEquals(9, body.getInt("responders"));
        assertEquals(9.0 / 13, body.getDouble("share"), TOLERANCE);
        double[] wilson = Reference.wilson(9, 13, 0.95);
        assertEquals(wilson[0], body.getDouble("ci.lower"), TOLERANCE);
        assertEquals(wilson[1], body.getDouble("ci.upper"), TOLERANCE);
        assertEquals(100.0 / 13, body.getDouble("meanBaseline"), TOLERANCE);
        assertEquals(42.0 / 13, body.getDouble("meanFollowUp"), TOLERANCE);
        double[] changes = new double[13];
        for (int i = 0; i < 13; i++) {
            changes[i] = i < 9 ? -6 : -1;
        }
        double mean = java.util.Arrays.stream(changes).average().orElseThrow();
        double variance = java.util.Arrays.stream(changes).map(c -> (c - mean) * (c - mean)).sum() / 12;
        double half = TDistribution.of(12).inverseCumulativeProbability(0.975) * Math.sqrt(variance / 13);
        assertEquals(-58.0 / 13, body.getDouble("meanChange"), TOLERANCE);
        assertEquals(mean - half, body.getDouble("meanChangeCi.lower"), TOLERANCE);
        assertEquals(mean + half, body.getDouble("meanChangeCi.upper"), TOLERANCE);
        assertEquals(-6.0, body.getDouble("medianChange"), TOLERANCE);
    }

    @Test
    void minPercentAddsARelativeThreshold() {
        assertEquals(9, get("responders", Map.of("minPercent", "30")).getInt("responders"));
        assertEquals(0, get("responders", Map.of("minPercent", "90")).getInt("responders"));
        // a larger point threshold also raises the bar for eligibility (baseline at least minPoints)
        JsonPath strict = get("responders", Map.of("minPoints", "7"));
        assertEquals(18, strict.getInt("eligible"));
        assertEquals(0, strict.getInt("responders"));
    }

    @Test
    void comparisonWithNonSurgicalCareUsesNewcombeAndFisher() {
        JsonPath body = get("comparison", Map.of());
        assertEquals("KYPHOPLASTY", body.getString("treatment.type"));
        assertEquals(15, body.getInt("treatment.followedUp"));
        assertEquals(9, body.getInt("treatment.regained"));
        assertEquals("NON_SURGICAL", body.getString("control.type"));
        assertEquals(12, body.getInt("control.followedUp"));
        assertEquals(6, body.getInt("control.regained"));
        assertEquals(9.0 / 15 - 6.0 / 12, body.getDouble("difference.estimate"), TOLERANCE);
        double[] newcombe = Reference.newcombe(9, 15, 6, 12, 0.95);
        assertEquals(newcombe[0], body.getDouble("difference.lower"), TOLERANCE);
        assertEquals(newcombe[1], body.getDouble("difference.upper"), TOLERANCE);
        assertEquals("NEWCOMBE", body.getString("difference.method"));
        assertEquals(Reference.fisherPValue(9, 15, 6, 12), body.getDouble("fisherPValue"), TOLERANCE);
        double[] controlWilson = Reference.wilson(6, 12, 0.95);
        assertEquals(controlWilson[0], body.getDouble("control.ci.lower"), TOLERANCE);
        assertEquals(false, body.getBoolean("suppressed"));
    }

    @Test
    void comparisonWithASmallArmIsSuppressedForAnalysts() {
        JsonPath body = get("comparison", Map.of("control", "VERTEBROPLASTY", "indication", "OSTEOPOROSIS",
                "treatment", "NON_SURGICAL"));
        assertEquals(12, body.getInt("treatment.followedUp"));
        assertEquals(0, body.getInt("control.followedUp"));
        assertNull((Object) body.get("difference.estimate"));
        JsonPath small = get(analyst, "comparison", Map.of("indication", "MALIGNANCY"));
        assertEquals(true, small.getBoolean("suppressed"));
        assertNull((Object) small.get("treatment.followedUp"));
        assertNull((Object) small.get("difference.estimate"));
        assertNull((Object) small.get("fisherPValue"));
    }

    @Test
    void trajectoryGivesMeansOfTheAssessmentsPresentInTimePointOrder() {
        JsonPath body = get("trajectory", Map.of());
        List<String> order = body.getList("points.timepoint");
        assertEquals(List.of("PRE_FRACTURE", "BASELINE", "WEEK_1", "MONTH_1", "MONTH_3", "MONTH_6", "MONTH_12",
                "MONTH_24"), order);
        // MONTH_3 in window: B 3 x (FAC 4, no pain), C 9 x (5, pain 2), D 4 x (3, 6), E 2 x (2, 1)
        assertEquals(18, body.getInt("points[4].n"));
        assertEquals(73.0 / 18, body.getDouble("points[4].meanMobilityFac"), TOLERANCE);
        assertEquals(44.0 / 15, body.getDouble("points[4].meanPainNrs"), TOLERANCE);
        assertEquals(0, body.getInt("points[2].n"));
        // BASELINE: A 1, B 3, C 9, D 4, E 2, F 3, G 2 = 24 with FAC
        assertEquals(24, body.getInt("points[1].n"));
    }

    @Test
    void summaryCountsProceduresAndFollowUpCompleteness() {
        JsonPath body = get("summary", Map.of());
        // A 2 + B 3 + C 9 + D 4 + E 2 + F 3 + G 2 = 25 kyphoplasties, and 12 non-surgical; one patient each
        assertEquals(37, body.getInt("patients"));
        assertEquals(25, body.getInt("proceduresByType.KYPHOPLASTY"));
        assertEquals(12, body.getInt("proceduresByType.NON_SURGICAL"));
        assertEquals(0, body.getInt("proceduresByType.VERTEBROPLASTY"));
        Map<String, Object> month3 = body.getMap("followUpCompleteness.find { it.timepoint == 'MONTH_3' }");
        assertEquals(37, month3.get("due"), "every window has closed");
        assertEquals(32, month3.get("assessed"), "B 3 + C 9 + D 4 + E 2 + G 2 kyphoplasties and 12 non-surgical");
        assertEquals(30, month3.get("assessedWithinWindow"), "all but G's two day-120 visits");
        assertEquals(30, month3.get("followedUp"));
        assertEquals(0, month3.get("pending"));
        assertEquals(7, month3.get("lost"));
        assertEquals(30.0 / 37, (Double) month3.get("share"), TOLERANCE);
        Map<String, Object> shown = get(analyst, "summary", Map.of())
                .getMap("followUpCompleteness.find { it.timepoint == 'MONTH_3' }");
        assertEquals(true, shown.get("suppressed"), "2 out-of-window visits and 7 lost are small cells");
        assertNull(shown.get("assessed"));
    }

    @Test
    void clinicianMayNotReadAggregates() {
        as(Tokens.clinician(SITE)).get("/api/v1/outcomes/mobility-recovery").then().statusCode(403);
        given().get("/api/v1/outcomes/mobility-recovery").then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({ "interval,WALD", "confidence,1", "confidence,0", "confidence,abc", "claim,1.5", "claim,-0.1",
            "timepoint,BASELINE", "timepoint,MONTH_5", "definition,FULL", "groupBy,surgeon", "procedureType,SURGERY",
            "indication,FALL", "sex,F", "ageBand,70-80", "includeOutOfWindow,yes", "performedFrom,2026-13-01",
            "performedFrom,+9999999-01-01", "performedTo,0000-06-01" })
    void invalidParameterIsA400NamingIt(String parameter, String value) {
        as(analyst).queryParam(parameter, value).get("/api/v1/outcomes/mobility-recovery").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(parameter));
    }

    @Test
    void performedFromAfterPerformedToIsRejected() {
        as(analyst).queryParam("performedFrom", "2026-02-01").queryParam("performedTo", "2026-01-01")
                .get("/api/v1/outcomes/mobility-recovery").then().statusCode(400)
                .body("errors.field", hasItem("performedFrom"));
    }

    @ParameterizedTest(name = "responders {0}={1} is rejected")
    @CsvSource({ "score,EQ5D", "minPoints,0", "minPoints,11", "minPercent,0", "minPercent,101" })
    void invalidResponderParameterIsA400NamingIt(String parameter, String value) {
        as(analyst).queryParam(parameter, value).get("/api/v1/outcomes/responders").then().statusCode(400)
                .body("errors.field", hasItem(parameter));
    }

    @Test
    void comparisonOfATypeWithItselfIsRejected() {
        as(analyst).queryParam("treatment", "KYPHOPLASTY").queryParam("control", "KYPHOPLASTY")
                .get("/api/v1/outcomes/comparison").then().statusCode(400).body("errors.field", hasItem("control"));
    }

    @Test
    void severalBadParametersAreAllNamed() {
        as(analyst).queryParam("interval", "WALD").queryParam("claim", "2").queryParam("groupBy", "x")
                .get("/api/v1/outcomes/mobility-recovery").then().statusCode(400)
                .body("errors", hasSize(3));
    }

    @Test
    void performedRangeFilterExcludesTheCohortWhenOutside() {
        JsonPath body = get("mobility-recovery", Map.of("performedTo", PERFORMED.minusDays(1).toString()));
        assertEquals(0, body.getInt("eligible"));
        JsonPath inside = get("mobility-recovery", Map.of("performedFrom", PERFORMED.toString(),
                "performedTo", PERFORMED.toString()));
        assertEquals(20, inside.getInt("eligible"));
    }

    private static String verdict(double[] interval, double claim) {
        if (interval[1] < claim) {
            return "BELOW";
        }
        return interval[0] > claim ? "ABOVE" : "CONSISTENT";
    }
}
