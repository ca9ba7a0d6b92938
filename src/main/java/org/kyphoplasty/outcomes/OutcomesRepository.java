package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;

/**
 * The outcome aggregates, each computed by PostgreSQL in a single statement over the patients' index procedures (one
 * per patient): one row per group plus the overall row (GROUPING SETS), counts with FILTER, means and medians in SQL.
 * Nothing is loaded row by row into Java. Every count is a count of distinct patients.
 * <p>
 * Each report's counts come as <em>atoms</em>, the categories that partition its patients, each with the sum of its
 * patients' cell keys (see {@link Disclosure}); the published counts are sums of atoms.
 */
@ApplicationScoped
public class OutcomesRepository {

    /** A set of patients: how many, and the sum of their cell keys. */
    public record Atom(long count, long key) {

        static final Atom EMPTY = new Atom(0, 0);
    }

    /** The mobility recovery categories of one group ({@code key} null for the overall row). */
    public record MobilityCounts(String key, boolean overall, Atom incompleteBaseline, Atom noLoss, Atom regained,
            Atom notRegained, Atom pending, Atom lost, Atom crossedOver) {

        static MobilityCounts empty(String key) {
            return new MobilityCounts(key, false, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY,
                    Atom.EMPTY, Atom.EMPTY);
        }

        Atom[] atoms() {
            return new Atom[] { incompleteBaseline, noLoss, regained, notRegained, pending, lost, crossedOver };
        }

        MobilityCounts withAtoms(Atom[] atoms) {
            return new MobilityCounts(key, overall, atoms[0], atoms[1], atoms[2], atoms[3], atoms[4], atoms[5],
                    atoms[6]);
        }

        long followedUp() {
            return regained.count() + notRegained.count();
        }

        long eligible() {
            return followedUp() + pending.count() + lost.count() + crossedOver.count();
        }

        long patients() {
            return eligible() + incompleteBaseline.count() + noLoss.count();
        }
    }

    /** Means of the baseline, follow-up and change among the followed-up, as SQL computes them. */
    public record ChangeAggregates(Double meanBaseline, Double meanFollowUp, double sumChange, double sumSquaredChange,
            Double medianChange) {
    }

    /** A responder analysis of one group: its atoms among the eligible, the cohort size, and the change. */
    public record ResponderCounts(String key, boolean overall, long patients, Atom responders, Atom nonResponders,
            Atom pending, Atom lost, ChangeAggregates change) {

        Atom[] atoms() {
            return new Atom[] { responders, nonResponders, pending, lost };
        }

        ResponderCounts withAtoms(Atom[] atoms) {
            return new ResponderCounts(key, overall, patients, atoms[0], atoms[1], atoms[2], atoms[3], change);
        }

        long followedUp() {
            return responders.count() + nonResponders.count();
        }

        long eligible() {
            return followedUp() + pending.count() + lost.count();
        }
    }

    /** Number of values with the mean of one score at one time point. */
    public record ScoreMean(long n, Double mean) {
    }

    public record TrajectoryRow(TimePoint timepoint, Atom patients, ScoreMean pain, ScoreMean mobility, ScoreMean odi,
            ScoreMean rmdq, ScoreMean eq5d) {
    }

    /** One line of the summary: a kind (patients, procedures, assessments), its key, its count and patients. */
    public record InventoryRow(String kind, String key, Atom count, long patients) {
    }

    /**
     * Follow-up of the index procedures at one time point, as five atoms: a value inside the window; a value outside it
     * with the window open or closed; no value with the window open or closed.
     */
    public record CompletenessRow(TimePoint timepoint, Atom inWindow, Atom outsideOpen, Atom outsideClosed,
            Atom noneOpen, Atom noneClosed) {

        static CompletenessRow empty(TimePoint timepoint) {
            return new CompletenessRow(timepoint, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY, Atom.EMPTY);
        }

        Atom[] atoms() {
            return new Atom[] { inWindow, outsideOpen, outsideClosed, noneOpen, noneClosed };
        }

        CompletenessRow withAtoms(Atom[] atoms) {
            return new CompletenessRow(timepoint, atoms[0], atoms[1], atoms[2], atoms[3], atoms[4]);
        }
    }

