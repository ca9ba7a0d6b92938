package org.kyphoplasty.exports;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ServiceConfig;

/**
 * Export pseudonyms: HMAC-SHA256 of the patient id under a configured secret. Stable per patient
 * (the same secret gives the same study id in every export), but without the secret it cannot be
 * derived from the patient's id or external reference.
 */
@ApplicationScoped
public class StudyIds {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public StudyIds(ServiceConfig config) {
        this.key = config.studyIdSecret().filter(secret -> !secret.isBlank())
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM)).orElse(null);
    }

    /** A fresh generator for one export (a Mac is not thread-safe). */
    public Generator generator() {
        if (key == null) {
            throw ProblemException.notConfigured("exports need OUTCOMES_STUDY_ID_SECRET to pseudonymise patients");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return new Generator(mac);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Generator {
        private final Mac mac;

        Generator(Mac mac) {
            this.mac = mac;
        }

        public String of(UUID patientId) {
            byte[] digest = mac.doFinal(patientId.toString().getBytes(StandardCharsets.US_ASCII));
            return "S" + HexFormat.of().formatHex(digest, 0, 8);
        }
    }
}
