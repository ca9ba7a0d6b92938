package org.kyphoplasty.demo;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.imports.ImportResult;
import org.kyphoplasty.imports.ImportService;
import org.kyphoplasty.security.Caller;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * DEV MODE ONLY: loads the synthetic demo cohort through the ordinary import, so a newcomer sees the analyst
 * dashboard with realistic figures a minute after starting: {@code curl -X POST localhost:8080/dev/demo-cohort}.
 * Like the dev token, the bean exists only in the dev build profile; the import is audited as user
 * {@value #USER}. Loading it again changes nothing (the import is idempotent).
 */
@Path("/dev/demo-cohort")
@IfBuildProfile("dev")
public class DevDemoCohortResource {

    static final String USER = "dev-demo-cohort";

    private final ImportService imports;
    private final Today today;

    public DevDemoCohortResource(ImportService imports, Today today) {
        this.imports = imports;
        this.today = today;
    }

    @POST
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dev mode only: import the synthetic demo cohort (SYN- references)")
    public ImportResult load(@QueryParam("patients") String patients, @QueryParam("seed") String seed) {
        java.util.List<org.kyphoplasty.common.FieldError> errors = new java.util.ArrayList<>();
        Integer size = Params.integer(errors, "patients", patients, 2000, 1, 20_000);
        Integer randomSeed = Params.integer(errors, "seed", seed, 42, 0, Integer.MAX_VALUE);
        Params.throwIfAny(errors);
        StringWriter csv = new StringWriter();
        DemoCohort.write(size, randomSeed, today.date(), csv);
        return imports.importCsv(new Caller(USER, true, Set.of()),
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
