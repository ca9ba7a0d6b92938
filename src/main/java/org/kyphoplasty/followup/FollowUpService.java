package org.kyphoplasty.followup;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;
import org.kyphoplasty.security.Caller;

/**
 * The follow-up worklist, computed in SQL from the windows of {@link TimePoint}: a visit is DUE
 * when asOf is inside its window and it has no assessment, OVERDUE when its window closed in the
 * {@value #OVERDUE_DAYS} days before asOf without one.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FollowUpService {

    static final int OVERDUE_DAYS = 90;

    private final EntityManager entityManager;

    public FollowUpService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Page<FollowUp> worklist(Caller caller, String site, LocalDate asOf, PageRequest page) {
        Set<String> restriction = caller.siteRestriction();
        if (restriction != null && (restriction.isEmpty() || (site != null && !restriction.contains(site)))) {
            return page.page(List.of(), 0);
        }
        StringBuilder windows = new StringBuilder();
        int earliestOpen = Integer.MAX_VALUE;
        int latestClose = 0;
        for (TimePoint point : TimePoint.values()) {
            if (point.isFollowUp()) {
                windows.append(windows.isEmpty() ? "" : ", ").append("('").append(point.name()).append("', ")
                        .append(point.windowOpensDay()).append(", ").append(point.windowClosesDay()).append(")");
                earliestOpen = Math.min(earliestOpen, point.windowOpensDay());
                latestClose = Math.max(latestClose, point.windowClosesDay());
            }
        }
        String sql = """
                select p.id, p.patient_id, pt.external_ref, p.site, p.type, p.performed_on, w.timepoint,
                       p.performed_on + w.opens as window_opens, p.performed_on + w.closes as window_closes,
                       case when p.performed_on + w.closes >= cast(:asOf as date) then 'DUE' else 'OVERDUE' end as status,
                       w.closes
                from procedure p
                join patient pt on pt.id = p.patient_id
                join (values %s) as w(timepoint, opens, closes)
                  on p.performed_on + w.opens <= cast(:asOf as date) and p.performed_on + w.closes >= cast(:overdueFrom as date)
                where p.performed_on between cast(:earliest as date) and cast(:latest as date)
                  and (cast(:site as text) is null or p.site = :site)
                  %s
                  and not exists (select 1 from assessment a where a.procedure_id = p.id and a.timepoint = w.timepoint)
                """.formatted(windows, restriction == null ? "" : "and p.site in (:allowedSites)");
        Query query = bind(entityManager.createNativeQuery(sql + " order by window_closes, p.id, w.closes limit "
                + page.size() + " offset " + page.offset()), asOf, site, restriction, earliestOpen, latestClose);
        Query count = bind(entityManager.createNativeQuery("select count(*) from (" + sql + ") as visits"), asOf, site,
                restriction, earliestOpen, latestClose);
        List<FollowUp> items = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            items.add(new FollowUp((UUID) columns[0], (UUID) columns[1], (String) columns[2], (String) columns[3],
                    ProcedureType.valueOf((String) columns[4]), toDate(columns[5]), TimePoint.valueOf((String) columns[6]),
                    toDate(columns[7]), toDate(columns[8]), FollowUp.Status.valueOf((String) columns[9])));
        }
        return page.page(items, ((Number) count.getSingleResult()).longValue());
    }

    /** Procedures old enough for a window to have opened and young enough for one to matter (index range). */
    private static Query bind(Query query, LocalDate asOf, String site, Set<String> restriction, int earliestOpen,
            int latestClose) {
        query.setParameter("asOf", Date.valueOf(asOf))
                .setParameter("overdueFrom", Date.valueOf(asOf.minusDays(OVERDUE_DAYS)))
                .setParameter("earliest", Date.valueOf(asOf.minusDays(latestClose + OVERDUE_DAYS)))
                .setParameter("latest", Date.valueOf(asOf.minusDays(earliestOpen)))
                .setParameter("site", site);
        if (restriction != null) {
            query.setParameter("allowedSites", List.copyOf(restriction));
        }
        return query;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((Date) value).toLocalDate();
    }
}
