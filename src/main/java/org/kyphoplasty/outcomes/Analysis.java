package org.kyphoplasty.outcomes;

import org.kyphoplasty.outcomes.Statistics.IntervalMethod;

/**
 * How a report analyses its cohort: whether follow-ups outside their window count, the interval method and level, and
 * the breakdown. The export ignores all but {@link #includeOutOfWindow}.
 *
 * @param exact whether counts are shown exactly (admins) rather than under disclosure control (analysts)
 */
public record Analysis(boolean includeOutOfWindow, double confidence, IntervalMethod interval, GroupBy groupBy,
        boolean exact) {

    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final IntervalMethod DEFAULT_INTERVAL = IntervalMethod.WILSON;

    public Analysis withGroupBy(GroupBy breakdown) {
        return new Analysis(includeOutOfWindow, confidence, interval, breakdown, exact);
    }
}
