package org.kyphoplasty.common;

import java.sql.SQLException;

/**
 * A copy of a failure that may be logged: same classes and stack traces, but the message of every
 * SQL exception, and of every exception wrapping one (Hibernate and the transaction manager copy
 * the SQL message into their own), is replaced by its SQLState and constraint. PostgreSQL's
 * messages and details may carry row values ("Failing row contains (...)", "Key (...)=(...)").
 */
public final class SafeFailure extends RuntimeException {

    private SafeFailure(String message) {
        super(message);
    }

    public static Throwable of(Throwable failure) {
        if (failure == null) {
            return null;
        }
        return copy(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static Throwable copy(Throwable failure, java.util.Set<Throwable> visited) {
        if (!visited.add(failure) || visited.size() > 200) {
            return null;
        }
        SafeFailure safe = new SafeFailure(failure.getClass().getName() + ": " + message(failure));
        safe.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && failure.getCause() != failure) {
            Throwable cause = copy(failure.getCause(), visited);
            if (cause != null) {
                safe.initCause(cause);
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable copied = copy(suppressed, visited);
            if (copied != null) {
                safe.addSuppressed(copied);
            }
        }
        return safe;
    }

    private static String message(Throwable failure) {
        boolean touchesSql = false;
        for (Throwable node : DatabaseFailure.graph(failure)) {
            if (node instanceof SQLException) {
                touchesSql = true;
                break;
            }
        }
        if (!touchesSql) {
            return String.valueOf(failure.getMessage());
        }
        if (failure instanceof SQLException sql) {
            DatabaseFailure classified = DatabaseFailure.classify(sql);
            return "SQLState " + sql.getSQLState() + (classified != null && classified.constraint() != null
                    ? ", constraint " + classified.constraint()
                    : "") + " (message withheld: it may contain row values)";
        }
        return "(message withheld: it wraps a database error)";
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
