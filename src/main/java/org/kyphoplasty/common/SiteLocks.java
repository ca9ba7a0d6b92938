package org.kyphoplasty.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Per-site write locks: PostgreSQL transaction-level advisory locks keyed by the site code. Every
 * single write (patient, procedure, assessment) takes its site's lock in shared mode, so writes
 * never wait for each other; an import takes the locks of the sites in its file in exclusive mode
 * from its checks against stored data to its last insert, so no write of those sites slips in
 * between. Writes of other sites never wait for an import. Waits are bounded: when the site stays
 * locked, the caller gets a 503 problem (with Retry-After) instead of holding a pooled connection.
 */
@ApplicationScoped
public class SiteLocks {

    /** First key of the two-int advisory lock space: sites (the second key is hashtext(site)). */
    static final int NAMESPACE = 0x4B59;
    static final String TRY_SHARED = "select pg_try_advisory_xact_lock_shared(" + NAMESPACE + ", hashtext(?))";
    static final String TRY_EXCLUSIVE = "select pg_try_advisory_xact_lock(" + NAMESPACE + ", hashtext(?))";
    private static final long POLL_MILLIS = 25;

    private final EntityManager entityManager;
    private final long writeWaitMillis;
    private final long importWaitMillis;

    public SiteLocks(EntityManager entityManager, ServiceConfig config) {
        this.entityManager = entityManager;
        this.writeWaitMillis = config.importConfig().writeWaitMillis();
        this.importWaitMillis = config.importConfig().lockWaitMillis();
    }

    /** In the current (JPA) transaction: the shared lock of the site a single write changes. */
    public void forWrite(String site) {
        long deadline = System.nanoTime() + writeWaitMillis * 1_000_000;
        while (true) {
            Object locked = entityManager.createNativeQuery(TRY_SHARED.replace("?", "?1")).setParameter(1, site)
                    .getSingleResult();
            if (Boolean.TRUE.equals(locked)) {
                return;
            }
            pause(deadline, site, "an import of site " + site + " is being written");
        }
    }

    /** On the import's connection, in its transaction: exclusive locks of all its sites, in a fixed order. */
    public void forImport(Connection connection, Collection<String> sites) throws SQLException {
        long deadline = System.nanoTime() + importWaitMillis * 1_000_000;
        try (PreparedStatement statement = connection.prepareStatement(TRY_EXCLUSIVE)) {
            for (String site : new TreeSet<>(sites)) {
                while (true) {
                    statement.setString(1, site);
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        if (result.getBoolean(1)) {
                            break;
                        }
                    }
                    pause(deadline, site, "site " + site + " is being written by another import or by clinicians");
                }
            }
        }
    }

    private static void pause(long deadline, String site, String reason) {
        if (System.nanoTime() > deadline) {
            throw new ProblemException(ProblemTypes.BASE + "site-busy", 503, "Site busy",
                    reason + "; try again in a few seconds", null, null);
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemTypes.BASE + "site-busy", 503, "Site busy", reason, null, null);
        }
    }
}
