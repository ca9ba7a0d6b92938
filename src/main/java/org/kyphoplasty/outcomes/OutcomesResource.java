package org.kyphoplasty.outcomes;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Score;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.outcomes.OutcomeParams.DatePrecision;
import org.kyphoplasty.outcomes.OutcomeReports.Comparison;
import org.kyphoplasty.outcomes.OutcomeReports.MobilityRecovery;
import org.kyphoplasty.outcomes.OutcomeReports.Plan;
import org.kyphoplasty.outcomes.OutcomeReports.Responders;
import org.kyphoplasty.outcomes.OutcomeReports.Summary;
import org.kyphoplasty.outcomes.OutcomeReports.TippingPointReport;
import org.kyphoplasty.outcomes.OutcomeReports.Trajectory;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

/** Aggregates across sites for analysts; no patient-level row ever leaves through here. */
@Path("/api/v1/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outcomes")
@RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
public class OutcomesResource {

    /** The share clinics advertise: "about 75 percent of patients regain lost mobility". */
    public static final double DEFAULT_CLAIM = 0.75;
    private static final List<ProcedureType> DEFAULT_TYPES = List.of(ProcedureType.KYPHOPLASTY);

    private final OutcomesService outcomes;
    private final AuditService audit;
    private final CurrentCaller caller;
    private final Today today;

    @Context
    UriInfo uri;

    public OutcomesResource(OutcomesService outcomes, AuditService audit, CurrentCaller caller, Today today) {
        this.outcomes = outcomes;
        this.audit = audit;
        this.caller = caller;
        this.today = today;
    }

    @GET
    @Path("/mobility-recovery")
    @Operation(summary = "Share of patients who lost mobility and regained it at a follow-up, checked against a claim")
    public MobilityRecovery mobilityRecovery(@BeanParam OutcomeParams params, @QueryParam("timepoint") String timepoint,
            @QueryParam("definition") String definition, @QueryParam("claim") String claim) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = parse(params, errors, DEFAULT_TYPES);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        MobilityDefinition meaning = definition(errors, definition);
        Double claimed = claim(errors, claim);
        Params.throwIfAny(errors);
        return audited(outcomes.mobilityRecovery(query.cohort(), query.analysis(), point, meaning, claimed));
    }

    @GET
    @Path("/responders")
    @Operation(summary = "Share of patients whose pain, ODI or RMDQ improved by at least the threshold")
    public Responders responders(@BeanParam OutcomeParams params, @QueryParam("score") String score,
            @QueryParam("timepoint") String timepoint, @QueryParam("minPoints") String minPoints,
            @QueryParam("minPercent") String minPercent) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = parse(params, errors, DEFAULT_TYPES);
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
        return audited(outcomes.responders(query.cohort(), query.analysis(), measured, point, points, percent));
    }

    @GET
    @Path("/comparison")
    @Operation(summary = "Mobility recovery of a treatment against a control group: Newcombe difference and Fisher's test")
    public Comparison comparison(@BeanParam OutcomeParams params, @QueryParam("treatment") String treatment,
            @QueryParam("control") String control, @QueryParam("timepoint") String timepoint,
            @QueryParam("definition") String definition) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = parse(params, errors, DEFAULT_TYPES);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        ProcedureType[] arms = arms(errors, treatment, control, ProcedureType.NON_SURGICAL);
        MobilityDefinition meaning = definition(errors, definition);
        Params.throwIfAny(errors);
        return audited(outcomes.comparison(query.cohort(), query.analysis(), arms[0], arms[1], point, meaning));
    }

    @GET
    @Path("/tipping-point")
    @Operation(summary = "How the verdict would change for every possible outcome of the patients lost to follow-up")
    public TippingPointReport tippingPoint(@BeanParam OutcomeParams params, @QueryParam("timepoint") String timepoint,
            @QueryParam("definition") String definition, @QueryParam("claim") String claim,
            @QueryParam("treatment") String treatment, @QueryParam("control") String control) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = parse(params, errors, DEFAULT_TYPES);
        TimePoint point = OutcomeParams.followUp(errors, timepoint);
        MobilityDefinition meaning = definition(errors, definition);
        Double claimed = claim(errors, claim);
        ProcedureType[] arms = control == null || control.isEmpty() ? new ProcedureType[] { null, null }
                : arms(errors, treatment, control, null);
        Params.throwIfAny(errors);
        return audited(outcomes.tippingPoint(query.cohort(), query.analysis(), point, meaning, claimed, arms[0],
                arms[1]));
    }

    @GET
    @Path("/planner")
    @Operation(summary = "Patients needed for a target interval width, or for a target power of the exact test")
    public Plan planner(@QueryParam("expected") String expected, @QueryParam("halfWidth") String halfWidth,
            @QueryParam("interval") String interval, @QueryParam("confidence") String confidence,
            @QueryParam("claim") String claim, @QueryParam("power") String power, @QueryParam("alpha") String alpha,
            @QueryParam("expectedLoss") String expectedLoss) {
        return PlannerRequest.parse(expected, halfWidth, interval, confidence, claim, power, alpha, expectedLoss)
                .plan();
    }

    @GET
    @Path("/trajectory")
    @Operation(summary = "Mean scores at each time point (assessments present)")
    public Trajectory trajectory(@BeanParam OutcomeParams params) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = parse(params, errors, DEFAULT_TYPES);
        Params.throwIfAny(errors);
        return audited(outcomes.trajectory(query.cohort(), query.analysis()));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Counts of patients, procedures by type, assessments by time point, follow-up completeness")
    public Summary summary(@BeanParam OutcomeParams params) {
        List<FieldError> errors = new ArrayList<>();
        // every procedure type unless the analyst asked for some: the summary is an inventory
        OutcomeParams.Query query = parse(params, errors, List.of());
        Params.throwIfAny(errors);
        return audited(outcomes.summary(query.cohort(), query.analysis()));
    }

    /** Records the read (who, what, how many patients) and returns the report. */
    private <T> T audited(Answered<T> answered) {
        audit.recordRead(caller.get().user(), uri.getPath(), uri.getQueryParameters(), answered.patients());
        return answered.report();
    }

    private OutcomeParams.Query parse(OutcomeParams params, List<FieldError> errors, List<ProcedureType> types) {
        return params.parse(errors, caller.get(), today.date(), DatePrecision.MONTH, types);
    }

    private static MobilityDefinition definition(List<FieldError> errors, String definition) {
        return Params.enumValue(errors, "definition", definition, MobilityDefinition.class,
                MobilityDefinition.RETURN_TO_PRE_FRACTURE);
    }

    private static ProcedureType[] arms(List<FieldError> errors, String treatment, String control,
            ProcedureType defaultControl) {
        ProcedureType treated = Params.enumValue(errors, "treatment", treatment, ProcedureType.class,
                ProcedureType.KYPHOPLASTY);
        ProcedureType untreated = Params.enumValue(errors, "control", control, ProcedureType.class, defaultControl);
        if (treated != null && treated == untreated) {
            errors.add(new FieldError("control", "must differ from treatment"));
        }
        return new ProcedureType[] { treated, untreated };
    }

    private static Double claim(List<FieldError> errors, String claim) {
        Double value = Params.decimal(errors, "claim", claim, DEFAULT_CLAIM);
        if (value != null && !(value >= 0 && value <= 1)) {
            errors.add(new FieldError("claim", "must be between 0 and 1"));
        }
        return value;
    }
}
