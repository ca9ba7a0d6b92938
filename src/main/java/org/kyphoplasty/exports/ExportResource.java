package org.kyphoplasty.exports;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
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
    private final CurrentCaller caller;
    private final Today today;

    public ExportResource(ExportService exports, CurrentCaller caller, Today today) {
        this.exports = exports;
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
        ExportService.ExportWriter writer = exports.prepare(query.cohort(), query.analysis().includeOutOfWindow());
        StreamingOutput body = writer::writeTo;
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"outcomes.csv\"").build();
    }
}
