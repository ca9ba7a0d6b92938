package org.kyphoplasty.common;

import java.util.List;

/** An expected failure that reaches the client as a problem detail with this status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final String existing;
    private final String type;

    public ProblemException(int status, String title, String detail, List<FieldError> errors, String existing) {
        this(ProblemTypes.of(status), status, title, detail, errors, existing);
    }

    /** A problem whose kind is not the usual one of its status (e.g. a 503 that is not the database). */
    public ProblemException(String type, int status, String title, String detail, List<FieldError> errors,
            String existing) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.existing = existing;
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(400, "Invalid input",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors, null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException conflict(String detail, String existingPath) {
        return new ProblemException(409, "Duplicate", detail, null, existingPath);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "Precondition failed", detail, null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null, null);
    }

    public static ProblemException notConfigured(String detail) {
        return new ProblemException(ProblemTypes.BASE + "not-configured", 503, "Not configured", detail, null, null);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(type, title, status, getMessage(), errors, existing);
    }
}
