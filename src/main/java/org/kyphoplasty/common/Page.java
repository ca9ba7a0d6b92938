package org.kyphoplasty.common;

import java.util.List;

/** A page of a list, as every list endpoint returns it. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
