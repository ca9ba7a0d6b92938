package org.kyphoplasty.outcomes;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/**
 * The JSON shapes of the outcome endpoints (API.md "Outcomes"). Counts and statistics are boxed:
 * a suppressed cell carries null for each of them, and a statistic that cannot be computed (no one
 * followed up) is null rather than NaN. Shares and bounds are full doubles, not rounded.
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
            TimePoint timepoint, MobilityDefinition definition,
            Long incompleteBaseline, Long noLoss, Long eligible, Long followedUp, Long lostToFollowUp, Long regained,
            Double share, ConfidenceInterval ci, Bounds bounds, ClaimCheck claim, boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<MobilityRecovery> groups) {
    }

    public record Responders(
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            Score score, TimePoint timepoint, Integer minPoints, Double minPercent,
            Long eligible, Long followedUp, Long lostToFollowUp, Long responders, Double share,
            ConfidenceInterval ci, Double meanBaseline, Double meanFollowUp, Double meanChange,
            MeanInterval meanChangeCi, Double medianChange, boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Responders> groups) {
    }

    public record Arm(ProcedureType type, Long followedUp, Long regained, Double share, ConfidenceInterval ci,
            boolean suppressed) {
    }

    public record Difference(Double estimate, double level, Double lower, Double upper, String method) {
    }

    public record Comparison(TimePoint timepoint, MobilityDefinition definition, Arm treatment, Arm control,
            Difference difference, Double fisherPValue, boolean suppressed) {
    }

    public record TrajectoryPoint(TimePoint timepoint, Long n, Double meanPainNrs, Double meanMobilityFac,
            Double meanOdi, Double meanRmdq, Double meanEq5dIndex, boolean suppressed) {
    }

    public record Trajectory(List<TrajectoryPoint> points) {
    }

    public record Completeness(TimePoint timepoint, Long due, Long assessed, Long assessedWithinWindow,
            Double share, boolean suppressed) {
    }

    public record Summary(Long patients, java.util.Map<ProcedureType, Long> proceduresByType,
            java.util.Map<TimePoint, Long> assessmentsByTimepoint, List<Completeness> followUpCompleteness,
            int minCellSize) {
    }
}
