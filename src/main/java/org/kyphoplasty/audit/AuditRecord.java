package org.kyphoplasty.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of the audit trail as the API returns it; {@code before} and {@code after} are the entity's JSON. */
public record AuditRecord(long id, Instant at, String user, AuditAction action, EntityType entityType,
        UUID entityId, JsonNode before, JsonNode after) {
}
