package org.kyphoplasty.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

/** The classification of database failures and JVM errors, on exceptions built by hand. */
class DatabaseFailureTest {

    private static DatabaseFailure.Kind kind(Throwable failure) {
        return DatabaseFailure.of(failure).map(DatabaseFailure::kind).orElse(null);
    }

    @Test
    void aFailedCommitFoundOnlyAsASuppressedExceptionOfTheRollbackIsAConnectionFailure() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        assertEquals(DatabaseFailure.Kind.UNAVAILABLE, kind(new RuntimeException(rollback)));
    }

    @Test
    void sqlStatesAreSortedIntoWhatTheClientMayDo() {
        assertEquals(DatabaseFailure.Kind.DUPLICATE, kind(new SQLException("x", "23505")));
        for (String state : List.of("23514", "23502", "22001", "22021", "22P05", "22003")) {
            assertEquals(DatabaseFailure.Kind.INVALID, kind(new SQLException("x", state)), state);
        }
        for (String state : List.of("40001", "40P01")) {
            assertEquals(DatabaseFailure.Kind.RETRYABLE, kind(new SQLException("x", state)), state);
        }
        for (String state : List.of("08006", "08001", "57P01", "57P02", "57P03", "53300", "55P03", "57014")) {
            assertEquals(DatabaseFailure.Kind.UNAVAILABLE, kind(new SQLException("x", state)), state);
        }
        assertEquals(null, kind(new SQLException("x", "42P01")), "a bug of ours (undefined table) stays a 500");
        assertEquals(null, kind(new IllegalStateException("no database here")));
    }

    @Test
    void theMostSevereFailureAnswersAndBatchNextExceptionsAreSearched() {
        BatchUpdateException batch = new BatchUpdateException("batch", "", 0, new int[0], null);
        batch.setNextException(new SQLException("x", "23505"));
        assertEquals(DatabaseFailure.Kind.DUPLICATE, kind(batch));
        RuntimeException both = new RuntimeException(new SQLException("x", "23505"));
        both.addSuppressed(new SQLException("x", "08006"));
        assertEquals(DatabaseFailure.Kind.UNAVAILABLE, kind(both), "when the connection broke, the outcome is unknown");
    }

    @Test
    void cyclesOfCausesAndSuppressedExceptionsEndTheSearch() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        a.addSuppressed(b);
        b.addSuppressed(a);
        assertEquals(2, DatabaseFailure.graph(a).size());
        assertEquals(null, kind(a));
        b.addSuppressed(new SQLException("x", "40001"));
        assertEquals(DatabaseFailure.Kind.RETRYABLE, kind(a));
        StringWriter trace = new StringWriter();
        SafeFailure.of(a).printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("SQLState 40001"));
    }

    @Test
    void fieldsAreNamedFromTheConstraintOrColumnOrElseTheBody() {
        assertEquals("externalRef", new DatabaseFailure(DatabaseFailure.Kind.INVALID, "23514",
                "patient_external_ref_text", null).field());
        assertEquals("painNrs", new DatabaseFailure(DatabaseFailure.Kind.INVALID, "23514",
                "assessment_pain_nrs_check", null).field());
        assertEquals("birthYear", new DatabaseFailure(DatabaseFailure.Kind.INVALID, "23502", null, "birth_year").field());
        assertEquals("body", new DatabaseFailure(DatabaseFailure.Kind.INVALID, "22001", null, null).field());
    }

    @Test
    void anyJvmErrorAnywhereInTheFailureIsFatalAndHaltsWithoutAnAnswer() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        RuntimeException wrapped = new RuntimeException("request failed");
        wrapped.addSuppressed(new IllegalStateException(oom));
        assertSame(oom, FatalErrors.find(wrapped).orElseThrow());
        assertFalse(FatalErrors.find(new RuntimeException(new SQLException("x", "57P01"))).isPresent());

        List<Integer> halted = new ArrayList<>();
        var real = FatalErrors.halt;
        FatalErrors.halt = halted::add;
        try {
            FatalErrors.haltOn(oom, true);
            assertEquals(List.of(FatalErrors.EXIT_STATUS), halted);
            FatalErrors.haltOn(new StackOverflowError(), false);
            assertEquals(List.of(FatalErrors.EXIT_STATUS), halted, "switched off: logged, not halted");
        } finally {
            FatalErrors.halt = real;
        }
    }
}
