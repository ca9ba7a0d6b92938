package org.kyphoplasty.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.clinical.SiteCode;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.Today;
import org.kyphoplasty.security.CurrentCaller;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/followups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-up worklist")
@RolesAllowed({ Roles.CLINICIAN, Roles.ADMIN })
public class FollowUpResource {

    private final FollowUpService followUps;
    private final CurrentCaller caller;
    private final Today today;

    public FollowUpResource(FollowUpService followUps, CurrentCaller caller, Today today) {
        this.followUps = followUps;
        this.caller = caller;
        this.today = today;
    }

    @GET
    @Operation(summary = "Visits due now or overdue (window closed in the last 90 days), by window close")
    public Page<FollowUp> worklist(@QueryParam("site") String site, @QueryParam("asOf") String asOf,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = Params.date(errors, "asOf", asOf, today.date());
        if (site != null && !site.isEmpty() && !SiteCode.isValid(site)) {
            errors.add(new FieldError("site", SiteCode.MESSAGE));
        }
        Params.throwIfAny(errors);
        return followUps.worklist(caller.get(), site == null || site.isEmpty() ? null : site, date,
                PageRequest.of(page, size));
    }
}
