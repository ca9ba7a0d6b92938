package org.kyphoplasty.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyphoplasty.support.Api.as;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * An analyst reads the figures of one site's cohort, built through the API, and finds on the page
 * exactly what the API answers for the same question.
 *
 * <pre>
 * FAC pre-fracture 5, baseline 2, MONTH_3 (day 90) 5 = regained or 2 = not
 *  KYPHOPLASTY   FEMALE  100 days ago: 22 regained, 13 not;  200 days ago: 13 lost;  30 days ago: 13 pending
 *  KYPHOPLASTY   MALE    100 days ago: 6 regained            (suppressed: 1 to 10)
 *  KYPHOPLASTY   OTHER   100 days ago: 7 regained            (suppressed; with MALE 13 regained, so FEMALE shows)
 *  NON_SURGICAL  FEMALE  100 days ago: 13 regained, 13 not   (the comparison group)
 * </pre>
 * Every category of the overall figure and of the FEMALE group is 0 or at least 13, so an analyst sees them even
 * after the perturbation of at most 2 that disclosure control adds; the page must show what the API answers.
 */
@QuarkusTest
class WebAnalystTest {

    private static final String SITE = Api.uniqueSite();
    private static final LocalDate PERFORMED = LocalDate.now().minusDays(100);
    private static final String SUPPRESSED = "suppressed (fewer than 11)";
    private static Browser browser;
    private static boolean built;

    @TestHTTPResource("/")
    URL base;

    private final String analyst = Tokens.analyst();

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Once per class; in @BeforeEach because the HTTP port of the test app is set per test. */
    @BeforeEach
    void buildCohort() {
        if (built) {
            return;
        }
        String admin = Tokens.admin();
        member(admin, "KYPHOPLASTY", "FEMALE", 22, PERFORMED, 5);
        member(admin, "KYPHOPLASTY", "FEMALE", 13, PERFORMED, 2);
        member(admin, "KYPHOPLASTY", "FEMALE", 13, LocalDate.now().minusDays(200), null);
        member(admin, "KYPHOPLASTY", "FEMALE", 13, LocalDate.now().minusDays(30), null);
        member(admin, "KYPHOPLASTY", "MALE", 6, PERFORMED, 5);
        member(admin, "KYPHOPLASTY", "OTHER", 7, PERFORMED, 5);
        member(admin, "NON_SURGICAL", "FEMALE", 13, PERFORMED, 5);
        member(admin, "NON_SURGICAL", "FEMALE", 13, PERFORMED, 2);
        built = true;
    }

    private static void member(String token, String type, String sex, int times, LocalDate performed,
            Integer facAtMonth3) {
        for (int i = 0; i < times; i++) {
            String patient = Api.patient(token, SITE, 1948, sex);
            String procedure = Api.procedure(token, patient, type, performed, "OSTEOPOROSIS");
            Api.assessment(token, procedure, "PRE_FRACTURE", performed.minusDays(10), Map.of("mobilityFac", 5));
            Api.assessment(token, procedure, "BASELINE", performed.minusDays(2), Map.of("mobilityFac", 2, "painNrs", 8));
            if (facAtMonth3 != null) {
                Api.assessment(token, procedure, "MONTH_3", performed.plusDays(90),
                        Map.of("mobilityFac", facAtMonth3, "painNrs", facAtMonth3 == 5 ? 2 : 6));
            }
        }
    }

    private JsonPath api(String path, Map<String, ?> query) {
        return api(analyst, path, query);
    }

