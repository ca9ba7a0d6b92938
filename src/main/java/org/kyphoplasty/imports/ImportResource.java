package org.kyphoplasty.imports;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/imports")
@Tag(name = "Import and export")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class ImportResource {

    private final ImportService imports;
    private final CurrentCaller caller;

    public ImportResource(ImportService imports, CurrentCaller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import patients, procedures and assessments from CSV, all or nothing")
    public ImportResult importCsv(InputStream body) {
        return imports.importCsv(caller.get(), body);
    }
}
