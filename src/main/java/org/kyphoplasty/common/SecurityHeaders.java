package org.kyphoplasty.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Strict-Transport-Security on responses that reached us over TLS, directly or through a proxy that
 * terminated it ({@code X-Forwarded-Proto: https}). On plain HTTP it would be ignored by browsers
 * and wrong to promise. The other security headers are fixed and configured in
 * application.properties ({@code quarkus.http.header.*}).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String forwarded = context.request().getHeader("X-Forwarded-Proto");
            if (context.request().isSSL() || (forwarded != null && forwarded.trim().equalsIgnoreCase("https"))) {
                context.response().putHeader("Strict-Transport-Security", HSTS);
            }
            context.next();
        }, 90);
    }
}
