package org.kyphoplasty.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;

/**
 * JSON bodies are a few hundred bytes; only the CSV import is large. The HTTP layer's global limit
 * ({@code quarkus.http.limits.max-body-size}) is sized for imports, so a request whose declared
 * length exceeds its route's limit ({@code outcomes.max-json-body-bytes}, or
 * {@code outcomes.import.max-body-bytes} for the import) is refused here, before it is read, with a
 * 413 problem. A body without a declared length (chunked) is counted as it is read: by
 * {@link #limitEntity} for JSON, by the import itself for CSV ({@link LimitedInputStream}).
 */
@ApplicationScoped
public class BodyLimits {

    private static final String IMPORTS_PATH = "/api/v1/imports";

    private final long maxJsonBodyBytes;
    private final long maxImportBodyBytes;
    private final String jsonTooLarge;
    private final String importTooLarge;

    public BodyLimits(ServiceConfig config, ObjectMapper mapper) throws JsonProcessingException {
        this.maxJsonBodyBytes = config.maxJsonBodyBytes();
        this.maxImportBodyBytes = config.importConfig().maxBodyBytes();
        this.jsonTooLarge = mapper.writeValueAsString(LimitedInputStream.tooLarge(maxJsonBodyBytes).toProblem());
        this.importTooLarge = mapper.writeValueAsString(LimitedInputStream.tooLarge(maxImportBodyBytes).toProblem());
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean isImport = isImport(context.request().path());
            if (length != null && exceeds(length, isImport ? maxImportBodyBytes : maxJsonBodyBytes)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(isImport ? importTooLarge : jsonTooLarge);
                return;
            }
            context.next();
        }, 100);
    }

    /** Bodies of every JSON endpoint are counted as they are read (the import counts its own). */
    @ServerRequestFilter
    public void limitEntity(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || isImport("/" + request.getUriInfo().getPath())) {
            return;
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxJsonBodyBytes));
    }

    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response tooLarge(LimitedInputStream.TooLarge e) {
        return ProblemMappers.respond(e.problem().toProblem());
    }

    private static boolean isImport(String path) {
        return path.startsWith(IMPORTS_PATH) || path.startsWith("/" + IMPORTS_PATH);
    }

    private static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
