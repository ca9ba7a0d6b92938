package org.kyphoplasty.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into an RFC 9457 problem. Expected failures get a precise message naming the
 * offending fields; anything else is logged here and reaches the client as a bare 500, without
 * class names, stack traces or SQL.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    /** The domain's refusals, each to its problem; an existing resource's path is built from the request's base URI. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        ProblemException problem;
        if (e instanceof DomainException.Duplicate duplicate) {
            problem = ProblemException.conflict(duplicate.getMessage(),
                    duplicate.existing() == null ? null : ResourcePaths.of(uri, duplicate.existing()).getRawPath());
        } else if (e instanceof DomainException.StaleVersion) {
            problem = ProblemException.preconditionFailed(e.getMessage());
        } else if (e instanceof DomainException.Invalid invalid) {
            problem = ProblemException.invalid(invalid.errors());
        } else if (e instanceof DomainException.NotAllowed) {
            problem = ProblemException.forbidden(e.getMessage());
        } else {
            problem = new ProblemException(404, "Not found", e.getMessage(), null, null);
        }
        return respond(problem.toProblem());
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(BeanValidation.fieldOf(violation), violation.getMessage()));
        }
        return respond(ProblemException.invalid(BeanValidation.sorted(errors)).toProblem());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(ProblemException.invalid(List.of(jsonFieldError(e))).toProblem());
    }

    // The framework ships mappers for these subtypes; ours must be at least as specific to win.
    @ServerExceptionMapper
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonUnknownField(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonInstantiation(ValueInstantiationException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ProblemTypes.simple(403, "your role may not use this endpoint"));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return respond(ProblemTypes.simple(412, "the resource was changed by someone else; read it again"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json);
        }
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "this resource answers application/json (or text/csv for exports)";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type; send application/json (text/csv for imports)";
            case 400 -> "the request could not be read";
            default -> status >= 500 ? "the request failed" : "the request was refused";
        };
        if (status >= 500) {
            LOG.error("request failed", SafeFailure.of(e));
        }
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(ProblemTypes.simple(status, detail));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        Optional<Error> fatal = FatalErrors.find(e);
        if (fatal.isPresent()) {
            FatalErrors.haltOn(fatal.get());
            // only reached where halting is switched off (dev mode, tests): no problem body, as the
            // service is not healthy; the connection is closed
            return Response.status(500).header("Connection", "close").build();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem(problem);
            }
            if (cause instanceof OptimisticLockException lock) {
                return optimisticLock(lock);
            }
        }
        Optional<DatabaseFailure> database = DatabaseFailure.of(e);
        if (database.isPresent()) {
            return database(database.get());
        }
        LOG.error("unexpected failure", SafeFailure.of(e));
        return respond(ProblemTypes.simple(500, "an unexpected error occurred; it has been logged"));
    }

    /** The answer to a database failure; see DatabaseFailure for which SQLStates are which kind. */
    static Response database(DatabaseFailure failure) {
        switch (failure.kind()) {
            case UNAVAILABLE -> {
                LOG.warnf("database unavailable: %s", failure);
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                        .entity(ProblemTypes.simple(503, UNAVAILABLE_DETAIL)).build();
            }
            case RETRYABLE, CONFLICT -> {
                LOG.infof("concurrent change: %s", failure);
                return respond(new Problem(ProblemTypes.of(409), "Concurrent change", 409,
                        "the change collided with a concurrent one and was not applied; read the resource again and retry",
                        null, null));
            }
            case DUPLICATE -> {
                LOG.infof("duplicate: %s", failure);
                return respond(ProblemException.conflict("a resource with the same " + failure.field()
                        + " was created at the same time; find it and read it again", null).toProblem());
            }
            default -> {
                // the service's own validation should have caught this; the log says which rule it missed
                LOG.warnf("the database refused input that passed validation: %s", failure);
                return respond(ProblemException.invalid(failure.field(), "has a value the database does not accept")
                        .toProblem());
            }
        }
    }

    static final String RETRY_AFTER_SECONDS = "5";

    static final String UNAVAILABLE_DETAIL = "the database is unavailable or the connection to it was lost. "
            + "If this request was a write, its outcome is unknown: it may have been kept. Read the resource back "
            + "before retrying; a PUT or DELETE sent with If-Match cannot overwrite a newer change, and a repeated "
            + "POST answers 409 with the existing resource if the first one was kept";

    private static Response unauthenticated() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ProblemTypes.simple(401, "a valid bearer token is required")).build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static FieldError jsonFieldError(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "unknown field");
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                @SuppressWarnings("unchecked")
                Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) target;
                return new FieldError(path(format), "must be one of " + Params.allowed(enumType));
            }
            return new FieldError(path(format), "must be " + describe(target));
        }
        if (e instanceof ValueInstantiationException instantiation) {
            return new FieldError(path(instantiation), "has an invalid value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            return new FieldError(field.isEmpty() ? "body" : field,
                    field.isEmpty() ? "must be a JSON object" : "must be " + describe(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(path(mapping), "has an invalid value");
        }
        return new FieldError("body", "is not valid JSON");
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == Integer.class || target == int.class || target == Short.class || target == Long.class) {
            return "an integer";
        }
        if (target == java.math.BigDecimal.class || target == Double.class || target == double.class) {
            return "a number";
        }
        if (target == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target.isArray() || List.class.isAssignableFrom(target) || Set.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        return "a valid value";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
