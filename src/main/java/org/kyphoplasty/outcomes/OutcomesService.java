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
import org.kyphoplasty.outcomes.OutcomesRepository.Atom;
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

    public Answered<MobilityRecovery> mobilityRecovery(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        List<MobilityCounts> rows = repository.mobilityRecovery(cohort, analysis, timepoint, definition, false);
        MobilityCounts overall = overall(rows, MobilityCounts::overall);
        List<MobilityRecovery> groups = analysis.groupBy() == null ? null
                : breakdown(rule, rows, MobilityCounts::overall, MobilityCounts::key, MobilityCounts::eligible,
                        MobilityCounts::atoms, (row, hidden) -> mobility(rule, row, cohort, analysis, timepoint,
                                definition, claim, hidden, null));
        return new Answered<>(mobility(rule, overall, cohort, analysis, timepoint, definition, claim,
                rule.hides(overall.atoms()), groups), overall.patients());
    }

    private MobilityRecovery mobility(Disclosure.Rule rule, MobilityCounts exact, Cohort cohort, Analysis analysis,
            TimePoint timepoint, MobilityDefinition definition, double claim, boolean suppressed,
            List<MobilityRecovery> groups) {
        String key = exact.overall() ? null : String.valueOf(exact.key());
        if (suppressed) {
            return new MobilityRecovery(key, timepoint, definition, cohort.asOf(), null, null, null, null, null, null,
                    null, null, null, null, null, true, groups);
        }
        MobilityCounts counts = exact.withAtoms(rule.publish(exact.atoms()));
        int followed = Math.toIntExact(counts.followedUp());
        int regained = Math.toIntExact(counts.regained().count());
        long lost = counts.lost().count();
        long settled = followed + lost;
        Double share = followed == 0 ? null : (double) regained / followed;
        ConfidenceInterval ci = interval(regained, followed, analysis);
        // bounds over the patients whose outcome is settled: pending ones are not lost yet
        Bounds bounds = settled == 0 ? null
                : new Bounds((double) regained / settled, (double) (regained + lost) / settled);
        Double pValue = followed == 0 ? null : Statistics.binomialTestPValue(regained, followed, claim);
        Verdict verdict = Statistics.verdict(ci == null ? null : new Interval(ci.lower(), ci.upper()), claim, followed);
        return new MobilityRecovery(key, timepoint, definition, cohort.asOf(), counts.incompleteBaseline().count(),
                counts.noLoss().count(), counts.eligible(), counts.followedUp(), counts.pending().count(), lost,
                counts.regained().count(), share, ci, bounds, new ClaimCheck(claim, pValue, verdict), false, groups);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Score responders

    public Answered<Responders> responders(Cohort cohort, Analysis analysis, Score score, TimePoint timepoint,
            int minPoints, Double minPercent) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        List<ResponderCounts> rows = repository.responders(cohort, analysis, score, timepoint, minPoints,
                minPercent == null ? 0 : minPercent);
        ResponderCounts overall = overall(rows, ResponderCounts::overall);
        List<Responders> groups = analysis.groupBy() == null ? null
                : breakdown(rule, rows, ResponderCounts::overall, ResponderCounts::key, ResponderCounts::eligible,
                        ResponderCounts::atoms, (row, hidden) -> responders(rule, row, cohort, analysis, score,
                                timepoint, minPoints, minPercent, hidden, null));
        return new Answered<>(responders(rule, overall, cohort, analysis, score, timepoint, minPoints, minPercent,
                rule.hides(overall.atoms()), groups), overall.patients());
    }

    private Responders responders(Disclosure.Rule rule, ResponderCounts exact, Cohort cohort, Analysis analysis,
            Score score, TimePoint timepoint, int minPoints, Double minPercent, boolean suppressed,
            List<Responders> groups) {
        String key = exact.overall() ? null : String.valueOf(exact.key());
        if (suppressed) {
            return new Responders(key, score, timepoint, cohort.asOf(), minPoints, minPercent, null, null, null, null,
                    null, null, null, null, null, null, null, null, true, groups);
        }
        ResponderCounts counts = exact.withAtoms(rule.publish(exact.atoms()));
        int followed = Math.toIntExact(counts.followedUp());
        int responders = Math.toIntExact(counts.responders().count());
        // the means are over the exact followed-up patients (a mean of at least min-cell-size values)
        OutcomesRepository.ChangeAggregates change = exact.change();
        int exactFollowed = Math.toIntExact(exact.followedUp());
        MeanSummary mean = Statistics.meanWithTInterval(exactFollowed, change.sumChange(), change.sumSquaredChange(),
                analysis.confidence());
        return new Responders(key, score, timepoint, cohort.asOf(), minPoints, minPercent, counts.eligible(),
                counts.followedUp(), counts.pending().count(), counts.lost().count(), counts.responders().count(),
                followed == 0 ? null : (double) responders / followed, interval(responders, followed, analysis),
                change.meanBaseline(), change.meanFollowUp(), mean.mean(),
                exactFollowed == 0 ? null : new MeanInterval(analysis.confidence(), mean.lower(), mean.upper()),
                change.medianChange(), false, groups);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Comparison

    public Answered<Comparison> comparison(Cohort cohort, Analysis analysis, ProcedureType treatment,
            ProcedureType control, TimePoint timepoint, MobilityDefinition definition) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        MobilityCounts[] exact = arms(cohort, analysis, treatment, control, timepoint, definition);
        long patients = exact[0].patients() + exact[1].patients();
        // one small arm hides both: the other arm and a mobility-recovery query over both types would give it away
        boolean suppressed = rule.hides(exact[0].atoms()) || rule.hides(exact[1].atoms());
        MobilityCounts treated = exact[0].withAtoms(rule.publish(exact[0].atoms()));
        MobilityCounts untreated = exact[1].withAtoms(rule.publish(exact[1].atoms()));
        Arm treatmentArm = arm(treatment, treated, analysis, suppressed, false);
        Arm controlArm = arm(control, untreated, analysis, suppressed, true);
        int n1 = Math.toIntExact(treated.followedUp());
        int n2 = Math.toIntExact(untreated.followedUp());
        if (suppressed || n1 == 0 || n2 == 0) {
            return new Answered<>(new Comparison(timepoint, definition, cohort.asOf(), treatmentArm, controlArm,
                    new Difference(null, analysis.confidence(), null, null, "NEWCOMBE"), null, suppressed), patients);
        }
        int x1 = Math.toIntExact(treated.regained().count());
        int x2 = Math.toIntExact(untreated.regained().count());
        Interval difference = Statistics.newcombeDifference(x1, n1, x2, n2, analysis.confidence());
        return new Answered<>(new Comparison(timepoint, definition, cohort.asOf(), treatmentArm, controlArm,
                new Difference((double) x1 / n1 - (double) x2 / n2, analysis.confidence(), difference.lower(),
                        difference.upper(), "NEWCOMBE"),
                Statistics.fisherExactPValue(x1, n1, x2, n2), false), patients);
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
        int regained = Math.toIntExact(counts.regained().count());
        return new Arm(type, counts.eligible(), counts.followedUp(), counts.pending().count(), counts.lost().count(),
                control ? counts.crossedOver().count() : null, counts.regained().count(),
                followed == 0 ? null : (double) regained / followed, interval(regained, followed, analysis), false);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Tipping point

    /**
     * What the answer would be for every possible outcome of the lost patients; with a control arm, the grid over both
     * arms' lost patients.
     */
    public Answered<TippingPointReport> tippingPoint(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim, ProcedureType treatment, ProcedureType control) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        if (control != null) {
            return twoArmTippingPoint(cohort, analysis, timepoint, definition, claim, treatment, control, rule);
        }
        MobilityCounts exact = overall(repository.mobilityRecovery(cohort, analysis.withGroupBy(null), timepoint,
                definition, false), MobilityCounts::overall);
        if (rule.hides(exact.atoms())) {
            return new Answered<>(new TippingPointReport(timepoint, definition, cohort.asOf(), claim, null, null, null,
                    null, null, null, null, true, null, null, null, null, null, null), exact.patients());
        }
        TippingPoint.Arm arm = tippingArm(exact.withAtoms(rule.publish(exact.atoms())));
        return new Answered<>(oneArm(arm, cohort, analysis, timepoint, definition, claim), exact.patients());
    }

    /** Every outcome of one arm's lost patients against the claim. */
    private static TippingPointReport oneArm(TippingPoint.Arm arm, Cohort cohort, Analysis analysis,
            TimePoint timepoint, MobilityDefinition definition, double claim) {
        TippingPoint.OneArm result = TippingPoint.oneArm(arm, claim, analysis.confidence(), analysis.interval());
        List<TippingPointEntry> points = result.points().stream()
                .map(point -> new TippingPointEntry(point.k(), point.share(),
                        new ConfidenceInterval(analysis.confidence(), analysis.interval(), point.ci().lower(),
                                point.ci().upper()),
                        point.pValue(), point.verdict()))
                .toList();
        return new TippingPointReport(timepoint, definition, cohort.asOf(), claim, (long) arm.followedUp(),
                (long) arm.lost(), (long) arm.regained(), result.completeCaseVerdict(), points, result.tippingPoint(),
                statement(arm, result), false, null, null, null, null, null, null);
    }

    private Answered<TippingPointReport> twoArmTippingPoint(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, double claim, ProcedureType treatment, ProcedureType control,
            Disclosure.Rule rule) {
        MobilityCounts[] exact = arms(cohort, analysis, treatment, control, timepoint, definition);
        long patients = exact[0].patients() + exact[1].patients();
        if (rule.hides(exact[0].atoms()) || rule.hides(exact[1].atoms())) {
            return new Answered<>(new TippingPointReport(timepoint, definition, cohort.asOf(), claim, null, null, null,
                    null, null, null, null, true, new ArmCounts(treatment, null, null, null),
                    new ArmCounts(control, null, null, null), null, null, null, null), patients);
        }
        TippingPoint.Arm treated = tippingArm(exact[0].withAtoms(rule.publish(exact[0].atoms())));
        TippingPoint.Arm untreated = tippingArm(exact[1].withAtoms(rule.publish(exact[1].atoms())));
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
        // the contract's two-arm answer is the treatment arm's one-arm answer with the grid added
        return new Answered<>(oneArm(treated, cohort, analysis, timepoint, definition, claim).withGrid(
                armCounts(treatment, treated), armCounts(control, untreated), result.completeCaseExcludesZero(), grid,
                boundary, gridStatement), patients);
    }

    private static TippingPoint.Arm tippingArm(MobilityCounts counts) {
        return new TippingPoint.Arm(Math.toIntExact(counts.regained().count()), Math.toIntExact(counts.followedUp()),
                Math.toIntExact(counts.lost().count()));
    }

    private static ArmCounts armCounts(ProcedureType type, TippingPoint.Arm arm) {
        return new ArmCounts(type, (long) arm.followedUp(), (long) arm.lost(), (long) arm.regained());
    }

    /** The tipping point in words. */
    static String statement(TippingPoint.Arm arm, TippingPoint.OneArm result) {
        Verdict completeCase = result.completeCaseVerdict();
        if (result.verdicts().isEmpty()) {
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
            List<Verdict> verdicts = result.verdicts();
            boolean allBeyondDiffer = verdicts.subList(k, verdicts.size()).stream()
                    .allMatch(verdict -> verdict != completeCase);
            text.append(String.format(Locale.ROOT, "The verdict would change to %s %s %d of the %d lost patients had "
                    + "regained, %s.", verdicts.get(k), k == 0 ? "if" : allBeyondDiffer ? "only if at least" : "if",
                    k, arm.lost(), percent(k, arm.lost())));
        }
        text.append(" By how many of the lost regained: ").append(ranges(result.verdicts())).append('.');
        return text.toString();
    }

    /** "BELOW for k = 0-31, CONSISTENT for k = 32-62". */
    private static String ranges(List<Verdict> verdicts) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= verdicts.size(); i++) {
            if (i == verdicts.size() || verdicts.get(i) != verdicts.get(start)) {
                parts.add(verdicts.get(start) + " for k = " + (start == i - 1 ? String.valueOf(start)
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

    public Answered<Trajectory> trajectory(Cohort cohort, Analysis analysis) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        Map<TimePoint, OutcomesRepository.TrajectoryRow> byPoint = new EnumMap<>(TimePoint.class);
        long patients = 0;
        for (OutcomesRepository.TrajectoryRow row : repository.trajectory(cohort, analysis)) {
            byPoint.put(row.timepoint(), row);
            patients = Math.max(patients, row.patients().count());
        }
        List<TrajectoryPoint> points = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            OutcomesRepository.TrajectoryRow row = byPoint.get(point);
            if (row == null) {
                points.add(new TrajectoryPoint(point, 0L, null, null, null, null, null, false));
            } else if (rule.hides(new Atom[] { row.patients() })) {
                points.add(new TrajectoryPoint(point, null, null, null, null, null, null, true));
            } else {
                points.add(new TrajectoryPoint(point, rule.published(row.patients()), mean(rule, row.pain()),
                        mean(rule, row.mobility()), mean(rule, row.odi()), mean(rule, row.rmdq()),
                        mean(rule, row.eq5d()), false));
            }
        }
        return new Answered<>(new Trajectory(cohort.asOf(), points), patients);
    }

    /** A mean over fewer than min-cell-size values is itself a small cell. */
    private static Double mean(Disclosure.Rule rule, ScoreMean mean) {
        return rule.isSmall(mean.n()) ? null : mean.mean();
    }

    public Answered<Summary> summary(Cohort cohort, Analysis analysis) {
        Disclosure.Rule rule = disclosure.rule(analysis.exact());
        Long patients = 0L;
        long covered = 0;
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
            Long shown = rule.isSmall(row.patients()) || rule.hides(new Atom[] { row.count() }) ? null
                    : rule.published(row.count());
            switch (row.kind()) {
                case "patients" -> {
                    patients = shown;
                    covered = row.patients();
                }
                case "procedures" -> procedures.put(ProcedureType.valueOf(row.key()), shown);
                default -> assessments.put(TimePoint.valueOf(row.key()), shown);
            }
        }
        Map<TimePoint, CompletenessRow> byPoint = new EnumMap<>(TimePoint.class);
        for (CompletenessRow row : repository.completeness(cohort)) {
            byPoint.put(row.timepoint(), row);
        }
        List<Completeness> followUp = new ArrayList<>();
        for (TimePoint point : TimePoint.values()) {
            if (point.isFollowUp()) {
                followUp.add(completeness(rule, byPoint.getOrDefault(point, CompletenessRow.empty(point)),
                        analysis.includeOutOfWindow()));
            }
        }
        return new Answered<>(new Summary(cohort.asOf(), patients, procedures, assessments, followUp,
                disclosure.minCellSize()), covered);
    }

    private static Completeness completeness(Disclosure.Rule rule, CompletenessRow exact, boolean includeOutOfWindow) {
        if (rule.hides(exact.atoms())) {
            return new Completeness(exact.timepoint(), null, null, null, null, null, null, null, true);
        }
        CompletenessRow row = exact.withAtoms(rule.publish(exact.atoms()));
        long inWindow = row.inWindow().count();
        long outsideOpen = row.outsideOpen().count();
        long outsideClosed = row.outsideClosed().count();
        // a value outside the window counts only when asked; without it, the patient waits or is lost like one
        // without a value
        long followedUp = inWindow + (includeOutOfWindow ? outsideOpen + outsideClosed : 0);
        long pending = row.noneOpen().count() + (includeOutOfWindow ? 0 : outsideOpen);
        long lost = row.noneClosed().count() + (includeOutOfWindow ? 0 : outsideClosed);
        long due = followedUp + lost;
        return new Completeness(row.timepoint(), due, inWindow + outsideOpen + outsideClosed, inWindow, followedUp,
                pending, lost, due == 0 ? null : (double) followedUp / due, false);
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
            Function<T, String> key, java.util.function.ToLongFunction<T> size, Function<T, Atom[]> atoms,
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
