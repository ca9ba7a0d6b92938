package org.kyphoplasty.common;

import java.util.Optional;
import java.util.function.IntConsumer;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A {@link java.lang.Error} (OutOfMemoryError, StackOverflowError, a class that failed to load, ...)
 * means this JVM may be in a state nobody tested: half-updated caches, a thread that died holding
 * a lock. Answering the request as if the service were healthy would hide that, so the replica
 * logs the error and halts, and the orchestrator starts a fresh one. Its open transactions roll
 * back when their connections close. {@code -XX:+ExitOnOutOfMemoryError} (Dockerfile, README)
 * covers the out-of-memory errors that happen outside a request.
 *
 * <p>Dev mode and the tests set {@code outcomes.halt-on-fatal-error=false}: there the error is
 * logged and the request answered with a bare 500 (no problem body), so a test can never stop
 * the test JVM by accident.
 */
public final class FatalErrors {

    static final int EXIT_STATUS = 3;
    private static final Logger LOG = Logger.getLogger(FatalErrors.class);

    /** What halts the JVM; replaced only by the unit test of this class. */
    static volatile IntConsumer halt = status -> Runtime.getRuntime().halt(status);

    private FatalErrors() {
    }

    /** The first Error anywhere in the failure's causes or suppressed exceptions. */
    public static Optional<Error> find(Throwable failure) {
        for (Throwable node : DatabaseFailure.graph(failure)) {
            if (node instanceof Error error) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** Logs the error and halts the JVM, unless halting is switched off (dev mode, tests). */
    public static void haltOn(Error error) {
        haltOn(error, ConfigProvider.getConfig().getOptionalValue("outcomes.halt-on-fatal-error", Boolean.class)
                .orElse(true));
    }

    static void haltOn(Error error, boolean halting) {
        LOG.fatalf(SafeFailure.of(error), "%s in a request: %s", error.getClass().getName(),
                halting ? "halting the JVM so that a fresh replica replaces this one"
                        : "outcomes.halt-on-fatal-error=false, so the JVM keeps running");
        if (halting) {
            System.err.flush();
            System.out.flush();
            halt.accept(EXIT_STATUS);
        }
    }
}
