package org.kyphoplasty.common;

import java.util.ArrayList;
import java.util.List;

/** Validated {@code page} and {@code size} query parameters. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    public static PageRequest of(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        Integer pageNumber = Params.integer(errors, "page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        Integer pageSize = Params.integer(errors, "size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new PageRequest(pageNumber, pageSize);
    }

    public int offset() {
        return page * size;
    }

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
