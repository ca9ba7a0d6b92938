package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.outcomes.OutcomeReports.Arm;
import org.kyphoplasty.outcomes.OutcomeReports.ArmCounts;
import org.kyphoplasty.outcomes.OutcomeReports.Bounds;
import org.kyphoplasty.outcomes.OutcomeReports.ClaimCheck;
import org.kyphoplasty.outcomes.OutcomeReports.Comparison;
import org.kyphoplasty.outcomes.OutcomeReports.Completeness;
import org.kyphoplasty.outcomes.OutcomeReports.ConfidenceInterval;
import org.kyphoplasty.outcomes.OutcomeReports.Difference;
import org.kyphoplasty.outcomes.OutcomeReports.DifferenceInterval;
import org.kyphoplasty.outcomes.OutcomeReports.GridCell;
import org.kyphoplasty.outcomes.OutcomeReports.MeanInterval;
import org.kyphoplasty.outcomes.OutcomeReports.MobilityRecovery;
import org.kyphoplasty.outcomes.OutcomeReports.Responders;
import org.kyphoplasty.outcomes.OutcomeReports.Summary;
import org.kyphoplasty.outcomes.OutcomeReports.TippingPointEntry;
import org.kyphoplasty.outcomes.OutcomeReports.TippingPointReport;
import org.kyphoplasty.outcomes.OutcomeReports.Trajectory;
import org.kyphoplasty.outcomes.OutcomeReports.TrajectoryPoint;
import org.kyphoplasty.outcomes.OutcomesRepository.CompletenessRow;
import org.kyphoplasty.outcomes.OutcomesRepository.InventoryRow;
import org.kyphoplasty.outcomes.OutcomesRepository.MobilityCounts;
import org.kyphoplasty.outcomes.OutcomesRepository.ResponderCounts;
import org.kyphoplasty.outcomes.OutcomesRepository.ScoreMean;
import org.kyphoplasty.outcomes.Statistics.Interval;
import org.kyphoplasty.outcomes.Statistics.MeanSummary;
import org.kyphoplasty.outcomes.Statistics.Verdict;

