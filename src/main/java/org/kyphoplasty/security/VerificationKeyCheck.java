package org.kyphoplasty.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kyphoplasty.common.ServiceConfig;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * A production service must never run without a way to verify tokens: it refuses to start unless
 * the verification key, the issuer and the audience are configured
 * ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} or {@code MP_JWT_VERIFY_PUBLICKEY},
 * {@code MP_JWT_VERIFY_ISSUER}, {@code MP_JWT_VERIFY_AUDIENCES}). It also refuses the committed dev
 * key of {@code dev/jwt} (whose private half is public), recognised by its fingerprint, unless
 * {@code OUTCOMES_ALLOW_DEV_KEY=true} is set for a local trial, which is then logged loudly.
 */
@Singleton
@IfBuildProfile("prod")
public class VerificationKeyCheck {

    /** SHA-256 of the DER (SubjectPublicKeyInfo) of dev/jwt/publicKey.pem; a test keeps it in step. */
    public static final String DEV_KEY_SHA256 = "c23c168fb8ced6db61b6bbbcd47d7d49a501cfe48136664c1497ee5fd53d298a";

    private static final Logger LOG = Logger.getLogger(VerificationKeyCheck.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences,
            ServiceConfig config) {
        if (keyLocation.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException("No token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        if (issuer.isEmpty()) {
            throw new IllegalStateException("No token issuer: set MP_JWT_VERIFY_ISSUER");
        }
        if (audiences.isEmpty() || audiences.get().isEmpty()) {
            throw new IllegalStateException("No token audience: set MP_JWT_VERIFY_AUDIENCES (this service's name at "
                    + "your identity provider)");
        }
        String text = key.orElseGet(() -> read(keyLocation.get()));
        if (text != null && DEV_KEY_SHA256.equals(fingerprint(text))) {
            if (!config.allowDevKey()) {
                throw new IllegalStateException("The token verification key is the public DEV key of dev/jwt, whose "
                        + "private key is in the repository: anyone can sign tokens for it. Configure your identity "
                        + "provider's key (MP_JWT_VERIFY_PUBLICKEY_LOCATION), or set OUTCOMES_ALLOW_DEV_KEY=true for "
                        + "a local trial only");
            }
            LOG.warn("""

                    *****************************************************************************************
                    * OUTCOMES_ALLOW_DEV_KEY=true: tokens are verified with the public DEV key of dev/jwt.  *
                    * Anyone can sign valid tokens for this service. Use it for a local trial ONLY, never   *
                    * with real patient data.                                                               *
                    *****************************************************************************************""");
        }
    }

    /** The key's text, when it is a local file or on the class path; null otherwise (e.g. a URL). */
    private static String read(String location) {
        try {
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            if (!path.contains("://") && Files.isRegularFile(Path.of(path))) {
                return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(
                    resource.startsWith("/") ? resource.substring(1) : resource)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** SHA-256 (hex) of a PEM or base64 public key's DER bytes; null when it is neither (e.g. a JWK). */
    public static String fingerprint(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (IllegalArgumentException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
