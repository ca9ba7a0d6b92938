package org.kyphoplasty.outcomes;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/**
 * The JSON shapes of the outcome endpoints (docs/API.md "Outcomes"). Counts and statistics are boxed: a suppressed
 * cell carries null for each of them, and a statistic that cannot be computed (no one followed up) is null rather than
 * NaN. Shares and bounds are full doubles, not rounded. Every count is a number of distinct patients.
 */
public final class OutcomeReports {

    private OutcomeReports() {
    }

    public record ConfidenceInterval(double level, IntervalMethod method, double lower, double upper) {
    }

    public record MeanInterval(double level, Double lower, Double upper) {
    }

    public record Bounds(Double worstCase, Double bestCase) {
    }

    public record ClaimCheck(double value, Double pValue, Verdict verdict) {
    }

    public record MobilityRecovery(
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            TimePoint timepoint, MobilityDefinition definition, LocalDate asOf,
            Long incompleteBaseline, Long noLoss, Long eligible, Long followedUp, Long pending, Long lostToFollowUp,
            Long regained, Double share, ConfidenceInterval ci, Bounds bounds, ClaimCheck claim, boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<MobilityRecovery> groups) {
    }

    public record Responders(
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            Score score, TimePoint timepoint, LocalDate asOf, Integer minPoints, Double minPercent,
            Long eligible, Long followedUp, Long pending, Long lostToFollowUp, Long responders, Double share,
            ConfidenceInterval ci, Double meanBaseline, Double meanFollowUp, Double meanChange,
            MeanInterval meanChangeCi, Double medianChange, boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Responders> groups) {
    }

    /** One arm of a comparison; {@code crossedOver} is counted in the control arm only (null in the treatment arm). */
    public record Arm(ProcedureType type, Long eligible, Long followedUp, Long pending, Long lostToFollowUp,
            Long crossedOver, Long regained, Double share, ConfidenceInterval ci, boolean suppressed) {
    }

    public record Difference(Double estimate, double level, Double lower, Double upper, String method) {
    }

    public record Comparison(TimePoint timepoint, MobilityDefinition definition, LocalDate asOf, Arm treatment,
            Arm control, Difference difference, Double fisherPValue, boolean suppressed) {
    }

    public record TippingPointEntry(int k, double share, ConfidenceInterval ci, double pValue, Verdict verdict) {
    }

    public record GridCell(int kTreatment, int kControl, DifferenceInterval difference, double fisherPValue) {
    }

    public record DifferenceInterval(double estimate, double lower, double upper) {
    }

    public record BoundaryPoint(int kTreatment, int kControl) {
    }

    /** The counts a two-arm tipping point starts from. */
    public record ArmCounts(ProcedureType type, Long followedUp, Long lost, Long regained) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TippingPointReport(TimePoint timepoint, MobilityDefinition definition, LocalDate asOf,
            double claim, Long followedUp, Long lost, Long regained, Verdict completeCaseVerdict,
            List<TippingPointEntry> points, Integer tippingPoint, String statement,
            @JsonInclude(JsonInclude.Include.ALWAYS) boolean suppressed,
            ArmCounts treatment, ArmCounts control, Boolean completeCaseExcludesZero, List<GridCell> grid,
            List<BoundaryPoint> boundary, String gridStatement) {

        /** This one-arm answer (for the treatment arm) with the two-arm grid added. */
        TippingPointReport withGrid(ArmCounts treatment, ArmCounts control, boolean completeCaseExcludesZero,
                List<GridCell> grid, List<BoundaryPoint> boundary, String gridStatement) {
            return new TippingPointReport(timepoint, definition, asOf, claim, followedUp, lost, regained,
                    completeCaseVerdict, points, tippingPoint, statement, suppressed, treatment, control,
                    completeCaseExcludesZero, grid, boundary, gridStatement);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(String kind, int n, int recruit, Double expectedLoss, Double expected, Double halfWidth,
            IntervalMethod interval, Double confidence, Double achievedHalfWidth, Double claim, Double power,
            Double alpha, Double achievedPower) {
    }

    public record TrajectoryPoint(TimePoint timepoint, Long n, Double meanPainNrs, Double meanMobilityFac,
            Double meanOdi, Double meanRmdq, Double meanEq5dIndex, boolean suppressed) {
    }

    public record Trajectory(LocalDate asOf, List<TrajectoryPoint> points) {
    }

    /**
     * Follow-up of the index procedures at one time point: {@code due} have a usable value or a closed window
     * (followed up + lost), {@code share} = followed up / due; pending ones wait for their window to close.
     */
    public record Completeness(TimePoint timepoint, Long due, Long assessed, Long assessedWithinWindow,
            Long followedUp, Long pending, Long lost, Double share, boolean suppressed) {
    }

    public record Summary(LocalDate asOf, Long patients, Map<ProcedureType, Long> proceduresByType,
            Map<TimePoint, Long> assessmentsByTimepoint, List<Completeness> followUpCompleteness, int minCellSize) {
    }
}
