package org.kyphoplasty.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place that says what a database failure means for the client, by SQLState. The failure
 * may be buried anywhere: as a cause, as the next exception of a batch, or as a <em>suppressed</em>
 * exception (the transaction manager reports a failed commit as a RollbackException whose SQL
 * exception is only suppressed), so the whole graph is searched, once per node.
 *
 * <p>Only SQLState, constraint and column names are ever read: never the server's message or
 * detail, which may carry row values ("Failing row contains ...").
 */
public record DatabaseFailure(Kind kind, String sqlState, String constraint, String column) {

    /** Ordered from least to most severe: when several are found, the most severe one answers. */
    public enum Kind {
        /** A check, not-null, length or encoding violation (classes 22 and 23 except keys): 400. */
        INVALID,
        /** A unique violation: 409 duplicate. */
        DUPLICATE,
        /** A foreign key or exclusion violation with a concurrent change: 409. */
        CONFLICT,
        /** Serialization failure or deadlock: retried by {@link RetryOnConflict}, then 409. */
        RETRYABLE,
        /** Connection lost, server shutting down, too many connections, lock or statement timeout: 503, outcome unknown. */
        UNAVAILABLE
    }

    private static final Map<String, String> FIELD_OF_CONSTRAINT = Map.ofEntries(
            Map.entry("patient_external_ref_text", "externalRef"),
            Map.entry("patient_site_external_ref_key", "externalRef"),
            Map.entry("procedure_patient_type_performed_on_key", "performedOn"),
            Map.entry("procedure_no_cement_without_surgery", "cementVolumeMl"),
            Map.entry("assessment_procedure_timepoint_key", "timepoint"),
            Map.entry("assessment_has_a_score", "body"),
            Map.entry("assessment_before_treatment", "assessedOn"));

    /** The most severe database failure in the graph of {@code failure}, if there is one. */
    public static Optional<DatabaseFailure> of(Throwable failure) {
        DatabaseFailure worst = null;
        for (Throwable node : graph(failure)) {
            DatabaseFailure found = classify(node);
            if (found != null && (worst == null || found.kind.compareTo(worst.kind) > 0
                    || (found.kind == worst.kind && worst.constraint == null && found.constraint != null))) {
                worst = found;
            }
        }
        return Optional.ofNullable(worst);
    }

    /**
     * Every throwable reachable from {@code failure} through causes, suppressed exceptions and the
     * next exceptions of SQL exceptions, each once (the graph may have cycles), breadth first.
     */
    public static List<Throwable> graph(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> queue = new ArrayDeque<>();
        if (failure != null) {
            queue.add(failure);
        }
        while (!queue.isEmpty() && seen.size() < 1000) {
            Throwable node = queue.poll();
            if (!visited.add(node)) {
                continue;
            }
            seen.add(node);
            if (node.getCause() != null) {
                queue.add(node.getCause());
            }
            for (Throwable suppressed : node.getSuppressed()) {
                queue.add(suppressed);
            }
            if (node instanceof SQLException sql && sql.getNextException() != null) {
                queue.add(sql.getNextException());
            }
        }
        return seen;
    }

    /** The field a client should fix: from the constraint, the column, or else the whole body. */
    public String field() {
        if (constraint != null && FIELD_OF_CONSTRAINT.containsKey(constraint)) {
            return FIELD_OF_CONSTRAINT.get(constraint);
        }
        if (column != null) {
            return camelCase(column);
        }
        if (constraint != null && constraint.endsWith("_check")) {
            // the name PostgreSQL gives a column's check: <table>_<column>_check
            String withoutSuffix = constraint.substring(0, constraint.length() - "_check".length());
            int table = withoutSuffix.indexOf('_');
            if (table > 0) {
                return camelCase(withoutSuffix.substring(table + 1));
            }
        }
        return "body";
    }

    /** For logs: SQLState and constraint only, never values. */
    @Override
    public String toString() {
        return kind + " (SQLState " + sqlState + (constraint == null ? "" : ", constraint " + constraint)
                + (column == null ? "" : ", column " + column) + ")";
    }

    static DatabaseFailure classify(Throwable node) {
        if (node instanceof SQLException sql) {
            String state = sql.getSQLState();
            Kind kind = state == null ? null : kindOf(state);
            if (kind == null && (node instanceof SQLTransientConnectionException
                    || (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")))) {
                kind = Kind.UNAVAILABLE;
            }
            if (kind == null) {
                return null;
            }
            String constraint = null;
            String column = null;
            if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                constraint = server.getConstraint();
                column = server.getColumn();
            }
            return new DatabaseFailure(kind, state, constraint, column);
        }
        if (node instanceof JDBCConnectionException || node instanceof java.net.ConnectException) {
            return new DatabaseFailure(Kind.UNAVAILABLE, null, null, null);
        }
        return null;
    }

    static Kind kindOf(String state) {
        if (state.equals("23505")) {
            return Kind.DUPLICATE;
        }
        if (state.equals("23503") || state.equals("23P01")) {
            return Kind.CONFLICT;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            // 22001 too long, 22021 bad encoding, 22P05 untranslatable, 22003 out of range, 23514 check, 23502 not null
            return Kind.INVALID;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return Kind.RETRYABLE;
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.startsWith("53") || state.equals("55P03") || state.equals("57014")
                || state.equals("25006") || state.equals("25P03")) {
            // connection, shutdown, resources (53300 too many connections), lock timeout, statement
            // timeout or cancel, read-only after a failover, idle-in-transaction timeout
            return Kind.UNAVAILABLE;
        }
        return null;
    }

    private static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
