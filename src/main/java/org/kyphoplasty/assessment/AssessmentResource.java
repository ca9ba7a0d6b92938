package org.kyphoplasty.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/procedures/{procedureId}/assessments/{timepoint}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class AssessmentResource {

    private final AssessmentService assessments;
    private final CurrentCaller caller;

    public AssessmentResource(AssessmentService assessments, CurrentCaller caller) {
        this.assessments = assessments;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record or correct the scores of one time point (201 created, 200 replaced)")
    public Response put(@PathParam("procedureId") String procedureId, @PathParam("timepoint") String timepoint,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AssessmentRequest request) {
        var procedure = Params.uuid("procedureId", procedureId);
        TimePoint point = Params.enumValue("timepoint", timepoint, TimePoint.class);
        if (request == null) {
            throw ProblemException.invalid("body", "an assessment is required");
        }
        AssessmentService.Saved saved = assessments.put(caller.get(), procedure, point, request, ifMatch);
        return Response.status(saved.created() ? 201 : 200).entity(saved.assessment())
                .header(HttpHeaders.ETAG, saved.assessment().etag()).build();
    }

    @GET
    @Operation(summary = "The scores of one time point, with its ETag")
    public Response get(@PathParam("procedureId") String procedureId, @PathParam("timepoint") String timepoint) {
        AssessmentResponse assessment = assessments.get(caller.get(), Params.uuid("procedureId", procedureId),
                Params.enumValue("timepoint", timepoint, TimePoint.class));
        return Response.ok(assessment).header(HttpHeaders.ETAG, assessment.etag()).build();
    }

    @DELETE
    @Operation(summary = "Delete the scores of one time point (If-Match honoured)")
    public Response delete(@PathParam("procedureId") String procedureId, @PathParam("timepoint") String timepoint,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        assessments.delete(caller.get(), Params.uuid("procedureId", procedureId),
                Params.enumValue("timepoint", timepoint, TimePoint.class), ifMatch);
        return Response.noContent().build();
    }
}
