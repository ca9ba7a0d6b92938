package org.kyphoplasty.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kyphoplasty.audit.AuditAction;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The SQL CHECK constraints repeat the rules of the {@code clinical} package as a last line of defence; this test
 * fails when a copy in SQL disagrees with its enum or constant, read from the live schema of the test database.
 */
@QuarkusTest
class SchemaRulesTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z0-9_]+)'::character varying");

    @Inject
    DataSource dataSource;

    private String check(String constraint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select pg_get_constraintdef(c.oid) from pg_constraint c "
                                + "where c.conname = ? and c.connamespace = current_schema()::regnamespace")) {
            statement.setString(1, constraint);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "constraint " + constraint + " exists");
                return rows.getString(1);
            }
        }
    }

    private static Set<String> quoted(String definition) {
        Set<String> values = new TreeSet<>();
        Matcher matcher = QUOTED.matcher(definition);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void enumChecksListExactlyTheEnumValues() throws SQLException {
        assertEquals(names(ProcedureType.values()), quoted(check("procedure_type_check")));
        assertEquals(names(Indication.values()), quoted(check("procedure_indication_check")));
        assertEquals(names(Sex.values()), quoted(check("patient_sex_check")));
        assertEquals(names(TimePoint.values()), quoted(check("assessment_timepoint_check")));
        assertEquals(names(AuditAction.values()), quoted(check("audit_entry_action_check")));
    }

    @Test
    void scoreChecksHoldTheScaleRanges() throws SQLException {
        for (Scale scale : Scale.values()) {
            String definition = check("assessment_" + scale.column() + "_check");
            List<BigDecimal> bounds = new ArrayList<>();
            Matcher matcher = Pattern.compile("[<>]= \\(*'?(-?[0-9.]+)").matcher(definition);
            while (matcher.find()) {
                bounds.add(new BigDecimal(matcher.group(1)));
            }
            assertEquals(2, bounds.size(), definition);
            assertEquals(0, new BigDecimal(scale.minimum().toString()).compareTo(bounds.get(0)), definition);
            assertEquals(0, new BigDecimal(scale.maximum().toString()).compareTo(bounds.get(1)), definition);
        }
    }

    @Test
    void levelsFunctionAcceptsExactlyTheEnumLevelsUpToTheMaximum() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select is_valid_levels(?)")) {
            for (VertebralLevel level : VertebralLevel.values()) {
                assertTrue(valid(connection, statement, level.name()), level.name());
            }
            for (String wrong : List.of("T13", "L6", "C0", "S6", "t12", "")) {
                assertEquals(false, valid(connection, statement, wrong), wrong);
            }
            String[] most = Arrays.stream(VertebralLevel.values()).limit(VertebralLevel.MAX_PER_PROCEDURE)
                    .map(Enum::name).toArray(String[]::new);
            assertTrue(valid(connection, statement, most));
            String[] tooMany = Arrays.stream(VertebralLevel.values()).limit(VertebralLevel.MAX_PER_PROCEDURE + 1L)
                    .map(Enum::name).toArray(String[]::new);
            assertEquals(false, valid(connection, statement, tooMany));
        }
    }

    private static boolean valid(Connection connection, PreparedStatement statement, String... levels)
            throws SQLException {
        statement.setArray(1, connection.createArrayOf("text", levels));
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    @Test
    void dateAndSiteChecksFollowTheirJavaRules() throws SQLException {
        assertTrue(check("patient_site_check").contains("'^" + SiteCode.PATTERN + "$'"), check("patient_site_check"));
        assertTrue(check("patient_birth_year_check").contains(">= " + AssessmentDates.EARLIEST.getYear()));
        assertTrue(check("assessment_before_treatment").contains(
                "day_offset >= '-" + TimePoint.BASELINE_MAX_DAYS_BEFORE + "'::integer"),
                check("assessment_before_treatment"));
    }
}
