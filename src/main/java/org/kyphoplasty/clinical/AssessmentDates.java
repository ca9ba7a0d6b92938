package org.kyphoplasty.clinical;

import java.time.LocalDate;
import java.util.Optional;

/** The date rules of an assessment (DOMAIN.md, "Time points and windows"), in one place. */
public final class AssessmentDates {

    /** No patient of the registry was born before 1900 (the lower bound of birthYear). */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private AssessmentDates() {
    }

    /**
     * Why {@code assessedOn} is not an acceptable date for {@code timepoint} of a procedure done
     * on {@code performedOn}, or empty when it is. Out-of-window follow-ups are acceptable (they
     * are flagged, not rejected).
     */
    public static Optional<String> violation(TimePoint timepoint, LocalDate performedOn, LocalDate assessedOn,
            LocalDate today) {
        if (assessedOn.isAfter(today)) {
            return Optional.of("must not be in the future");
        }
        if (assessedOn.isBefore(EARLIEST)) {
            return Optional.of("must not be before " + EARLIEST);
        }
        int offset = TimePoint.dayOffset(performedOn, assessedOn);
        return switch (timepoint) {
            case PRE_FRACTURE -> offset > 0
                    ? Optional.of("PRE_FRACTURE must be recorded on or before the procedure date " + performedOn)
                    : Optional.empty();
            case BASELINE -> offset > 0 || offset < -TimePoint.BASELINE_MAX_DAYS_BEFORE
                    ? Optional.of("BASELINE must be 0 to " + TimePoint.BASELINE_MAX_DAYS_BEFORE
                            + " days before the procedure date " + performedOn)
                    : Optional.empty();
            default -> offset <= 0
                    ? Optional.of("a follow-up must be dated after the procedure date " + performedOn)
                    : Optional.empty();
        };
    }
}
