package org.kyphoplasty.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The page is static content served by the service itself (Vert.x, not JAX-RS), so it is reachable
 * without a token even though unannotated endpoints are denied; the API behind it is not.
 */
@QuarkusTest
class WebPageTest {

    @Test
    void thePageIsServedAtTheRootWithoutAToken() {
        given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<title>Kyphoplasty outcomes</title>"))
                .body(containsString("Content-Security-Policy"))
                .body(containsString("src=\"js/app.js\""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/js/app.js", "/js/api.js", "/js/session.js", "/js/dom.js", "/js/forms.js",
            "/js/format.js", "/js/timepoints.js", "/js/charts.js", "/js/clinician.js", "/js/analyst.js" })
    void everyScriptIsServedAsJavaScriptWithNosniff(String path) {
        given().get(path).then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theStylesheetIsServedAsCss() {
        given().get("/app.css").then().statusCode(200).contentType(startsWith("text/css"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void noScriptWritesDataAsMarkup() {
        for (String path : new String[] { "/js/app.js", "/js/api.js", "/js/dom.js", "/js/forms.js", "/js/charts.js",
                "/js/clinician.js", "/js/analyst.js" }) {
            given().get(path).then().statusCode(200)
                    .body(not(containsString("innerHTML")))
                    .body(not(containsString("outerHTML")))
                    .body(not(containsString("insertAdjacentHTML")))
                    .body(not(containsString("document.write")));
        }
    }

    @Test
    void theApiBehindThePageStillNeedsAToken() {
        given().get("/api/v1/followups").then().statusCode(401).header("Cache-Control", "no-store");
        given().get("/api/v1/outcomes/mobility-recovery").then().statusCode(401);
    }

    @Test
    void devTokensDoNotExistOutsideDevModeSoThePageHidesThem() {
        given().get("/dev/token?role=clinician&sites=ORL").then().statusCode(404);
    }
}
