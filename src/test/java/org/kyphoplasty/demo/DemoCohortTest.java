package org.kyphoplasty.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyphoplasty.clinical.AssessmentDates;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.clinical.VertebralLevel;

class DemoCohortTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final String HEADER = "site,externalRef,birthYear,sex,procedureType,performedOn,indication,levels,"
            + "timepoint,assessedOn,painNrs,mobilityFac,odi,rmdq,eq5dIndex";

    private static String cohort(int patients, long seed, LocalDate today) {
        StringWriter out = new StringWriter();
        DemoCohort.write(patients, seed, today, out);
        return out.toString();
    }

    @Test
    void fileStartsWithTheExactImportHeaderAndNoComment() {
        String csv = cohort(10, 42, TODAY);
        assertEquals(HEADER, DemoCohort.HEADER);
        assertTrue(csv.startsWith(HEADER + "\n"), "first line is the header");
        assertTrue(csv.endsWith("\n"));
        assertFalse(csv.contains("\r"), "\\n line ends only");
        assertFalse(csv.contains("#"), "no comment line");
        assertFalse(csv.contains("\""), "no quoting");
    }

    @Test
    void zeroPatientsGiveTheHeaderOnly() {
        assertEquals(HEADER + "\n", cohort(0, 42, TODAY));
    }

    @Test
    void sameSeedAndDayGiveIdenticalBytes() {
        String first = cohort(500, 42, TODAY);
        String second = cohort(500, 42, TODAY);
        assertEquals(first, second);
        assertTrue(first.getBytes(StandardCharsets.UTF_8).length > 10_000);
    }

    @Test
    void differentSeedGivesDifferentData() {
        assertNotEquals(cohort(500, 42, TODAY), cohort(500, 43, TODAY));
    }

    @Test
    void aSmallerCohortIsThePrefixOfALargerOne() {
        assertTrue(cohort(400, 7, TODAY).startsWith(cohort(150, 7, TODAY)));
    }

    @Test
    void mainWritesTheSameBytesAsWrite(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.csv");
        DemoCohort.main(new String[] { "--patients", "300", "--seed", "9", "--today", TODAY.toString(),
                "--out", file.toString() });
        assertEquals(cohort(300, 9, TODAY), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyRowFollowsTheImportRules() {
        for (long seed : new long[] { 1, 42 }) {
            RowChecker checker = new RowChecker(TODAY);
            checker.check(cohort(2_000, seed, TODAY));
            assertTrue(checker.rows > 8_000, "about 6 rows a patient: " + checker.rows);
            assertEquals(2_000, checker.patients.size());
        }
    }

    @Test
    void noDateIsAfterTodayWhateverTheDay() {
        for (LocalDate today : List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2027, 1, 1))) {
            new RowChecker(today).check(cohort(1_000, 5, today));
        }
    }

    @Test
    void proportionsAreRoughlyRealistic() {
        RowChecker c = new RowChecker(TODAY);
        c.check(cohort(2_000, 42, TODAY));
        double procedures = c.procedures;

        // Who and what
        double female = c.sexes.get(Sex.FEMALE) / (double) c.patients.size();
        assertTrue(female > 0.70 && female < 0.80, "female share " + female);
        assertTrue(c.sexes.get(Sex.UNKNOWN) < 40, "UNKNOWN is rare");
        share(c.types.get(ProcedureType.KYPHOPLASTY) / procedures, 0.50, 0.60, "kyphoplasty");
        share(c.types.get(ProcedureType.VERTEBROPLASTY) / procedures, 0.20, 0.30, "vertebroplasty");
        share(c.types.get(ProcedureType.NON_SURGICAL) / procedures, 0.15, 0.25, "non-surgical");
        share(c.indications.get(Indication.OSTEOPOROSIS) / procedures, 0.70, 0.90, "osteoporosis");
        share(c.thoracolumbar / (double) c.levelCount, 0.60, 0.90, "levels T10..L2");
        assertTrue(c.procedures > c.patients.size(), "some patients have a second procedure");
        assertEquals(5, c.sites.size(), "sites " + c.sites);

        // Visits
        Map<TimePoint, Integer> rows = c.rowsPerTimePoint;
        assertTrue(rows.get(TimePoint.BASELINE) == c.procedures, "one BASELINE per procedure");
        assertTrue(rows.get(TimePoint.WEEK_1) > rows.get(TimePoint.MONTH_3));
        assertTrue(rows.get(TimePoint.MONTH_3) > rows.get(TimePoint.MONTH_12));
        assertTrue(rows.get(TimePoint.MONTH_12) > rows.get(TimePoint.MONTH_24));
        share(c.outOfWindow / (double) c.followUps, 0.02, 0.09, "out of window");

        // Scores: EVOLVE for surgery, VERTOS II conservative arm for non-surgical care
        double baselinePain = c.surgicalBaselinePain.mean();
        assertTrue(baselinePain > 7.5 && baselinePain < 9.5, "surgical baseline NRS " + baselinePain);
        double month12 = c.surgicalPainChange.get(TimePoint.MONTH_12).mean();
        assertTrue(month12 > 4.5 && month12 < 7.5, "surgical NRS improvement at MONTH_12 " + month12);
        double month1 = c.surgicalPainChange.get(TimePoint.MONTH_1).mean();
        assertTrue(month1 > 0.75 * month12, "most of the improvement by MONTH_1: " + month1 + " vs " + month12);
        double surgicalMonth3 = c.surgicalPainChange.get(TimePoint.MONTH_3).mean();
        double conservativeMonth3 = c.conservativePainChange.get(TimePoint.MONTH_3).mean();
        assertTrue(conservativeMonth3 > 1 && conservativeMonth3 < surgicalMonth3 - 1,
                "non-surgical improves, less: " + conservativeMonth3 + " vs " + surgicalMonth3);
        double odi12 = c.surgicalOdiChange.mean();
        assertTrue(odi12 > 25 && odi12 < 45, "surgical ODI improvement at MONTH_12 " + odi12);

        // FAC: back at pre-fracture at MONTH_3 among those who lost some
        double surgicalBack = c.surgicalFacBack.mean();
        double conservativeBack = c.conservativeFacBack.mean();
        assertTrue(surgicalBack > 0.60 && surgicalBack < 0.82, "surgical back at pre-fracture " + surgicalBack);
        assertTrue(conservativeBack > 0.35 && conservativeBack < surgicalBack,
                "non-surgical back at pre-fracture " + conservativeBack);
        double noLoss = c.noFacLoss / (double) c.completeFac;
        share(noLoss, 0.08, 0.25, "no FAC loss");
    }

    private static void share(double value, double low, double high, String what) {
        assertTrue(value >= low && value <= high, what + " share " + value + " not in " + low + ".." + high);
    }

    /** A running mean. */
    static final class Mean {
        long n;
        double sum;

        void add(double value) {
            n++;
            sum += value;
        }

        double mean() {
            return sum / n;
        }
    }

    /**
     * Checks every line of a demo cohort against the import rules (one line at a time, so that a
     * large file can be checked too) and counts what the proportions test needs.
     */
    static final class RowChecker {
        private static final Pattern SITE = Pattern.compile("[A-Z0-9_-]{2,16}");
        private static final Pattern REF = Pattern.compile("SYN-[A-Z0-9_-]{2,16}-\\d{6,}");
        private static final Pattern INT = Pattern.compile("0|[1-9]\\d*");
        private static final Pattern EQ5D = Pattern.compile("-?[01]\\.\\d{1,3}");
        private static final Set<String> THORACOLUMBAR = Set.of("T10", "T11", "T12", "L1", "L2");

        final LocalDate today;
        long rows;
        int procedures;
        long followUps;
        long outOfWindow;
        long levelCount;
        long thoracolumbar;
        long noFacLoss;
        long completeFac;
        final Set<String> patients = new HashSet<>();
        final Set<String> sites = new HashSet<>();
        final Map<Sex, Integer> sexes = counter(Sex.class);
        final Map<ProcedureType, Integer> types = counter(ProcedureType.class);
        final Map<Indication, Integer> indications = counter(Indication.class);
        final Map<TimePoint, Integer> rowsPerTimePoint = counter(TimePoint.class);
        final Mean surgicalBaselinePain = new Mean();
        final Map<TimePoint, Mean> surgicalPainChange = new EnumMap<>(TimePoint.class);
        final Map<TimePoint, Mean> conservativePainChange = new EnumMap<>(TimePoint.class);
        final Mean surgicalOdiChange = new Mean();
        final Mean surgicalFacBack = new Mean();
        final Mean conservativeFacBack = new Mean();

        private long lineNumber;
        private String patientKey;
        private String patientAttributes;
        private String procedureKey;
        private final Set<String> procedureKeys = new HashSet<>();
        private ProcedureType type;
        private int lastTimePoint;
        private LocalDate lastFollowUp;
        private Integer basePain;
        private Integer baseOdi;
        private Integer preFac;
        private Integer baseFac;
        private Integer month3Fac;

        RowChecker(LocalDate today) {
            this.today = today;
            for (TimePoint point : TimePoint.values()) {
                surgicalPainChange.put(point, new Mean());
                conservativePainChange.put(point, new Mean());
            }
        }

        private static <E extends Enum<E>> Map<E, Integer> counter(Class<E> type) {
            Map<E, Integer> map = new EnumMap<>(type);
            for (E value : type.getEnumConstants()) {
                map.put(value, 0);
            }
            return map;
        }

        void check(String csv) {
            assertTrue(csv.endsWith("\n"), "ends with a line end");
            for (String line : csv.split("\n")) {
                accept(line);
            }
            finish();
        }

        void accept(String line) {
            lineNumber++;
            try {
                if (lineNumber == 1) {
                    assertEquals(HEADER, line, "header");
                    return;
                }
                row(line);
            } catch (AssertionError | RuntimeException e) {
                fail("line " + lineNumber + " [" + line + "]: " + e.getMessage(), e);
            }
        }

        private void row(String line) {
            rows++;
            String[] cells = line.split(",", -1);
            assertEquals(15, cells.length, "cells");
            String site = cells[0];
            assertTrue(SITE.matcher(site).matches(), "site");
            String ref = cells[1];
            assertTrue(REF.matcher(ref).matches() && ref.startsWith("SYN-" + site + "-"), "synthetic externalRef");
            int birthYear = Integer.parseInt(cells[2]);
            assertTrue(birthYear >= 1900 && birthYear <= today.getYear(), "birthYear");
            Sex sex = Sex.valueOf(cells[3]);
            ProcedureType procedureType = ProcedureType.valueOf(cells[4]);
            LocalDate performed = LocalDate.parse(cells[5]);
            assertFalse(performed.isAfter(today), "performedOn in the future");
            assertTrue(ChronoUnit.DAYS.between(performed, today) <= 3 * 366, "performedOn within 3 years");
            int age = performed.getYear() - birthYear;
            assertTrue(age >= 55 && age <= 97, "age at procedure " + age);
            Indication indication = Indication.valueOf(cells[6]);
            String[] levels = cells[7].split(";", -1);
            assertTrue(levels.length >= 1 && levels.length <= 3, "1 to 3 levels");
            Set<VertebralLevel> distinct = new HashSet<>();
            for (String level : levels) {
                assertTrue(distinct.add(VertebralLevel.valueOf(level)), "levels repeat");
            }
            TimePoint point = TimePoint.valueOf(cells[8]);
            LocalDate assessed = LocalDate.parse(cells[9]);
            AssessmentDates.violation(point, performed, assessed, today).ifPresent(message -> fail(message));
            Integer pain = score(cells[10], 10);
            Integer fac = score(cells[11], 5);
            Integer odi = score(cells[12], 100);
            Integer rmdq = score(cells[13], 24);
            String eq5d = cells[14];
            if (!eq5d.isEmpty()) {
                assertTrue(EQ5D.matcher(eq5d).matches(), "eq5dIndex format");
                BigDecimal value = new BigDecimal(eq5d);
                assertTrue(value.abs().compareTo(BigDecimal.ONE) <= 0, "eq5dIndex range");
            }
            assertTrue(pain != null || fac != null || odi != null || rmdq != null || !eq5d.isEmpty(),
                    "at least one score");

            // One patient after the other, with the same attributes on each row.
            String key = site + "," + ref;
            if (!key.equals(patientKey)) {
                assertTrue(patients.add(key), "patient " + key + " appears again after another one");
                patientKey = key;
                patientAttributes = cells[2] + "," + cells[3];
                sites.add(site);
                sexes.merge(sex, 1, Integer::sum);
            }
            assertEquals(patientAttributes, cells[2] + "," + cells[3], "patient attributes");

            // One procedure after the other, rows in time-point order.
            String procedure = key + "," + cells[4] + "," + cells[5];
            if (!procedure.equals(procedureKey)) {
                finish();
                assertTrue(procedureKeys.add(procedure), "(patient, type, performedOn) repeats");
                procedureKey = procedure;
                procedures++;
                type = procedureType;
                lastTimePoint = -1;
                lastFollowUp = null;
                types.merge(procedureType, 1, Integer::sum);
                indications.merge(indication, 1, Integer::sum);
                for (String level : levels) {
                    levelCount++;
                    if (THORACOLUMBAR.contains(level)) {
                        thoracolumbar++;
                    }
                }
            }
            assertTrue(point.ordinal() > lastTimePoint, "time points in order, once each");
            lastTimePoint = point.ordinal();
            rowsPerTimePoint.merge(point, 1, Integer::sum);

            switch (point) {
                case PRE_FRACTURE -> {
                    assertTrue(pain == null && odi == null && rmdq == null, "PRE_FRACTURE has FAC and EQ-5D only");
                    preFac = fac;
                }
                case BASELINE -> {
                    basePain = pain;
                    baseOdi = odi;
                    baseFac = fac;
                    if (pain != null && type.isSurgical()) {
                        surgicalBaselinePain.add(pain);
                    }
                }
                default -> {
                    if (lastFollowUp != null) {
                        assertTrue(assessed.isAfter(lastFollowUp), "follow-up dates increase");
                    }
                    lastFollowUp = assessed;
                    followUps++;
                    boolean inWindow = point.isWithinWindow(TimePoint.dayOffset(performed, assessed));
                    if (!inWindow) {
                        outOfWindow++;
                    }
                    if (basePain != null && pain != null) {
                        (type.isSurgical() ? surgicalPainChange : conservativePainChange).get(point)
                                .add(basePain - pain);
                    }
                    if (point == TimePoint.MONTH_12 && type.isSurgical() && baseOdi != null && odi != null) {
                        surgicalOdiChange.add(baseOdi - odi);
                    }
                    if (point == TimePoint.MONTH_3 && inWindow) {
                        month3Fac = fac;
                    }
                }
            }
        }

        /** Closes the current procedure: counts its FAC recovery at MONTH_3. */
        void finish() {
            if (procedureKey != null && preFac != null && baseFac != null) {
                completeFac++;
                if (baseFac >= preFac) {
                    noFacLoss++;
                } else if (month3Fac != null) {
                    (type.isSurgical() ? surgicalFacBack : conservativeFacBack).add(month3Fac >= preFac ? 1 : 0);
                }
            }
            basePain = null;
            baseOdi = null;
            preFac = null;
            baseFac = null;
            month3Fac = null;
        }

        private static Integer score(String cell, int max) {
            if (cell.isEmpty()) {
                return null;
            }
            assertTrue(INT.matcher(cell).matches(), "integer score " + cell);
            int value = Integer.parseInt(cell);
            assertTrue(value >= 0 && value <= max, "score " + value + " not in 0.." + max);
            return value;
        }
    }
}
