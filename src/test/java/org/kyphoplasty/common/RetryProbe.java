package org.kyphoplasty.common;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A transactional write of the test build only, made to fail in PostgreSQL itself with a given
 * SQLState for its first attempts, to observe what {@link RetryOnConflict} does with it.
 */
@ApplicationScoped
@Transactional
@RetryOnConflict
public class RetryProbe {

    private final AtomicInteger attempts = new AtomicInteger();

    private final EntityManager entityManager;

    public RetryProbe(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public void reset() {
        attempts.set(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public int attempts() {
        return attempts.get();
    }

    /** Fails with {@code sqlState} raised by the database on the first {@code failures} attempts. */
    public int write(String sqlState, int failures) {
        int attempt = attempts.incrementAndGet();
        if (attempt <= failures) {
            entityManager.createNativeQuery("do $$ begin raise exception 'probe' using errcode = '" + sqlState
                    + "'; end $$").executeUpdate();
        }
        return attempt;
    }
}
