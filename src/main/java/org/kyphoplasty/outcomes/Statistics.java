package org.kyphoplasty.outcomes;

import java.util.Objects;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/**
 * The inferential statistics of the outcome reports. Probabilities, quantiles and the interval methods come from
 * Commons Statistics. Two things are written here because the library lacks them or differs from the reference
 * (R): Newcombe's interval for a difference of proportions, and the two-sided exact p-values, whose tie rule is R's
 * (outcomes no more likely than the observed one times {@value #RELATIVE_TIE} count as extreme; the library compares
 * without a tolerance and so drops equally likely outcomes that differ only by rounding).
 */
public final class Statistics {

    /** Binomial proportion interval methods; the names are ours so callers do not depend on the library's enum. */
    public enum IntervalMethod {
        WILSON(BinomialConfidenceInterval.WILSON_SCORE),
        CLOPPER_PEARSON(BinomialConfidenceInterval.CLOPPER_PEARSON),
        JEFFREYS(BinomialConfidenceInterval.JEFFREYS),
        AGRESTI_COULL(BinomialConfidenceInterval.AGRESTI_COULL);

        private final BinomialConfidenceInterval library;

        IntervalMethod(BinomialConfidenceInterval library) {
            this.library = library;
        }
    }

    /** Where an observed rate stands relative to a claimed (for example, published) rate. */
    public enum Verdict {
        BELOW, CONSISTENT, ABOVE, INSUFFICIENT_DATA
    }

    public record Interval(double lower, double upper) {
    }

    /**
     * Mean of a score with its t interval. Boxed so that "not computable" travels as null to JSON rather than as NaN,
     * which JSON cannot represent: the mean is null when n is 0, the bounds when n is below 2.
     */
    public record MeanSummary(long n, Double mean, Double lower, Double upper) {
    }

    /** R's relative tolerance for "no more likely than the observed outcome" (binom.test, fisher.test). */
    static final double RELATIVE_TIE = 1 + 1e-7;

    private Statistics() {
    }

    /**
     * Confidence interval for a binomial proportion.
     *
     * @throws IllegalArgumentException if trials is not positive, successes is outside [0, trials] or confidence is
     *         outside (0, 1)
     */
    public static Interval proportionInterval(int successes, int trials, double confidence, IntervalMethod method) {
        Objects.requireNonNull(method, "method");
        requireProportion(successes, trials);
        double alpha = errorRate(confidence);
        org.apache.commons.statistics.interval.Interval interval = method.library.fromErrorRate(trials, successes,
                alpha);
        // Every method reaches 0 at x = 0 and 1 at x = n in exact arithmetic; the library's Wilson returns 1e-17 and
        // 1 - 1e-16 there, which turns "the interval reaches the claim" into BELOW at claim = 1. Pin the ends.
        double lower = successes == 0 ? 0 : clamp(interval.getLowerBound());
        double upper = successes == trials ? 1 : clamp(interval.getUpperBound());
        return new Interval(lower, upper);
    }

    /**
     * Exact two-sided binomial test p-value, with R's binom.test rule: outcomes no more likely than the observed one
     * (within a relative 1e-7) count as at least as extreme. A null proportion of 0 or 1 gives 1 when the data are
     * consistent with it and 0 when not.
     */
    public static double binomialTestPValue(int successes, int trials, double p0) {
        requireCounts(successes, trials);
        if (!(p0 >= 0 && p0 <= 1)) {
            throw new IllegalArgumentException("p0 must be in [0, 1]: " + p0);
        }
        if (p0 == 0) {
            return successes == 0 ? 1 : 0;
        }
        if (p0 == 1) {
            return successes == trials ? 1 : 0;
        }
        // R's binom.test, step by step: the observed tail plus the part of the other tail no more likely than x.
        // The probabilities fall monotonically away from the mode on each side, so that part is found by binary
        // search rather than by evaluating every outcome (a registry of a million patients stays fast).
        BinomialDistribution distribution = BinomialDistribution.of(trials, p0);
        double limit = distribution.probability(successes) * RELATIVE_TIE;
        double mode = trials * p0;
        if (successes == mode) {
            return 1;
        }
        double pValue;
        if (successes < mode) {
            // the first y from ceil(mode) on whose probability is at most the limit; all after it are too
            int first = firstAtMost(distribution::probability, (int) Math.ceil(mode), trials, limit);
            int extreme = trials - first + 1;
            pValue = distribution.cumulativeProbability(successes) + distribution.survivalProbability(trials - extreme);
        } else {
            // the last y up to floor(mode) whose probability is at most the limit; all before it are too
            int extreme = lastAtMost(distribution::probability, 0, (int) Math.floor(mode), limit) + 1;
            pValue = distribution.cumulativeProbability(extreme - 1) + distribution.survivalProbability(successes - 1);
        }
        return Math.min(1, pValue);
    }

    /** BELOW or ABOVE only when the whole interval lies on one side of the claim. */
    public static Verdict verdict(Interval ci, double claim) {
        Objects.requireNonNull(ci, "ci");
        if (ci.upper() < claim) {
            return Verdict.BELOW;
        }
        if (ci.lower() > claim) {
            return Verdict.ABOVE;
        }
        return Verdict.CONSISTENT;
    }

