package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.outcomes.OutcomeReports.Comparison;
import org.kyphoplasty.outcomes.OutcomeReports.MobilityRecovery;
import org.kyphoplasty.outcomes.OutcomeReports.Responders;
import org.kyphoplasty.outcomes.OutcomeReports.Summary;
import org.kyphoplasty.outcomes.OutcomeReports.Trajectory;
import org.kyphoplasty.security.Roles;

/** Aggregates across sites for analysts; no patient-level row ever leaves through here. */
@Path("/api/v1/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outcomes")
@RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
public class OutcomesResource {

    private static final double DEFAULT_CLAIM = 0.75;

    private final OutcomesService outcomes;

    public OutcomesResource(OutcomesService outcomes) {
        this.outcomes = outcomes;
    }

    @GET
    @Path("/mobility-recovery")
    @Operation(summary = "Share of patients who lost mobility and regained it at a follow-up, checked against a claim")
    public MobilityRecovery mobilityRecovery(@BeanParam OutcomeParams params, @QueryParam("timepoint") String timepoint,
            @QueryParam("definition") String definition, @QueryParam("claim") String claim) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeFilters filters = params.filters(errors);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        MobilityDefinition meaning = Params.enumValue(errors, "definition", definition, MobilityDefinition.class,
                MobilityDefinition.RETURN_TO_PRE_FRACTURE);
        Double claimed = claim(errors, claim);
        Params.throwIfAny(errors);
        return outcomes.mobilityRecovery(filters, point, meaning, claimed);
    }

    @GET
    @Path("/responders")
    @Operation(summary = "Share of patients whose pain, ODI or RMDQ improved by at least the threshold")
    public Responders responders(@BeanParam OutcomeParams params, @QueryParam("score") String score,
            @QueryParam("timepoint") String timepoint, @QueryParam("minPoints") String minPoints,
            @QueryParam("minPercent") String minPercent) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeFilters filters = params.filters(errors);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        Score measured = Params.enumValue(errors, "score", score, Score.class, Score.PAIN_NRS);
        Integer points = null;
        if (measured != null) {
            points = Params.integer(errors, "minPoints", minPoints, measured.mcid(), 1, measured.maximum());
        }
        Double percent = Params.decimal(errors, "minPercent", minPercent, null);
        if (percent != null && !(percent > 0 && percent <= 100)) {
            errors.add(new FieldError("minPercent", "must be greater than 0 and at most 100"));
        }
        Params.throwIfAny(errors);
        return outcomes.responders(filters, measured, point, points, percent);
    }

    @GET
    @Path("/comparison")
    @Operation(summary = "Mobility recovery of a treatment against a control group: Newcombe difference and Fisher's test")
    public Comparison comparison(@BeanParam OutcomeParams params, @QueryParam("treatment") String treatment,
            @QueryParam("control") String control, @QueryParam("timepoint") String timepoint,
            @QueryParam("definition") String definition) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeFilters filters = params.filters(errors);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        ProcedureType treated = Params.enumValue(errors, "treatment", treatment, ProcedureType.class,
                ProcedureType.KYPHOPLASTY);
        ProcedureType untreated = Params.enumValue(errors, "control", control, ProcedureType.class,
                ProcedureType.NON_SURGICAL);
        if (treated != null && treated == untreated) {
            errors.add(new FieldError("control", "must differ from treatment"));
        }
        MobilityDefinition meaning = Params.enumValue(errors, "definition", definition, MobilityDefinition.class,
                MobilityDefinition.RETURN_TO_PRE_FRACTURE);
        Params.throwIfAny(errors);
        return outcomes.comparison(filters, treated, untreated, point, meaning);
    }

    @GET
    @Path("/trajectory")
    @Operation(summary = "Mean scores at each time point (assessments present)")
    public Trajectory trajectory(@BeanParam OutcomeParams params) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeFilters filters = params.filters(errors);
        Params.throwIfAny(errors);
        return outcomes.trajectory(filters);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Counts of patients, procedures by type, assessments by time point, follow-up completeness")
    public Summary summary(@BeanParam OutcomeParams params) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeFilters filters = params.filters(errors);
        Params.throwIfAny(errors);
        // every procedure type unless the analyst asked for some: the summary is an inventory
        return outcomes.summary(params.procedureType == null || params.procedureType.isEmpty()
                ? filters.withProcedureTypes(List.of()) : filters);
    }

    private static Double claim(List<FieldError> errors, String claim) {
        Double value = Params.decimal(errors, "claim", claim, DEFAULT_CLAIM);
        if (value != null && !(value >= 0 && value <= 1)) {
            errors.add(new FieldError("claim", "must be between 0 and 1"));
        }
        return value;
    }
}
