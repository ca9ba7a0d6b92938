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

/** The common query parameters of API.md "Outcomes", as received; {@link #filters} validates them. */
public class OutcomeParams {

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
    @QueryParam("includeOutOfWindow")
    String includeOutOfWindow;
    @QueryParam("confidence")
    String confidence;
    @QueryParam("interval")
    String interval;
    @QueryParam("groupBy")
    String groupBy;

    /** The filters, adding every invalid parameter to {@code errors}. */
    public OutcomeFilters filters(List<FieldError> errors) {
        List<ProcedureType> types = new ArrayList<>();
        if (procedureType == null || procedureType.isEmpty()) {
            types.add(ProcedureType.KYPHOPLASTY);
        } else {
            for (String value : procedureType) {
                for (String part : value.split(",")) {
                    ProcedureType type = Params.enumValue(errors, "procedureType", part.trim(), ProcedureType.class, null);
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
                errors.add(new FieldError("ageBand", "must be one of <60, 60-69, 70-79, 80-89, 90+"));
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
        Boolean outOfWindow = Params.bool(errors, "includeOutOfWindow", includeOutOfWindow, false);
        Double level = Params.decimal(errors, "confidence", confidence, 0.95);
        if (level != null && !(level > 0 && level < 1)) {
            errors.add(new FieldError("confidence", "must be strictly between 0 and 1"));
        }
        IntervalMethod method = Params.enumValue(errors, "interval", interval, IntervalMethod.class, IntervalMethod.WILSON);
        GroupBy breakdown = null;
        if (groupBy != null && !groupBy.isEmpty()) {
            breakdown = GroupBy.fromParameter(groupBy);
            if (breakdown == null) {
                errors.add(new FieldError("groupBy", "must be one of site, indication, procedureType, sex, ageBand"));
            }
        }
        return new OutcomeFilters(types, parsedIndication, site == null || site.isEmpty() ? null : site, parsedSex,
                band, from, to, Boolean.TRUE.equals(outOfWindow), level == null ? 0.95 : level, method, breakdown);
    }

    /** A follow-up time point parameter (MONTH_3 by default); PRE_FRACTURE and BASELINE are not outcomes. */
    public static TimePoint followUp(List<FieldError> errors, String value) {
        TimePoint point = Params.enumValue(errors, "timepoint", value, TimePoint.class, TimePoint.MONTH_3);
        if (point != null && !point.isFollowUp()) {
            errors.add(new FieldError("timepoint", "must be a follow-up: WEEK_1, MONTH_1, MONTH_3, MONTH_6, MONTH_12, MONTH_24"));
            return null;
        }
        return point;
    }
}