    private final EntityManager entityManager;

    public OutcomesRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Mobility recovery at {@code timepoint}. With {@code crossover}, a NON_SURGICAL index procedure followed by a
     * vertebral augmentation of the same patient by the end of the time point's window is counted as crossed over and
     * left out of followed up, pending and lost.
     */
    public List<MobilityCounts> mobilityRecovery(Cohort cohort, Analysis analysis, TimePoint timepoint,
            MobilityDefinition definition, boolean crossover) {
        int closes = timepoint.windowClosesDay();
        Sql extra = new Sql().append("p.performed_on + ? >= ? as open, ", closes, cohort.asOf());
        if (crossover) {
            extra.append("""
                    (p.type = 'NON_SURGICAL' and exists (
                        select 1 from procedure x
                        where x.patient_id = p.patient_id and x.id <> p.id
                          and x.type in ('KYPHOPLASTY', 'VERTEBROPLASTY')
                          and x.performed_on >= p.performed_on and x.performed_on <= p.performed_on + ?
                          and x.performed_on <= ?)) as crossed""", closes, cohort.asOf());
        } else {
            extra.append("false as crossed");
        }
        String regained = definition == MobilityDefinition.RETURN_TO_PRE_FRACTURE ? "fu >= pre" : "fu > base";
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, analysis.groupBy(), extra);
        sql.append("""
                ), per_patient as (
                    select c.grp, c.ck, c.open, c.crossed,
                           max(a.mobility_fac) filter (where a.timepoint = 'PRE_FRACTURE') as pre,
                           max(a.mobility_fac) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.mobility_fac) filter (where a.timepoint = ? and (a.within_window or ?)) as fu
                    from cohort c
                    left join assessment a on a.procedure_id = c.id and a.assessed_on <= ?
                                          and a.timepoint in ('PRE_FRACTURE', 'BASELINE', ?)
                    group by c.id, c.grp, c.ck, c.open, c.crossed
                ), classified as (
                    select grp, ck,
                           case when pre is null or base is null then 'INCOMPLETE'
                                when base >= pre then 'NO_LOSS'
                                when crossed then 'CROSSED'
                                when fu is not null and %s then 'REGAINED'
                                when fu is not null then 'NOT_REGAINED'
                                when open then 'PENDING'
                                else 'LOST' end as category
                    from per_patient
                )
                """.formatted(regained), timepoint.name(), analysis.includeOutOfWindow(), cohort.asOf(),
                timepoint.name());
        sql.append("select " + groupColumns(analysis) + atomColumns("category", MOBILITY_CATEGORIES)
                + " from classified " + groupingClause(analysis));
        return rows(sql, row -> {
            Atom[] atoms = atoms(row, 2, MOBILITY_CATEGORIES.length);
            return new MobilityCounts((String) row[0], (Boolean) row[1], atoms[0], atoms[1], atoms[2], atoms[3],
                    atoms[4], atoms[5], atoms[6]);
        });
    }

    private static final String[] MOBILITY_CATEGORIES = { "INCOMPLETE", "NO_LOSS", "REGAINED", "NOT_REGAINED",
            "PENDING", "LOST", "CROSSED" };
    private static final String[] RESPONDER_CATEGORIES = { "RESPONDER", "NON_RESPONDER", "PENDING", "LOST" };
    private static final String[] COMPLETENESS_CATEGORIES = { "IN_WINDOW", "OUTSIDE_OPEN", "OUTSIDE_CLOSED",
            "NONE_OPEN", "NONE_CLOSED" };

    public List<ResponderCounts> responders(Cohort cohort, Analysis analysis, Score score, TimePoint timepoint,
            int minPoints, double minPercent) {
        Sql extra = new Sql().append("p.performed_on + ? >= ? as open", timepoint.windowClosesDay(), cohort.asOf());
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, analysis.groupBy(), extra);
        sql.append("""
                ), per_patient as (
                    select c.grp, c.ck, c.open,
                           max(a.%1$s) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.%1$s) filter (where a.timepoint = ? and (a.within_window or ?)) as fu
                    from cohort c
                    left join assessment a on a.procedure_id = c.id and a.assessed_on <= ?
                                          and a.timepoint in ('BASELINE', ?)
                    group by c.id, c.grp, c.ck, c.open
                ), scored as (
                    select grp, ck, base, fu, fu - base as change,
                           case when base is null or base < ? then null
                                when fu is not null and base - fu >= ? and (base - fu) * 100.0 >= ? * base
                                     then 'RESPONDER'
                                when fu is not null then 'NON_RESPONDER'
                                when open then 'PENDING'
                                else 'LOST' end as category
                    from per_patient
                )
                """.formatted(score.column()), timepoint.name(), analysis.includeOutOfWindow(), cohort.asOf(),
                timepoint.name(), minPoints, minPoints, minPercent);
        sql.append("select " + groupColumns(analysis) + atomColumns("category", RESPONDER_CATEGORIES) + """
                ,
                       count(*),
                       avg(base) filter (where fu is not null and category is not null),
                       avg(fu) filter (where fu is not null and category is not null),
                       coalesce(sum(change) filter (where fu is not null and category is not null), 0),
                       coalesce(sum(change * change) filter (where fu is not null and category is not null), 0),
                       percentile_cont(0.5) within group (order by change)
                           filter (where fu is not null and category is not null)
                from scored
                """);
        sql.append(groupingClause(analysis));
        int n = RESPONDER_CATEGORIES.length;
        return rows(sql, row -> {
            Atom[] atoms = atoms(row, 2, n);
            int next = 2 + 2 * n;
            return new ResponderCounts((String) row[0], (Boolean) row[1], count(row[next]), atoms[0], atoms[1],
                    atoms[2], atoms[3], new ChangeAggregates(decimal(row[next + 1]), decimal(row[next + 2]),
                            decimal(row[next + 3]), decimal(row[next + 4]), decimal(row[next + 5])));
        });
    }

    /** Means of the scores present at each time point, over the index procedures. */
    public List<TrajectoryRow> trajectory(Cohort cohort, Analysis analysis) {
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, null, null);
        sql.append("""
                )
                select a.timepoint, count(*), coalesce(sum(c.ck), 0),
                       count(a.pain_nrs), avg(a.pain_nrs),
                       count(a.mobility_fac), avg(a.mobility_fac),
                       count(a.odi), avg(a.odi),
                       count(a.rmdq), avg(a.rmdq),
                       count(a.eq5d_index), avg(a.eq5d_index)
                from cohort c
                join assessment a on a.procedure_id = c.id
                where a.assessed_on <= ? and (a.within_window or ?)
                group by a.timepoint
                """, cohort.asOf(), analysis.includeOutOfWindow());
        return rows(sql, row -> new TrajectoryRow(TimePoint.valueOf((String) row[0]),
                new Atom(count(row[1]), count(row[2])), new ScoreMean(count(row[3]), decimal(row[4])),
                new ScoreMean(count(row[5]), decimal(row[6])), new ScoreMean(count(row[7]), decimal(row[8])),
                new ScoreMean(count(row[9]), decimal(row[10])), new ScoreMean(count(row[11]), decimal(row[12]))));
    }

    /**
     * Patients, procedures by type and assessments by time point of every procedure the cohort selects (not only index
     * procedures: this is an inventory), each with the number of distinct patients it covers.
     */
    public List<InventoryRow> inventory(Cohort cohort) {
        Sql sql = new Sql().append("with f as (select p.id, p.patient_id, p.type, pt.cell_key as ck from "
                + Cohort.FROM + " where ");
        cohort.where(sql);
        sql.append("""
                )
                select 'patients', cast(null as text), count(*), coalesce(sum(ck), 0), count(*)
                from (select distinct patient_id, ck from f) as patients
                union all
                select 'procedures', type, count(*), coalesce(sum(ck), 0), count(distinct patient_id) from f group by type
                union all
                select 'assessments', a.timepoint, count(*), coalesce(sum(f.ck), 0), count(distinct f.patient_id)
                from f join assessment a on a.procedure_id = f.id
                where a.assessed_on <= ?
                group by a.timepoint
                """, cohort.asOf());
        return rows(sql, row -> new InventoryRow((String) row[0], (String) row[1],
                new Atom(count(row[2]), count(row[3])), count(row[4])));
    }

    /** Per follow-up time point, over the index procedures: the completeness atoms as of the cohort's date. */
    public List<CompletenessRow> completeness(Cohort cohort) {
        Sql windows = new Sql();
        for (TimePoint point : TimePoint.values()) {
            if (point.isFollowUp()) {
                windows.append(windows.text().isEmpty() ? "(?, ?)" : ", (?, ?)", point.name(),
                        point.windowClosesDay());
            }
        }
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, null, null);
        sql.append("), per_point as (select w.timepoint, c.ck, case"
                + " when a.within_window then 'IN_WINDOW'"
                + " when a.id is not null and c.performed_on + w.closes >= ? then 'OUTSIDE_OPEN'"
                + " when a.id is not null then 'OUTSIDE_CLOSED'"
                + " when c.performed_on + w.closes >= ? then 'NONE_OPEN'"
                + " else 'NONE_CLOSED' end as category", cohort.asOf(), cohort.asOf());
        sql.append(" from (values " + windows.text() + ") as w(timepoint, closes)", windows.arguments().toArray());
        sql.append("""
                 cross join cohort c
                 left join assessment a on a.procedure_id = c.id and a.timepoint = w.timepoint and a.assessed_on <= ?
                )
                select timepoint""", cohort.asOf());
        sql.append(atomColumns("category", COMPLETENESS_CATEGORIES) + " from per_point group by timepoint");
        return rows(sql, row -> {
            Atom[] atoms = atoms(row, 1, COMPLETENESS_CATEGORIES.length);
            return new CompletenessRow(TimePoint.valueOf((String) row[0]), atoms[0], atoms[1], atoms[2], atoms[3],
                    atoms[4]);
        });
    }

    /** For each category, its count and the sum of its patients' cell keys. */
    private static String atomColumns(String column, String[] categories) {
        StringBuilder columns = new StringBuilder();
        for (String category : categories) {
            columns.append(",\n       count(*) filter (where ").append(column).append(" = '").append(category)
                    .append("'), coalesce(sum(ck) filter (where ").append(column).append(" = '").append(category)
                    .append("'), 0)");
        }
        return columns.toString();
    }

    private static Atom[] atoms(Object[] row, int first, int n) {
        Atom[] atoms = new Atom[n];
        for (int i = 0; i < n; i++) {
            atoms[i] = new Atom(count(row[first + 2 * i]), count(row[first + 2 * i + 1]));
        }
        return atoms;
    }

    private static String groupColumns(Analysis analysis) {
        return analysis.groupBy() == null ? "cast(null as text), true" : "grp, grouping(grp) = 1";
    }

    private static String groupingClause(Analysis analysis) {
        return analysis.groupBy() == null ? " group by ()" : " group by grouping sets ((grp), ())";
    }

    /** Runs a report query and maps each row; the one place where native rows become records. */
    private <T> List<T> rows(Sql sql, Function<Object[], T> mapper) {
        Query query = entityManager.createNativeQuery(sql.text());
        List<Object> arguments = sql.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            query.setParameter(i + 1, arguments.get(i));
        }
        List<T> result = new ArrayList<>();
        for (Object row : query.getResultList()) {
            result.add(mapper.apply((Object[]) row));
        }
        return result;
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
