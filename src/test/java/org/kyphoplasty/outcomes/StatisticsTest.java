package org.kyphoplasty.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.outcomes.Statistics.MeanSummary;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/**
 * Expected values are recomputed here from the textbook formulas (or, for p-values, from the summation rule applied to
 * the probability mass function) so that the test checks the library rather than echoing it.
 */
class StatisticsTest {

    private static final double TOLERANCE = 1e-9;
    /** R's binom.test and fisher.test treat outcomes within this relative margin of the observed one as ties. */
    private static final double RELATIVE_TIE = 1 + 1e-7;
    private static final double[] CONFIDENCES = { 0.95, 0.90, 0.99 };
    private static final int[][] PROPORTIONS = { { 0, 10 }, { 10, 10 }, { 1, 10 }, { 9, 10 }, { 5, 10 }, { 0, 1 },
            { 1, 1 }, { 3, 25 }, { 260, 350 }, { 0, 350 }, { 350, 350 } };

    private static double z(double confidence) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    private static void assertInterval(double lower, double upper, Interval actual, String label) {
        assertEquals(lower, actual.lower(), TOLERANCE, label + " lower");
        assertEquals(upper, actual.upper(), TOLERANCE, label + " upper");
    }

    private static String label(int x, int n, double confidence) {
        return x + "/" + n + " at " + confidence;
    }

    @Test
    void wilsonMatchesTheScoreFormula() {
        for (double confidence : CONFIDENCES) {
            double z = z(confidence);
            double z2 = z * z;
            for (int[] c : PROPORTIONS) {
                int x = c[0];
                int n = c[1];
                double centre = (x + z2 / 2) / (n + z2);
                double halfWidth = z * Math.sqrt((double) x * (n - x) / n + z2 / 4) / (n + z2);
                assertInterval(centre - halfWidth, centre + halfWidth,
                        Statistics.proportionInterval(x, n, confidence, IntervalMethod.WILSON), label(x, n, confidence));
            }
        }
    }

    @Test
    void clopperPearsonMatchesBetaQuantilesWithExactEnds() {
        for (double confidence : CONFIDENCES) {
            double alpha = 1 - confidence;
            for (int[] c : PROPORTIONS) {
                int x = c[0];
                int n = c[1];
                double lower = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(alpha / 2);
                double upper = x == n ? 1
                        : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(1 - alpha / 2);
                assertInterval(lower, upper,
                        Statistics.proportionInterval(x, n, confidence, IntervalMethod.CLOPPER_PEARSON),
                        label(x, n, confidence));
            }
        }
        assertEquals(0.0, Statistics.proportionInterval(0, 10, 0.95, IntervalMethod.CLOPPER_PEARSON).lower());
        assertEquals(1.0, Statistics.proportionInterval(10, 10, 0.95, IntervalMethod.CLOPPER_PEARSON).upper());
        // Closed form at n = 1: the bound solves p = alpha / 2.
        assertInterval(0, 0.975, Statistics.proportionInterval(0, 1, 0.95, IntervalMethod.CLOPPER_PEARSON), "0/1");
    }

    @Test
    void jeffreysMatchesBetaQuantilesWithBrownCaiDasGuptaEnds() {
        for (double confidence : CONFIDENCES) {
            double alpha = 1 - confidence;
            for (int[] c : PROPORTIONS) {
                int x = c[0];
                int n = c[1];
                BetaDistribution posterior = BetaDistribution.of(x + 0.5, n - x + 0.5);
                double lower = x == 0 ? 0 : posterior.inverseCumulativeProbability(alpha / 2);
                double upper = x == n ? 1 : posterior.inverseCumulativeProbability(1 - alpha / 2);
                assertInterval(lower, upper, Statistics.proportionInterval(x, n, confidence, IntervalMethod.JEFFREYS),
                        label(x, n, confidence));
            }
        }
        assertEquals(0.0, Statistics.proportionInterval(0, 10, 0.95, IntervalMethod.JEFFREYS).lower());
        assertEquals(1.0, Statistics.proportionInterval(10, 10, 0.95, IntervalMethod.JEFFREYS).upper());
    }

