package org.kyphoplasty.outcomes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;

/**
 * The outcome aggregates, each computed by PostgreSQL in a single statement: one row per group
 * plus the overall row (GROUPING SETS), counts with FILTER, means and medians in SQL. Nothing is
 * loaded row by row into Java.
 */
@ApplicationScoped
public class OutcomesRepository {

    /** Counts of the mobility recovery categories of one group ({@code key} null for the overall row). */
    public record MobilityCounts(String key, boolean overall, long incompleteBaseline, long noLoss, long eligible,
            long followedUp, long regained) {
    }

    /** Counts and SQL aggregates of a responder analysis of one group. */
    public record ResponderCounts(String key, boolean overall, long eligible, long followedUp, long responders,
            Double meanBaseline, Double meanFollowUp, double sumChange, double sumSquaredChange, Double medianChange) {
    }

    public record TrajectoryRow(TimePoint timepoint, long n, long nPain, Double meanPain, long nMobility,
            Double meanMobility, long nOdi, Double meanOdi, long nRmdq, Double meanRmdq, long nEq5d, Double meanEq5d) {
    }

    public record SummaryRow(String kind, String key, long count, long assessed, long assessedWithinWindow) {
    }

    private final EntityManager entityManager;

    public OutcomesRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<MobilityCounts> mobilityRecovery(OutcomeFilters filters, TimePoint timepoint,
            MobilityDefinition definition) {
        Map<String, Object> parameters = OutcomeFilters.newParameters();
        String regained = definition == MobilityDefinition.RETURN_TO_PRE_FRACTURE ? "fu >= pre" : "fu > base";
        String sql = """
                with per_procedure as (
                    select %s as grp,
                           max(a.mobility_fac) filter (where a.timepoint = 'PRE_FRACTURE') as pre,
                           max(a.mobility_fac) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.mobility_fac) filter (where a.timepoint = :timepoint
                                                         and (a.within_window or :outOfWindow)) as fu
                    from %s
                    left join assessment a on a.procedure_id = p.id
                                          and a.timepoint in ('PRE_FRACTURE', 'BASELINE', :timepoint)
                    where %s
                    group by p.id, 1
                )
                select %s,
                       count(*) filter (where pre is null or base is null),
                       count(*) filter (where base >= pre),
                       count(*) filter (where base < pre),
                       count(*) filter (where base < pre and fu is not null),
                       count(*) filter (where base < pre and fu is not null and %s)
                from per_procedure
                %s
                """.formatted(groupExpression(filters), filters.from(), filters.where(parameters, null),
                groupColumns(filters), regained, groupingClause(filters));
        parameters.put("timepoint", timepoint.name());
        parameters.put("outOfWindow", filters.includeOutOfWindow());
        List<MobilityCounts> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            result.add(new MobilityCounts((String) row[0], (Boolean) row[1], count(row[2]), count(row[3]),
                    count(row[4]), count(row[5]), count(row[6])));
        }
        return result;
    }

    public List<ResponderCounts> responders(OutcomeFilters filters, Score score, TimePoint timepoint, int minPoints,
            double minPercent) {
        Map<String, Object> parameters = OutcomeFilters.newParameters();
        String sql = """
                with per_procedure as (
                    select %1$s as grp,
                           max(a.%2$s) filter (where a.timepoint = 'BASELINE') as base,
                           max(a.%2$s) filter (where a.timepoint = :timepoint
                                                 and (a.within_window or :outOfWindow)) as fu
                    from %3$s
                    left join assessment a on a.procedure_id = p.id and a.timepoint in ('BASELINE', :timepoint)
                    where %4$s
                    group by p.id, 1
                ), scored as (
                    select grp, base, fu, fu - base as change,
                           base >= :minPoints as eligible,
                           base >= :minPoints and fu is not null as followed
                    from per_procedure
                )
                select %5$s,
                       count(*) filter (where eligible),
                       count(*) filter (where followed),
                       count(*) filter (where followed and base - fu >= :minPoints
                                          and (base - fu) * 100.0 >= :minPercent * base),
                       avg(base) filter (where followed),
                       avg(fu) filter (where followed),
                       coalesce(sum(change) filter (where followed), 0),
                       coalesce(sum(change * change) filter (where followed), 0),
                       percentile_cont(0.5) within group (order by change) filter (where followed)
                from scored
                %6$s
                """.formatted(groupExpression(filters), score.column(), filters.from(),
                filters.where(parameters, null), groupColumns(filters), groupingClause(filters));
        parameters.put("timepoint", timepoint.name());
        parameters.put("outOfWindow", filters.includeOutOfWindow());
        parameters.put("minPoints", minPoints);
        parameters.put("minPercent", minPercent);
        List<ResponderCounts> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            result.add(new ResponderCounts((String) row[0], (Boolean) row[1], count(row[2]), count(row[3]),
                    count(row[4]), decimal(row[5]), decimal(row[6]), decimal(row[7]), decimal(row[8]),
                    decimal(row[9])));
        }
        return result;
    }

    public List<TrajectoryRow> trajectory(OutcomeFilters filters) {
        Map<String, Object> parameters = OutcomeFilters.newParameters();
        String sql = """
                select a.timepoint, count(*),
                       count(a.pain_nrs), avg(a.pain_nrs),
                       count(a.mobility_fac), avg(a.mobility_fac),
                       count(a.odi), avg(a.odi),
                       count(a.rmdq), avg(a.rmdq),
                       count(a.eq5d_index), avg(a.eq5d_index)
                from %s
                join assessment a on a.procedure_id = p.id
                where %s and (a.within_window or :outOfWindow)
                group by a.timepoint
                """.formatted(filters.from(), filters.where(parameters, null));
        parameters.put("outOfWindow", filters.includeOutOfWindow());
        List<TrajectoryRow> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            result.add(new TrajectoryRow(TimePoint.valueOf((String) row[0]), count(row[1]), count(row[2]),
                    decimal(row[3]), count(row[4]), decimal(row[5]), count(row[6]), decimal(row[7]), count(row[8]),
                    decimal(row[9]), count(row[10]), decimal(row[11])));
        }
        return result;
    }

    /**
     * Patients, procedures by type, assessments by time point, and per follow-up time point the
     * procedures whose window has closed by {@code today} ("due") with how many of them have it.
     */
    public List<SummaryRow> summary(OutcomeFilters filters, LocalDate today) {
        Map<String, Object> parameters = OutcomeFilters.newParameters();
        StringBuilder windows = new StringBuilder();
        for (TimePoint point : TimePoint.values()) {
            if (point.isFollowUp()) {
                windows.append(windows.isEmpty() ? "" : ", ")
                        .append("('").append(point.name()).append("', ").append(point.windowClosesDay()).append(")");
            }
        }
        String sql = """
                with f as (
                    select p.id, p.patient_id, p.type, p.performed_on from %s where %s
                )
                select 'patients', null, count(distinct patient_id), 0, 0 from f
                union all
                select 'procedures', type, count(*), 0, 0 from f group by type
                union all
                select 'assessments', a.timepoint, count(*), 0, 0
                from f join assessment a on a.procedure_id = f.id group by a.timepoint
                union all
                select 'completeness', w.timepoint, count(*), count(a.id), count(a.id) filter (where a.within_window)
                from (values %s) as w(timepoint, closes)
                join f on f.performed_on + w.closes < :today
                left join assessment a on a.procedure_id = f.id and a.timepoint = w.timepoint
                group by w.timepoint
                """.formatted(filters.from(), filters.where(parameters, null), windows);
        parameters.put("today", today);
        List<SummaryRow> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            result.add(new SummaryRow((String) row[0], (String) row[1], count(row[2]), count(row[3]), count(row[4])));
        }
        return result;
    }

    private static String groupExpression(OutcomeFilters filters) {
        return filters.groupBy() == null ? "cast(null as text)" : "cast(" + filters.groupBy().sql() + " as text)";
    }

    private static String groupColumns(OutcomeFilters filters) {
        return filters.groupBy() == null ? "cast(null as text), true" : "grp, grouping(grp) = 1";
    }

    private static String groupingClause(OutcomeFilters filters) {
        return filters.groupBy() == null ? "group by ()" : "group by grouping sets ((grp), ())";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
