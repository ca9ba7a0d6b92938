package org.kyphoplasty.outcomes;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kyphoplasty.support.Api.as;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The planner over HTTP, each answer checked against a brute-force search written out here. */
@QuarkusTest
class PlannerResourceTest {

    private final String analyst = Tokens.analyst();

    @Test
    void precisionPlanIsTheFirstNWhoseWilsonHalfWidthIsSmallEnough() {
        JsonPath body = as(analyst).queryParam("expected", "0.75").queryParam("halfWidth", "0.05")
                .queryParam("expectedLoss", "0.25").get("/api/v1/outcomes/planner").then().statusCode(200).extract()
                .jsonPath();
        int n = 1;
        while (true) {
            double[] wilson = Reference.wilson((int) Math.floor(0.75 * n + 0.5), n, 0.95);
            if ((wilson[1] - wilson[0]) / 2 <= 0.05) {
                break;
            }
            n++;
        }
        assertEquals(n, body.getInt("n"));
        assertEquals((int) Math.ceil(n / 0.75), body.getInt("recruit"));
    }

    @Test
    void powerPlanIsTheFirstNFromWhichEveryNUpToTwiceQualifies() {
        JsonPath body = as(analyst).queryParam("expected", "0.65").queryParam("claim", "0.75")
                .queryParam("power", "0.8").queryParam("alpha", "0.05").get("/api/v1/outcomes/planner").then()
                .statusCode(200).extract().jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        int answer = body.getInt("n");
        for (int m = answer; m <= 2 * answer; m++) {
            assertEquals(true, power(m, 0.65, 0.75, 0.05) >= 0.8, "n = " + m);
        }
        // no smaller n has every n up to its double qualifying
        for (int n = 1; n < answer; n++) {
            boolean all = true;
            for (int m = n; m <= 2 * n && all; m++) {
                all = power(m, 0.65, 0.75, 0.05) >= 0.8;
            }
            assertEquals(false, all, "n = " + n);
        }
        assertEquals(power(answer, 0.65, 0.75, 0.05), body.getDouble("achievedPower"), 1e-9);
        assertEquals(answer, body.getInt("recruit"));
    }

    /** Exact power summed by brute force: every outcome's two-sided p-value by R's rule, in log space. */
    private static double power(int n, double truth, double claim, double alpha) {
        double[] nullProbability = probabilities(n, claim);
        double[] trueProbability = probabilities(n, truth);
        double result = 0;
        for (int x = 0; x <= n; x++) {
            double pValue = 0;
            for (int y = 0; y <= n; y++) {
                if (nullProbability[y] <= nullProbability[x] * (1 + 1e-7)) {
                    pValue += nullProbability[y];
                }
            }
            if (Math.min(1, pValue) <= alpha) {
                result += trueProbability[x];
            }
        }
        return result;
    }

    private static double[] probabilities(int n, double p) {
        double[] logs = new double[n + 1];
        logs[0] = n * Math.log1p(-p);
        for (int k = 0; k < n; k++) {
            logs[k + 1] = logs[k] + Math.log(n - k) - Math.log(k + 1) + Math.log(p) - Math.log1p(-p);
        }
        double[] result = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            result[k] = Math.exp(logs[k]);
        }
        return result;
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({ "expected,0", "expected,1.2", "halfWidth,0.001", "halfWidth,0.6", "interval,WALD", "confidence,1",
            "expectedLoss,1", "expectedLoss,-0.1" })
    void invalidPrecisionQuestionIsA400NamingTheField(String parameter, String value) {
        java.util.Map<String, String> query = new java.util.HashMap<>(
                java.util.Map.of("expected", "0.75", "halfWidth", "0.05"));
        query.put(parameter, value);
        as(analyst).queryParams(query).get("/api/v1/outcomes/planner").then().statusCode(400).body("errors.field", hasItem(parameter));
    }

    @Test
    void aQuestionNeedsATargetAndOnlyOne() {
        as(analyst).queryParam("expected", "0.75").get("/api/v1/outcomes/planner").then().statusCode(400)
                .body("errors.field", hasItem("halfWidth"));
        as(analyst).queryParam("expected", "0.75").queryParam("halfWidth", "0.05").queryParam("power", "0.8")
                .get("/api/v1/outcomes/planner").then().statusCode(400).body("errors.field", hasItem("power"));
        as(analyst).queryParam("expected", "0.75").queryParam("claim", "0.75").queryParam("power", "0.8")
                .get("/api/v1/outcomes/planner").then().statusCode(400).body("errors.field", hasItem("expected"));
        as(Tokens.clinician("ORL")).queryParam("expected", "0.75").queryParam("halfWidth", "0.05")
                .get("/api/v1/outcomes/planner").then().statusCode(403);
    }
}
