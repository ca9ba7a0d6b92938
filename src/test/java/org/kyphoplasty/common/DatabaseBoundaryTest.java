package org.kyphoplasty.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.support.Api;
import org.kyphoplasty.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Failures at the database boundary, produced by PostgreSQL itself: a commit cut off by the
 * server, serialization failures and deadlocks, and a JVM error in a request.
 */
@QuarkusTest
class DatabaseBoundaryTest {

    /** Any patient whose externalRef starts with this is refused at commit by the server ending the session. */
    private static final String MARKER = "TERMINATE-AT-COMMIT";

    @Inject
    DataSource dataSource;

    @Inject
    RetryProbe probe;

    @BeforeEach
    void installTheCommitTimeTerminator() throws SQLException {
        // DDL needs the schema's owner (the role Flyway runs as); the service's role may not create triggers
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (Connection connection = org.kyphoplasty.support.DatabaseProxy.connectAs(
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
                Statement statement = connection.createStatement()) {
            // A deferred constraint trigger runs during COMMIT; a backend may terminate itself, which is
            // what a fast-mode restart does to every session: FATAL 57P01 in the middle of the commit.
            statement.execute("""
                    create or replace function test_terminate_at_commit() returns trigger language plpgsql as $$
                    begin
                        if new.external_ref like '%s%%' then
                            perform pg_terminate_backend(pg_backend_pid());
                        end if;
                        return null;
                    end $$""".formatted(MARKER));
            statement.execute("drop trigger if exists test_terminate_at_commit on patient");
            statement.execute("create constraint trigger test_terminate_at_commit after insert on patient "
                    + "deferrable initially deferred for each row execute function test_terminate_at_commit()");
        }
    }

    @Test
    void aCommitCutOffByTheServerAnswers503WithRetryAfterAndSaysTheOutcomeIsUnknown() {
        String admin = Tokens.admin();
        String site = Api.uniqueSite();
        Api.as(admin).body(Map.of("site", site, "externalRef", Api.uniqueRef(MARKER), "birthYear", 1950, "sex", "MALE"))
                .post("/api/v1/patients").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("detail", containsString("outcome is unknown"))
                .body("detail", containsString("If-Match"));
        // the pool replaces the dead connection: the next write goes through
        Api.patient(admin, site);
    }

    @Test
    void aSerializationFailureIsRetriedInsideTheServiceAndSucceeds() {
        probe.reset();
        assertEquals(3, probe.write("40001", 2), "two aborted attempts, the third one commits");
    }

    @Test
    void aDeadlockThatKeepsHappeningEndsAfterThreeAttemptsAsARetryable409() {
        probe.reset();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> probe.write("40P01", 10));
        assertEquals(RetryOnConflictInterceptor.ATTEMPTS, probe.attempts());
        Response response = new ProblemMappers().unexpected(failure);
        assertEquals(409, response.getStatus());
        assertTrue(((Problem) response.getEntity()).detail().contains("retry"));
    }

    @Test
    void otherDatabaseErrorsAreNotRetried() {
        probe.reset();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> probe.write("23514", 10));
        assertEquals(1, probe.attempts());
        assertEquals(400, new ProblemMappers().unexpected(failure).getStatus());
    }

    @Test
    void aLockTimeoutOrCanceledStatementAnswers503() {
        for (String state : new String[] { "55P03", "57014", "53300", "57P01" }) {
            probe.reset();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> probe.write(state, 10));
            Response response = new ProblemMappers().unexpected(failure);
            assertEquals(503, response.getStatus(), state);
            assertEquals("5", response.getHeaderString("Retry-After"), state);
        }
    }

    @Test
    void aJvmErrorInARequestIsNeverAnsweredAsAProblem() {
        // outcomes.halt-on-fatal-error is false in the test profile: logged, bare 500, JVM kept
        Response response = new ProblemMappers().unexpected(new RuntimeException(new StackOverflowError()));
        assertEquals(500, response.getStatus());
        assertNull(response.getEntity(), "no problem body: the service does not pretend to be healthy");
        assertEquals("close", response.getHeaderString("Connection"));
        assertFalse(FatalErrors.find(new RuntimeException("fine")).isPresent());
    }
}
