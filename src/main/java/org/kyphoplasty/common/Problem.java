package org.kyphoplasty.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail. {@code existing} points at the resource a duplicate collided with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        String existing) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
