package org.kyphoplasty.outcomes;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Textbook formulas, written out independently of the service's Statistics class, to compute the
 * expected values of the HTTP tests.
 */
final class Reference {

    private Reference() {
    }

    static double z(double confidence) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** Wilson score interval (Wilson 1927). */
    static double[] wilson(int x, int n, double confidence) {
        double z = z(confidence);
        double p = (double) x / n;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new double[] { Math.max(0, centre - half), Math.min(1, centre + half) };
    }

    /** Clopper-Pearson from the beta quantiles. */
    static double[] clopperPearson(int x, int n, double confidence) {
        double alpha = 1 - confidence;
        double lower = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(alpha / 2);
        double upper = x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] { lower, upper };
    }

    static double logChoose(int n, int k) {
        double result = 0;
        for (int i = 1; i <= k; i++) {
            result += Math.log(n - k + i) - Math.log(i);
        }
        return result;
    }

    static double binomialProbability(int k, int n, double p) {
        return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }

    /** Exact two-sided binomial p-value as R's binom.test: sum of outcomes no more likely than the observed. */
    static double binomialPValue(int x, int n, double p0) {
        double observed = binomialProbability(x, n, p0);
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double probability = binomialProbability(k, n, p0);
            if (probability <= observed * (1 + 1e-7)) {
                sum += probability;
            }
        }
        return Math.min(1, sum);
    }

    /** Fisher's exact two-sided p-value for [[x1, n1-x1], [x2, n2-x2]], from the hypergeometric distribution. */
    static double fisherPValue(int x1, int n1, int x2, int n2) {
        int successes = x1 + x2;
        int total = n1 + n2;
        double observed = hypergeometric(x1, n1, successes, total);
        double sum = 0;
        for (int k = Math.max(0, successes - n2); k <= Math.min(successes, n1); k++) {
            double probability = hypergeometric(k, n1, successes, total);
            if (probability <= observed * (1 + 1e-7)) {
                sum += probability;
            }
        }
        return Math.min(1, sum);
    }

    private static double hypergeometric(int k, int n1, int successes, int total) {
        return Math.exp(logChoose(successes, k) + logChoose(total - successes, n1 - k) - logChoose(total, n1));
    }

    /** Newcombe (1998) hybrid score interval for p1 - p2, method 10, from the Wilson limits. */
    static double[] newcombe(int x1, int n1, int x2, int n2, double confidence) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double[] w1 = wilson(x1, n1, confidence);
        double[] w2 = wilson(x2, n2, confidence);
        double d = p1 - p2;
        return new double[] { d - Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w2[1] - p2, 2)),
                d + Math.sqrt(Math.pow(w1[1] - p1, 2) + Math.pow(p2 - w2[0], 2)) };
    }
}