    @Test
    void agrestiCoullMatchesTheAdjustedWaldFormulaClampedToZeroOne() {
        for (double confidence : CONFIDENCES) {
            double z = z(confidence);
            double z2 = z * z;
            for (int[] c : PROPORTIONS) {
                int x = c[0];
                int n = c[1];
                double adjustedTrials = n + z2;
                double adjustedRate = (x + z2 / 2) / adjustedTrials;
                double halfWidth = z * Math.sqrt(adjustedRate * (1 - adjustedRate) / adjustedTrials);
                assertInterval(Math.max(0, adjustedRate - halfWidth), Math.min(1, adjustedRate + halfWidth),
                        Statistics.proportionInterval(x, n, confidence, IntervalMethod.AGRESTI_COULL),
                        label(x, n, confidence));
            }
        }
        // 1/10 is a case where the unclamped lower bound is negative.
        assertEquals(0.0, Statistics.proportionInterval(1, 10, 0.95, IntervalMethod.AGRESTI_COULL).lower());
    }

    @Test
    void everyMethodStaysWithinZeroOne() {
        for (IntervalMethod method : IntervalMethod.values()) {
            for (int[] c : PROPORTIONS) {
                Interval ci = Statistics.proportionInterval(c[0], c[1], 0.99, method);
                assertTrue(0 <= ci.lower() && ci.lower() <= ci.upper() && ci.upper() <= 1, method + " " + c[0]);
            }
        }
    }

