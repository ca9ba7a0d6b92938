package org.kyphoplasty.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.kyphoplasty.assessment.AssessmentValidation;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.LimitedInputStream;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ServiceConfig;
import org.kyphoplasty.common.SiteLocks;
import org.kyphoplasty.patient.PatientValidation;
import org.kyphoplasty.procedure.ProcedureValidation;
import org.kyphoplasty.security.Caller;
import org.postgresql.PGConnection;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The bulk CSV import, all or nothing:
 * <ol>
 * <li>stream the body once, without a database connection, validating every row with the same
 * validation classes as the JSON endpoints and spooling the valid rows to a temporary file
 * (nothing is kept in memory per row; the body, each cell and each row are bounded while they
 * stream, so neither a huge file nor one crafted cell can exhaust the heap);</li>
 * <li>then, in one transaction: COPY the spooled rows into a temporary staging table and take the
 * advisory locks of the file's sites ({@link SiteLocks});</li>
 * <li>check in SQL what needs the whole file or the stored data (a time point twice, a patient or
 * procedure described differently on two lines or from what is stored);</li>
 * <li>write patients, procedures and assessments set-wise from the staging table, each statement
 * writing the audit entries of what it changed.</li>
 * </ol>
 * Any invalid row fails the whole import with up to {@value #MAX_ERRORS} errors and rolls back.
 */
@ApplicationScoped
public class ImportService {

    static final int MAX_ERRORS = 100;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImportService.class);
    private static final int COPY_BUFFER_CHARS = 1 << 16;

    private final DataSource dataSource;
    private final PatientValidation patientValidation;
    private final ProcedureValidation procedureValidation;
    private final AssessmentValidation assessmentValidation;
    private final SiteLocks siteLocks;
    private final ServiceConfig.Import limits;

    public ImportService(DataSource dataSource, PatientValidation patientValidation,
            ProcedureValidation procedureValidation, AssessmentValidation assessmentValidation, SiteLocks siteLocks,
            ServiceConfig config) {
        this.dataSource = dataSource;
        this.siteLocks = siteLocks;
        this.limits = config.importConfig();
        this.patientValidation = patientValidation;
        this.procedureValidation = procedureValidation;
        this.assessmentValidation = assessmentValidation;
    }

    /** Collects the first errors and counts them all. */
    static final class Errors {
        final List<FieldError> listed = new ArrayList<>();
        long total;

        void add(long line, List<FieldError> errors) {
            for (FieldError error : errors) {
                total++;
                if (listed.size() < MAX_ERRORS) {
                    listed.add(error.atLine(line));
                }
            }
        }

        void add(long line, String field, String message) {
            add(line, List.of(new FieldError(field, message)));
        }

        boolean any() {
            return total > 0;
        }

        ProblemException problem() {
            String detail = total + (total == 1 ? " error" : " errors") + " in the file"
                    + (total > listed.size() ? "; the first " + listed.size() + " are listed" : "")
                    + "; nothing was imported";
            return new ProblemException(400, "Invalid import file", detail, listed, null);
        }
    }

    /**
     * Reads and validates the whole body first, spooling the valid rows to a temporary file, and
     * only then opens the transaction that writes them: a slow or huge upload never holds a
     * database connection, and an invalid file never takes one.
     */
    public ImportResult importCsv(Caller caller, InputStream body) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        Errors errors = new Errors();
        Path spool = null;
        try {
            spool = Files.createTempFile("kyphoplasty-import-", ".csv");
            Set<String> sites = new TreeSet<>();
            long rows;
            try (Writer out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                rows = stage(caller, new LimitedInputStream(body, limits.maxBodyBytes()), out, errors, sites);
            }
            if (errors.any()) {
                throw errors.problem();
            }
            if (rows == 0) {
                errors.add(2, "file", "has a header but no rows");
                throw errors.problem();
            }
            long parsed = System.nanoTime();
            Path staged = spool;
            return QuarkusTransaction.requiringNew().timeout(3600)
                    .call(() -> write(caller, staged, rows, sites, now, started, parsed));
        } catch (IOException e) {
            throw new UncheckedIOException("import spool failed", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warnf("could not delete the import spool %s", spool);
                }
            }
        }
    }

    private ImportResult write(Caller caller, Path spool, long rows, Set<String> sites, Instant now, long started,
            long parsed) {
        Errors errors = new Errors();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ImportSql.CREATE_STAGING);
            }
            try (Reader staged = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(ImportSql.COPY_STAGING, staged,
                        COPY_BUFFER_CHARS);
            }
            analyze(connection, "import_row");
            // From the checks against stored data to the last insert, no other write of the file's
            // sites may slip in between (it would be silently skipped by ON CONFLICT DO NOTHING, or
            // escape the checks). Writes of other sites never wait; readers are not blocked.
            siteLocks.forImport(connection, sites);
            long staged = System.nanoTime();
            crossRowChecks(connection, errors);
            if (errors.any()) {
                throw errors.problem();
            }
            long checked = System.nanoTime();
            long patients = update(connection, ImportSql.INSERT_PATIENTS, caller, now);
            // fresh statistics, or the planner joins thousands of new rows as if the tables were still small
            analyzeRegistry(connection, "patient");
            long procedures = update(connection, ImportSql.INSERT_PROCEDURES, caller, now);
            analyzeRegistry(connection, "procedure");
            long replaced = update(connection, ImportSql.REPLACE_CHANGED_ASSESSMENTS, caller, now);
            long created = update(connection, ImportSql.INSERT_ASSESSMENTS, caller, now);
            LOG.infof("import of %d rows by %s: parsed and validated in %d ms, staged in %d ms, checked in %d ms, "
                    + "written in %d ms", rows, caller.user(), (parsed - started) / 1_000_000,
                    (staged - parsed) / 1_000_000, (checked - staged) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
            return new ImportResult(rows, patients, procedures, created, replaced, rows - created - replaced);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("import failed in the database", e);
        }
    }

    private long stage(Caller caller, InputStream body, Writer out, Errors errors, Set<String> sites)
            throws IOException {
        long rows = 0;
        long line = 1;
        StringBuilder buffer = new StringBuilder(COPY_BUFFER_CHARS + 1024);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get()
                .parse(new CsvLimits(reader(body), limits.maxCellChars(), limits.maxRowChars()))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                errors.add(1, "file", "is empty; expected the header " + String.join(",", CsvColumns.HEADER));
                return 0;
            }
            if (!checkHeader(records.next(), errors)) {
                return 0;
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                // empty lines are kept by the parser so that record numbers stay file line numbers
                line = record.getRecordNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                rows++;
                List<FieldError> rowErrors = new ArrayList<>();
                RowParser.Row row = validate(caller, record, rowErrors);
                if (!rowErrors.isEmpty()) {
                    errors.add(line, rowErrors);
                } else if (!errors.any()) {
                    sites.add(row.patient().site());
                    StagingRow.append(buffer, line, row);
                    if (buffer.length() >= COPY_BUFFER_CHARS) {
                        out.append(buffer);
                        buffer.setLength(0);
                    }
                }
            }
            if (!errors.any()) {
                out.append(buffer);
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            if (cause instanceof LimitedInputStream.TooLarge tooLarge) {
                throw tooLarge.problem();
            } else if (cause instanceof CsvLimits.Exceeded exceeded) {
                errors.add(exceeded.line, exceeded.field, exceeded.getMessage());
            } else if (cause instanceof CharacterCodingException) {
                errors.add(line + 1, "file", "is not valid UTF-8 text; save it as CSV UTF-8");
            } else if (cause != null && cause.getMessage() != null && cause.getMessage().contains("EOF")) {
                errors.add(line + 1, "file", "ends inside a quoted value");
            } else {
                errors.add(line + 1, "file", "could not be read as CSV");
            }
        }
        return rows;
    }

    /** The parsed row, with every rule it breaks added to {@code rowErrors}. */
    private RowParser.Row validate(Caller caller, CSVRecord record, List<FieldError> rowErrors) {
        if (record.size() != CsvColumns.HEADER.size()) {
            rowErrors.add(new FieldError("row", "has " + record.size() + " columns; expected "
                    + CsvColumns.HEADER.size()));
            return null;
        }
        RowParser.Row row = RowParser.parse(record, rowErrors);
        rowErrors.addAll(patientValidation.violations(row.patient()));
        if (row.patient().site() != null && !caller.maySee(row.patient().site())) {
            rowErrors.add(new FieldError("site", "is not one of your sites"));
        }
        int birthYear = row.patient().birthYear() == null ? 0 : row.patient().birthYear();
        for (FieldError error : procedureValidation.violations(row.procedure(), birthYear)) {
            rowErrors.add(new FieldError(error.field().equals("type") ? "procedureType" : error.field(),
                    error.message()));
        }
        if (row.timepoint() != null && row.procedure().performedOn() != null) {
            rowErrors.addAll(assessmentValidation.violations(row.assessment(), row.timepoint(),
                    row.procedure().performedOn()));
        }
        return row;
    }

    private static boolean checkHeader(CSVRecord header, Errors errors) {
        List<String> names = new ArrayList<>();
        header.forEach(name -> names.add(name.trim()));
        if (names.equals(CsvColumns.HEADER)) {
            return true;
        }
        if (names.size() == 1 && names.get(0).isEmpty()) {
            errors.add(1, "file", "starts with an empty line; expected the header " + String.join(",", CsvColumns.HEADER));
            return false;
        }
        if (names.size() == 1 && (names.get(0).contains(";") || names.get(0).contains("\t"))) {
            errors.add(1, "header", "columns must be separated by commas, not "
                    + (names.get(0).contains(";") ? "semicolons" : "tabs"));
        } else {
            errors.add(1, "header", "must be exactly: " + String.join(",", CsvColumns.HEADER));
        }
        return false;
    }

    private static Reader reader(InputStream body) throws IOException {
        PushbackInputStream input = new PushbackInputStream(body, 3);
        byte[] start = input.readNBytes(3);
        boolean byteOrderMark = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB
                && (start[2] & 0xFF) == 0xBF;
        if (!byteOrderMark && start.length > 0) {
            input.unread(start);
        }
        return new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static void analyze(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze " + table);
        }
    }

    /** ANALYZE of a registry table needs its owner: a function owned by it does it (V5 migration). */
    private static void analyzeRegistry(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select analyze_registry_table(?)")) {
            statement.setString(1, table);
            statement.execute();
        }
    }

    private static void crossRowChecks(Connection connection, Errors errors) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(ImportSql.CROSS_ROW_CHECKS)) {
            while (result.next()) {
                errors.add(result.getLong(1), result.getString(2), result.getString(3));
            }
        }
    }

    private static long update(Connection connection, String sql, Caller caller, Instant now) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, caller.user());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                LOG.debugf("import statement took %d ms: %s", (System.nanoTime() - started) / 1_000_000,
                        sql.substring(0, Math.min(120, sql.length())).replaceAll("\\s+", " "));
                return result.getLong(1);
            }
        }
    }
}
