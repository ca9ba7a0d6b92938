package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with its positional ({@code ?}) arguments, built together so that they cannot drift apart. Values reach
 * PostgreSQL only as bind arguments; only enum-derived fragments are written into the text. The same fragments serve
 * the reports (native queries) and the export (a JDBC cursor).
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> arguments = new ArrayList<>();

    /** Appends text whose {@code ?} placeholders take the given values, in order. */
    public Sql append(String fragment, Object... values) {
        long placeholders = fragment.chars().filter(c -> c == '?').count();
        if (placeholders != values.length) {
            throw new IllegalArgumentException(placeholders + " placeholders for " + values.length + " values: "
                    + fragment);
        }
        text.append(fragment);
        Collections.addAll(arguments, values);
        return this;
    }

    /** {@code column in (?, ?, ...)}; an empty collection matches nothing. */
    public Sql in(String column, Collection<?> values) {
        if (values.isEmpty()) {
            return append("false");
        }
        text.append(column).append(" in (").append(String.join(", ", Collections.nCopies(values.size(), "?")))
                .append(')');
        arguments.addAll(values);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public List<Object> arguments() {
        return Collections.unmodifiableList(arguments);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