    @Test
    void proportionIntervalRejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.proportionInterval(0, 0, 0.95, IntervalMethod.WILSON));
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.proportionInterval(6, 5, 0.95, IntervalMethod.WILSON));
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.proportionInterval(-1, 5, 0.95, IntervalMethod.WILSON));
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.proportionInterval(1, 5, 1.0, IntervalMethod.WILSON));
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.proportionInterval(1, 5, 0.0, IntervalMethod.WILSON));
        assertThrows(NullPointerException.class, () -> Statistics.proportionInterval(1, 5, 0.95, null));
    }

    /** R's binom.test two-sided rule, summed by hand. */
    private static double binomialPValueByHand(int x, int n, double p0) {
        BinomialDistribution binomial = BinomialDistribution.of(n, p0);
        double observed = binomial.probability(x);
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double probability = binomial.probability(k);
            if (probability <= observed * RELATIVE_TIE) {
                sum += probability;
            }
        }
        return Math.min(1, sum);
    }

    @Test
    void binomialTestFollowsRsTwoSidedRule() {
        double[][] cases = { { 260, 350, 0.75 }, { 7, 10, 0.75 }, { 0, 5, 0.75 }, { 5, 5, 0.75 }, { 3, 20, 0.1 },
                { 50, 100, 0.5 }, { 1, 40, 0.2 }, { 30, 40, 0.2 } };
        for (double[] c : cases) {
            int x = (int) c[0];
            int n = (int) c[1];
            assertEquals(binomialPValueByHand(x, n, c[2]), Statistics.binomialTestPValue(x, n, c[2]), TOLERANCE,
                    x + "/" + n + " vs " + c[2]);
        }
        // binom.test(260, 350, p = 0.75) in R.
        assertEquals(0.7577, Statistics.binomialTestPValue(260, 350, 0.75), 1e-3);
        // Symmetric null: every outcome at least as far from 50 counts, so 50/100 is as unextreme as it gets.
        assertEquals(1.0, Statistics.binomialTestPValue(50, 100, 0.5), TOLERANCE);
    }

    @Test
    void binomialTestAtDegenerateNullsIsOneWhenConsistentAndZeroOtherwise() {
        assertEquals(1.0, Statistics.binomialTestPValue(0, 5, 0.0));
        assertEquals(0.0, Statistics.binomialTestPValue(2, 5, 0.0));
        assertEquals(0.0, Statistics.binomialTestPValue(5, 5, 0.0));
        assertEquals(1.0, Statistics.binomialTestPValue(5, 5, 1.0));
        assertEquals(0.0, Statistics.binomialTestPValue(4, 5, 1.0));
        assertEquals(0.0, Statistics.binomialTestPValue(0, 5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Statistics.binomialTestPValue(1, 5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Statistics.binomialTestPValue(1, 5, Double.NaN));
    }

    private static double logFactorial(int k) {
        double sum = 0;
        for (int i = 2; i <= k; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    private static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** Two-sided Fisher p-value summed by hand over the tables with the same margins. */
    private static double fisherPValueByHand(int s1, int n1, int s2, int n2) {
        int total = n1 + n2;
        int successes = s1 + s2;
        double logDenominator = logChoose(total, n1);
        double observed = Math.exp(logChoose(successes, s1) + logChoose(total - successes, n1 - s1) - logDenominator);
        double sum = 0;
        for (int a = Math.max(0, successes - n2); a <= Math.min(n1, successes); a++) {
            double probability = Math
                    .exp(logChoose(successes, a) + logChoose(total - successes, n1 - a) - logDenominator);
            if (probability <= observed * RELATIVE_TIE) {
                sum += probability;
            }
        }
        return Math.min(1, sum);
    }

    @Test
    void fisherExactTestMatchesTheHypergeometricSum() {
        int[][] tables = { { 56, 70, 48, 80 }, { 1, 10, 7, 12 }, { 0, 5, 5, 5 }, { 3, 3, 0, 4 }, { 12, 40, 12, 40 },
                { 2, 30, 9, 31 } };
        for (int[] t : tables) {
            assertEquals(fisherPValueByHand(t[0], t[1], t[2], t[3]),
                    Statistics.fisherExactPValue(t[0], t[1], t[2], t[3]), TOLERANCE,
                    t[0] + "/" + t[1] + " vs " + t[2] + "/" + t[3]);
        }
        // Fisher's tea-tasting table, fisher.test(matrix(c(3, 1, 1, 3), 2)) in R: p = 0.4857.
        assertEquals(0.4857, Statistics.fisherExactPValue(3, 4, 1, 4), 1e-4);
        assertEquals(1.0, Statistics.fisherExactPValue(0, 0, 3, 5), TOLERANCE, "an empty group carries no evidence");
        assertThrows(IllegalArgumentException.class, () -> Statistics.fisherExactPValue(5, 4, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> Statistics.fisherExactPValue(0, 0, 0, 0));
    }

    @Test
    void newcombeIsBuiltFromTheTwoWilsonIntervals() {
        int[][] cases = { { 56, 70, 48, 80 }, { 9, 10, 3, 10 }, { 5, 56, 0, 29 }, { 0, 10, 0, 20 }, { 10, 10, 0, 7 } };
        for (double confidence : CONFIDENCES) {
            double z = z(confidence);
            double z2 = z * z;
            for (int[] c : cases) {
                double[] first = wilsonByHand(c[0], c[1], z2, z);
                double[] second = wilsonByHand(c[2], c[3], z2, z);
                double p1 = (double) c[0] / c[1];
                double p2 = (double) c[2] / c[3];
                double d = p1 - p2;
                double lower = d - Math.sqrt(square(p1 - first[0]) + square(second[1] - p2));
                double upper = d + Math.sqrt(square(first[1] - p1) + square(p2 - second[0]));
                assertInterval(lower, upper, Statistics.newcombeDifference(c[0], c[1], c[2], c[3], confidence),
                        c[0] + "/" + c[1] + " - " + c[2] + "/" + c[3] + " at " + confidence);
            }
        }
    }

    @Test
    void newcombeReproducesThePublishedExamples() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10.
        Interval a = Statistics.newcombeDifference(56, 70, 48, 80, 0.95);
        assertEquals(0.0524, a.lower(), 1e-4);
        assertEquals(0.3339, a.upper(), 1e-4);
        Interval b = Statistics.newcombeDifference(9, 10, 3, 10, 0.95);
        assertEquals(0.1705, b.lower(), 1e-4);
        assertEquals(0.8090, b.upper(), 1e-4);
        Interval d = Statistics.newcombeDifference(5, 56, 0, 29, 0.95);
        assertEquals(-0.0381, d.lower(), 1e-4);
        assertEquals(0.1926, d.upper(), 1e-4);
        // With both groups at 0%, each limit is one Wilson upper bound: 0/10 -> 0.2775, 0/20 -> 0.1611.
        Interval none = Statistics.newcombeDifference(0, 10, 0, 20, 0.95);
        assertEquals(-0.1611, none.lower(), 1e-4);
        assertEquals(0.2775, none.upper(), 1e-4);
    }

    private static double[] wilsonByHand(int x, int n, double z2, double z) {
        double centre = (x + z2 / 2) / (n + z2);
        double halfWidth = z * Math.sqrt((double) x * (n - x) / n + z2 / 4) / (n + z2);
        return new double[] { centre - halfWidth, centre + halfWidth };
    }

    private static double square(double value) {
        return value * value;
    }

    @Test
    void verdictComparesTheWholeIntervalWithTheClaim() {
        Interval ci = new Interval(0.60, 0.80);
        assertEquals(Verdict.BELOW, Statistics.verdict(ci, 0.85));
        assertEquals(Verdict.ABOVE, Statistics.verdict(ci, 0.50));
        assertEquals(Verdict.CONSISTENT, Statistics.verdict(ci, 0.70));
        assertEquals(Verdict.CONSISTENT, Statistics.verdict(ci, 0.80), "a claim on the upper bound is not excluded");
        assertEquals(Verdict.CONSISTENT, Statistics.verdict(ci, 0.60), "a claim on the lower bound is not excluded");
        assertEquals(Verdict.BELOW, Statistics.verdict(ci, 0.85, 40));
        assertEquals(Verdict.INSUFFICIENT_DATA, Statistics.verdict(ci, 0.85, 0));
        assertEquals(Verdict.INSUFFICIENT_DATA, Statistics.verdict(null, 0.85, 12));
        assertThrows(NullPointerException.class, () -> Statistics.verdict(null, 0.85));
    }

    @Test
    void meanIntervalFromAggregatesMatchesTheTextbookTInterval() {
        double[] values = { -6, -4, -7, -5, -3 };
        for (double confidence : CONFIDENCES) {
            double sum = 0;
            double sumOfSquares = 0;
            for (double v : values) {
                sum += v;
                sumOfSquares += v * v;
            }
            int n = values.length;
            double mean = sum / n;
            double squaredDeviations = 0;
            for (double v : values) {
                squaredDeviations += square(v - mean);
            }
            double standardDeviation = Math.sqrt(squaredDeviations / (n - 1));
            double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
            double halfWidth = t * standardDeviation / Math.sqrt(n);

            MeanSummary summary = Statistics.meanWithTInterval(n, sum, sumOfSquares, confidence);
            assertEquals(n, summary.n());
            assertEquals(-5.0, summary.mean(), TOLERANCE);
            assertEquals(mean - halfWidth, summary.lower(), TOLERANCE, "lower at " + confidence);
            assertEquals(mean + halfWidth, summary.upper(), TOLERANCE, "upper at " + confidence);
        }
        // Textbook value for these data: sd = sqrt(2.5), t(0.975, 4) = 2.776445.
        MeanSummary summary = Statistics.meanWithTInterval(5, -25, 135, 0.95);
        assertEquals(-5 - 2.776445 * Math.sqrt(2.5 / 5), summary.lower(), 1e-6);
    }

    @Test
    void meanIntervalNeedsTwoValuesAndSurvivesRoundingOnConstantData() {
        MeanSummary empty = Statistics.meanWithTInterval(0, 0, 0, 0.95);
        assertEquals(0, empty.n());
        assertNull(empty.mean());
        assertNull(empty.lower());
        assertNull(empty.upper());

        MeanSummary single = Statistics.meanWithTInterval(1, 4, 16, 0.95);
        assertEquals(4.0, single.mean());
        assertNull(single.lower());
        assertNull(single.upper());

        // 0.1 is not representable: here sumOfSquares - sum^2 / n comes out at about -3.5e-18, whose root is NaN.
        double sum = 0.1 + 0.1 + 0.1;
        double sumOfSquares = 0.1 * 0.1 + 0.1 * 0.1 + 0.1 * 0.1;
        MeanSummary constant = Statistics.meanWithTInterval(3, sum, sumOfSquares, 0.95);
        assertNotNull(constant.lower());
        assertTrue(!constant.lower().isNaN() && !constant.upper().isNaN());
        assertEquals(constant.mean(), constant.lower(), 1e-12);
        assertEquals(constant.mean(), constant.upper(), 1e-12);

        assertThrows(IllegalArgumentException.class, () -> Statistics.meanWithTInterval(-1, 0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Statistics.meanWithTInterval(5, -25, 135, 1.5));
    }
}
