package org.kyphoplasty.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One offending input: a JSON field, query or path parameter, or a CSV cell when {@code line} is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Long line, String field, String message) {

    public FieldError(String field, String message) {
        this(null, field, message);
    }

    public FieldError atLine(long lineNumber) {
        return new FieldError(lineNumber, field, message);
    }
}
