package org.kyphoplasty.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/**
 * Every interval, p-value, tipping point and plan compared with base R (binom.test, fisher.test, prop.test, qbeta), as
 * written by src/test/r/golden.R into the committed fixtures under src/test/resources/golden. The grids include R's
 * ties (9/11 at 0.75, 60/100 at 0.5, Fisher 3/12 vs 13/20), x = 0, x = n, n = 1 and 2, and levels 0.5 to 0.999.
 */
class GoldenStatisticsTest {

    private static final double TOLERANCE = 1e-9;

    private static List<CSVRecord> fixture(String name) throws IOException {
        try (Reader reader = new InputStreamReader(
                Objects.requireNonNull(GoldenStatisticsTest.class.getResourceAsStream("/golden/" + name), name),
                StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
            assertTrue(records.size() > 0, name + " is empty");
            return records;
        }
    }

    private static int integer(CSVRecord record, String column) {
        return Integer.parseInt(record.get(column));
    }

    private static double number(CSVRecord record, String column) {
        return Double.parseDouble(record.get(column));
    }

    @Test
    void binomialTestPValuesAreRs() throws IOException {
        for (CSVRecord row : fixture("binom_test.csv")) {
            assertEquals(number(row, "p_value"), Statistics.binomialTestPValue(integer(row, "x"), integer(row, "n"),
                    number(row, "p0")), TOLERANCE, row.toString());
        }
    }

    @Test
    void theTiesTheReviewFoundAreRs() {
        assertEquals(1.0, Statistics.binomialTestPValue(9, 11, 0.75), TOLERANCE);
        assertEquals(0.05688793364098087, Statistics.binomialTestPValue(60, 100, 0.5), TOLERANCE);
        assertEquals(0.065892860021602, Statistics.fisherExactPValue(3, 12, 13, 20), TOLERANCE);
    }

    @Test
    void fisherPValuesAreRs() throws IOException {
        for (CSVRecord row : fixture("fisher_test.csv")) {
            assertEquals(number(row, "p_value"), Statistics.fisherExactPValue(integer(row, "x1"), integer(row, "n1"),
                    integer(row, "x2"), integer(row, "n2")), TOLERANCE, row.toString());
        }
    }

    @Test
    void intervalsAreRsWithExactEnds() throws IOException {
        for (CSVRecord row : fixture("intervals.csv")) {
            int x = integer(row, "x");
            int n = integer(row, "n");
            Interval interval = Statistics.proportionInterval(x, n, number(row, "level"),
                    IntervalMethod.valueOf(row.get("method")));
            assertEquals(number(row, "lower"), interval.lower(), TOLERANCE, row.toString());
            assertEquals(number(row, "upper"), interval.upper(), TOLERANCE, row.toString());
            if (x == 0) {
                assertEquals(0.0, interval.lower(), row.toString());
            }
            if (x == n) {
                assertEquals(1.0, interval.upper(), row.toString());
            }
        }
    }

    @Test
    void aClaimOfOneWithEveryoneRegainedIsNotBelow() {
        Interval wilson = Statistics.proportionInterval(350, 350, 0.95, IntervalMethod.WILSON);
        assertEquals(Verdict.CONSISTENT, Statistics.verdict(wilson, 1.0));
        assertEquals(Verdict.CONSISTENT,
                Statistics.verdict(Statistics.proportionInterval(0, 350, 0.95, IntervalMethod.WILSON), 0.0));
    }

    @Test
    void newcombeDifferencesAreRs() throws IOException {
        for (CSVRecord row : fixture("newcombe.csv")) {
            Interval interval = Statistics.newcombeDifference(integer(row, "x1"), integer(row, "n1"),
                    integer(row, "x2"), integer(row, "n2"), number(row, "level"));
            assertEquals(number(row, "lower"), interval.lower(), TOLERANCE, row.toString());
            assertEquals(number(row, "upper"), interval.upper(), TOLERANCE, row.toString());
        }
    }

    @Test
    void oneArmTippingPointsAreRs() throws IOException {
        Map<String, List<CSVRecord>> points = new HashMap<>();
        for (CSVRecord row : fixture("tipping_point_points.csv")) {
            points.computeIfAbsent(row.get("case"), key -> new ArrayList<>()).add(row);
        }
        for (CSVRecord caseRow : fixture("tipping_point_cases.csv")) {
            TippingPoint.Arm arm = new TippingPoint.Arm(integer(caseRow, "regained"), integer(caseRow, "followed_up"),
                    integer(caseRow, "lost"));
            TippingPoint.OneArm result = TippingPoint.oneArm(arm, number(caseRow, "claim"), number(caseRow, "level"),
                    IntervalMethod.valueOf(caseRow.get("method")));
            String label = "case " + caseRow.get("case");
            assertEquals(caseRow.get("complete_case_verdict"), result.completeCaseVerdict().name(), label);
            String tipping = caseRow.get("tipping_point");
            assertEquals("NA".equals(tipping) ? null : Integer.valueOf(tipping), result.tippingPoint(), label);
            List<CSVRecord> expected = points.get(caseRow.get("case"));
            assertEquals(expected.size(), result.points().size(), label);
            for (int i = 0; i < expected.size(); i++) {
                CSVRecord row = expected.get(i);
                TippingPoint.Point point = result.points().get(i);
                assertEquals(integer(row, "k"), point.k(), label);
                assertEquals(number(row, "share"), point.share(), TOLERANCE, label);
                assertEquals(number(row, "lower"), point.ci().lower(), TOLERANCE, label + " k=" + point.k());
                assertEquals(number(row, "upper"), point.ci().upper(), TOLERANCE, label + " k=" + point.k());
                assertEquals(number(row, "p_value"), point.pValue(), TOLERANCE, label + " k=" + point.k());
                assertEquals(row.get("verdict"), point.verdict().name(), label + " k=" + point.k());
            }
        }
    }

    @Test
    void aLargeLossIsListedInStepsWithTheExactTippingPoint() {
        TippingPoint.Arm arm = new TippingPoint.Arm(3000, 4000, 1500);
        TippingPoint.OneArm result = TippingPoint.oneArm(arm, 0.75, 0.95, IntervalMethod.WILSON);
        Integer expected = null;
        for (int k = 0; k <= arm.lost() && expected == null; k++) {
            Verdict verdict = Statistics.verdict(Statistics.proportionInterval(arm.regained() + k, arm.completed(),
                    0.95, IntervalMethod.WILSON), 0.75);
            if (verdict != result.completeCaseVerdict()) {
                expected = k;
            }
        }
        assertEquals(expected, result.tippingPoint());
        assertEquals(arm.lost() + 1, result.verdicts().size());
        assertTrue(result.points().size() <= TippingPoint.MAX_POINTS + 3, "listed in steps");
        List<Integer> ks = result.points().stream().map(TippingPoint.Point::k).toList();
        assertTrue(ks.contains(0) && ks.contains(arm.lost()), "both ends");
        if (expected != null) {
            assertTrue(ks.contains(expected) && ks.contains(Math.max(0, expected - 1)), "the tipping point and before");
        }
        // the p-values of a large registry stay R's: spot check against the summation rule
        TippingPoint.Point last = result.points().get(result.points().size() - 1);
        assertEquals(Reference.binomialPValue(arm.regained() + last.k(), arm.completed(), 0.75), last.pValue(), 1e-9);
    }

    @Test
    void twoArmTippingGridsAreRs() throws IOException {
        Map<String, List<CSVRecord>> cells = new HashMap<>();
        for (CSVRecord row : fixture("tipping_grid.csv")) {
            cells.computeIfAbsent(row.get("case"), key -> new ArrayList<>()).add(row);
        }
        for (CSVRecord caseRow : fixture("tipping_grid_cases.csv")) {
            TippingPoint.TwoArm result = TippingPoint.twoArms(
                    new TippingPoint.Arm(integer(caseRow, "regained_t"), integer(caseRow, "followed_t"),
                            integer(caseRow, "lost_t")),
                    new TippingPoint.Arm(integer(caseRow, "regained_c"), integer(caseRow, "followed_c"),
                            integer(caseRow, "lost_c")),
                    number(caseRow, "level"));
            List<CSVRecord> expected = cells.get(caseRow.get("case"));
            assertEquals(expected.size(), result.grid().size());
            for (CSVRecord row : expected) {
                TippingPoint.Cell cell = result.grid().stream()
                        .filter(c -> c.kTreatment() == integer(row, "k_treatment")
                                && c.kControl() == integer(row, "k_control"))
                        .findFirst().orElseThrow(() -> new AssertionError("missing " + row));
                assertEquals(number(row, "estimate"), cell.estimate(), TOLERANCE, row.toString());
                assertEquals(number(row, "lower"), cell.difference().lower(), TOLERANCE, row.toString());
                assertEquals(number(row, "upper"), cell.difference().upper(), TOLERANCE, row.toString());
                assertEquals(number(row, "fisher_p_value"), cell.fisherPValue(), TOLERANCE, row.toString());
            }
            // the boundary: per k of the treatment arm, the first k of the control arm whose answer differs
            for (TippingPoint.BoundaryPoint point : result.boundary()) {
                TippingPoint.Cell cell = result.grid().stream().filter(c -> c.kTreatment() == point.kTreatment()
                        && c.kControl() == point.kControl()).findFirst().orElseThrow();
                assertTrue(cell.excludesZero() != result.completeCaseExcludesZero());
            }
        }
    }

    @Test
    void precisionPlansAreRs() throws IOException {
        for (CSVRecord row : fixture("planner_precision.csv")) {
            assertEquals(integer(row, "n"), Planner.precision(number(row, "expected"), number(row, "half_width"),
                    IntervalMethod.valueOf(row.get("method")), number(row, "level")).orElseThrow(), row.toString());
        }
    }

    @Test
    void powerPlansAndTheWholePowerCurveAreRs() throws IOException {
        for (CSVRecord row : fixture("planner_power.csv")) {
            Optional<Planner.PowerResult> plan = Planner.power(number(row, "p1"), number(row, "p0"),
                    number(row, "power"), number(row, "alpha"));
            assertEquals(integer(row, "n"), plan.orElseThrow().n(), row.toString());
            assertEquals(number(row, "achieved_power"), plan.orElseThrow().achievedPower(), TOLERANCE, row.toString());
        }
        for (CSVRecord row : fixture("planner_power_curve.csv")) {
            assertEquals(number(row, "power"), Planner.exactPower(integer(row, "n"), number(row, "p1"),
                    number(row, "p0"), number(row, "alpha")), TOLERANCE, row.toString());
        }
    }

    @Test
    void recruitmentAllowsForTheExpectedLoss() {
        assertEquals(228, Planner.recruit(171, 0.25));
        assertEquals(100, Planner.recruit(90, 0.1));
        assertEquals(171, Planner.recruit(171, 0));
    }
}
