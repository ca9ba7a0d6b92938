package org.kyphoplasty.patient;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.clinical.SiteCode;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.DomainException;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.common.ResourcePaths;
import org.kyphoplasty.common.TextRule;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class PatientResource {

    @Context
    UriInfo uri;

    private final PatientService patients;
    private final CurrentCaller caller;

    public PatientResource(PatientService patients, CurrentCaller caller) {
        this.patients = patients;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a pseudonymous patient of one of your sites")
    public Response create(PatientRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a patient is required");
        }
        PatientResponse created = patients.create(caller.get(), request);
        return Response.created(ResourcePaths.of(uri, DomainException.Collection.PATIENTS, created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A patient with its procedures")
    public PatientResponse get(@PathParam("id") String id) {
        return patients.get(caller.get(), Params.uuid("id", id));
    }

    @GET
    @Operation(summary = "Find patients of your sites by site and external reference")
    public Page<PatientResponse> list(@QueryParam("site") String site, @QueryParam("externalRef") String externalRef,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        if (site != null && !site.isEmpty() && !SiteCode.isValid(site)) {
            errors.add(new FieldError("site", SiteCode.MESSAGE));
        }
        String reference = TextRule.normalize(externalRef);
        if (reference != null && !reference.isEmpty()) {
            TextRule.violation(reference, Patient.EXTERNAL_REF_MAX)
                    .ifPresent(message -> errors.add(new FieldError("externalRef", message)));
        }
        Params.throwIfAny(errors);
        return patients.list(caller.get(), site, reference, PageRequest.of(page, size));
    }
}
