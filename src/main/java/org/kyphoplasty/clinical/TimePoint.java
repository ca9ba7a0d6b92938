package org.kyphoplasty.clinical;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The nominal time points of DOMAIN.md. Follow-ups carry their visit window in days after the
 * procedure date (both ends inclusive); the two pre-treatment points have their own date rules.
 */
public enum TimePoint {
    PRE_FRACTURE(null, null, null),
    BASELINE(null, null, null),
    WEEK_1(7, 3, 14),
    MONTH_1(30, 21, 45),
    MONTH_3(90, 70, 110),
    MONTH_6(180, 150, 210),
    MONTH_12(365, 330, 400),
    MONTH_24(730, 690, 770);

    /** BASELINE is measured 0 to 30 days before the procedure (same day allowed). */
    public static final int BASELINE_MAX_DAYS_BEFORE = 30;

    private final Integer targetDay;
    private final Integer windowOpensDay;
    private final Integer windowClosesDay;

    TimePoint(Integer targetDay, Integer windowOpensDay, Integer windowClosesDay) {
        this.targetDay = targetDay;
        this.windowOpensDay = windowOpensDay;
        this.windowClosesDay = windowClosesDay;
    }

    public boolean isFollowUp() {
        return targetDay != null;
    }

    public Integer targetDay() {
        return targetDay;
    }

    public Integer windowOpensDay() {
        return windowOpensDay;
    }

    public Integer windowClosesDay() {
        return windowClosesDay;
    }

    public LocalDate windowOpens(LocalDate performedOn) {
        return isFollowUp() ? performedOn.plusDays(windowOpensDay) : null;
    }

    public LocalDate windowCloses(LocalDate performedOn) {
        return isFollowUp() ? performedOn.plusDays(windowClosesDay) : null;
    }

    public static int dayOffset(LocalDate performedOn, LocalDate assessedOn) {
        return Math.toIntExact(ChronoUnit.DAYS.between(performedOn, assessedOn));
    }

    /**
     * Whether an assessment {@code dayOffset} days after the procedure falls in this point's window.
     * The pre-treatment points have no window: a date that passes {@link AssessmentDates} is in it.
     */
    public boolean isWithinWindow(int dayOffset) {
        if (!isFollowUp()) {
            return true;
        }
        return dayOffset >= windowOpensDay && dayOffset <= windowClosesDay;
    }
}
