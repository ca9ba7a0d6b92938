package org.kyphoplasty.common;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.jboss.logging.Logger;

/**
 * Runs a {@link RetryOnConflict} call again after a serialization failure or deadlock. It sits
 * outside the {@code @Transactional} interceptor (lower priority number), so each attempt is a
 * whole new transaction; a call made inside another transaction is not retried here, since only
 * the outermost call can start over.
 */
@RetryOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RetryOnConflictInterceptor {

    static final int ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(RetryOnConflictInterceptor.class);

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object retry(InvocationContext context) throws Exception {
        if (insideTransaction()) {
            return context.proceed();
        }
        for (int attempt = 1;; attempt++) {
            try {
                return context.proceed();
            } catch (RuntimeException e) {
                var failure = DatabaseFailure.of(e);
                if (attempt >= ATTEMPTS || failure.isEmpty() || failure.get().kind() != DatabaseFailure.Kind.RETRYABLE) {
                    throw e;
                }
                LOG.infof("%s.%s: attempt %d of %d aborted by %s; trying again",
                        context.getMethod().getDeclaringClass().getSimpleName(), context.getMethod().getName(),
                        attempt, ATTEMPTS, failure.get());
                pause(attempt);
            }
        }
    }

    private boolean insideTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /** 10-50 ms, then 20-100 ms: long enough for the other transaction to finish, jittered so they do not collide again. */
    private static void pause(int attempt) throws InterruptedException {
        long base = 10L << (attempt - 1);
        Thread.sleep(base + ThreadLocalRandom.current().nextLong(base * 4 + 1));
    }
}
