package org.kyphoplasty.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.kyphoplasty.clinical.AgeBand;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ServiceConfig;
import org.kyphoplasty.outcomes.Cohort;
import org.kyphoplasty.outcomes.Sql;

/**
 * The de-identified export: one row per assessment, no dates (only the day offset from the
 * procedure), no external reference, no birth year (only the age band), patients as study ids.
 * Rows stream from a server-side cursor into a temporary file, which is then sent: memory stays
 * flat, and the database connection is held only for the query (bounded by a statement timeout),
 * never while a slow client reads. {@link ExportResource} bounds how many exports run at once.
 */
@ApplicationScoped
public class ExportService {

    static final String[] HEADER = { "studyId", "site", "ageBand", "sex", "procedureType", "indication",
            "levelCount", "timepoint", "dayOffset", "withinWindow", "painNrs", "mobilityFac", "odi", "rmdq",
            "eq5dIndex" };

    static final String BUSY = "https://kyphoplasty.org/problems/busy";

    private final DataSource dataSource;
    private final StudyIds studyIds;
    private final int statementTimeoutSeconds;

    public ExportService(DataSource dataSource, StudyIds studyIds, ServiceConfig config) {
        this.dataSource = dataSource;
        this.studyIds = studyIds;
        this.statementTimeoutSeconds = config.exportConfig().statementTimeoutSeconds();
    }

    /** An export written to a temporary file, and the number of patients its rows cover (for the read audit). */
    public record Spooled(Path file, long patients) {
    }

    /** Writes the export to a new temporary file (the caller deletes it). */
    public Spooled spool(ExportWriter writer) throws IOException {
        Path file = Files.createTempFile("kyphoplasty-export-", ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            return new Spooled(file, writer.writeTo(out));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Checks what can fail before the first byte is sent, then returns the writer of the body. */
    public ExportWriter prepare(Cohort cohort, boolean includeOutOfWindow) {
        StudyIds.Generator generator = studyIds.generator();
        Sql sql = new Sql().append("""
                select p.patient_id, p.site, %s, pt.sex, p.type, p.indication, cardinality(p.levels),
                       a.timepoint, a.day_offset, a.within_window, a.pain_nrs, a.mobility_fac, a.odi, a.rmdq,
                       a.eq5d_index
                from procedure p
                join patient pt on pt.id = p.patient_id
                join assessment a on a.procedure_id = p.id
                where\s""".formatted(AgeBand.sqlLabel("p.age_at_procedure")));
        cohort.where(sql);
        sql.append(" and a.assessed_on <= ? and (a.within_window or ?)", cohort.asOf(), includeOutOfWindow);
        sql.append(" order by p.site, p.patient_id, p.performed_on, p.id, a.day_offset");
        return output -> write(sql.text(), sql.arguments(), generator, output);
    }

    @FunctionalInterface
    public interface ExportWriter {
        /** Writes the CSV; returns the number of patients its rows cover. */
        long writeTo(OutputStream output) throws IOException;
    }

    /** Streams the rows as CSV; they come ordered by patient, so the patients are counted as they change. */
    private long write(String sql, List<Object> values, StudyIds.Generator generator, OutputStream output)
            throws IOException {
        long patients = 0;
        UUID previous = null;
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (java.sql.Statement timeout = connection.createStatement()) {
                timeout.execute("set local statement_timeout = '" + statementTimeoutSeconds + "s'");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, values);
                statement.setFetchSize(2000);
                try (ResultSet rows = statement.executeQuery();
                        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                                .setRecordSeparator("\n").setHeader(HEADER).get())) {
                    while (rows.next()) {
                        UUID patient = rows.getObject(1, UUID.class);
                        if (!patient.equals(previous)) {
                            patients++;
                            previous = patient;
                        }
                        printer.printRecord(generator.of(patient), rows.getString(2),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                                rows.getInt(7), rows.getString(8), rows.getInt(9), rows.getBoolean(10),
                                rows.getObject(11), rows.getObject(12), rows.getObject(13), rows.getObject(14),
                                rows.getBigDecimal(15) == null ? null : rows.getBigDecimal(15).toPlainString());
                    }
                    printer.flush();
                }
            } finally {
                connection.rollback();
            }
            return patients;
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw new ProblemException(BUSY, 503, "Busy", "the export took longer than "
                        + statementTimeoutSeconds + " s; narrow the filters or try again later", null, null);
            }
            throw new IOException("export failed in the database", e);
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, List<Object> values)
            throws SQLException {
        int index = 1;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
    }
}
