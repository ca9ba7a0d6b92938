package org.kyphoplasty.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.common.ProblemException;
import org.kyphoplasty.security.Roles;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The audit trail, newest first; from inclusive, to exclusive (ISO-8601 instants)")
    public Page<AuditRecord> list(@QueryParam("entityId") String entityId, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        UUID entity = entityId == null || entityId.isEmpty() ? null : Params.uuid("entityId", entityId);
        AuditAction kind = action == null || action.isEmpty() ? null : Params.enumValue("action", action,
                AuditAction.class);
        return audit.find(entity, kind, instant("from", from), instant("to", to), pageRequest);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
