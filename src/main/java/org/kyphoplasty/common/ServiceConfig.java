package org.kyphoplasty.common;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

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

    /** The CSV import (outcomes.import.*). */
    @WithName("import")
    Import importConfig();

    /** The de-identified export (outcomes.export.*). */
    @WithName("export")
    Export exportConfig();

    /** Lets the production build start with the public dev key of dev/jwt (a local trial only). */
    @WithDefault("false")
    boolean allowDevKey();

    interface Import {
        /** Largest import body, counted as it is read (413 above it). */
        @WithDefault("104857600")
        long maxBodyBytes();

        /** Longest cell, in characters (400 naming the line and column above it). */
        @WithDefault("4096")
        int maxCellChars();

        /** Longest row, in characters. */
        @WithDefault("65536")
        int maxRowChars();

        /** How long an import waits for the single writes of its sites to finish before a 503. */
        @WithDefault("10000")
        long lockWaitMillis();

        /** How long a single write waits for an import of its site before a 503. */
        @WithDefault("3000")
        long writeWaitMillis();
    }

    interface Export {
        /** Exports running at once; more answer 503 with Retry-After. */
        @WithDefault("4")
        int maxConcurrent();

        /** Upper bound of the export's database query. */
        @WithDefault("120")
        int statementTimeoutSeconds();
    }
}
