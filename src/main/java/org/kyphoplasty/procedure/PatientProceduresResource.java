package org.kyphoplasty.procedure;


import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.DomainException;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ResourcePaths;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/patients/{patientId}/procedures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Procedures")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class PatientProceduresResource {

    @Context
    UriInfo uri;

    private final ProcedureService procedures;
    private final CurrentCaller caller;

    public PatientProceduresResource(ProcedureService procedures, CurrentCaller caller) {
        this.procedures = procedures;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a procedure (or the start of non-surgical care) for a patient")
    public Response create(@PathParam("patientId") String patientId, ProcedureRequest request) {
        var patient = Params.uuid("patientId", patientId);
        if (request == null) {
            throw ProblemException.invalid("body", "a procedure is required");
        }
        ProcedureResponse created = procedures.create(caller.get(), patient, request);
        return Response.created(ResourcePaths.of(uri, DomainException.Collection.PROCEDURES, created.id())).entity(created)
                .build();
    }

}
