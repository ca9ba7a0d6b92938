package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.outcomes.OutcomeReports.Arm;
import org.kyphoplasty.outcomes.OutcomeReports.Bounds;
import org.kyphoplasty.outcomes.OutcomeReports.ClaimCheck;
import org.kyphoplasty.outcomes.OutcomeReports.Comparison;
import org.kyphoplasty.outcomes.OutcomeReports.Completeness;
import org.kyphoplasty.outcomes.OutcomeReports.ConfidenceInterval;
import org.kyphoplasty.outcomes.OutcomeReports.Difference;
import org.kyphoplasty.outcomes.OutcomeReports.MeanInterval;
import org.kyphoplasty.outcomes.OutcomeReports.MobilityRecovery;
import org.kyphoplasty.outcomes.OutcomeReports.Responders;
import org.kyphoplasty.outcomes.OutcomeReports.Summary;
import org.kyphoplasty.outcomes.OutcomeReports.Trajectory;
import org.kyphoplasty.outcomes.OutcomeReports.TrajectoryPoint;
import org.kyphoplasty.outcomes.OutcomesRepository.MobilityCounts;
import org.kyphoplasty.outcomes.OutcomesRepository.ResponderCounts;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.MeanSummary;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/** Turns the SQL counts into the reports: statistics, verdicts and disclosure control. Read-only. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OutcomesService {

    private final OutcomesRepository repository;
    private final Disclosure disclosure;
    private final Today today;

    public OutcomesService(OutcomesRepository repository, Disclosure disclosure, Today today) {
        this.repository = repository;
        this.disclosure = disclosure;
        this.today = today;
    }

    public MobilityRecovery mobilityRecovery(OutcomeFilters filters, TimePoint timepoint,
            MobilityDefinition definition, double claim) {
        List<MobilityCounts> rows = repository.mobilityRecovery(filters, timepoint, definition);
        MobilityCounts overall = rows.stream().filter(MobilityCounts::overall).findFirst().orElseThrow();
        List<MobilityRecovery> groups = filters.groupBy() == null ? null
                : breakdown(rows, MobilityCounts::overall, MobilityCounts::key, MobilityCounts::followedUp,
                        (row, hidden) -> mobility(row, filters, timepoint, definition, claim, hidden, null));
        return mobility(overall, filters, timepoint, definition, claim, disclosure.isSmall(overall.followedUp()),
                groups);
    }

    private MobilityRecovery mobility(MobilityCounts counts, OutcomeFilters filters, TimePoint timepoint,
            MobilityDefinition definition, double claim, boolean suppressed, List<MobilityRecovery> groups) {
        String key = counts.overall() ? null : String.valueOf(counts.key());
        if (suppressed) {
            return new MobilityRecovery(key, timepoint, definition, null, null, null, null, null, null, null, null,
                    null, null, true, groups);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int regained = Math.toIntExact(counts.regained());
        long lost = counts.eligible() - counts.followedUp();
        Double share = followed == 0 ? null : (double) regained / followed;
        ConfidenceInterval ci = interval(regained, followed, filters);
        Bounds bounds = counts.eligible() == 0 ? null
                : new Bounds((double) regained / counts.eligible(), (double) (regained + lost) / counts.eligible());
        Double pValue = followed == 0 ? null : Statistics.binomialTestPValue(regained, followed, claim);
        Verdict verdict = Statistics.verdict(ci == null ? null : new Interval(ci.lower(), ci.upper()), claim, followed);
        return new MobilityRecovery(key, timepoint, definition, counts.incompleteBaseline(), counts.noLoss(),
                counts.eligible(), counts.followedUp(), lost, counts.regained(), share, ci, bounds,
                new ClaimCheck(claim, pValue, verdict), false, groups);
    }

    public Responders responders(OutcomeFilters filters, Score score, TimePoint timepoint, int minPoints,
            Double minPercent) {
        List<ResponderCounts> rows = repository.responders(filters, score, timepoint, minPoints,
                minPercent == null ? 0 : minPercent);
        ResponderCounts overall = rows.stream().filter(ResponderCounts::overall).findFirst().orElseThrow();
        List<Responders> groups = filters.groupBy() == null ? null
                : breakdown(rows, ResponderCounts::overall, ResponderCounts::key, ResponderCounts::eligible,
                        (row, hidden) -> responders(row, filters, score, timepoint, minPoints, minPercent, hidden,
                                null));
        return responders(overall, filters, score, timepoint, minPoints, minPercent,
                disclosure.isSmall(overall.eligible()), groups);
    }

    private Responders responders(ResponderCounts counts, OutcomeFilters filters, Score score, TimePoint timepoint,
            int minPoints, Double minPercent, boolean suppressed, List<Responders> groups) {
        String key = counts.overall() ? null : String.valueOf(counts.key());
        if (suppressed) {
            return new Responders(key, score, timepoint, minPoints, minPercent, null, null, null, null, null, null,
                    null, null, null, null, null, true, groups);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int responders = Math.toIntExact(counts.responders());
        MeanSummary change = Statistics.meanWithTInterval(counts.followedUp(), counts.sumChange(),
                counts.sumSquaredChange(), filters.confidence());
        return new Responders(key, score, timepoint, minPoints, minPercent, counts.eligible(), counts.followedUp(),
                counts.eligible() - counts.followedUp(), counts.responders(),
                followed == 0 ? null : (double) responders / followed, interval(responders, followed, filters),
                counts.meanBaseline(), counts.meanFollowUp(), change.mean(),
                followed == 0 ? null : new MeanInterval(filters.confidence(), change.lower(), change.upper()),
                counts.medianChange(), false, groups);
    }

    public Comparison comparison(OutcomeFilters filters, ProcedureType treatment, ProcedureType control,
            TimePoint timepoint, MobilityDefinition definition) {
        OutcomeFilters arms = filters.withProcedureTypes(List.of(treatment, control))
                .withGroupBy(GroupBy.PROCEDURE_TYPE);
        List<MobilityCounts> rows = repository.mobilityRecovery(arms, timepoint, definition);
        MobilityCounts treated = armCounts(rows, treatment);
        MobilityCounts untreated = armCounts(rows, control);
        boolean treatedSmall = disclosure.isSmall(treated.followedUp());
        boolean untreatedSmall = disclosure.isSmall(untreated.followedUp());
        Arm treatmentArm = arm(treatment, treated, filters, treatedSmall);
        Arm controlArm = arm(control, untreated, filters, untreatedSmall);
        boolean suppressed = treatedSmall || untreatedSmall;
        int n1 = Math.toIntExact(treated.followedUp());
        int n2 = Math.toIntExact(untreated.followedUp());
        if (suppressed || n1 == 0 || n2 == 0) {
            // the difference would disclose a suppressed arm's share, or there is nothing to compare
            return new Comparison(timepoint, definition, treatmentArm, controlArm,
                    new Difference(null, filters.confidence(), null, null, "NEWCOMBE"), null, suppressed);
        }
        int x1 = Math.toIntExact(treated.regained());
        int x2 = Math.toIntExact(untreated.regained());
        Interval difference = Statistics.newcombeDifference(x1, n1, x2, n2, filters.confidence());
        return new Comparison(timepoint, definition, treatmentArm, controlArm,
                new Difference((double) x1 / n1 - (double) x2 / n2, filters.confidence(), difference.lower(),
                        difference.upper(), "NEWCOMBE"),
                Statistics.fisherExactPValue(x1, n1, x2, n2), false);
    }

    private static MobilityCounts armCounts(List<MobilityCounts> rows, ProcedureType type) {
        return rows.stream().filter(row -> !row.overall() && type.name().equals(row.key())).findFirst()
                .orElse(new MobilityCounts(type.name(), false, 0, 0, 0, 0, 0));
    }

    private Arm arm(ProcedureType type, MobilityCounts counts, OutcomeFilters filters, boolean suppressed) {
        if (suppressed) {
            return new Arm(type, null, null, null, null, true);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int regained = Math.toIntExact(counts.regained());
        return new Arm(type, counts.followedUp(), counts.regained(), followed == 0 ? null : (double) regained / followed,
                interval(regained, followed, filters), false);
    }

    public Trajectory trajectory(OutcomeFilters filters) {
        Map<TimePoint, OutcomesRepository.TrajectoryRow> byPoint = new EnumMap<>(TimePoint.class);
        for (OutcomesRepository.TrajectoryRow row : repository.trajectory(filters)) {
            byPoint.put(row.timepoint(), row);
        }
        List<TrajectoryPoint> points = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            OutcomesRepository.TrajectoryRow row = byPoint.get(point);
            if (row == null) {
                points.add(new TrajectoryPoint(point, 0L, null, null, null, null, null, false));
            } else if (disclosure.isSmall(row.n())) {
                points.add(new TrajectoryPoint(point, null, null, null, null, null, null, true));
            } else {
                points.add(new TrajectoryPoint(point, row.n(), mean(row.nPain(), row.meanPain()),
                        mean(row.nMobility(), row.meanMobility()), mean(row.nOdi(), row.meanOdi()),
                        mean(row.nRmdq(), row.meanRmdq()), mean(row.nEq5d(), row.meanEq5d()), false));
            }
        }
        return new Trajectory(points);
    }

    /** A mean over fewer than min-cell-size values is itself a small cell. */
    private Double mean(long n, Double mean) {
        return disclosure.isSmall(n) ? null : mean;
    }

    public Summary summary(OutcomeFilters filters) {
        Long patients = 0L;
        Map<ProcedureType, Long> procedures = new EnumMap<>(ProcedureType.class);
        Map<TimePoint, Long> assessments = new EnumMap<>(TimePoint.class);
        Map<TimePoint, long[]> completeness = new EnumMap<>(TimePoint.class);
        for (ProcedureType type : ProcedureType.values()) {
            procedures.put(type, 0L);
        }
        for (TimePoint point : TimePoint.values()) {
            assessments.put(point, 0L);
        }
        for (OutcomesRepository.SummaryRow row : repository.summary(filters, today.date())) {
            switch (row.kind()) {
                case "patients" -> patients = row.count();
                case "procedures" -> procedures.put(ProcedureType.valueOf(row.key()), row.count());
                case "assessments" -> assessments.put(TimePoint.valueOf(row.key()), row.count());
                default -> completeness.put(TimePoint.valueOf(row.key()),
                        new long[] { row.count(), row.assessed(), row.assessedWithinWindow() });
            }
        }
        procedures.replaceAll((type, count) -> suppressCount(count));
        assessments.replaceAll((point, count) -> suppressCount(count));
        List<Completeness> followUp = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            if (!point.isFollowUp()) {
                continue;
            }
            long[] counts = completeness.getOrDefault(point, new long[] { 0, 0, 0 });
            // the assessed counts are the followed-up cells: any small one is suppressed with the rest
            if (disclosure.isSmall(counts[0]) || disclosure.isSmall(counts[1]) || disclosure.isSmall(counts[2])) {
                followUp.add(new Completeness(point, null, null, null, null, true));
            } else {
                // completeness counts what analyses use: in-window visits unless out-of-window ones are included
                long used = filters.includeOutOfWindow() ? counts[1] : counts[2];
                followUp.add(new Completeness(point, counts[0], counts[1], counts[2],
                        counts[0] == 0 ? null : (double) used / counts[0], false));
            }
        }
        return new Summary(suppressCount(patients), procedures, assessments, followUp, disclosure.minCellSize());
    }

    private Long suppressCount(Long count) {
        return count != null && disclosure.isSmall(count) ? null : count;
    }

    /**
     * The groups of a breakdown in key order, each reported with whether disclosure control hides it
     * (judged on {@code cellCount}: followed up for mobility, eligible for responders).
     */
    private <T, R> List<R> breakdown(List<T> rows, Predicate<T> overall, Function<T, String> key,
            ToLongFunction<T> cellCount, BiFunction<T, Boolean, R> report) {
        List<T> groupRows = rows.stream().filter(overall.negate())
                .sorted(Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        Set<String> hidden = disclosure.suppressedKeys(groupRows.stream()
                .map(row -> new Disclosure.Cell(key.apply(row), cellCount.applyAsLong(row))).toList());
        List<R> groups = new ArrayList<>();
        for (T row : groupRows) {
            groups.add(report.apply(row, hidden.contains(key.apply(row))));
        }
        return groups;
    }

    private static ConfidenceInterval interval(int successes, int trials, OutcomeFilters filters) {
        if (trials == 0) {
            return null;
        }
        Interval interval = Statistics.proportionInterval(successes, trials, filters.confidence(), filters.interval());
        return new ConfidenceInterval(filters.confidence(), filters.interval(), interval.lower(), interval.upper());
    }
}
