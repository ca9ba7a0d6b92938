package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.List;

import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/**
 * Tipping-point analysis (Liublinska & Rubin, Stat Med 2014; DOMAIN.md "Tipping point"): every possible outcome of the
 * patients lost to follow-up, from none of them regained to all of them, and where the answer changes. Pure
 * computation on counts; disclosure control is the caller's.
 */
public final class TippingPoint {

    /** Two-arm grids are evaluated on at most this many steps per arm (every k when the lost count is smaller). */
    public static final int MAX_GRID_STEPS = 60;
    /** One-arm points are listed for every k up to this many lost, in even steps beyond (the tipping point always). */
    public static final int MAX_POINTS = 200;

    private TippingPoint() {
    }

    /** One arm's complete-case counts. */
    public record Arm(int regained, int followedUp, int lost) {
        int completed() {
            return followedUp + lost;
        }
    }

    /** What the answer would be if k of the lost patients had regained. */
    public record Point(int k, double share, Interval ci, double pValue, Verdict verdict) {
    }

    /**
     * @param verdicts the verdict for every k = 0..lost (the points may be a stepped selection of them)
     */
    public record OneArm(Verdict completeCaseVerdict, List<Point> points, Integer tippingPoint,
            List<Verdict> verdicts) {
    }

    /** The points k = 0..lost of one arm against the claim, and the smallest k whose verdict differs. */
    public static OneArm oneArm(Arm arm, double claim, double confidence, IntervalMethod method) {
        Verdict completeCase = arm.followedUp() == 0 ? Verdict.INSUFFICIENT_DATA
                : Statistics.verdict(Statistics.proportionInterval(arm.regained(), arm.followedUp(), confidence, method),
                        claim);
        List<Point> points = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        Integer tipping = null;
        int n = arm.completed();
        if (n > 0) {
            // the verdict of every k needs only its interval; p-values are computed for the listed points
            for (int k = 0; k <= arm.lost(); k++) {
                Verdict verdict = Statistics.verdict(
                        Statistics.proportionInterval(arm.regained() + k, n, confidence, method), claim);
                verdicts.add(verdict);
                if (tipping == null && verdict != completeCase) {
                    tipping = k;
                }
            }
            for (int k : listed(arm.lost(), tipping)) {
                int x = arm.regained() + k;
                Interval ci = Statistics.proportionInterval(x, n, confidence, method);
                points.add(new Point(k, (double) x / n, ci, Statistics.binomialTestPValue(x, n, claim),
                        verdicts.get(k)));
            }
        }
        return new OneArm(completeCase, points, tipping, verdicts);
    }

    /** Every k when there are few lost; else even steps with both ends, the tipping point and the k before it. */
    static List<Integer> listed(int lost, Integer tipping) {
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        int step = Math.max(1, (int) Math.ceil((double) lost / MAX_POINTS));
        for (int k = 0; k < lost; k += step) {
            ks.add(k);
        }
        ks.add(lost);
        if (tipping != null) {
            ks.add(tipping);
            ks.add(Math.max(0, tipping - 1));
        }
        return List.copyOf(ks);
    }

    /** One cell of the two-arm grid. */
    public record Cell(int kTreatment, int kControl, double estimate, Interval difference, double fisherPValue) {
        public boolean excludesZero() {
            return difference.lower() > 0 || difference.upper() < 0;
        }
    }

    /** Where, for one k of the treatment arm, the difference's interval first changes from the complete-case answer. */
    public record BoundaryPoint(int kTreatment, int kControl) {
    }

    public record TwoArm(boolean completeCaseExcludesZero, List<Cell> grid, List<BoundaryPoint> boundary) {
    }

    /**
     * The grid over (k treatment, k control) of the Newcombe difference and Fisher's p. The boundary holds, for each k of
     * the treatment arm, the smallest k of the control arm at which whether the interval excludes 0 differs from the
     * complete-case comparison (none for that row if no k does). Large lost counts are stepped so that the grid stays at
     * most {@link #MAX_GRID_STEPS} + 1 values per arm; both ends are always included.
     */
    public static TwoArm twoArms(Arm treatment, Arm control, double confidence) {
        boolean completeCase = treatment.followedUp() > 0 && control.followedUp() > 0
                && excludesZero(Statistics.newcombeDifference(treatment.regained(), treatment.followedUp(),
                        control.regained(), control.followedUp(), confidence));
        List<Cell> grid = new ArrayList<>();
        List<BoundaryPoint> boundary = new ArrayList<>();
        if (treatment.completed() == 0 || control.completed() == 0) {
            return new TwoArm(completeCase, grid, boundary);
        }
        for (int kTreatment : steps(treatment.lost())) {
            Integer first = null;
            for (int kControl : steps(control.lost())) {
                int x1 = treatment.regained() + kTreatment;
                int x2 = control.regained() + kControl;
                int n1 = treatment.completed();
                int n2 = control.completed();
                Cell cell = new Cell(kTreatment, kControl, (double) x1 / n1 - (double) x2 / n2,
                        Statistics.newcombeDifference(x1, n1, x2, n2, confidence),
                        Statistics.fisherExactPValue(x1, n1, x2, n2));
                grid.add(cell);
                if (first == null && cell.excludesZero() != completeCase) {
                    first = kControl;
                }
            }
            if (first != null) {
                boundary.add(new BoundaryPoint(kTreatment, first));
            }
        }
        return new TwoArm(completeCase, grid, boundary);
    }

    private static boolean excludesZero(Interval interval) {
        return interval.lower() > 0 || interval.upper() < 0;
    }

    /** 0..lost, every value when there are few, else evenly stepped with both ends. */
    static List<Integer> steps(int lost) {
        List<Integer> steps = new ArrayList<>();
        int step = Math.max(1, (int) Math.ceil((double) lost / MAX_GRID_STEPS));
        for (int k = 0; k < lost; k += step) {
            steps.add(k);
        }
        steps.add(lost);
        return steps;
    }
}