    private JsonPath api(String token, String path, Map<String, ?> query) {
        Map<String, Object> all = new HashMap<>(query);
        all.put("site", SITE);
        String json = as(token).queryParams(all).get("/api/v1/outcomes/" + path).then().statusCode(200)
                .extract().asString();
        return JsonPath.from(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Signs in as an analyst and shows the figures of the cohort's site. */
    private void showSite() {
        browser.signIn(base, analyst);
        browser.visible("#analyst-view");
        assertFalse(browser.driver.findElement(By.id("clinician-view")).isDisplayed(), "an analyst has no clinician view");
        browser.type("#filter-site", SITE);
        browser.click("#filters-apply");
        for (String body : List.of("recovery", "tipping", "breakdown", "comparison", "trajectory")) {
            browser.waitFor("#" + body + "-body[data-state='ready'][data-site='" + SITE + "']");
        }
    }

    @Test
    void recoveryShareVerdictBoundsAndCountsMatchTheApi() {
        showSite();
        JsonPath expected = api("mobility-recovery",
                Map.of("timepoint", "MONTH_3", "definition", "RETURN_TO_PRE_FRACTURE", "claim", "0.75"));
        JsonPath exact = api(Tokens.admin(), "mobility-recovery", Map.of());
        assertEquals(48, exact.getInt("followedUp"), "the cohort as built");
        assertEquals(35, exact.getInt("regained"));
        assertEquals(13, exact.getInt("pending"));
        assertEquals(13, exact.getInt("lostToFollowUp"));
        assertTrue(Math.abs(expected.getInt("regained") - 35) <= 2, "the analyst's count is perturbed by at most 2");

        double share = expected.getDouble("share");
        WebElement shown = browser.visible("#recovery-share");
        assertEquals(percent(share), shown.getText());
        assertEquals(share, Double.parseDouble(shown.getAttribute("data-share")), 1e-12);

        String verdict = expected.getString("claim.verdict");
        WebElement verdictText = browser.visible("#recovery-verdict");
        assertEquals(verdict, verdictText.getAttribute("data-verdict"));
        assertTrue(verdictText.getText().startsWith(Map.of("BELOW", "Below the claim", "CONSISTENT",
                "Consistent with the claim", "ABOVE", "Above the claim", "INSUFFICIENT_DATA", "Not enough data")
                .get(verdict)), verdictText.getText());

        String interval = browser.text("#recovery-ci");
        assertTrue(interval.contains(percent(expected.getDouble("ci.lower")) + " to "
                + percent(expected.getDouble("ci.upper"))), interval);
        assertTrue(interval.startsWith("95% confidence interval (Wilson score)"), interval);
        String bounds = browser.text("#recovery-bounds");
        assertTrue(bounds.contains(percent(expected.getDouble("bounds.worstCase"))), bounds);
        assertTrue(bounds.contains(percent(expected.getDouble("bounds.bestCase"))), bounds);

        for (Map.Entry<String, String> count : Map.of("Eligible", "eligible", "Followed up", "followedUp",
                "Lost to follow-up", "lostToFollowUp", "Regained", "regained", "No loss", "noLoss",
                "Incomplete baseline", "incompleteBaseline", "Pending", "pending").entrySet()) {
            String cell = browser.text("#recovery-counts tr[data-count='" + count.getKey() + "'] td.number");
            assertEquals(String.valueOf(expected.getInt(count.getValue())), cell, count.getKey());
        }

        // the chart: the interval and the claimed 75 percent line, drawn as SVG
        browser.waitFor("#recovery-body svg.chart .ci-line");
        assertEquals("claim 75%", browser.text("#recovery-body svg.chart .claim-label"));

        // another question, same agreement
        browser.select("#filter-definition", "ANY_IMPROVEMENT");
        browser.click("#filters-apply");
        JsonPath anyImprovement = api("mobility-recovery", Map.of("definition", "ANY_IMPROVEMENT"));
        browser.waiting().until(driver -> percent(anyImprovement.getDouble("share"))
                .equals(driver.findElement(By.id("recovery-share")).getText()));
        assertEquals(anyImprovement.getString("claim.verdict"),
                browser.visible("#recovery-verdict").getAttribute("data-verdict"));
    }

    @Test
    void breakdownShowsSmallGroupsAsSuppressedNeverAsZero() {
        showSite();
        JsonPath expected = api("mobility-recovery", Map.of("groupBy", "sex"));
        assertEquals(List.of("FEMALE", "MALE", "OTHER"), expected.getList("groups.key"));
        assertEquals(List.of(false, true, true), expected.getList("groups.suppressed"));

        browser.select("#breakdown-group-by", "sex");
        browser.click("#breakdown-apply");
        browser.waitFor("#breakdown-body[data-state='ready'][data-group-by='sex']");

        WebElement female = browser.visible("#breakdown-table tr[data-key='FEMALE']");
        assertEquals("false", female.getAttribute("data-suppressed"));
        assertTrue(female.getText().contains(percent(expected.getDouble("groups[0].share"))), female.getText());
        for (String key : List.of("MALE", "OTHER")) {
            WebElement row = browser.visible("#breakdown-table tr[data-key='" + key + "']");
            assertEquals("true", row.getAttribute("data-suppressed"));
            assertTrue(row.getText().contains(SUPPRESSED), row.getText());
            assertTrue(row.findElements(By.cssSelector("td.number")).isEmpty(), "no count is shown for " + key);
            assertFalse(row.getText().matches(".*\\b0\\b.*"), "never shown as zero: " + row.getText());
        }
        List<String> chartTexts = browser.all("#breakdown-body svg.chart .suppressed-text").stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(SUPPRESSED, SUPPRESSED), chartTexts);
        assertEquals(1, browser.all("#breakdown-body svg.chart .point").size(), "only the shown group has a point");

        browser.screenshot("analyst");
    }

    @Test
    void comparisonAndTrajectoryMatchTheApi() {
        showSite();
        JsonPath comparison = api("comparison",
                Map.of("treatment", "KYPHOPLASTY", "control", "NON_SURGICAL", "timepoint", "MONTH_3"));
        WebElement difference = browser.visible("#comparison-difference");
        assertEquals(comparison.getDouble("difference.estimate"),
                Double.parseDouble(difference.getAttribute("data-estimate")), 1e-12);
        String text = difference.getText();
        assertTrue(text.contains(String.format(Locale.ROOT, "%+.1f percentage points",
                comparison.getDouble("difference.estimate") * 100)), text);
        assertTrue(text.contains("Newcombe interval " + String.format(Locale.ROOT, "%+.1f",
                comparison.getDouble("difference.lower") * 100)), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "p = %.3f", comparison.getDouble("fisherPValue"))), text);
        browser.waitFor("#comparison-body svg.chart .zero-line");

