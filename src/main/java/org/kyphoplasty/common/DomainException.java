package org.kyphoplasty.common;

import java.util.List;
import java.util.UUID;

/**
 * What a service reports when it cannot do what was asked, in the domain's words: the edge ({@link ProblemMappers})
 * turns each kind into its problem and status, so services know nothing of HTTP.
 */
public abstract sealed class DomainException extends RuntimeException permits DomainException.NotFound,
        DomainException.Duplicate, DomainException.StaleVersion, DomainException.Invalid, DomainException.NotAllowed {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** A stored resource: which collection, and its id. */
    public enum Collection {
        PATIENTS("api/v1/patients"), PROCEDURES("api/v1/procedures");

        private final String path;

        Collection(String path) {
            this.path = path;
        }

        /** The path below the service's base URI. */
        public String path() {
            return path;
        }
    }

    public record Existing(Collection collection, UUID id) {
    }

    /** Nothing with that id, or nothing the caller may see (never reveal existence). */
    public static final class NotFound extends DomainException {
        public NotFound(String what) {
            super(what + " does not exist");
        }
    }

    /** The thing exists already; {@code existing} is null when a concurrent creation has not committed yet. */
    public static final class Duplicate extends DomainException {
        private final Existing existing;

        public Duplicate(String detail, Existing existing) {
            super(detail);
            this.existing = existing;
        }

        public Existing existing() {
            return existing;
        }
    }

    /** The version the caller based its change on is not the stored one. */
    public static final class StaleVersion extends DomainException {
        public StaleVersion(String detail) {
            super(detail);
        }
    }

    /** A rule of the domain is broken; every offending field is named. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The caller may not do this (for example create a patient of a site outside its claim). */
    public static final class NotAllowed extends DomainException {
        public NotAllowed(String detail) {
            super(detail);
        }
    }
}
