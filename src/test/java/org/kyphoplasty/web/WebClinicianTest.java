package org.kyphoplasty.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyphoplasty.support.Api.as;

import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.DatabaseProxy;
import org.kyphoplasty.support.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** A clinician at work in a real browser: patient, procedure, time points, assessments and the worklist. */
@QuarkusTest
class WebClinicianTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

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

    private static String row(String timepoint) {
        return "#timepoint-table tbody tr[data-timepoint='" + timepoint + "']";
    }

    private static String worklistRow(String timepoint) {
        return "#worklist-table tbody tr[data-timepoint='" + timepoint + "']";
    }

    @Test
    void clinicianRecordsBaselineAndMonth3AndTheWorklistFollows() {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        String reference = Api.uniqueRef(site);
        LocalDate performedOn = LocalDate.now().minusDays(100);

        browser.signIn(base, clinician);
        assertEquals("clin-" + site, browser.text("#whoami-user"));
        assertEquals("clinician", browser.text("#whoami-role"));
        assertEquals(site, browser.text("#whoami-sites"));
        assertTrue(browser.visible("#clinician-view").isDisplayed());
        assertFalse(browser.driver.findElement(By.id("analyst-view")).isDisplayed(), "a clinician has no analyst view");

        // not found yet: the page offers to register the patient, with site and reference filled in
        browser.type("#find-site", site);
        browser.type("#find-ref", reference);
        browser.click("#find-submit");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("find-result"), "No patient"));
        assertEquals(reference, browser.visible("#create-ref").getAttribute("value"));
        browser.type("#create-birth-year", "1948");
        browser.select("#create-sex", "FEMALE");
        browser.click("#create-submit");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("patient-title"), "Patient " + reference));

        // a procedure: cement volume only for surgical procedures
        browser.click("#procedure-details > summary");
        browser.select("#procedure-type", "NON_SURGICAL");
        assertFalse(browser.driver.findElement(By.id("cement-field")).isDisplayed());
        assertFalse(browser.driver.findElement(By.id("procedure-cement")).isEnabled());
        browser.select("#procedure-type", "KYPHOPLASTY");
        assertTrue(browser.visible("#procedure-cement").isEnabled());
        browser.setDate("#procedure-performed-on", performedOn.toString());
        browser.select("#procedure-indication", "OSTEOPOROSIS");
        browser.click("#level-T12");
        browser.click("#level-L1");
        browser.type("#procedure-cement", "4.5");
        browser.click("#procedure-submit");

        // its time points: MONTH_3 (days 70-110) is due today, day 100
        browser.visible(row("MONTH_3"));
        assertEquals("DUE", browser.visible(row("MONTH_3")).getAttribute("data-status"));
        assertEquals("OVERDUE", browser.visible(row("WEEK_1")).getAttribute("data-status"));
        assertEquals("OVERDUE", browser.visible(row("BASELINE")).getAttribute("data-status"));
        assertEquals("UPCOMING", browser.visible(row("MONTH_6")).getAttribute("data-status"));
        assertTrue(browser.text(row("MONTH_3")).contains(performedOn.plusDays(70) + " to " + performedOn.plusDays(110)));
        assertTrue(browser.text(row("BASELINE")).contains(performedOn.minusDays(30) + " to " + performedOn));

        // BASELINE, dated on the procedure day by default
        browser.click(row("BASELINE") + " button");
        browser.visible("#assessment-panel[data-timepoint='BASELINE'][data-mode='record']");
        assertEquals(performedOn.toString(), browser.visible("#assessment-assessed-on").getAttribute("value"));
        browser.type("#assessment-pain", "8");
        browser.select("#assessment-fac", "2");
        browser.click("#assessment-submit");
        browser.visible(row("BASELINE") + "[data-status='DONE']");
        assertTrue(browser.text(row("BASELINE")).contains("pain 8 · FAC 2"));

        // the worklist of the site: the two missed visits and the one due now
        browser.type("#worklist-site", site);
        browser.click("#worklist-refresh");
        browser.visible(worklistRow("MONTH_3"));
        assertEquals("DUE", browser.visible(worklistRow("MONTH_3")).getAttribute("data-status"));
        assertEquals(List.of("WEEK_1", "MONTH_1", "MONTH_3"), worklistTimepoints());

        // MONTH_3 from the worklist; an out-of-range score is refused by the service, shown at its field
        browser.click(worklistRow("MONTH_3") + " button[data-action='enter']");
        browser.visible("#assessment-panel[data-timepoint='MONTH_3'][data-mode='record']");
        assertEquals(LocalDate.now().toString(), browser.visible("#assessment-assessed-on").getAttribute("value"));
        browser.script("document.getElementById('assessment-pain').removeAttribute('max')");
        browser.type("#assessment-pain", "11");
        browser.select("#assessment-fac", "4");
        browser.click("#assessment-submit");
        WebElement painError = browser.visible("#assessment-pain-error");
        assertTrue(painError.getText().contains("less than or equal to 10"), painError.getText());
        assertEquals("painNrs", browser.script(
                "return document.getElementById('assessment-pain-error').closest('[data-field]').dataset.field"));
        assertEquals("true", browser.visible("#assessment-pain").getAttribute("aria-invalid"));
        assertFalse(browser.driver.findElement(By.id("assessment-fac-error")).isDisplayed(),
                "only the named field is marked");
        assertEquals("DUE", browser.visible(row("MONTH_3")).getAttribute("data-status"), "nothing was stored");

        browser.type("#assessment-pain", "3");
        browser.click("#assessment-submit");
        browser.visible(row("MONTH_3") + "[data-status='DONE']");
        assertTrue(browser.text("#procedure-message").contains("Recorded Month 3 (version 1)"));

        // MONTH_3 leaves the worklist; the missed visits stay
        browser.waitUntilGone(worklistRow("MONTH_3"));
        browser.visible(worklistRow("WEEK_1"));
        assertEquals(List.of("WEEK_1", "MONTH_1"), worklistTimepoints());
        List<String> fromApi = as(clinician).queryParam("site", site).get("/api/v1/followups")
                .then().statusCode(200).extract().path("items.timepoint");
        assertEquals(List.of("WEEK_1", "MONTH_1"), fromApi);
        String procedure = browser.visible("#worklist-table tbody tr").getAttribute("data-procedure-id");
        as(clinician).get("/api/v1/procedures/" + procedure + "/assessments/MONTH_3").then().statusCode(200)
                .body("painNrs", org.hamcrest.Matchers.equalTo(3))
                .body("mobilityFac", org.hamcrest.Matchers.equalTo(4))
                .body("withinWindow", org.hamcrest.Matchers.equalTo(true));

        // the picture for the README: the correction form of MONTH_3 open under the time points
        browser.click(row("MONTH_3") + " button[data-action='correct']");
        browser.visible("#assessment-panel[data-timepoint='MONTH_3'][data-mode='correct']");
        browser.screenshot("clinician");

        // on a tablet in portrait the page still fits: wide tables scroll inside their box
        Dimension laptop = browser.driver.manage().window().getSize();
        try {
            browser.driver.manage().window().setSize(new Dimension(768, 1024));
            assertEquals(0L, ((Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue());
        } finally {
            browser.driver.manage().window().setSize(laptop);
        }
    }

    private List<String> worklistTimepoints() {
        return browser.all("#worklist-table tbody tr").stream().map(row -> row.getAttribute("data-timepoint")).toList();
    }

    @Test
    void correctingAnAssessmentSomeoneElseChangedShowsTheirVersionFirst() {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        String reference = Api.uniqueRef(site);
        LocalDate performedOn = LocalDate.now().minusDays(95);
        String patient = as(clinician).body(Map.of("site", site, "externalRef", reference, "birthYear", 1950,
                "sex", "MALE")).post("/api/v1/patients").then().statusCode(201).extract().path("id");
        String procedure = Api.procedure(clinician, patient, performedOn);
        Api.assessment(clinician, procedure, "MONTH_3", performedOn.plusDays(90), Map.of("painNrs", 5));

        browser.signIn(base, clinician);
        browser.type("#find-site", site);
        browser.type("#find-ref", reference);
        browser.click("#find-submit");
        browser.click("#procedure-list button[data-procedure-id='" + procedure + "']");
        browser.click(row("MONTH_3") + " button[data-action='correct']");
        browser.visible("#assessment-panel[data-timepoint='MONTH_3'][data-mode='correct']");
        assertEquals("5", browser.visible("#assessment-pain").getAttribute("value"));
        assertTrue(browser.text("#assessment-title").contains("version 1"));

        // a colleague saves first
        Api.assessment(clinician, procedure, "MONTH_3", performedOn.plusDays(90), Map.of("painNrs", 6));

        browser.type("#assessment-pain", "4");
        browser.click("#assessment-submit");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("assessment-result"),
                "Someone else changed this assessment"));
        assertEquals("6", browser.visible("#assessment-pain").getAttribute("value"), "the form shows their version");
        assertTrue(browser.text("#assessment-title").contains("version 2"));

        browser.type("#assessment-pain", "4");
        browser.click("#assessment-submit");
        browser.visible(row("MONTH_3") + "[data-status='DONE']");
        assertTrue(browser.text("#procedure-message").contains("Corrected Month 3 (version 3)"));
        as(clinician).get("/api/v1/procedures/" + procedure + "/assessments/MONTH_3").then().statusCode(200)
                .body("painNrs", org.hamcrest.Matchers.equalTo(4))
                .body("version", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void dataIsShownAsTextNeverRunAsMarkup() {
        String site = Api.uniqueSite();
        String clinician = Tokens.clinician(site);
        String reference = "<img src=x onerror=window.__xss=1>";
        String patient = as(clinician).body(Map.of("site", site, "externalRef", reference, "birthYear", 1950,
                "sex", "OTHER")).post("/api/v1/patients").then().statusCode(201).extract().path("id");
        Api.procedure(clinician, patient, LocalDate.now().minusDays(80));

        browser.signIn(base, clinician);
        assertEquals(reference, browser.text(worklistRow("MONTH_3") + " th"));
        browser.type("#find-ref", reference);
        browser.click("#find-submit");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("patient-title"), "Patient " + reference));
        assertEquals(null, browser.script("return window.__xss === undefined ? null : 'ran'"));
        assertTrue(browser.all("#main img").isEmpty());
    }

    @Test
    void failuresAreShownInWords() {
        String site = Api.uniqueSite();

        // 403: a site outside the token's claim
        browser.signIn(base, Tokens.clinician(site));
        browser.type("#create-site", "ELSEWHERE");
        browser.type("#create-ref", Api.uniqueRef("X"));
        browser.type("#create-birth-year", "1950");
        browser.select("#create-sex", "FEMALE");
        browser.click("#create-submit");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#create-form .form-problem"), "You do not have permission"));

        // 503: the database is gone
        DatabaseProxy.cut();
        try {
            browser.click("#worklist-refresh");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("worklist-status"),
                    "database is unavailable"));
        } finally {
            DatabaseProxy.restore();
        }
        browser.click("#worklist-refresh");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("worklist-status"),
                "Nothing is due or overdue"));

        // 401: a token the service does not trust; the page asks to sign in again
        browser.signIn(base, Tokens.wrongSignature(site));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner-text"),
                "sign in again"));
        browser.click("#banner-sign-in");
        browser.visible("#token-input");
        assertTrue(browser.text("#signin-message").contains("sign in again"));
        assertEquals(null, browser.script("return sessionStorage.getItem('kyphoplasty.token')"), "token forgotten");

        // not a JWT at all: said next to the field, nothing stored
        browser.type("#token-input", "not-a-token");
        browser.click("#token-submit");
        assertTrue(browser.text("#token-error").contains("not a JWT"));

        // an expired token is refused before any request
        browser.type("#token-input", Tokens.expired(site));
        browser.click("#token-submit");
        assertTrue(browser.text("#token-error").contains("expired"));

        // a token for no audience would be refused by the service: the page says why before any request
        browser.type("#token-input", Tokens.withoutAudience(site));
        browser.click("#token-submit");
        assertTrue(browser.text("#token-error").contains("audience"));
    }

    @Test
    void aTokenWithTwoRolesGetsBothViews() {
        String site = Api.uniqueSite();
        String token = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).upn("clinical-analyst")
                .groups(Set.of("clinician", "analyst")).claim("sites", List.of(site)).expiresIn(3600).sign();
        browser.signIn(base, token);
        assertEquals("clinician and analyst", browser.text("#whoami-role"));
        assertEquals(site, browser.text("#whoami-sites"));
        browser.visible("#clinician-view");
        browser.click("#show-analyst");
        browser.visible("#analyst-view");
    }

    @Test
    void keyboardOnlySignInAndEveryControlHasALabel() {
        browser.open(base);
        assertFalse(browser.driver.findElement(By.id("dev-tokens")).isDisplayed(),
                "no dev tokens outside dev mode");
        WebElement input = browser.visible("#token-input");
        input.sendKeys(Tokens.admin());
        input.sendKeys(Keys.TAB);
        assertEquals("token-submit", browser.driver.switchTo().activeElement().getAttribute("id"));
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.visible("#whoami");
        assertEquals("admin", browser.text("#whoami-role"));
        assertEquals("all sites", browser.text("#whoami-sites"));

        // an admin sees both views and switches with real buttons
        browser.visible("#clinician-view");
        browser.click("#show-analyst");
        browser.visible("#analyst-view");
        assertEquals("true", browser.visible("#show-analyst").getAttribute("aria-pressed"));
        browser.click("#show-clinician");
        browser.visible("#clinician-view");

        Object unlabelled = browser.script("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(el => el.type !== 'hidden')
                  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                  .map(el => el.id || el.name);
                """);
        assertEquals(List.of(), unlabelled);
        Object clickableNonButtons = browser.script("""
                return Array.from(document.querySelectorAll('[onclick], div[tabindex], span[tabindex]')).length;
                """);
        assertEquals(0L, clickableNonButtons);

        browser.click("#sign-out");
        browser.visible("#token-input");
        assertEquals(null, browser.script("return sessionStorage.getItem('kyphoplasty.token')"));
    }
}
