package org.kyphoplasty.security;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * A production service must never run without a way to verify tokens: it refuses to start unless
 * the verification key and issuer are configured ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} or
 * {@code MP_JWT_VERIFY_PUBLICKEY}, and {@code MP_JWT_VERIFY_ISSUER}).
 */
@Singleton
@IfBuildProfile("prod")
public class VerificationKeyCheck {

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        if (keyLocation.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException("No token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        if (issuer.isEmpty()) {
            throw new IllegalStateException("No token issuer: set MP_JWT_VERIFY_ISSUER");
        }
    }
}
