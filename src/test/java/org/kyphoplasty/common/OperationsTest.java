package org.kyphoplasty.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.DatabaseProxy;
import org.kyphoplasty.support.ManagementPort;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What operators rely on: health, metrics and OpenAPI on the management interface (not the API
 * port), and behaviour while the database is away.
 */
@QuarkusTest
class OperationsTest {

    private final String ready = ManagementPort.url("/q/health/ready");
    private final String live = ManagementPort.url("/q/health/live");
    private final String metrics = ManagementPort.url("/q/metrics");
    private final String openapi = ManagementPort.url("/q/openapi");
    private final String swaggerUi = ManagementPort.url("/q/swagger-ui/");

    @TestHTTPResource("/")
    URL api;

    @Test
    void healthIsUpAndOpen() {
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        given().get(live).then().statusCode(200);
    }

    @Test
    void operationsAreOnTheManagementInterfaceOnly() {
        assertNotEquals(api.getPort(), ManagementPort.port());
        for (String path : new String[] { "/q/health/ready", "/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui/" }) {
            given().get(path).then().statusCode(404);
        }
        given().get(swaggerUi).then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().get(metrics).then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void openApiDescribesTheEndpointsAndTheirProblems() {
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.'/api/v1/patients'.post.responses.'409'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/procedures/{procedureId}/assessments/{timepoint}'.put.responses.'412'",
                        org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.Problem", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unknownPathIsA404Problem() {
        Api.as(Tokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void databaseOutageGives503QuicklyAndTheServiceRecoversByItself() {
        String admin = Tokens.admin();
        String patient = Api.patient(admin, "OPS");
        DatabaseProxy.cut();
        try {
            Api.as(admin).get("/api/v1/patients/" + patient).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .time(lessThan(10_000L));
            Api.as(admin).body(Map.of("site", "OPS", "externalRef", Api.uniqueRef("OPS"), "birthYear", 1950,
                    "sex", "MALE")).post("/api/v1/patients").then().statusCode(503);
            given().get(ready).then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            DatabaseProxy.restore();
        }
        Api.as(admin).get("/api/v1/patients/" + patient).then().statusCode(200);
        given().get(ready).then().statusCode(200);
        Api.procedure(admin, patient, LocalDate.now().minusDays(3));
    }
}
