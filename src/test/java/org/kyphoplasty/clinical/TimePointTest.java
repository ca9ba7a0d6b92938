package org.kyphoplasty.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimePointTest {

    private static final LocalDate PERFORMED = LocalDate.of(2026, 1, 15);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} window {1}..{2}")
    @CsvSource({ "WEEK_1,3,14", "MONTH_1,21,45", "MONTH_3,70,110", "MONTH_6,150,210", "MONTH_12,330,400",
            "MONTH_24,690,770" })
    void followUpIsWithinItsWindowExactlyBetweenBothEdgesInclusive(TimePoint point, int opens, int closes) {
        assertFalse(point.isWithinWindow(opens - 1), "day before the window opens");
        assertTrue(point.isWithinWindow(opens), "first day of the window");
        assertTrue(point.isWithinWindow(closes), "last day of the window");
        assertFalse(point.isWithinWindow(closes + 1), "day after the window closes");
    }

    @Test
    void windowDatesAreCountedFromTheProcedureDate() {
        assertEquals(LocalDate.of(2026, 3, 26), TimePoint.MONTH_3.windowOpens(PERFORMED));
        assertEquals(LocalDate.of(2026, 5, 5), TimePoint.MONTH_3.windowCloses(PERFORMED));
    }

    @Test
    void targetDaysAreThoseOfTheDomain() {
        assertEquals(7, TimePoint.WEEK_1.targetDay());
        assertEquals(90, TimePoint.MONTH_3.targetDay());
        assertEquals(730, TimePoint.MONTH_24.targetDay());
    }

    @Test
    void preFractureMayBeOnOrBeforeTheProcedureDate() {
        assertEquals(Optional.empty(), AssessmentDates.violation(TimePoint.PRE_FRACTURE, PERFORMED, PERFORMED, TODAY));
        assertEquals(Optional.empty(),
                AssessmentDates.violation(TimePoint.PRE_FRACTURE, PERFORMED, PERFORMED.minusYears(1), TODAY));
        assertTrue(AssessmentDates.violation(TimePoint.PRE_FRACTURE, PERFORMED, PERFORMED.plusDays(1), TODAY)
                .isPresent());
    }

    @Test
    void baselineIsZeroToThirtyDaysBeforeTheProcedure() {
        assertEquals(Optional.empty(), AssessmentDates.violation(TimePoint.BASELINE, PERFORMED, PERFORMED, TODAY));
        assertEquals(Optional.empty(),
                AssessmentDates.violation(TimePoint.BASELINE, PERFORMED, PERFORMED.minusDays(30), TODAY));
        assertTrue(AssessmentDates.violation(TimePoint.BASELINE, PERFORMED, PERFORMED.minusDays(31), TODAY)
                .isPresent());
        assertTrue(AssessmentDates.violation(TimePoint.BASELINE, PERFORMED, PERFORMED.plusDays(1), TODAY)
                .isPresent());
    }

    @Test
    void followUpOnOrBeforeTheProcedureDateIsRejected() {
        assertTrue(AssessmentDates.violation(TimePoint.WEEK_1, PERFORMED, PERFORMED, TODAY).isPresent());
        assertTrue(AssessmentDates.violation(TimePoint.MONTH_3, PERFORMED, PERFORMED.minusDays(1), TODAY).isPresent());
        assertEquals(Optional.empty(),
                AssessmentDates.violation(TimePoint.WEEK_1, PERFORMED, PERFORMED.plusDays(1), TODAY));
    }

    @Test
    void followUpOutsideItsWindowIsAcceptedButNotWithinWindow() {
        LocalDate late = PERFORMED.plusDays(200);
        assertEquals(Optional.empty(), AssessmentDates.violation(TimePoint.MONTH_3, PERFORMED, late, TODAY));
        assertFalse(TimePoint.MONTH_3.isWithinWindow(TimePoint.dayOffset(PERFORMED, late)));
    }

    @Test
    void aDateInTheFutureIsRejectedForEveryTimePoint() {
        for (TimePoint point : TimePoint.values()) {
            assertTrue(AssessmentDates.violation(point, TODAY.minusDays(5), TODAY.plusDays(1), TODAY).isPresent(),
                    point.name());
        }
    }

    @Test
    void ageBandsFollowTheDomain() {
        assertEquals(AgeBand.UNDER_60, AgeBand.of(59));
        assertEquals(AgeBand.FROM_60_TO_69, AgeBand.of(60));
        assertEquals(AgeBand.FROM_80_TO_89, AgeBand.of(89));
        assertEquals(AgeBand.FROM_90, AgeBand.of(90));
        assertEquals("90+", AgeBand.FROM_90.label());
    }
}