/** Turns the SQL counts into the reports: statistics, verdicts and disclosure control. Read-only. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OutcomesService {

    private final OutcomesRepository repository;
    private final Disclosure disclosure;

    public OutcomesService(OutcomesRepository repository, Disclosure disclosure) {
        this.repository = repository;
        this.disclosure = disclosure;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Mobility recovery

    public MobilityRecovery mobilityRecovery(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        List<MobilityCounts> rows = repository.mobilityRecovery(cohort, analysis, timepoint, definition, false);
        MobilityCounts overall = overall(rows, MobilityCounts::overall);
        List<MobilityRecovery> groups = analysis.groupBy() == null ? null
                : breakdown(rule, rows, MobilityCounts::overall, MobilityCounts::key, MobilityCounts::eligible,
                        OutcomesService::atoms,
                        (row, hidden) -> mobility(row, cohort, analysis, timepoint, definition, claim, hidden, null));
        return mobility(overall, cohort, analysis, timepoint, definition, claim, rule.anySmall(atoms(overall)),
                groups);
    }

    /** The counts that partition a group's patients: every published count is a sum of them. */
    static long[] atoms(MobilityCounts counts) {
        return new long[] { counts.incompleteBaseline(), counts.noLoss(), counts.regained(),
                counts.followedUp() - counts.regained(), counts.pending(), counts.lost(), counts.crossedOver() };
    }

    private MobilityRecovery mobility(MobilityCounts counts, Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim, boolean suppressed, List<MobilityRecovery> groups) {
        String key = counts.overall() ? null : String.valueOf(counts.key());
        if (suppressed) {
            return new MobilityRecovery(key, timepoint, definition, cohort.asOf(), null, null, null, null, null, null,
                    null, null, null, null, null, true, groups);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int regained = Math.toIntExact(counts.regained());
        long settled = counts.followedUp() + counts.lost();
        Double share = followed == 0 ? null : (double) regained / followed;
        ConfidenceInterval ci = interval(regained, followed, analysis);
        // bounds over the patients whose outcome is settled: pending ones are not lost yet
        Bounds bounds = settled == 0 ? null
                : new Bounds((double) regained / settled, (double) (regained + counts.lost()) / settled);
        Double pValue = followed == 0 ? null : Statistics.binomialTestPValue(regained, followed, claim);
        Verdict verdict = Statistics.verdict(ci == null ? null : new Interval(ci.lower(), ci.upper()), claim, followed);
        return new MobilityRecovery(key, timepoint, definition, cohort.asOf(), counts.incompleteBaseline(),
                counts.noLoss(), counts.eligible(), counts.followedUp(), counts.pending(), counts.lost(),
                counts.regained(), share, ci, bounds, new ClaimCheck(claim, pValue, verdict), false, groups);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Score responders

    public Responders responders(Cohort cohort, Analysis analysis, Score score, TimePoint timepoint, int minPoints,
            Double minPercent) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        List<ResponderCounts> rows = repository.responders(cohort, analysis, score, timepoint, minPoints,
                minPercent == null ? 0 : minPercent);
        ResponderCounts overall = overall(rows, ResponderCounts::overall);
        List<Responders> groups = analysis.groupBy() == null ? null
                : breakdown(rule, rows, ResponderCounts::overall, ResponderCounts::key, ResponderCounts::eligible,
                        OutcomesService::atoms, (row, hidden) -> responders(row, cohort, analysis, score, timepoint,
                                minPoints, minPercent, hidden, null));
        return responders(overall, cohort, analysis, score, timepoint, minPoints, minPercent,
                rule.anySmall(atoms(overall)), groups);
    }

    static long[] atoms(ResponderCounts counts) {
        return new long[] { counts.responders(), counts.followedUp() - counts.responders(), counts.pending(),
                counts.lost() };
    }

    private Responders responders(ResponderCounts counts, Cohort cohort, Analysis analysis, Score score,
            TimePoint timepoint, int minPoints, Double minPercent, boolean suppressed, List<Responders> groups) {
        String key = counts.overall() ? null : String.valueOf(counts.key());
        if (suppressed) {
            return new Responders(key, score, timepoint, cohort.asOf(), minPoints, minPercent, null, null, null, null,
                    null, null, null, null, null, null, null, null, true, groups);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int responders = Math.toIntExact(counts.responders());
        OutcomesRepository.ChangeAggregates change = counts.change();
        MeanSummary mean = Statistics.meanWithTInterval(counts.followedUp(), change.sumChange(),
                change.sumSquaredChange(), analysis.confidence());
        return new Responders(key, score, timepoint, cohort.asOf(), minPoints, minPercent, counts.eligible(),
                counts.followedUp(), counts.pending(), counts.lost(), counts.responders(),
                followed == 0 ? null : (double) responders / followed, interval(responders, followed, analysis),
                change.meanBaseline(), change.meanFollowUp(), mean.mean(),
                followed == 0 ? null : new MeanInterval(analysis.confidence(), mean.lower(), mean.upper()),
                change.medianChange(), false, groups);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Comparison

    public Comparison comparison(Cohort cohort, Analysis analysis, ProcedureType treatment, ProcedureType control,
            TimePoint timepoint, MobilityDefinition definition) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        MobilityCounts[] arms = arms(cohort, analysis, treatment, control, timepoint, definition);
        MobilityCounts treated = arms[0];
        MobilityCounts untreated = arms[1];
        // one small arm hides both: the other arm and a mobility-recovery query over both types would give it away
        boolean suppressed = rule.anySmall(atoms(treated)) || rule.anySmall(atoms(untreated));
        Arm treatmentArm = arm(treatment, treated, analysis, suppressed, false);
        Arm controlArm = arm(control, untreated, analysis, suppressed, true);
        int n1 = Math.toIntExact(treated.followedUp());
        int n2 = Math.toIntExact(untreated.followedUp());
        if (suppressed || n1 == 0 || n2 == 0) {
            return new Comparison(timepoint, definition, cohort.asOf(), treatmentArm, controlArm,
                    new Difference(null, analysis.confidence(), null, null, "NEWCOMBE"), null, suppressed);
        }
        int x1 = Math.toIntExact(treated.regained());
        int x2 = Math.toIntExact(untreated.regained());
        Interval difference = Statistics.newcombeDifference(x1, n1, x2, n2, analysis.confidence());
        return new Comparison(timepoint, definition, cohort.asOf(), treatmentArm, controlArm,
                new Difference((double) x1 / n1 - (double) x2 / n2, analysis.confidence(), difference.lower(),
                        difference.upper(), "NEWCOMBE"),
                Statistics.fisherExactPValue(x1, n1, x2, n2), false);
    }

    /**
     * The two arms' counts. Each patient counts once, by their earliest procedure of either type; a NON_SURGICAL control
     * patient who had a vertebral augmentation by the end of the window is crossed over.
     */
    private MobilityCounts[] arms(Cohort cohort, Analysis analysis, ProcedureType treatment, ProcedureType control,
            TimePoint timepoint, MobilityDefinition definition) {
        List<MobilityCounts> rows = repository.mobilityRecovery(cohort.withProcedureTypes(List.of(treatment, control)),
                analysis.withGroupBy(GroupBy.PROCEDURE_TYPE), timepoint, definition,
                control == ProcedureType.NON_SURGICAL);
        return new MobilityCounts[] { armCounts(rows, treatment), armCounts(rows, control) };
    }

    private static MobilityCounts armCounts(List<MobilityCounts> rows, ProcedureType type) {
        return rows.stream().filter(row -> !row.overall() && type.name().equals(row.key())).findFirst()
                .orElse(MobilityCounts.empty(type.name()));
    }

    private Arm arm(ProcedureType type, MobilityCounts counts, Analysis analysis, boolean suppressed,
            boolean control) {
        if (suppressed) {
            return new Arm(type, null, null, null, null, null, null, null, null, true);
        }
        int followed = Math.toIntExact(counts.followedUp());
        int regained = Math.toIntExact(counts.regained());
        return new Arm(type, counts.eligible(), counts.followedUp(), counts.pending(), counts.lost(),
                control ? counts.crossedOver() : null, counts.regained(),
                followed == 0 ? null : (double) regained / followed, interval(regained, followed, analysis), false);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Tipping point

    /**
     * What the answer would be for every possible outcome of the lost patients; with a control arm, the grid over both
     * arms' lost patients.
     */
    public TippingPointReport tippingPoint(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim, ProcedureType treatment, ProcedureType control) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        if (control != null) {
            return twoArmTippingPoint(cohort, analysis, timepoint, definition, claim, treatment, control, rule);
        }
        MobilityCounts counts = overall(repository.mobilityRecovery(cohort, analysis.withGroupBy(null), timepoint,
                definition, false), MobilityCounts::overall);
        if (rule.anySmall(atoms(counts))) {
            return new TippingPointReport(timepoint, definition, cohort.asOf(), claim, null, null, null, null, null,
                    null, null, true, null, null, null, null, null, null);
        }
        TippingPoint.Arm arm = new TippingPoint.Arm(Math.toIntExact(counts.regained()),
                Math.toIntExact(counts.followedUp()), Math.toIntExact(counts.lost()));
        TippingPoint.OneArm result = TippingPoint.oneArm(arm, claim, analysis.confidence(), analysis.interval());
        List<TippingPointEntry> points = result.points().stream()
                .map(point -> new TippingPointEntry(point.k(), point.share(),
                        new ConfidenceInterval(analysis.confidence(), analysis.interval(), point.ci().lower(),
                                point.ci().upper()),
                        point.pValue(), point.verdict()))
                .toList();
        return new TippingPointReport(timepoint, definition, cohort.asOf(), claim, counts.followedUp(), counts.lost(),
                counts.regained(), result.completeCaseVerdict(), points, result.tippingPoint(),
                statement(arm, result), false, null, null, null, null, null, null);
    }

    private TippingPointReport twoArmTippingPoint(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim, ProcedureType treatment, ProcedureType control,
            Disclosure.Rule rule) {
        MobilityCounts[] arms = arms(cohort, analysis, treatment, control, timepoint, definition);
        if (rule.anySmall(atoms(arms[0])) || rule.anySmall(atoms(arms[1]))) {
            return new TippingPointReport(timepoint, definition, cohort.asOf(), claim, null, null, null, null, null,
                    null, null, true, new ArmCounts(treatment, null, null, null),
                    new ArmCounts(control, null, null, null), null, null, null, null);
        }
        TippingPoint.Arm treated = tippingArm(arms[0]);
        TippingPoint.Arm untreated = tippingArm(arms[1]);
        TippingPoint.TwoArm result = TippingPoint.twoArms(treated, untreated, analysis.confidence());
        List<GridCell> grid = result.grid().stream()
                .map(cell -> new GridCell(cell.kTreatment(), cell.kControl(),
                        new DifferenceInterval(cell.estimate(), cell.difference().lower(), cell.difference().upper()),
                        cell.fisherPValue()))
                .toList();
        List<OutcomeReports.BoundaryPoint> boundary = result.boundary().stream()
                .map(point -> new OutcomeReports.BoundaryPoint(point.kTreatment(), point.kControl())).toList();
        long changed = result.grid().stream().filter(cell -> cell.excludesZero() != result.completeCaseExcludesZero())
                .count();
        String gridStatement = String.format(Locale.ROOT,
                "In the complete cases the interval of the difference %s 0. Over the %d scenarios for the lost "
                        + "patients (%d of %d treated, %d of %d controls lost), it would %s 0 in %d.",
                result.completeCaseExcludesZero() ? "excludes" : "contains", grid.size(), treated.lost(),
                treated.completed(), untreated.lost(), untreated.completed(),
                result.completeCaseExcludesZero() ? "contain" : "exclude", changed);
        return new TippingPointReport(timepoint, definition, cohort.asOf(), claim, null, null, null, null, null, null,
                null, false, armCounts(treatment, arms[0]), armCounts(control, arms[1]),
                result.completeCaseExcludesZero(), grid, boundary, gridStatement);
    }

    private static TippingPoint.Arm tippingArm(MobilityCounts counts) {
        return new TippingPoint.Arm(Math.toIntExact(counts.regained()), Math.toIntExact(counts.followedUp()),
                Math.toIntExact(counts.lost()));
    }

    private static ArmCounts armCounts(ProcedureType type, MobilityCounts counts) {
        return new ArmCounts(type, counts.followedUp(), counts.lost(), counts.regained());
    }

    /** The tipping point in words. */
    static String statement(TippingPoint.Arm arm, TippingPoint.OneArm result) {
        Verdict completeCase = result.completeCaseVerdict();
        if (result.points().isEmpty()) {
            return "Nobody was followed up or lost: there is no answer to test.";
        }
        String opening = arm.followedUp() == 0 ? "Nobody was followed up, so there is no complete-case verdict. "
                : String.format(Locale.ROOT, "The complete-case verdict is %s (%d of %d followed up regained). ",
                        completeCase, arm.regained(), arm.followedUp());
        if (arm.lost() == 0) {
            return opening + "Nobody was lost to follow-up, so it cannot change.";
        }
        StringBuilder text = new StringBuilder(opening);
        Integer k = result.tippingPoint();
        if (k == null) {
            text.append(String.format(Locale.ROOT,
                    "It holds whatever happened to the %d lost patients, from none to all of them regained.",
                    arm.lost()));
        } else {
            TippingPoint.Point tipping = result.points().get(k);
            boolean allBeyondDiffer = result.points().subList(k, result.points().size()).stream()
                    .allMatch(point -> point.verdict() != completeCase);
            text.append(String.format(Locale.ROOT, "The verdict would change to %s %s %d of the %d lost patients had "
                    + "regained, %s.", tipping.verdict(), k == 0 ? "if" : allBeyondDiffer ? "only if at least" : "if",
                    k, arm.lost(), percent(k, arm.lost())));
        }
        text.append(" By how many of the lost regained: ").append(ranges(result.points())).append('.');
        return text.toString();
    }

    /** "BELOW for k = 0-31, CONSISTENT for k = 32-62". */
    private static String ranges(List<TippingPoint.Point> points) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= points.size(); i++) {
            if (i == points.size() || points.get(i).verdict() != points.get(start).verdict()) {
                parts.add(points.get(start).verdict() + " for k = " + (start == i - 1 ? String.valueOf(start)
                        : start + "-" + (i - 1)));
                start = i;
            }
        }
        return String.join(", ", parts);
    }

    private static String percent(int part, int whole) {
        return Math.round(100.0 * part / whole) + "%";
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Trajectory and summary

    public Trajectory trajectory(Cohort cohort, Analysis analysis) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        Map<TimePoint, OutcomesRepository.TrajectoryRow> byPoint = new EnumMap<>(TimePoint.class);
        for (OutcomesRepository.TrajectoryRow row : repository.trajectory(cohort, analysis)) {
            byPoint.put(row.timepoint(), row);
        }
        List<TrajectoryPoint> points = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            OutcomesRepository.TrajectoryRow row = byPoint.get(point);
            if (row == null) {
                points.add(new TrajectoryPoint(point, 0L, null, null, null, null, null, false));
            } else if (rule.isSmall(row.n())) {
                points.add(new TrajectoryPoint(point, null, null, null, null, null, null, true));
            } else {
                points.add(new TrajectoryPoint(point, row.n(), mean(rule, row.pain()), mean(rule, row.mobility()),
                        mean(rule, row.odi()), mean(rule, row.rmdq()), mean(rule, row.eq5d()), false));
            }
        }
        return new Trajectory(cohort.asOf(), points);
    }

    /** A mean over fewer than min-cell-size values is itself a small cell. */
    private static Double mean(Disclosure.Rule rule, ScoreMean mean) {
        return rule.isSmall(mean.n()) ? null : mean.mean();
    }

    public Summary summary(Cohort cohort, Analysis analysis) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        Long patients = 0L;
        Map<ProcedureType, Long> procedures = new EnumMap<>(ProcedureType.class);
        Map<TimePoint, Long> assessments = new EnumMap<>(TimePoint.class);
        for (ProcedureType type : ProcedureType.values()) {
            procedures.put(type, 0L);
        }
        for (TimePoint point : TimePoint.values()) {
            assessments.put(point, 0L);
        }
        for (InventoryRow row : repository.inventory(cohort)) {
            // a count of procedures or assessments is judged on the patients it covers
            Long shown = rule.isSmall(row.patients()) ? null : row.count();
            switch (row.kind()) {
                case "patients" -> patients = shown;
                case "procedures" -> procedures.put(ProcedureType.valueOf(row.key()), shown);
                default -> assessments.put(TimePoint.valueOf(row.key()), shown);
            }
        }
        Map<TimePoint, CompletenessRow> byPoint = new EnumMap<>(TimePoint.class);
        for (CompletenessRow row : repository.completeness(cohort, analysis)) {
            byPoint.put(row.timepoint(), row);
        }
        List<Completeness> followUp = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            if (!point.isFollowUp()) {
                continue;
            }
            CompletenessRow row = byPoint.getOrDefault(point, new CompletenessRow(point, 0, 0, 0, 0, 0));
            long due = row.followedUp() + row.lost();
            if (rule.anySmall(row.assessedWithinWindow(), row.assessed() - row.assessedWithinWindow(),
                    row.followedUp(), row.pending(), row.lost())) {
                followUp.add(new Completeness(point, null, null, null, null, null, null, null, true));
            } else {
                followUp.add(new Completeness(point, due, row.assessed(), row.assessedWithinWindow(), row.followedUp(),
                        row.pending(), row.lost(), due == 0 ? null : (double) row.followedUp() / due, false));
            }
        }
        return new Summary(cohort.asOf(), patients, procedures, assessments, followUp, disclosure.minCellSize());
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static <T> T overall(List<T> rows, java.util.function.Predicate<T> overall) {
        return rows.stream().filter(overall).findFirst().orElseThrow();
    }

    /**
     * The groups of a breakdown in key order, each reported with whether disclosure control hides it (judged on its
     * atoms, secondary suppression ordered by {@code size}).
     */
    private static <T, R> List<R> breakdown(Disclosure.Rule rule, List<T> rows, java.util.function.Predicate<T> overall,
            Function<T, String> key, java.util.function.ToLongFunction<T> size, Function<T, long[]> atoms,
            BiFunction<T, Boolean, R> report) {
        List<T> groupRows = rows.stream().filter(overall.negate())
                .sorted(Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        Set<String> hidden = rule.suppressedKeys(groupRows.stream()
                .map(row -> new Disclosure.Cell(key.apply(row), size.applyAsLong(row), atoms.apply(row))).toList());
        List<R> groups = new ArrayList<>();
        for (T row : groupRows) {
            groups.add(report.apply(row, hidden.contains(key.apply(row))));
        }
        return groups;
    }

    private static ConfidenceInterval interval(int successes, int trials, Analysis analysis) {
        if (trials == 0) {
            return null;
        }
        Interval interval = Statistics.proportionInterval(successes, trials, analysis.confidence(),
                analysis.interval());
        return new ConfidenceInterval(analysis.confidence(), analysis.interval(), interval.lower(), interval.upper());
    }
}
