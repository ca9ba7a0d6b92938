package org.kyphoplasty.exports;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.audit.AuditService;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.outcomes.OutcomeParams;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/exports")
@Tag(name = "Import and export")
@RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
public class ExportResource {

    private final ExportService exports;
    private final AuditService audit;
    private final CurrentCaller caller;
    private final Today today;

    @Context
    UriInfo uri;

    public ExportResource(ExportService exports, AuditService audit, CurrentCaller caller, Today today) {
        this.exports = exports;
        this.audit = audit;
        this.caller = caller;
        this.today = today;
    }

    @GET
    @Path("/outcomes.csv")
    @Produces("text/csv")
    @Operation(summary = "De-identified assessments, one row per assessment, with the outcome filters")
    public Response outcomes(@BeanParam OutcomeParams params) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeParams.Query query = params.parse(errors, caller.get(), today.date(), OutcomeParams.DatePrecision.YEAR,
                List.of(ProcedureType.KYPHOPLASTY));
        Params.throwIfAny(errors);
        boolean outOfWindow = query.analysis().includeOutOfWindow();
        ExportService.ExportWriter writer = exports.prepare(query.cohort(), outOfWindow);
        audit.recordRead(caller.get().user(), uri.getPath(), uri.getQueryParameters(),
                exports.patients(query.cohort(), outOfWindow));
        StreamingOutput body = writer::writeTo;
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"outcomes.csv\"").build();
    }
}
