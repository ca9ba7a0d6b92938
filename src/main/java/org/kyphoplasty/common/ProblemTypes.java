package org.kyphoplasty.common;

/** Problem type URIs, one per status we use; they name the kind of failure, not the endpoint. */
final class ProblemTypes {

    static final String BASE = "https://kyphoplasty.org/problems/";

    private ProblemTypes() {
    }

    static String of(int status) {
        return BASE + switch (status) {
            case 400 -> "invalid-input";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "duplicate";
            case 412 -> "precondition-failed";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "database-unavailable";
            default -> "internal-error";
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid input";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Duplicate";
            case 412 -> "Precondition failed";
            case 413 -> "Body too large";
            case 415 -> "Unsupported media type";
            case 503 -> "Service unavailable";
            default -> "Internal error";
        };
    }

    static Problem simple(int status, String detail) {
        return new Problem(of(status), title(status), status, detail, null, null);
    }
}
