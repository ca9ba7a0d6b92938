package org.kyphoplasty.reference;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.clinical.AgeBand;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.MobilityDefinition;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Scale;
import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.SiteCode;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.clinical.VertebralLevel;
import org.kyphoplasty.common.ServiceConfig;
import org.kyphoplasty.outcomes.OutcomesResource;
import org.kyphoplasty.security.Roles;

/**
 * The definitions clients build their forms, windows and labels from, read from the {@code clinical} package (the one
 * source of every rule), so that no client keeps a copy that could drift.
 */
@Path("/api/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference")
@RolesAllowed({ Roles.CLINICIAN, Roles.ANALYST, Roles.ADMIN })
public class ReferenceResource {

    /** A time point: follow-ups have a target day and an inclusive window in days after the procedure. */
    public record TimePointView(String name, Integer targetDay, Integer windowOpensDay, Integer windowClosesDay,
            boolean followUp) {
    }

    public record ScaleView(String field, Number min, Number max, boolean higherIsBetter, Number mcid) {
    }

    public record Reference(List<TimePointView> timepoints, int baselineMaxDaysBefore, List<ScaleView> scores,
            List<String> levels, int maxLevels, List<String> indications, List<String> procedureTypes,
            List<String> sexes, List<String> ageBands, List<String> definitions, String sitePattern,
            int minCellSize, double defaultClaim, int earliestYear) {
    }

    private final Reference reference;

    public ReferenceResource(ServiceConfig config) {
        this.reference = new Reference(
                Arrays.stream(TimePoint.values()).map(point -> new TimePointView(point.name(), point.targetDay(),
                        point.windowOpensDay(), point.windowClosesDay(), point.isFollowUp())).toList(),
                TimePoint.BASELINE_MAX_DAYS_BEFORE,
                Arrays.stream(Scale.values()).map(scale -> new ScaleView(scale.field(), scale.minimum(),
                        scale.maximum(), scale.higherIsBetter(), scale.mcid())).toList(),
                names(VertebralLevel.values()), VertebralLevel.MAX_PER_PROCEDURE,
                names(Indication.values()), names(ProcedureType.values()), names(Sex.values()),
                Arrays.stream(AgeBand.values()).map(AgeBand::label).toList(), names(MobilityDefinition.values()),
                SiteCode.PATTERN, config.minCellSize(), OutcomesResource.DEFAULT_CLAIM,
                org.kyphoplasty.clinical.AssessmentDates.EARLIEST.getYear());
    }

    @GET
    @Operation(summary = "Time points and windows, score ranges and MCIDs, levels, enums, the site pattern and the "
            + "disclosure cell size")
    public Reference reference() {
        return reference;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