    /** As {@link #verdict(Interval, double)}, but for a group that may have no patients and therefore no interval. */
    public static Verdict verdict(Interval ci, double claim, int trials) {
        if (trials == 0 || ci == null) {
            return Verdict.INSUFFICIENT_DATA;
        }
        return verdict(ci, claim);
    }

    /**
     * Two-sided Fisher exact test p-value on the 2x2 table [[s1, n1 - s1], [s2, n2 - s2]]. An empty group carries no
     * evidence, so the p-value is then 1; the library refuses a table with no observations at all.
     *
     * @throws IllegalArgumentException if both groups are empty or a count is invalid
     */
    public static double fisherExactPValue(int successes1, int trials1, int successes2, int trials2) {
        requireCounts(successes1, trials1);
        requireCounts(successes2, trials2);
        if (trials1 + trials2 == 0) {
            throw new IllegalArgumentException("both groups are empty");
        }
        // R's fisher.test on a 2x2 table: the hypergeometric law of the top-left cell given the margins; the p-value
        // sums the outcomes no more likely than the observed one.
        int successes = successes1 + successes2;
        int failures = trials1 - successes1 + trials2 - successes2;
        int lowest = Math.max(0, trials1 - failures);
        int highest = Math.min(trials1, successes);
        if (lowest == highest) {
            return 1;
        }
        HypergeometricDistribution distribution = HypergeometricDistribution.of(successes + failures, successes,
                trials1);
        double limit = distribution.probability(successes1) * RELATIVE_TIE;
        // unimodal: the qualifying outcomes are a left tail up to the mode and a right tail after it
        int mode = mode(distribution::probability, lowest, highest,
                (int) Math.floor((trials1 + 1.0) * (successes + 1.0) / (successes + failures + 2.0)));
        int left = lastAtMost(distribution::probability, lowest, mode, limit);
        int right = firstAtMost(distribution::probability, mode + 1, highest, limit);
        double pValue = (left >= lowest ? distribution.cumulativeProbability(left) : 0)
                + (right <= highest ? distribution.survivalProbability(right - 1) : 0);
        return Math.min(1, pValue);
    }

    /**
     * Newcombe (1998) hybrid score interval, method 10, for p1 - p2. Chosen over the Wald interval because it keeps
     * close to nominal coverage with the small groups and extreme rates (0% or 100%) typical of complications.
     */
    public static Interval newcombeDifference(int successes1, int trials1, int successes2, int trials2,
            double confidence) {
        Interval first = proportionInterval(successes1, trials1, confidence, IntervalMethod.WILSON);
        Interval second = proportionInterval(successes2, trials2, confidence, IntervalMethod.WILSON);
        double p1 = (double) successes1 / trials1;
        double p2 = (double) successes2 / trials2;
        double difference = p1 - p2;
        double lower = difference - Math.hypot(p1 - first.lower(), second.upper() - p2);
        double upper = difference + Math.hypot(first.upper() - p1, p2 - second.lower());
        return new Interval(lower, upper);
    }

    /**
     * Mean with a two-sided t interval, from the aggregates a database returns (count, sum, sum of squares), so rows
     * never have to be fetched.
     */
    public static MeanSummary meanWithTInterval(long n, double sum, double sumOfSquares, double confidence) {
        double alpha = errorRate(confidence);
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        if (n == 0) {
            return new MeanSummary(0, null, null, null);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanSummary(1, mean, null, null);
        }
        // The one-pass formula can come out a hair below zero when all values are equal.
        double variance = Math.max(0, (sumOfSquares - sum * sum / n) / (n - 1));
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - alpha / 2);
        double halfWidth = t * Math.sqrt(variance / n);
        return new MeanSummary(n, mean, mean - halfWidth, mean + halfWidth);
    }

    /** The smallest x in [from, to] with probability at most the limit, on a non-increasing stretch; to + 1 if none. */
    private static int firstAtMost(java.util.function.IntToDoubleFunction probability, int from, int to,
            double limit) {
        int low = from;
        int high = to + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (probability.applyAsDouble(middle) <= limit) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** The largest x in [from, to] with probability at most the limit, on a non-decreasing stretch; from - 1 if none. */
    private static int lastAtMost(java.util.function.IntToDoubleFunction probability, int from, int to, double limit) {
        int low = from - 1;
        int high = to;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (probability.applyAsDouble(middle) <= limit) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** The most likely outcome in [from, to], starting from an estimate and climbing to the true peak. */
    private static int mode(java.util.function.IntToDoubleFunction probability, int from, int to, int estimate) {
        int mode = Math.max(from, Math.min(to, estimate));
        while (mode < to && probability.applyAsDouble(mode + 1) > probability.applyAsDouble(mode)) {
            mode++;
        }
        while (mode > from && probability.applyAsDouble(mode - 1) > probability.applyAsDouble(mode)) {
            mode--;
        }
        return mode;
    }

    private static void requireCounts(int successes, int trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "successes must be in [0, trials] and trials not negative: " + successes + "/" + trials);
        }
    }

    private static void requireProportion(int successes, int trials) {
        if (trials <= 0) {
            throw new IllegalArgumentException("trials must be positive: " + trials);
        }
        requireCounts(successes, trials);
    }

    private static double errorRate(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        return 1 - confidence;
    }

    private static double clamp(double probability) {
        return Math.min(1, Math.max(0, probability));
    }
}
