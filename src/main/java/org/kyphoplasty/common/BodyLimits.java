package org.kyphoplasty.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;

/**
 * JSON bodies are a few hundred bytes; only the CSV import is large. The HTTP layer's global limit
 * ({@code quarkus.http.limits.max-body-size}) is sized for imports, so every other request whose
 * declared length exceeds {@code outcomes.max-json-body-bytes} is refused here, before it is read,
 * with a 413 problem.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String IMPORTS_PATH = "/api/v1/imports";

    private final long maxJsonBodyBytes;
    private final String tooLarge;

    public BodyLimits(ServiceConfig config, ObjectMapper mapper) throws JsonProcessingException {
        this.maxJsonBodyBytes = config.maxJsonBodyBytes();
        this.tooLarge = mapper.writeValueAsString(ProblemTypes.simple(413,
                "the request body exceeds " + this.maxJsonBodyBytes + " bytes"));
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && !context.request().path().startsWith(IMPORTS_PATH) && exceeds(length)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(tooLarge);
                return;
            }
            context.next();
        }, 100);
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length) > maxJsonBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
