package org.kyphoplasty.common;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings (env OUTCOMES_MIN_CELL_SIZE, OUTCOMES_STUDY_ID_SECRET, ...). */
@ConfigMapping(prefix = "outcomes")
public interface ServiceConfig {

    /** Groups with 1 to min-cell-size - 1 people are suppressed (CMS cell-size suppression policy). */
    @WithDefault("11")
    int minCellSize();

    /** Largest JSON body accepted; only the CSV import may be larger. */
    @WithDefault("65536")
    long maxJsonBodyBytes();

    /** Key of the HMAC that derives export study ids; required to export. */
    Optional<String> studyIdSecret();

    /** Size of the database connection pool. */
    @WithDefault("20")
    int dbPoolSize();

    /** Whether a java.lang.Error in a request halts the JVM (see FatalErrors); off in dev mode and tests. */
    @WithDefault("true")
    boolean haltOnFatalError();
}