        JsonPath trajectory = api("trajectory", Map.of());
        List<Map<String, Object>> points = trajectory.getList("points");
        Map<String, Object> month3 = points.stream().filter(p -> "MONTH_3".equals(p.get("timepoint"))).findFirst()
                .orElseThrow();
        String row = browser.driver.findElement(By.cssSelector("#trajectory-table tr[data-timepoint='MONTH_3']"))
                .getAttribute("textContent");
        assertTrue(row.contains(String.format(Locale.ROOT, "%.1f", ((Number) month3.get("meanPainNrs")).doubleValue())),
                row);
        assertTrue(row.contains(String.format(Locale.ROOT, "%.1f",
                ((Number) month3.get("meanMobilityFac")).doubleValue())), row);
        assertEquals(2, browser.all("#trajectory-body svg.chart path.line").size(), "pain and mobility lines");
    }

    @Test
    void pendingTippingPointAndPlannerMatchTheApi() {
        showSite();
        JsonPath recovery = api("mobility-recovery", Map.of());
        assertEquals(String.valueOf(recovery.getInt("pending")),
                browser.visible("#recovery-pending").getAttribute("data-pending"));

        JsonPath tipping = api("tipping-point", Map.of());
        assertEquals(tipping.getInt("lost") + 1, tipping.getList("points").size(), "k = 0..lost");
        WebElement statement = browser.visible("#tipping-statement");
        assertEquals(tipping.getString("statement"), statement.getText());
        assertEquals(tipping.get("tippingPoint") == null ? "" : String.valueOf(tipping.getInt("tippingPoint")),
                statement.getAttribute("data-tipping-point"));
        browser.waitFor("#tipping-body svg.chart .tipping-band");
        assertEquals("claim 75%", browser.text("#tipping-body svg.chart .claim-label"));

        browser.select("#tipping-control", "NON_SURGICAL");
        browser.click("#tipping-apply");
        JsonPath grid = api("tipping-point", Map.of("control", "NON_SURGICAL", "treatment", "KYPHOPLASTY"));
        browser.waiting().until(driver -> !driver.findElements(By.cssSelector("#tipping-body svg.chart rect")).isEmpty());
        assertEquals(grid.getList("grid").size(), browser.all("#tipping-body svg.chart rect").size());
        assertEquals(grid.getString("gridStatement"), browser.text("#tipping-statement"));

        browser.click("#planner-apply");
        JsonPath plan = as(analyst).queryParams(Map.of("expected", "0.75", "halfWidth", "0.05", "expectedLoss", "0.25"))
                .get("/api/v1/outcomes/planner").then().statusCode(200).extract().jsonPath();
        WebElement result = browser.visible("#planner-result");
        assertEquals(String.valueOf(plan.getInt("recruit")), result.getAttribute("data-recruit"));
        assertEquals(String.valueOf(plan.getInt("n")), result.getAttribute("data-n"));
        browser.select("#planner-kind", "power");
        browser.type("#planner-expected", "0.65");
        browser.click("#planner-apply");
        JsonPath power = as(analyst).queryParams(Map.of("expected", "0.65", "power", "0.8", "claim", "0.75",
                "expectedLoss", "0.25")).get("/api/v1/outcomes/planner").then().statusCode(200).extract().jsonPath();
        browser.waiting().until(driver -> String.valueOf(power.getInt("recruit")).equals(
                driver.findElement(By.id("planner-result")).getAttribute("data-recruit")));
    }

    @Test
    void csvDownloadSavesTheDeidentifiedExport() throws Exception {
        showSite();
        browser.click("#export-csv");
        Path file = browser.waiting().until(driver -> finishedDownload().orElse(null));
        List<String> lines = Files.readAllLines(file);
        assertEquals("studyId,site,ageBand,sex,procedureType,indication,levelCount,timepoint,dayOffset,withinWindow,"
                + "painNrs,mobilityFac,odi,rmdq,eq5dIndex", lines.get(0));
        assertEquals(48 * 3 + 26 * 2 + 1, lines.size(),
                "one row per assessment of the site's kyphoplasties, and the header");
        assertTrue(browser.text("#export-status").startsWith("Downloaded"));
    }

    private static Optional<Path> finishedDownload() {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.filter(path -> path.getFileName().toString().matches("outcomes-.*\\.csv")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onATabletThePageFitsTheScreenWidth() {
        showSite();
        Dimension laptop = browser.driver.manage().window().getSize();
        try {
            browser.driver.manage().window().setSize(new Dimension(768, 1024));
            assertTrue(((Number) browser.script("return window.innerWidth")).intValue() <= 768);
            Object overflow = browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling of the page");
            assertNull(browser.script("""
                    const chart = document.querySelector('#recovery-body svg.chart');
                    return chart.getBoundingClientRect().right > window.innerWidth ? 'chart overflows' : null;
                    """));
        } finally {
            browser.driver.manage().window().setSize(laptop);
        }
    }
}
