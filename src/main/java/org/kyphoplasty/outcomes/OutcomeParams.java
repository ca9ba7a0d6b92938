package org.kyphoplasty.outcomes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.kyphoplasty.clinical.AgeBand;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.SiteCode;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.outcomes.Statistics.IntervalMethod;
import org.kyphoplasty.security.Caller;

/**
 * The common query parameters of the outcome endpoints and the export (docs/API.md "Outcomes"), as received;
 * {@link #parse} validates them into the cohort selected and the analysis asked for.
 */
public class OutcomeParams {

    /** How finely an analyst may pin the procedure dates of a cohort (admins: to the day). */
    public enum DatePrecision {
        /** Outcomes: whole calendar months. */
        MONTH,
        /** The export, which has one row per assessment: whole calendar years (HIPAA Safe Harbor keeps the year). */
        YEAR
    }

    /** The selection and the analysis of one request. */
    public record Query(Cohort cohort, Analysis analysis) {
    }

    @QueryParam("procedureType")
    List<String> procedureType;
    @QueryParam("indication")
    String indication;
    @QueryParam("site")
    String site;
    @QueryParam("sex")
    String sex;
    @QueryParam("ageBand")
    String ageBand;
    @QueryParam("performedFrom")
    String performedFrom;
    @QueryParam("performedTo")
    String performedTo;
    @QueryParam("asOf")
    String asOf;
    @QueryParam("includeOutOfWindow")
    String includeOutOfWindow;
    @QueryParam("confidence")
    String confidence;
    @QueryParam("interval")
    String interval;
    @QueryParam("groupBy")
    String groupBy;

    /** Whether the caller named procedure types (the summary's default is every type, the others' KYPHOPLASTY). */
    public boolean procedureTypesGiven() {
        return procedureType != null && !procedureType.isEmpty();
    }

    /**
     * The cohort and analysis, adding every invalid parameter to {@code errors}.
     *
     * @param defaultTypes the procedure types when none is given
     */
    public Query parse(List<FieldError> errors, Caller caller, LocalDate today, DatePrecision precision,
            List<ProcedureType> defaultTypes) {
        List<ProcedureType> types = new ArrayList<>();
        if (!procedureTypesGiven()) {
            types.addAll(defaultTypes);
        } else {
            for (String value : procedureType) {
                for (String part : value.split(",")) {
                    ProcedureType type = Params.enumValue(errors, "procedureType", part.trim(), ProcedureType.class,
                            null);
                    if (type != null && !types.contains(type)) {
                        types.add(type);
                    }
                }
            }
        }
        Indication parsedIndication = Params.enumValue(errors, "indication", indication, Indication.class, null);
        Sex parsedSex = Params.enumValue(errors, "sex", sex, Sex.class, null);
        AgeBand band = null;
        if (ageBand != null && !ageBand.isEmpty()) {
            try {
                band = AgeBand.fromLabel(ageBand);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("ageBand", "must be one of " + AgeBand.labels()));
            }
        }
        if (site != null && !site.isEmpty() && !SiteCode.isValid(site)) {
            errors.add(new FieldError("site", SiteCode.MESSAGE));
        }
        LocalDate from = Params.date(errors, "performedFrom", performedFrom, null);
        LocalDate to = Params.date(errors, "performedTo", performedTo, null);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("performedFrom", "must not be after performedTo"));
        }
        if (!caller.admin()) {
            requireAligned(errors, from, to, precision);
        }
        LocalDate readAt = Params.date(errors, "asOf", asOf, today);
        if (readAt != null && readAt.isAfter(today)) {
            errors.add(new FieldError("asOf", "must not be in the future"));
        }
        Boolean outOfWindow = Params.bool(errors, "includeOutOfWindow", includeOutOfWindow, false);
        Double level = Params.decimal(errors, "confidence", confidence, Analysis.DEFAULT_CONFIDENCE);
        if (level != null && !(level > 0 && level < 1)) {
            errors.add(new FieldError("confidence", "must be strictly between 0 and 1"));
        }
        IntervalMethod method = Params.enumValue(errors, "interval", interval, IntervalMethod.class,
                Analysis.DEFAULT_INTERVAL);
        GroupBy breakdown = null;
        if (groupBy != null && !groupBy.isEmpty()) {
            breakdown = GroupBy.fromParameter(groupBy);
            if (breakdown == null) {
                errors.add(new FieldError("groupBy", "must be one of " + GroupBy.parameters()));
            }
        }
        Cohort cohort = new Cohort(List.copyOf(types), parsedIndication, site == null || site.isEmpty() ? null : site,
                parsedSex, band, from, to, readAt);
        Analysis analysis = new Analysis(Boolean.TRUE.equals(outOfWindow),
                level == null ? Analysis.DEFAULT_CONFIDENCE : level, method, breakdown, caller.admin());
        return new Query(cohort, analysis);
    }

    /**
     * Analysts' date filters cover whole months (outcomes) or years (export): a day-by-day series of queries would
     * otherwise give every patient's procedure date.
     */
    private static void requireAligned(List<FieldError> errors, LocalDate from, LocalDate to, DatePrecision precision) {
        boolean yearly = precision == DatePrecision.YEAR;
        if (from != null && (from.getDayOfMonth() != 1 || yearly && from.getMonthValue() != 1)) {
            errors.add(new FieldError("performedFrom", yearly ? "must be the first day of a year (YYYY-01-01) for "
                    + "analysts" : "must be the first day of a month for analysts"));
        }
        if (to != null && (to.getDayOfMonth() != to.lengthOfMonth() || yearly && to.getMonthValue() != 12)) {
            errors.add(new FieldError("performedTo", yearly ? "must be the last day of a year (YYYY-12-31) for "
                    + "analysts" : "must be the last day of a month for analysts"));
        }
    }

    /** A follow-up time point parameter (MONTH_3 by default); PRE_FRACTURE and BASELINE are not outcomes. */
    public static TimePoint followUp(List<FieldError> errors, String value) {
        TimePoint point = Params.enumValue(errors, "timepoint", value, TimePoint.class, TimePoint.MONTH_3);
        if (point != null && !point.isFollowUp()) {
            errors.add(new FieldError("timepoint", "must be a follow-up: WEEK_1, MONTH_1, MONTH_3, MONTH_6, MONTH_12, "
                    + "MONTH_24"));
            return null;
        }
        return point;
    }
}
