package org.kyphoplasty.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Tokens must be for this service and fresh; every response of the page and the API carries the security headers. */
@QuarkusTest
class TokenAndHeaderRulesTest {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: "
            + "blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Test
    void aTokenForThisServiceIsAccepted() {
        Api.as(Tokens.clinician("TOK")).get("/api/v1/patients").then().statusCode(200);
    }

    @Test
    void aTokenWithoutAudienceIs401() {
        Api.as(Tokens.withoutAudience("TOK")).get("/api/v1/patients").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        Api.as(Tokens.wrongAudience("TOK")).get("/api/v1/patients").then().statusCode(401);
    }

    @Test
    void aTokenIssuedLongerAgoThanTheMaximumAgeIs401EvenBeforeItExpires() {
        Api.as(Tokens.tooOld("TOK")).get("/api/v1/patients").then().statusCode(401);
    }

    private static void assertSecurityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", equalTo(CSP))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void thePageAndItsScriptsCarryTheSecurityHeaders() {
        assertSecurityHeaders(given().get("/").then().statusCode(200).header("Strict-Transport-Security", nullValue()));
        assertSecurityHeaders(given().get("/js/app.js").then().statusCode(200));
    }

    @Test
    void apiResponsesCarryTheSecurityHeadersEvenWhenTheyFail() {
        assertSecurityHeaders(Api.as(Tokens.admin()).get("/api/v1/patients").then().statusCode(200));
        assertSecurityHeaders(given().get("/api/v1/patients").then().statusCode(401));
        assertSecurityHeaders(Api.as(Tokens.admin()).get("/api/v1/nothing").then().statusCode(404));
    }

    @Test
    void strictTransportSecurityOnlyBehindTls() {
        given().header("X-Forwarded-Proto", "https").get("/").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000; includeSubDomains"));
        Api.as(Tokens.admin()).header("X-Forwarded-Proto", "https").get("/api/v1/patients").then()
                .header("Strict-Transport-Security", containsString("max-age="));
        given().header("X-Forwarded-Proto", "http").get("/").then().header("Strict-Transport-Security", nullValue());
    }

    @Test
    void theDevKeyFingerprintMatchesTheCommittedDevKey() throws Exception {
        assertEquals(VerificationKeyCheck.DEV_KEY_SHA256,
                VerificationKeyCheck.fingerprint(Files.readString(Path.of("dev/jwt/publicKey.pem"))));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String other = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        assertNotEquals(VerificationKeyCheck.DEV_KEY_SHA256, VerificationKeyCheck.fingerprint(other));
    }
}
