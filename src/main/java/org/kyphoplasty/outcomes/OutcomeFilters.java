package org.kyphoplasty.outcomes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kyphoplasty.clinical.AgeBand;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;

/**
 * The validated common query parameters of the outcome and export endpoints, and the SQL they
 * become. Values reach SQL only as bind parameters; only enum-derived fragments are concatenated.
 */
public record OutcomeFilters(List<ProcedureType> procedureTypes, Indication indication, String site, Sex sex,
        AgeBand ageBand, LocalDate performedFrom, LocalDate performedTo, boolean includeOutOfWindow,
        double confidence, IntervalMethod interval, GroupBy groupBy) {

    /** Whether the query needs the patient table (sex is the only patient attribute filtered on). */
    public boolean needsPatient() {
        return sex != null || groupBy == GroupBy.SEX;
    }

    public OutcomeFilters withGroupBy(GroupBy breakdown) {
        return new OutcomeFilters(procedureTypes, indication, site, sex, ageBand, performedFrom, performedTo,
                includeOutOfWindow, confidence, interval, breakdown);
    }

    public OutcomeFilters withProcedureTypes(List<ProcedureType> types) {
        return new OutcomeFilters(types, indication, site, sex, ageBand, performedFrom, performedTo,
                includeOutOfWindow, confidence, interval, groupBy);
    }

    /**
     * The WHERE clause over {@code procedure p} (and {@code patient pt} when {@link #needsPatient()}),
     * adding its bind values to {@code parameters}.
     */
    public String where(Map<String, Object> parameters, Set<String> siteRestriction) {
        List<String> conditions = new ArrayList<>();
        if (procedureTypes != null && !procedureTypes.isEmpty()) {
            conditions.add("p.type in (:types)");
            parameters.put("types", procedureTypes.stream().map(Enum::name).toList());
        }
        if (indication != null) {
            conditions.add("p.indication = :indication");
            parameters.put("indication", indication.name());
        }
        if (site != null) {
            conditions.add("p.site = :site");
            parameters.put("site", site);
        }
        if (siteRestriction != null) {
            conditions.add("p.site in (:allowedSites)");
            parameters.put("allowedSites", siteRestriction.isEmpty() ? List.of("") : List.copyOf(siteRestriction));
        }
        if (sex != null) {
            conditions.add("pt.sex = :sex");
            parameters.put("sex", sex.name());
        }
        if (ageBand != null) {
            conditions.add("p.age_at_procedure between :ageLowest and :ageHighest");
            parameters.put("ageLowest", ageBand.lowest());
            parameters.put("ageHighest", Math.min(ageBand.highest(), Short.MAX_VALUE));
        }
        if (performedFrom != null) {
            conditions.add("p.performed_on >= :performedFrom");
            parameters.put("performedFrom", performedFrom);
        }
        if (performedTo != null) {
            conditions.add("p.performed_on <= :performedTo");
            parameters.put("performedTo", performedTo);
        }
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    /** The FROM clause for these filters. */
    public String from() {
        return needsPatient() ? "procedure p join patient pt on pt.id = p.patient_id" : "procedure p";
    }

    public static Map<String, Object> newParameters() {
        return new LinkedHashMap<>();
    }
}
