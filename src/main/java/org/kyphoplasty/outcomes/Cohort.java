package org.kyphoplasty.outcomes;

import java.time.LocalDate;
import java.util.List;

import org.kyphoplasty.clinical.AgeBand;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;

/**
 * Which procedures a query selects: the filters common to every outcome endpoint and the export, and the date
 * {@code asOf} at which the registry is read (procedures performed and assessments dated later do not exist yet).
 * Selection only; how the selection is analysed is {@link Analysis}.
 * Analysts and admins read every site, so a cohort has no site restriction of its own.
 *
 * @param procedureTypes empty for every type
 */
public record Cohort(List<ProcedureType> procedureTypes, Indication indication, String site, Sex sex,
        AgeBand ageBand, LocalDate performedFrom, LocalDate performedTo, LocalDate asOf) {

    public Cohort withProcedureTypes(List<ProcedureType> types) {
        return new Cohort(types, indication, site, sex, ageBand, performedFrom, performedTo, asOf);
    }

    /** The FROM clause of every cohort query: procedures with their patients (sex, cell key). */
    public static final String FROM = "procedure p join patient pt on pt.id = p.patient_id";

    /** Appends the conditions on {@code p} (and {@code pt}) that select this cohort's procedures. */
    public Sql where(Sql sql) {
        sql.append("p.performed_on <= ?", asOf);
        if (!procedureTypes.isEmpty()) {
            sql.append(" and ").in("p.type", procedureTypes.stream().map(Enum::name).toList());
        }
        if (indication != null) {
            sql.append(" and p.indication = ?", indication.name());
        }
        if (site != null) {
            sql.append(" and p.site = ?", site);
        }
        if (sex != null) {
            sql.append(" and pt.sex = ?", sex.name());
        }
        if (ageBand != null) {
            sql.append(" and p.age_at_procedure between ? and ?", ageBand.lowest(),
                    Math.min(ageBand.highest(), Short.MAX_VALUE));
        }
        if (performedFrom != null) {
            sql.append(" and p.performed_on >= ?", performedFrom);
        }
        if (performedTo != null) {
            sql.append(" and p.performed_on <= ?", performedTo);
        }
        return sql;
    }

    /**
     * Appends a CTE body selecting each patient's index procedure (DOMAIN.md: the earliest procedure matching the
     * filters) with columns {@code id, patient_id, type, performed_on, grp, ck} (ck: the patient's cell key, see
     * {@link Disclosure}) and the extra columns given.
     */
    public Sql indexProcedures(Sql sql, GroupBy groupBy, Sql extraColumns) {
        sql.append("select distinct on (p.patient_id) p.id, p.patient_id, p.type, p.performed_on, ")
                .append(groupBy == null ? "cast(null as text)" : "cast(" + groupBy.sql() + " as text)")
                .append(" as grp, pt.cell_key as ck");
        if (extraColumns != null) {
            sql.append(", ").append(extraColumns.text(), extraColumns.arguments().toArray());
        }
        sql.append(" from " + FROM + " where ");
        where(sql);
        return sql.append(" order by p.patient_id, p.performed_on, p.id");
    }
}
