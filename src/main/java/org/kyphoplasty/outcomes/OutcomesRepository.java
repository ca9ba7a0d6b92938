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
 */
@ApplicationScoped
public class OutcomesRepository {

    /** Counts of the mobility recovery categories of one group ({@code key} null for the overall row). */
    public record MobilityCounts(String key, boolean overall, long incompleteBaseline, long noLoss, long eligible,
            long crossedOver, long followedUp, long pending, long lost, long regained) {

        static MobilityCounts empty(String key) {
            return new MobilityCounts(key, false, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** Means of the baseline, follow-up and change among the followed-up, as SQL computes them. */
    public record ChangeAggregates(Double meanBaseline, Double meanFollowUp, double sumChange, double sumSquaredChange,
            Double medianChange) {
    }

    /** Counts and SQL aggregates of a responder analysis of one group. */
    public record ResponderCounts(String key, boolean overall, long eligible, long followedUp, long pending, long lost,
            long responders, ChangeAggregates change) {
    }

    /** Number of patients and of values with the mean of each score at one time point. */
    public record ScoreMean(long n, Double mean) {
    }

    public record TrajectoryRow(TimePoint timepoint, long n, ScoreMean pain, ScoreMean mobility, ScoreMean odi,
            ScoreMean rmdq, ScoreMean eq5d) {
    }

    /** One line of the summary: a kind (patients, procedures, assessments), its key, and its counts. */
    public record InventoryRow(String kind, String key, long count, long patients) {
    }

    /** Follow-up completeness of the index procedures at one time point. */
    public record CompletenessRow(TimePoint timepoint, long assessed, long assessedWithinWindow, long followedUp,
            long pending, long lost) {
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
                    select c.grp, c.open, c.crossed,
                           max(a.mobility_fac) filter (where a.timepoint = 'PRE_FRACTURE') as pre,
                           max(a.mobility_fac) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.mobility_fac) filter (where a.timepoint = ? and (a.within_window or ?)) as fu
                    from cohort c
                    left join assessment a on a.procedure_id = c.id and a.assessed_on <= ?
                                          and a.timepoint in ('PRE_FRACTURE', 'BASELINE', ?)
                    group by c.id, c.grp, c.open, c.crossed
                ), classified as (
                    select grp, pre, base, fu, open,
                           base < pre as eligible,
                           base < pre and crossed as crossed
                    from per_patient
                )
                """, timepoint.name(), analysis.includeOutOfWindow(), cohort.asOf(), timepoint.name());
        sql.append("select " + groupColumns(analysis) + """
                ,
                       count(*) filter (where pre is null or base is null),
                       count(*) filter (where base >= pre),
                       count(*) filter (where eligible),
                       count(*) filter (where crossed),
                       count(*) filter (where eligible and not crossed and fu is not null),
                       count(*) filter (where eligible and not crossed and fu is null and open),
                       count(*) filter (where eligible and not crossed and fu is null and not open),
                       count(*) filter (where eligible and not crossed and fu is not null and %s)
                from classified
                """.formatted(regained) + groupingClause(analysis));
        return rows(sql, row -> new MobilityCounts((String) row[0], (Boolean) row[1], count(row[2]), count(row[3]),
                count(row[4]), count(row[5]), count(row[6]), count(row[7]), count(row[8]), count(row[9])));
    }

    public List<ResponderCounts> responders(Cohort cohort, Analysis analysis, Score score, TimePoint timepoint,
            int minPoints, double minPercent) {
        Sql extra = new Sql().append("p.performed_on + ? >= ? as open", timepoint.windowClosesDay(), cohort.asOf());
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, analysis.groupBy(), extra);
        sql.append("""
                ), per_patient as (
                    select c.grp, c.open,
                           max(a.%1$s) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.%1$s) filter (where a.timepoint = ? and (a.within_window or ?)) as fu
                    from cohort c
                    left join assessment a on a.procedure_id = c.id and a.assessed_on <= ?
                                          and a.timepoint in ('BASELINE', ?)
                    group by c.id, c.grp, c.open
                ), scored as (
                    select grp, base, fu, open, fu - base as change,
                           base >= ? as eligible,
                           base >= ? and fu is not null as followed
                    from per_patient
                )
                """.formatted(score.column()), timepoint.name(), analysis.includeOutOfWindow(), cohort.asOf(),
                timepoint.name(), minPoints, minPoints);
        sql.append("select " + groupColumns(analysis) + """
                ,
                       count(*) filter (where eligible),
                       count(*) filter (where followed),
                       count(*) filter (where eligible and fu is null and open),
                       count(*) filter (where eligible and fu is null and not open),
                       count(*) filter (where followed and base - fu >= ? and (base - fu) * 100.0 >= ? * base),
                       avg(base) filter (where followed),
                       avg(fu) filter (where followed),
                       coalesce(sum(change) filter (where followed), 0),
                       coalesce(sum(change * change) filter (where followed), 0),
                       percentile_cont(0.5) within group (order by change) filter (where followed)
                from scored
                """, minPoints, minPercent);
        sql.append(groupingClause(analysis));
        return rows(sql, row -> new ResponderCounts((String) row[0], (Boolean) row[1], count(row[2]), count(row[3]),
                count(row[4]), count(row[5]), count(row[6]), new ChangeAggregates(decimal(row[7]), decimal(row[8]),
                        decimal(row[9]), decimal(row[10]), decimal(row[11]))));
    }

    /** Means of the scores present at each time point, over the index procedures. */
    public List<TrajectoryRow> trajectory(Cohort cohort, Analysis analysis) {
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, null, null);
        sql.append("""
                )
                select a.timepoint, count(*),
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
        return rows(sql, row -> new TrajectoryRow(TimePoint.valueOf((String) row[0]), count(row[1]),
                new ScoreMean(count(row[2]), decimal(row[3])), new ScoreMean(count(row[4]), decimal(row[5])),
                new ScoreMean(count(row[6]), decimal(row[7])), new ScoreMean(count(row[8]), decimal(row[9])),
                new ScoreMean(count(row[10]), decimal(row[11]))));
    }

    /**
     * Patients, procedures by type and assessments by time point of every procedure the cohort selects (not only index
     * procedures: this is an inventory), each with the number of distinct patients it covers.
     */
    public List<InventoryRow> inventory(Cohort cohort) {
        Sql sql = new Sql().append("with f as (select p.id, p.patient_id, p.type from " + cohort.from(null) + " where ");
        cohort.where(sql);
        sql.append("""
                )
                select 'patients', cast(null as text), count(distinct patient_id), count(distinct patient_id) from f
                union all
                select 'procedures', type, count(*), count(distinct patient_id) from f group by type
                union all
                select 'assessments', a.timepoint, count(*), count(distinct f.patient_id)
                from f join assessment a on a.procedure_id = f.id
                where a.assessed_on <= ?
                group by a.timepoint
                """, cohort.asOf());
        return rows(sql, row -> new InventoryRow((String) row[0], (String) row[1], count(row[2]), count(row[3])));
    }

    /** Per follow-up time point, over the index procedures: followed up, pending and lost as of the cohort's date. */
    public List<CompletenessRow> completeness(Cohort cohort, Analysis analysis) {
        Sql windows = new Sql();
        for (TimePoint point : TimePoint.values()) {
            if (point.isFollowUp()) {
                windows.append(windows.text().isEmpty() ? "(?, ?)" : ", (?, ?)", point.name(),
                        point.windowClosesDay());
            }
        }
        Sql sql = new Sql().append("with cohort as (");
        cohort.indexProcedures(sql, null, null);
        sql.append("""
                ), per_point as (
                    select w.timepoint, c.performed_on + w.closes >= ? as open,
                           a.id is not null as assessed,
                           coalesce(a.within_window, false) as in_window
                    from (values %s) as w(timepoint, closes)
                    cross join cohort c
                    left join assessment a on a.procedure_id = c.id and a.timepoint = w.timepoint
                                          and a.assessed_on <= ?
                )
                select timepoint,
                       count(*) filter (where assessed),
                       count(*) filter (where in_window),
                       count(*) filter (where in_window or (assessed and ?)),
                       count(*) filter (where not (in_window or (assessed and ?)) and open),
                       count(*) filter (where not (in_window or (assessed and ?)) and not open)
                from per_point
                group by timepoint
                """.formatted(windows.text()), concat(List.of(cohort.asOf()), windows.arguments(),
                List.of(cohort.asOf(), analysis.includeOutOfWindow(), analysis.includeOutOfWindow(),
                        analysis.includeOutOfWindow())));
        return rows(sql, row -> new CompletenessRow(TimePoint.valueOf((String) row[0]), count(row[1]), count(row[2]),
                count(row[3]), count(row[4]), count(row[5])));
    }

    private static Object[] concat(List<?>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<?> part : parts) {
            all.addAll(part);
        }
        return all.toArray();
    }

    private static String groupColumns(Analysis analysis) {
        return analysis.groupBy() == null ? "cast(null as text), true" : "grp, grouping(grp) = 1";
    }

    private static String groupingClause(Analysis analysis) {
        return analysis.groupBy() == null ? "group by ()" : "group by grouping sets ((grp), ())";
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
