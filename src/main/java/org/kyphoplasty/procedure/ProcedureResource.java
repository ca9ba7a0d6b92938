package org.kyphoplasty.procedure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/procedures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Procedures")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class ProcedureResource {

    private final ProcedureService procedures;
    private final CurrentCaller caller;

    public ProcedureResource(ProcedureService procedures, CurrentCaller caller) {
        this.procedures = procedures;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A procedure with all its assessments")
    public ProcedureResponse get(@PathParam("id") String id) {
        return procedures.get(caller.get(), Params.uuid("id", id));
    }
}
