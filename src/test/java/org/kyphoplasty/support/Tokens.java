package org.kyphoplasty.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Real RS256 tokens signed with the dev/test key pair (dev/jwt), as an identity provider would issue. */
public final class Tokens {

    public static final String ISSUER = "https://dev.kyphoplasty.local";
    /** The audience the service requires (mp.jwt.verify.audiences in the test profile). */
    public static final String AUDIENCE = "kyphoplasty-outcomes";

    private Tokens() {
    }

    public static String clinician(String... sites) {
        return build("clinician", "clin-" + String.join("-", sites), List.of(sites)).sign();
    }

    public static String clinicianNamed(String user, String... sites) {
        return build("clinician", user, List.of(sites)).sign();
    }

    public static String analyst() {
        return build("analyst", "analyst-1", List.of()).sign();
    }

    public static String analystNamed(String user) {
        return build("analyst", user, List.of()).sign();
    }

    public static String admin() {
        return build("admin", "admin-1", List.of()).sign();
    }

    public static String expired(String... sites) {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        return build("clinician", "late", List.of(sites)).issuedAt(anHourAgo.minusSeconds(600))
                .expiresAt(anHourAgo).sign();
    }

    public static String wrongSignature(String... sites) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair other = generator.generateKeyPair();
            return build("clinician", "forger", List.of(sites)).sign(other.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String wrongIssuer(String... sites) {
        return build("clinician", "elsewhere", List.of(sites)).issuer("https://evil.example").sign();
    }

    /** A valid clinician token, except that it names no audience. */
    public static String withoutAudience(String... sites) {
        return Jwt.issuer(ISSUER).upn("no-aud").groups(Set.of("clinician")).claim("sites", List.of(sites))
                .expiresIn(3600).sign();
    }

    public static String wrongAudience(String... sites) {
        return build("clinician", "other-aud", List.of(sites)).audience("some-other-service").sign();
    }

    /** Not expired, but issued longer ago than the maximum token age (mp.jwt.verify.token.age). */
    public static String tooOld(String... sites) {
        Instant issued = Instant.now().minusSeconds(2 * 3600);
        return build("clinician", "old", List.of(sites)).issuedAt(issued).expiresAt(Instant.now().plusSeconds(3600))
                .sign();
    }

    private static JwtClaimsBuilder build(String role, String user, List<String> sites) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(Set.of(role)).claim("sites", sites)
                .expiresIn(3600);
    }
}
