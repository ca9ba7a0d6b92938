package org.kyphoplasty.outcomes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;

/**
 * Sample sizes for a study of the recovery share (DOMAIN.md "Planner"), found by search with the real interval method
 * and the real exact test rather than by a normal-approximation formula, which is optimistic at the extreme shares and
 * small samples of this field.
 */
public final class Planner {

    /** Searches stop here; a question that needs more patients gets an answer saying so. */
    public static final int MAX_N = 100_000;
    /** The power search evaluates every n up to twice the answer, each over all outcomes: kept smaller. */
    public static final int MAX_POWER_N = 10_000;

    private Planner() {
    }

    /** The number of successes planned at share {@code expected} among n: round half up, as the documentation says. */
    static int plannedSuccesses(double expected, int n) {
        return (int) Math.floor(expected * n + 0.5);
    }

    /**
     * The smallest n whose interval (method, level) at x = round(expected · n) has a half-width of at most
     * {@code halfWidth}, or empty when no n up to {@link #MAX_N} reaches it.
     */
    public static OptionalInt precision(double expected, double halfWidth, IntervalMethod method, double confidence) {
        for (int n = 1; n <= MAX_N; n++) {
            Interval interval = Statistics.proportionInterval(plannedSuccesses(expected, n), n, confidence, method);
            if ((interval.upper() - interval.lower()) / 2 <= halfWidth) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** A sample size with the exact power it achieves. */
    public record PowerResult(int n, double achievedPower) {
    }

    /**
     * The smallest n from which the exact two-sided binomial test at level {@code alpha} against {@code claim} rejects
     * with probability at least {@code power} when the true share is {@code expected}, for every n up to 2n (exact
     * tests are not monotone in n: a lone n that happens to qualify is not a plan). Empty beyond {@link #MAX_POWER_N}.
     */
    public static java.util.Optional<PowerResult> power(double expected, double claim, double power, double alpha) {
        Map<Integer, Double> cache = new HashMap<>();
        int candidate = 1;
        while (candidate <= MAX_POWER_N) {
            int failing = -1;
            for (int m = candidate; m <= 2 * candidate; m++) {
                int size = m;
                if (cache.computeIfAbsent(size, key -> exactPower(key, expected, claim, alpha)) < power) {
                    failing = m;
                    break;
                }
            }
            if (failing < 0) {
                return java.util.Optional.of(new PowerResult(candidate, cache.get(candidate)));
            }
            // every candidate up to the failing n has it in its range [n, 2n]
            candidate = failing + 1;
        }
        return java.util.Optional.empty();
    }

    /**
     * Exact power of the two-sided binomial test with n patients: the probability under the true share of the outcomes
     * whose p-value (R's rule, as {@link Statistics#binomialTestPValue}) is at most alpha. The p-value of x is the sum of
     * the null probabilities no larger than x's times the tie tolerance, so sorting the null probabilities once gives
     * every p-value by one binary search.
     */
    static double exactPower(int n, double expected, double claim, double alpha) {
        BinomialDistribution nullDistribution = BinomialDistribution.of(n, claim);
        BinomialDistribution trueDistribution = BinomialDistribution.of(n, expected);
        double[] nullProbabilities = new double[n + 1];
        for (int x = 0; x <= n; x++) {
            nullProbabilities[x] = nullDistribution.probability(x);
        }
        double[] sorted = nullProbabilities.clone();
        Arrays.sort(sorted);
        double[] cumulative = new double[n + 2];
        for (int i = 0; i < sorted.length; i++) {
            cumulative[i + 1] = cumulative[i] + sorted[i];
        }
        double result = 0;
        for (int x = 0; x <= n; x++) {
            int included = upperIndex(sorted, nullProbabilities[x] * Statistics.RELATIVE_TIE);
            if (Math.min(1, cumulative[included]) <= alpha) {
                result += trueDistribution.probability(x);
            }
        }
        return result;
    }

    /** How many of the sorted values are at most {@code limit}. */
    private static int upperIndex(double[] sorted, double limit) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= limit) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The number to recruit so that {@code n} remain after the expected share lost to follow-up. */
    public static int recruit(int n, double expectedLoss) {
        return (int) Math.ceil(n / (1 - expectedLoss) - 1e-9);
    }
}
